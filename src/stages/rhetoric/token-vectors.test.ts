import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import type { WordVectors } from './embeddings.ts';
import { tokenVectorScores, tokenVectorValues, unitVector } from './token-vectors.ts';

// Tiny 3-d vectors; "quietly" has none.
const words: Record<string, number[]> = { the: [1, 0, 0], cruel: [0, 3, 4], regime: [2, 2, 1], lies: [0, 0, 5], '.': [1, 1, 1] };
const vectors: WordVectors = { dims: 3, rows: new Map(Object.keys(words).map((w, i) => [w, i])), data: Float32Array.from(Object.values(words).flat()) };
const doc = prepareDoc('The cruel regime lies quietly.\nThe regime lies.');

test('unitVector scales a word vector to length 1 and is null for unknown words', () => {
  assert.deepEqual(Array.from(unitVector(vectors, 'cruel')!).map((x) => +x.toFixed(6)), [0, 0.6, 0.8]);
  assert.equal(unitVector(vectors, 'quietly'), null);
});

test('tokenVectorValues: own vector, mean of the ±2 neighbours with vectors, sentence mean', () => {
  const values = tokenVectorValues(doc, vectors);
  const i = doc.tokens.findIndex((t) => t.norm === 'quietly');
  const v = values[i]!;
  assert.deepEqual(Array.from(v.subarray(0, 3)), [0, 0, 0]);
  // Neighbours within two tokens: "regime", "lies", "." (all in the first line).
  const regime = unitVector(vectors, 'regime')!;
  const expected = [0, 1, 2].map((k) => (regime[k]! + [0, 0, 1][k]! + 1 / Math.sqrt(3)) / 3);
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(v[3 + k]! - expected[k]!) < 1e-6);
  // The second line's tokens share one sentence mean, different from the first line's.
  const last = values[values.length - 1]!;
  assert.deepEqual(Array.from(values[values.length - 2]!.subarray(6)), Array.from(last.subarray(6)));
  assert.notDeepEqual(Array.from(v.subarray(6)), Array.from(last.subarray(6)));
});

test('tokenVectorScores equals the dot product of tokenVectorValues with the weights', () => {
  const own = Float64Array.of(0.5, -1, 2);
  const context = Float64Array.of(-0.3, 0.7, 0.1);
  const sentence = Float64Array.of(1, 1, -2);
  const weights = [...own, ...context, ...sentence];
  const scores = tokenVectorScores(doc, vectors, own, context, sentence);
  tokenVectorValues(doc, vectors).forEach((values, i) => {
    const dot = values.reduce((s, x, k) => s + x * weights[k]!, 0);
    assert.ok(Math.abs(scores[i]! - dot) < 1e-6, `token ${i}: ${scores[i]} vs ${dot}`);
  });
});
