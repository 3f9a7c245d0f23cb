import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOMParser } from 'linkedom';
import { makeAnnotation } from '../core/annotation.ts';
import type { AnalyzedSource } from '../core/types.ts';
import { checkWellFormed } from './check-xml.ts';
import { fixtureDoc } from './testing.ts';
import { toTei, toTeiCorpus } from './to-tei.ts';

/** Minimal view of a parsed XML node (linkedom). */
interface XNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XNode>;
  getAttribute(name: string): string | null;
}

/**
 * Reads the body text of a TEI string back, with the offset of every anchor in it; generated
 * comment metadata (`<bibl type="comment-meta">`) is skipped, as it is not source text.
 */
function readBody(xml: string): { text: string; anchors: Map<string, number>; spans: XNode[] } {
  const dom = new DOMParser().parseFromString(xml, 'text/xml') as unknown as { querySelector(s: string): XNode; querySelectorAll(s: string): ArrayLike<XNode> };
  let text = '';
  const anchors = new Map<string, number>();
  const walk = (n: XNode) => {
    if (n.nodeType === 3) text += n.textContent ?? '';
    if (n.nodeType !== 1) return;
    if (n.nodeName === 'anchor') anchors.set(n.getAttribute('xml:id')!, text.length);
    if (n.nodeName === 'bibl' && n.getAttribute('type') === 'comment-meta') return;
    for (const c of Array.from(n.childNodes)) walk(c);
  };
  walk(dom.querySelector('body'));
  return { text, anchors, spans: Array.from(dom.querySelectorAll('span')) };
}

test('the TEI is well-formed, with a header, a body and stand-off span groups per layer', () => {
  const xml = toTei(fixtureDoc());
  assert.deepEqual(checkWellFormed(xml), []);
  assert.match(xml, /<TEI xmlns="http:\/\/www\.tei-c\.org\/ns\/1\.0"/);
  assert.match(xml, /<teiHeader>[\s\S]*<\/teiHeader>/);
  for (const layer of ['mention', 'timex', 'event', 'claim', 'rhetoric', 'stance']) assert.match(xml, new RegExp(`<spanGrp type="${layer}">`));
  assert.doesNotMatch(xml, /<spanGrp type="sentence">/);
});

test('the body text reads back as the source text, and every span\'s anchors enclose exactly its slice', () => {
  const doc = fixtureDoc();
  const { text, anchors, spans } = readBody(toTei(doc));
  assert.equal(text, doc.text);
  const exported = doc.annotations.filter((a) => a.layer !== 'sentence');
  assert.equal(spans.length, exported.length);
  for (const a of exported) {
    const span = spans.find((s) => s.getAttribute('xml:id') === a.id.replace(':', '-'))!;
    assert.ok(span, `span for ${a.id}`);
    const from = anchors.get(span.getAttribute('from')!.slice(1));
    const to = anchors.get(span.getAttribute('to')!.slice(1));
    assert.equal(text.slice(from, to), doc.text.slice(a.start, a.end));
  }
});

test('markup and ampersands in the text are escaped, not interpreted', () => {
  const xml = toTei(fixtureDoc());
  assert.ok(xml.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!xml.includes('<script>'));
  assert.ok(xml.includes('The Harbour &amp; the &lt;Dam&gt;'));
  assert.ok(xml.includes('target="https://example.org/a?b=1&amp;c=2"'));
});

test('sections map to TEI structure: head, byline, p, figure/figDesc, comment div with bibl, chrome div', () => {
  const xml = toTei(fixtureDoc());
  assert.match(xml, /<head xml:id="s-sec-1" type="main">The Harbour/);
  assert.match(xml, /<byline xml:id="s-sec-2">By Ada Quill<\/byline>/);
  assert.match(xml, /<div type="section" n="2"><head xml:id="s-sec-4">Later Years<\/head>/);
  assert.match(xml, /<figure xml:id="s-sec-6"><figDesc>Photo: the quay/);
  assert.match(xml, /<div xml:id="s-sec-7" type="comment" n="0" resp="#commenter-old_sailor"><bibl type="comment-meta"><author ref="#commenter-old_sailor">Sam &amp; Co \(old_sailor\)<\/author><date when="2022-03-05T10:00">/);
  assert.match(xml, /<div xml:id="s-sec-0" type="chrome" subtype="navigation"><ab>Menu \| Login<\/ab><\/div>/);
  const omitted = toTei(fixtureDoc(), { chrome: 'omit' });
  assert.ok(!omitted.includes('Menu | Login'));
  assert.match(omitted, /<gap reason="chrome" quantity="12" unit="chars"\/>/);
  assert.deepEqual(checkWellFormed(omitted), []);
});

