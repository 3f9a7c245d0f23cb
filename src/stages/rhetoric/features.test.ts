import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { CHAR_GRAM_VALUE, emitTokenFeatures, spanFeatures, tokenFeatures } from './features.ts';

const text = 'They call it a plan, but the so-called reform is a shameless betrayal of every worker.';

/** The span of the first occurrence of `phrase` in the text. */
function spanOf(phrase: string): { start: number; end: number } {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return { start, end: start + phrase.length };
}

test('character 4-grams cover long spans too, scaled down like their words', () => {
  const doc = prepareDoc(text);
  const long = spanFeatures(doc, spanOf('a shameless betrayal of every worker'));
  const short = spanFeatures(doc, spanOf('shameless betrayal'));
  // A 6-word span still carries the 4-grams of its words ("shameless" → "hame").
  assert.ok(long.get('c4\thame')! > 0);
  assert.ok(short.get('c4\thame')! > 0);
  // Short spans weigh each 4-gram CHAR_GRAM_VALUE; longer spans less, in step with their word features.
  assert.equal(short.get('c4\thame'), CHAR_GRAM_VALUE);
  assert.ok(long.get('c4\thame')! < CHAR_GRAM_VALUE);
  assert.ok(Math.abs(long.get('c4\thame')! / long.get('w\tshameless')! - CHAR_GRAM_VALUE) < 1e-9);
});

test('the span boundaries show in the 4-grams (spaces pad the first and last word)', () => {
  const doc = prepareDoc(text);
  const f = spanFeatures(doc, spanOf('so-called reform'));
  assert.ok(f.has('c4\t so-'));
  assert.ok(f.has('c4\torm '));
  assert.ok(!f.has('c4\t the'));
});

test('repeated wording: the count of the exact word sequence and whether this is its first occurrence', () => {
  const repeated = 'We will win. They doubt it, but we will win, and we will win again.';
  const doc = prepareDoc(repeated);
  const first = repeated.indexOf('we will win'.replace('we', 'We'));
  const last = repeated.lastIndexOf('we will win');
  const f1 = spanFeatures(doc, { start: first, end: first + 11 });
  const f3 = spanFeatures(doc, { start: last, end: last + 11 });
  assert.equal(f1.get('rep\t<=3'), 1);
  assert.equal(f1.get('repfirst\ty'), 1);
  assert.equal(f3.get('repfirst\tn'), 1);
  // A wording found once has no `repfirst` feature.
  const once = spanFeatures(doc, { start: repeated.indexOf('doubt'), end: repeated.indexOf('doubt') + 5 });
  assert.equal(once.get('rep\t<=1'), 1);
  assert.ok(![...once.keys()].some((k) => k.startsWith('repfirst')));
});

test('token word-list features: valence bins, strong valence, valenced neighbours, hedges and the sentence count, only when asked', () => {
  const doc = prepareDoc('Perhaps the corrupt elites betrayed us.\nA calm day.');
  const sp = Float64Array.from([0.6, 0.1]);
  const f = tokenFeatures(doc, sp, true);
  const at = (norm: string) => f[doc.tokens.findIndex((t) => t.norm === norm)]!;
  assert.equal(at('corrupt').get('lv\tv-3'), 1);
  assert.equal(at('corrupt').get('lv3'), 1);
  assert.equal(at('calm').get('lv\tv+1'), 1);
  assert.ok(!at('calm').has('lv3'));
  // "elites" sits between "corrupt" (−3) and "betrayed" (−3).
  assert.equal(at('elites').get('lvn\t2'), 1);
  assert.equal(at('perhaps').get('lh'), 1);
  // Two strong-valence words in the first sentence, none in the second.
  assert.equal(at('the').get('lvs\t2'), 1);
  assert.equal(at('day').get('lvs\t0'), 1);
  // Off by default: the features of older token models are unchanged.
  const plain = tokenFeatures(doc, sp);
  assert.ok(plain.every((m) => ![...m.keys()].some((k) => /^l[vhw]/.test(k))));
  assert.deepEqual([...plain[2]!.keys()], [...at('corrupt').keys()].filter((k) => !/^l[vhw]/.test(k)));
  // At inference the sentence count is emitted once per sentence (token index -1 - sentence).
  const perSentence: string[] = [];
  emitTokenFeatures(doc, (i, _v, prefix, a) => {
    if (i < 0 && prefix === 'lvs') perSentence.push(`${-1 - i}:${a}`);
  }, sp, false, false, true);
  assert.deepEqual(perSentence, ['0:2', '1:0']);
});
