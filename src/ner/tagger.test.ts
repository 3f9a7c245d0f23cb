import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagDocument, type WeightLookup } from './tagger.ts';

/** A weight table with pseudo-random integer weights for every feature hash (every feature moves the argmax). */
function randomWeights(decoder?: 'viterbi'): WeightLookup {
  return {
    addFeature(h, out) {
      for (let k = 0; k < out.length; k++) out[k]! += (Math.imul(h ^ (k * 0x9e3779b1), 0x85ebca6b) >>> 22) - 512;
    },
    ...(decoder ? { decoder } : {}),
  };
}

/** A document of `n` sentences whose capitalized words are all different (new word types for the caches). */
function manyWords(n: number, tag: string): string[][] {
  const doc: string[][] = [];
  for (let k = 0; k < n; k++) doc.push(['Then', `Vorn${tag}${k}`, 'met', `Halvi${tag}${k}`, 'of', 'the', `Tessa${tag}${k}`, 'Union', 'in', `Ost${tag}${k}`, '.']);
  return doc;
}

for (const decoder of [undefined, 'viterbi'] as const) {
  test(`the per-word score caches give the same tags before and after their pool has grown (${decoder ?? 'greedy'})`, () => {
    const small = [
      ['Yesterday', 'we', 'met', 'Arno', 'Velt', 'in', 'Port', 'Varna', '.'],
      ['Arno', 'of', 'the', 'Union', 'met', 'Bira', 'Sonn', 'and', 'Velt', 'in', '1956', '.'],
    ];
    // more than 4,096 word types: the score pool of a model grows at least once
    const long = manyWords(1500, 'a');
    const fresh = randomWeights(decoder);
    const expectedSmall = tagDocument(fresh, small, {}, { fast: true });
    const expectedLong = tagDocument(randomWeights(decoder), long, {}, { fast: true });
    assert.ok(expectedLong.flat().some((t) => t !== 'O') && expectedLong.flat().some((t) => t === 'O'));
    // a model object whose caches were filled, and grown, by other documents first
    const used = randomWeights(decoder);
    tagDocument(used, manyWords(1500, 'b'), {}, { fast: true });
    tagDocument(used, small, {}, { fast: true });
    assert.deepEqual(tagDocument(used, long, {}, { fast: true }), expectedLong);
    assert.deepEqual(tagDocument(used, small, {}, { fast: true }), expectedSmall);
    // and the words cached before the growth still read their own scores
    assert.deepEqual(tagDocument(fresh, small, {}, { fast: true }), expectedSmall);
  });
}
