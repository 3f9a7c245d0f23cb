import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import type { KbFile } from '../../kb/load-kb.ts';
import { tokenize } from '../tokens/tokenize.ts';
import type { Annotation, Source } from '../../core/types.ts';
import { runStages } from '../../pipeline/run-stages.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { mentionsStage } from '../mentions/index.ts';
import { linkStage } from './index.ts';
import { isShortFormOf, linkMentions, localId } from './link-mentions.ts';

// A made-up world, so that tests depend on no real knowledge base.
const FIXTURE: KbFile = {
  entities: [
    { id: 'local:ivan-petrov', type: 'person', name: 'Ivan Petrov', start: '1890', end: '1960', aliases: [{ text: 'Petrov', kind: 'surname' }, { text: 'the Gardener', kind: 'epithet', needsContext: true }, { text: 'Marshal Petrov', kind: 'title' }] },
    { id: 'local:rurland', type: 'place', subtype: 'country', name: 'Rurland', aliases: [{ text: 'RR', kind: 'abbreviation' }, { text: 'Rurlandian', kind: 'demonym' }] },
    { id: 'local:novgrad', type: 'place', subtype: 'city', name: 'Novgrad', standsFor: 'local:rurland', aliases: [] },
    { id: 'local:kim-one', type: 'person', name: 'Kim Ar Sen', start: '1900', end: '1950', aliases: [{ text: 'Kim', kind: 'surname' }] },
    { id: 'local:kim-two', type: 'person', name: 'Kim Bo Ran', start: '1960', end: '2020', aliases: [{ text: 'Kim', kind: 'surname' }] },
    { id: 'local:us-fixture', type: 'place', name: 'United Shires', aliases: [{ text: 'US', kind: 'abbreviation' }] },
  ],
};

/** A minimal stand-in for the sentences+tokens stages: one sentence per line. */
const tokenStage: Stage = {
  name: 'test-tokens',
  version: '0',
  requires: [],
  assigns: ['token'],
  run({ source }) {
    const annotations: Annotation[] = [];
    let offset = 0;
    let i = 0;
    source.text.split('\n').forEach((line, si) => {
      for (const t of tokenize(line, offset)) annotations.push({ id: `t${i}`, layer: 'token', start: t.start, end: t.end, label: t.kind, attrs: { norm: t.norm, sentence: si, i: i++ }, provenance: { stage: 'test-tokens', version: '0' } });
      offset += line.length + 1;
    });
    return { annotations };
  },
};

function analyze(text: string) {
  const kb = buildKnowledgeBase([FIXTURE]);
  const source: Source = { id: 'src1', key: 'k', meta: { format: 'text' }, text, sourceMap: [], sections: [], messages: [] };
  const out = runStages(source, [tokenStage, mentionsStage, linkStage], { resources: { kb }, options: { mentions: { model: false } } });
  return out.annotations
    .filter((a) => a.layer === 'mention')
    .map((a) => ({ text: text.slice(a.start, a.end), label: a.label, ...a.attrs }) as { text: string; label: string } & Record<string, unknown>);
}

test('gazetteer is case-, possessive- and diacritic-tolerant but keeps abbreviations case-sensitive', () => {
  const ms = analyze('PETRÓV’s garden grew.\nLet us go to the US today.');
  assert.deepEqual(ms.map((m) => [m.text, m.entity]), [['PETRÓV', 'local:ivan-petrov'], ['US', 'local:us-fixture']]);
});

test('a capital is the place after a locative preposition and the state when it acts', () => {
  const ms = analyze('The delegation arrived in Novgrad at noon.\nNovgrad refused the offer.');
  assert.equal(ms[0]!.entity, 'local:novgrad');
  assert.equal(ms[1]!.entity, 'local:rurland');
  assert.equal(ms[1]!.standsFor, 'local:rurland');
  assert.equal(ms[1]!.via, 'local:novgrad');
  assert.equal(ms[1]!.form, 'metonym');
});

test('demonyms are groups linked to their country; epithets need the entity named in the document', () => {
  const ms = analyze('Rurlandian workers met Ivan Petrov.\nLater the Gardener spoke.');
  assert.deepEqual(ms.map((m) => [m.text, m.label, m.entity]), [['Rurlandian', 'GRP', 'local:rurland'], ['Ivan Petrov', 'PER', 'local:ivan-petrov'], ['Gardener', 'PER', 'local:ivan-petrov']]);
  const alone = analyze('Later the Gardener spoke.');
  assert.equal(alone[0]!.entity, undefined);
  assert.equal(alone[0]!.linkRule, 'unresolved');
});

test('two people with one name are told apart by the years of the document, or left unresolved', () => {
  assert.equal(analyze('In 1935 and 1938 Kim travelled.')[0]!.entity, 'local:kim-one');
  assert.equal(analyze('In 1975 Kim travelled.')[0]!.entity, 'local:kim-two');
  const none = analyze('Kim travelled.')[0]!;
  assert.equal(none.linkRule, 'unresolved');
  assert.deepEqual(none.candidates, ['local:kim-one', 'local:kim-two']);
});

test('unknown short forms corefer with the fuller name anywhere in the document', () => {
  const kb = buildKnowledgeBase([]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'PER' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, 'Lumba'), m(10, 'Petra Lumba'), m(30, 'P. Lumba'), m(50, 'Oskar Vell')], { text: '' });
  assert.deepEqual(rs.map((r) => r.entity), ['local:petra-lumba', 'local:petra-lumba', 'local:petra-lumba', 'local:oskar-vell']);
  assert.deepEqual(rs.map((r) => r.linkRule), ['coref-short-form', 'local-new', 'coref-short-form', 'local-new']);
});

test('short forms: subsets and initials, never longer or unrelated names', () => {
  assert.equal(isShortFormOf(['lumba'], ['petra', 'lumba']), true);
  assert.equal(isShortFormOf(['p', 'lumba'], ['petra', 'lumba']), true);
  assert.equal(isShortFormOf(['petra', 'lumba'], ['petra', 'lumba']), false);
  assert.equal(isShortFormOf(['q', 'lumba'], ['petra', 'lumba']), false);
  assert.equal(localId('Ludo De Wítte'), 'local:ludo-de-witte');
});

test('a bare title refers back to the last person named who bears it', () => {
  const ms = analyze('Marshal Petrov reviewed the troops.\nThen the marshal left, and the general stayed.');
  const title = ms.find((m) => m.text === 'marshal')!;
  assert.equal(title.entity, 'local:ivan-petrov');
  assert.equal(title.linkRule, 'title-coref');
  // nobody named so far is a general: "the general" stays plain text
  assert.equal(ms.some((m) => m.text === 'general'), false);
  // no person named before: no title mention
  assert.equal(analyze('Then the marshal left.').length, 0);
});