test('entities go to listPerson/listPlace with Wikidata @ref; mentions, claims and events point at them', () => {
  const xml = toTei(fixtureDoc());
  assert.match(xml, /<listPerson><person xml:id="ent-Q999001" ref="http:\/\/www\.wikidata\.org\/entity\/Q999001"><persName>Bront<\/persName>/);
  assert.match(xml, /<listPlace><place xml:id="ent-local-velmora"><placeName>Velmora<\/placeName><idno type="annalist">local:velmora<\/idno>/);
  assert.match(xml, /<person xml:id="commenter-old_sailor" role="commenter">/);
  assert.match(xml, /type="PER" from="#a\d+" to="#a\d+" corresp="#ent-Q999001"/);
  assert.match(xml, /type="author-assertion" from="#a\d+" to="#a\d+" resp="#commenter-old_sailor"/);
  assert.match(xml, /type="founding"[^>]*corresp="#ent-Q999001 #ent-local-velmora"/);
  assert.match(xml, /<date when-custom="1921-05" datingMethod="#edtf" notBefore="1921-05-01" notAfter="1921-05-31" ana="timex3:1921-05"\/>/);
  // Every pointer resolves to an xml:id in the document.
  const ids = new Set([...xml.matchAll(/xml:id="([^"]+)"/g)].map((m) => m[1]));
  for (const m of xml.matchAll(/(?:from|to|corresp|resp|ref)="(#[^"]+)"/g)) for (const p of m[1]!.split(' ')) assert.ok(ids.has(p.slice(1)), `dangling pointer ${p}`);
});

test('hostile text stays well-formed: control characters, lone surrogates, "]]>", quotes in attributes, colliding ids', () => {
  const text = 'A\u0000B \uD800 ]]> "q" & <x a="1"> end';
  const doc: AnalyzedSource = {
    id: 'hostile',
    key: 'k',
    meta: { format: 'text', title: 'T"it<le>\u0001' },
    text,
    sourceMap: [],
    sections: [
      { id: 'b', kind: 'body', start: 0, end: text.length },
      { id: 'c"1', kind: 'comment', start: 10, end: 14, author: 'x"y<z>&', time: '2020"' },
    ],
    messages: [],
    annotations: [
      makeAnnotation('hostile', 'mention', 0, 3, 'PER', { stage: 't', version: '1' }, { entity: 'local:a:b', name: 'A<B>' }),
      makeAnnotation('hostile', 'mention', 4, 6, 'PER', { stage: 't', version: '1' }, { entity: 'local:a-b', name: '&' }),
    ],
  };
  const xml = toTei(doc);
  assert.deepEqual(checkWellFormed(xml), []);
  assert.ok(!xml.includes('\u0000') && !/\uD800(?![\uDC00-\uDFFF])/.test(xml));
  // Two entity ids that sanitize alike still get two xml:ids.
  assert.match(xml, /xml:id="ent-local-a-b"/);
  assert.match(xml, /xml:id="ent-local-a-b-2"/);
  const { text: back } = readBody(xml);
  assert.equal(back.length, text.length, 'invalid characters are replaced one for one, keeping offsets');
});

test('several sources make one well-formed teiCorpus', () => {
  const a = fixtureDoc();
  const b = { ...fixtureDoc(), id: 'second-doc' };
  const xml = toTeiCorpus([a, b]);
  assert.deepEqual(checkWellFormed(xml), []);
  assert.equal(xml.match(/<TEI /g)?.length, 2);
  assert.equal(xml.match(/<\?xml/g)?.length, 1);
});

test('checkWellFormed finds raw ampersands, unbalanced tags, duplicate ids and a second root', () => {
  assert.ok(checkWellFormed('<a>x & y</a>').length > 0);
  assert.ok(checkWellFormed('<a><b></a></b>').length > 0);
  assert.ok(checkWellFormed('<a><b xml:id="i"/><c xml:id="i"/></a>').length > 0);
  assert.ok(checkWellFormed('<a/><b/>').length > 0);
  assert.ok(checkWellFormed('<a t="<"/>').length > 0);
  assert.deepEqual(checkWellFormed('<?xml version="1.0"?><a t="&amp;&#x1F600;">ok &lt; <!-- c --><b/></a>'), []);
});
