import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeAnnotation } from '../core/annotation.ts';
import { codePointToUtf16 } from './code-points.ts';
import { fixtureDoc } from './testing.ts';
import { toWebAnnotations, type WebAnnotation } from './to-web-annotations.ts';

/** The annotation whose id ends with the record id. */
function byRecord(items: WebAnnotation[], id: string): WebAnnotation {
  const hit = items.find((a) => a.id.endsWith(`/${encodeURIComponent(id)}`));
  assert.ok(hit, `no annotation for ${id}`);
  return hit;
}

test('a collection per source with one page; every exported layer record becomes one annotation', () => {
  const doc = fixtureDoc();
  const c = toWebAnnotations(doc, { sourceUri: 'https://example.org/doc' });
  assert.equal(c.type, 'AnnotationCollection');
  assert.equal(c['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(c.first.type, 'AnnotationPage');
  const expected = doc.annotations.filter((a) => a.layer !== 'sentence').length;
  assert.equal(c.total, expected);
  assert.equal(c.first.items.length, expected);
  assert.ok(c.first.items.every((a) => a.target.source === 'https://example.org/doc'));
  assert.equal(toWebAnnotations(doc, { layers: ['sentence'] }).total, 1);
});

test('selectors round-trip: position (code points) and quote both give the annotated text', () => {
  const doc = fixtureDoc();
  const points = Array.from(doc.text);
  for (const a of toWebAnnotations(doc).first.items) {
    const [pos, quote] = a.target.selector;
    assert.equal(points.slice(pos.start, pos.end).join(''), quote.exact);
    assert.equal(doc.text.slice(codePointToUtf16(doc.text, pos.start), codePointToUtf16(doc.text, pos.end)), quote.exact);
    const at = doc.text.indexOf(quote.prefix + quote.exact + quote.suffix);
    assert.ok(at >= 0, 'prefix + exact + suffix is a slice of the text');
  }
});

test('positions after an emoji are one less in code points than in UTF-16 units', () => {
  const doc = fixtureDoc();
  const velmora = doc.annotations.find((a) => a.layer === 'mention' && a.label === 'LOC')!;
  assert.ok(doc.text.slice(0, velmora.start).includes('🚢'));
  const wa = byRecord(toWebAnnotations(doc).first.items, velmora.id);
  assert.deepEqual(wa.target.selector[0], { type: 'TextPositionSelector', start: velmora.start - 1, end: velmora.end - 1 });
});

test('entity links: QIDs as Wikidata entity URIs with purpose identifying, local ids as URNs, unlinked as tags', () => {
  const doc = fixtureDoc();
  const items = toWebAnnotations(doc).first.items;
  const [per, loc, org] = doc.annotations.filter((a) => a.layer === 'mention');
  const p = byRecord(items, per!.id);
  assert.equal(p.motivation, 'identifying');
  assert.deepEqual(p.body[0]!, { type: 'SpecificResource', purpose: 'identifying', source: 'http://www.wikidata.org/entity/Q999001', 'annalist:name': 'Bront' });
  assert.equal(byRecord(items, loc!.id).body[0]!.source, 'urn:annalist:entity:local%3Avelmora');
  const o = byRecord(items, org!.id);
  assert.equal(o.motivation, 'tagging');
  assert.deepEqual(o.body, [{ type: 'TextualBody', purpose: 'tagging', value: 'ORG', format: 'text/plain' }]);
});

test('timex carries its EDTF value, claims their speaker, rhetoric is a classification', () => {
  const doc = fixtureDoc();
  const items = toWebAnnotations(doc).first.items;
  const timex = byRecord(items, doc.annotations.find((a) => a.layer === 'timex')!.id);
  const edtfBody = timex.body.find((b) => b.purpose === 'describing')!;
  assert.equal(edtfBody.value, '1921-05');
  assert.deepEqual(edtfBody['annalist:edtf'], { '@value': '1921-05', '@type': 'http://id.loc.gov/datatypes/edtf/EDTF' });
  assert.equal(edtfBody['annalist:earliest'], '1921-05-01');
  const claim = byRecord(items, doc.annotations.find((a) => a.layer === 'claim' && a.label === 'author-assertion')!.id);
  assert.equal(claim.motivation, 'commenting');
  assert.ok(claim.body.some((b) => b.purpose === 'identifying' && b.source === 'urn:annalist:entity:commenter%3Aold_sailor' && b['annalist:role'] === 'speaker'));
  const rhet = byRecord(items, doc.annotations.find((a) => a.layer === 'rhetoric')!.id);
  assert.equal(rhet.motivation, 'classifying');
  assert.equal(rhet.body[0]!.value, 'Loaded_Language');
});

test('a span cutting an emoji in half is snapped to whole code points; the JSON survives stringify', () => {
  const doc = fixtureDoc();
  const mid = doc.text.indexOf('😀') + 1;
  doc.annotations = [makeAnnotation(doc.id, 'rhetoric', mid, mid + 4, 'Doubt', { stage: 't', version: '1' })];
  const [a] = toWebAnnotations(doc).first.items;
  const [pos, quote] = a!.target.selector;
  assert.ok(quote.exact.startsWith('😀'));
  assert.equal(Array.from(doc.text).slice(pos.start, pos.end).join(''), quote.exact);
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
});
