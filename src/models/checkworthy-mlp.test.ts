import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WordVectors } from '../stages/rhetoric/embeddings.ts';
import { checkworthyDenseInput, mlpLogit, trainCheckworthyMlp } from './checkworthy-mlp.ts';
import { mixCheckworthiness } from './checkworthy.ts';

/** Two-dimensional toy vectors: "figures" words point one way, small talk the other. */
function toyVectors(): WordVectors {
  const words: Array<[string, number, number]> = [['rose', 1, 0], ['fell', 1, 0.1], ['percent', 0.9, 0], ['jobs', 0.8, 0.2], ['thanks', 0, 1], ['everyone', 0.1, 0.9], ['great', 0, 0.8], ['night', 0.1, 1]];
  return { dims: 2, rows: new Map(words.map(([w], i) => [w, i])), data: Float32Array.from(words.flatMap(([, a, b]) => [a, b])) };
}

test('the dense input is the unit mean word vector followed by surface cues', () => {
  const v = toyVectors();
  const x = checkworthyDenseInput('Jobs rose 4 percent?', v);
  assert.equal(x.length, 2 + 8);
  assert.ok(Math.abs(Math.hypot(x[0]!, x[1]!) - 1) < 1e-9);
  assert.ok(x[0]! > x[1]!);
  assert.deepEqual(Array.from(x.slice(2, 6)), [1, 1, 0, 1]);
  // no known word: a zero vector, cues still set
  const y = checkworthyDenseInput('Hmm.', v);
  assert.deepEqual([y[0], y[1], y[2 + 5]], [0, 0, 1]);
});

test('the network learns to rank figure sentences above small talk, the same way for the same seed', () => {
  const v = toyVectors();
  const pos = ['jobs rose 3 percent', 'wages fell 2 percent', 'jobs fell', 'exports rose 10 percent'];
  const neg = ['thanks everyone', 'great night', 'thanks', 'great night everyone', 'thanks great night'];
  const texts = [...pos, ...neg, ...pos, ...neg];
  const xs = texts.map((t) => checkworthyDenseInput(t, v));
  const ys = texts.map((t) => (pos.includes(t) ? 1 : 0));
  const opts = { hidden: 4, epochs: 30, positiveWeight: 1, l2: 0, learningRate: 0.1, seed: 3 };
  const m = trainCheckworthyMlp(xs, ys, opts);
  assert.ok(mlpLogit(m, checkworthyDenseInput('prices rose 5 percent', v)) > mlpLogit(m, checkworthyDenseInput('thanks everyone, great night', v)));
  assert.deepEqual(trainCheckworthyMlp(xs, ys, opts), m);
});

test('the mix sums logits: the network pushes a score up or down by its weight, and is left out when absent', () => {
  const text = 'A plain sentence of ten words or so, nothing more here.';
  const base = mixCheckworthiness(0.2, undefined, text, { mlp: 1, heuristic: 0 });
  assert.ok(Math.abs(base - 0.2) < 1e-9);
  assert.ok(mixCheckworthiness(0.2, 2, text, { mlp: 1, heuristic: 0 }) > base);
  assert.ok(mixCheckworthiness(0.2, -2, text, { mlp: 0.5, heuristic: 0 }) < base);
  assert.ok(Math.abs(mixCheckworthiness(0.2, 5, text, { mlp: 0, heuristic: 0 }) - 0.2) < 1e-9);
});
