import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { buildGazetteer, caseFits, matchGazetteer } from './gazetteer.ts';
import { findMentions, isEventNoun, referenceAuthor, spansOfTags, trimModelSpan } from './find-mentions.ts';
import type { WeightLookup } from '../../ner/tagger.ts';
import { featureHash } from '../../ner/features.ts';

const kb = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:a', type: 'person', name: 'Oren Dask', aliases: [{ text: 'Marshal Dask', kind: 'title' }, { text: 'Dask', kind: 'surname' }] },
      { id: 'local:b', type: 'place', name: 'Velmar Bay', aliases: [{ text: 'the bay', kind: 'other', needsContext: true }] },
      { id: 'local:c', type: 'organization', name: 'Union of Velmar Workers', aliases: [{ text: 'UVW', kind: 'abbreviation' }] },
      { id: 'local:d', type: 'organization', name: "People's Guard of Velmar Bay", aliases: [] },
    ],
  },
]);
const toks = (s: string) => s.split(' ').map((text) => ({ text }));

test('longest match wins, and a title form also yields the name inside it', () => {
  const gaz = buildGazetteer(kb);
  const ms = matchGazetteer(gaz, toks('Marshal Dask visited Velmar Bay'));
  assert.deepEqual(ms.map((m) => [m.from, m.to, m.entries[0]!.entity.id, m.nested ?? false]), [[0, 2, 'local:a', false], [1, 2, 'local:a', true], [3, 5, 'local:b', false]]);
  // other names inside a longer name are nested mentions; a possessive inside a name does not break it
  const inner = matchGazetteer(gaz, toks("the People 's Guard of Velmar Bay marched"));
  assert.deepEqual(inner.map((m) => [m.from, m.to, m.entries[0]!.entity.id, m.nested ?? false]), [[1, 7, 'local:d', false], [5, 7, 'local:b', true]]);
  // a possessive after a name ends it
  assert.deepEqual(matchGazetteer(gaz, toks("Dask 's men")).map((m) => [m.from, m.to]), [[0, 1]]);
});

test("a place's name does not also name a place inside it", () => {
  const places = buildKnowledgeBase([
    {
      entities: [
        { id: 'local:n', type: 'place', name: 'Norland', aliases: [] },
        { id: 'local:en', type: 'place', name: 'East Norland', aliases: [] },
      ],
    },
  ]);
  const ms = matchGazetteer(buildGazetteer(places), toks('East Norland joined'));
  assert.deepEqual(ms.map((m) => [m.from, m.to, m.entries[0]!.entity.id]), [[0, 2, 'local:en']]);
});

test('case rules: abbreviations need capitals, capitalized names a capital, lower-case epithets their article', () => {
  assert.equal(caseFits('UVW', ['uvw'], undefined), false);
  assert.equal(caseFits('UVW', ['UVW'], undefined), true);
  assert.equal(caseFits('Velmar Bay', ['velmar', 'bay'], undefined), false);
  assert.equal(caseFits('the bay', ['bay'], 'the'), true);
  assert.equal(caseFits('the bay', ['bay'], 'a'), false);
});

/** A stub recognizer: the two words after "met" are a person. */
function metRecognizer(): WeightLookup {
  const [prevMet, prev2Met, afterPer] = [featureHash('w-1=', 'met'), featureHash('w-2=', 'met'), featureHash('t1=', 'B-PER')];
  return {
    addFeature(h, out) {
      if (h === prevMet || h === prev2Met) out[h === prevMet ? 1 : 2]! += 5;
      if (h === afterPer) out[2]! += 1;
    },
  };
}

/** The tokens of a sentence split at spaces, with their offsets. */
function spaced(sentence: string): Array<{ start: number; end: number; text: string }> {
  let pos = 0;
  return sentence.split(' ').map((text) => {
    const t = { start: pos, end: pos + text.length, text };
    pos += text.length + 1;
    return t;
  });
}

test('model names outside the gazetteer are added; a longer model name around a surname keeps the entity', () => {
  const tokens = spaced('They met Oren Dask and met Ilse Varn');
  const ms = findMentions([tokens], { gazetteer: buildGazetteer(kb), model: metRecognizer(), fast: false });
  assert.deepEqual(ms.map((m) => [m.from, m.to, m.found, m.candidates.map((c) => c.entity)]), [[2, 4, 'gazetteer', ['local:a']], [6, 8, 'model', []]]);
});

test('spans of IOB2 tags', () => {
  assert.deepEqual(spansOfTags(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-ORG']), [[0, 2, 'PER'], [3, 4, 'LOC'], [4, 5, 'LOC'], [5, 6, 'ORG']]);
});

test("a recognizer's span loses punctuation and a prefixed modifier at its edges; one left without a capital is dropped", () => {
  const t = (s: string) => s.split(' ').map((text, i) => ({ text, start: i, end: i + 1 }));
  assert.deepEqual(trimModelSpan(t('for the VELMAR ! !!'), 2, 5), [2, 3]);
  assert.deepEqual(trimModelSpan(t('" Velmar Bay "'), 0, 4), [1, 3]);
  assert.equal(trimModelSpan(t('what did he do ?'), 3, 5), undefined);
  assert.equal(trimModelSpan(t('! !!'), 0, 2), undefined);
  assert.deepEqual(trimModelSpan(t('the anti-Dask Velmar Workers'), 1, 4), [2, 4]);
  // a lone prefixed word stays for the linker to judge; a name particle is part of the name
  assert.deepEqual(trimModelSpan(t('the anti-Dask mood'), 1, 2), [1, 2]);
  assert.deepEqual(trimModelSpan(t('al-Dask Velmar'), 0, 2), [0, 2]);
});

test('a recognizer person whose head is an event noun names an event ("the Harbour Strike")', () => {
  const ms = findMentions([spaced('They met Harbour Strike and met Ilse Varn')], { model: metRecognizer(), fast: false });
  assert.deepEqual(ms.map((m) => [m.from, m.to, m.label]), [[2, 4, 'MISC'], [6, 8, 'PER']]);
  assert.ok(isEventNoun('Strike') && isEventNoun('uprising') && !isEventNoun('harbour'));
});

test('referenceAuthor: the author a reference opens with, surname first', () => {
  const at = (text: string) => {
    const r = referenceAuthor(text);
    return r && text.slice(r.start, r.end);
  };
  assert.equal(at('<ref>Vell, Oskar. The Harbour Years - https://example.org/x</ref>'), 'Vell, Oskar');
  assert.equal(at('Peeters, J. K., The Archive (Tamsby, 1990)'), 'Peeters, J. K.');
  assert.equal(at('<ref>Harbour Archives Digest - https://example.org/y</ref>'), undefined);
  assert.equal(at('In Tamsby, the archive opened.'), undefined);
});
