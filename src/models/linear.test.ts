import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureIndex, NestedFeatureIndex, featureName } from './features.ts';
import { averageLinearModels, predictProbabilities, trainLinear, type Example } from './linear.ts';
import { packLinearModel, unpackLinearModel } from './serialize.ts';

const rows: Array<[string[], number]> = [
  [['w=good', 'w=great'], 0],
  [['w=great', 'w=fine'], 0],
  [['w=bad', 'w=awful'], 1],
  [['w=awful', 'w=poor'], 1],
  [['w=odd', 'w=strange'], 2],
  [['w=strange', 'w=weird'], 2],
];

function examples(index: FeatureIndex): Example[] {
  return rows.map(([f, y]) => ({ x: index.vectorize(new Map(f.map((n) => [n, 1]))), y }));
}

test('a softmax model learns a separable three-class problem', () => {
  const index = FeatureIndex.build(rows.map(([f]) => new Map(f.map((n) => [n, 1]))));
  const model = trainLinear(examples(index), { classes: 3, features: index.size, epochs: 30, learningRate: 0.5 });
  const p = predictProbabilities(model, index.vectorize(new Map([['w=awful', 1]])));
  assert.equal(p.indexOf(Math.max(...p)), 1);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

test('a binary model ranks the positive class higher and survives packing', () => {
  const index = FeatureIndex.build(rows.map(([f]) => new Map(f.map((n) => [n, 1]))));
  const ex = examples(index).map((e) => ({ ...e, y: e.y === 1 ? 1 : 0 }));
  const model = trainLinear(ex, { classes: 1, features: index.size, epochs: 30, learningRate: 0.5 });
  const bad = index.vectorize(new Map([['w=bad', 1]]));
  const good = index.vectorize(new Map([['w=good', 1]]));
  assert.ok(predictProbabilities(model, bad)[0]! > 0.5);
  assert.ok(predictProbabilities(model, good)[0]! < 0.5);
  const packed = JSON.parse(JSON.stringify(packLinearModel(model, index.names, ['bad'])));
  const back = unpackLinearModel(packed);
  const idx2 = new FeatureIndex(back.features);
  const p2 = predictProbabilities(back.model, idx2.vectorize(new Map([['w=bad', 1]])))[0]!;
  assert.ok(Math.abs(p2 - predictProbabilities(model, bad)[0]!) < 1e-3);
});

test('training is deterministic for a seed', () => {
  const index = FeatureIndex.build(rows.map(([f]) => new Map(f.map((n) => [n, 1]))));
  const a = trainLinear(examples(index), { classes: 3, features: index.size, epochs: 5, seed: 4 });
  const b = trainLinear(examples(index), { classes: 3, features: index.size, epochs: 5, seed: 4 });
  assert.deepEqual(Array.from(a.weights), Array.from(b.weights));
});

test('the nested index finds structured names by their parts', () => {
  const index = new FeatureIndex([featureName('bias'), featureName('w', 'cat'), featureName('b', 'the', 'cat')]);
  const nested = new NestedFeatureIndex(index);
  assert.equal(nested.get('w', 'cat'), index.get('w\tcat'));
  assert.equal(nested.get('b', 'the', 'cat'), index.get('b\tthe\tcat'));
  assert.equal(nested.get('bias'), index.get('bias'));
  assert.equal(nested.get('w', 'dog'), -1);
});

test('label smoothing keeps the right class first but its probability further from 1', () => {
  const index = FeatureIndex.build(rows.map(([f]) => new Map(f.map((n) => [n, 1]))));
  const opts = { classes: 3, features: index.size, epochs: 30, learningRate: 0.5 };
  const x = index.vectorize(new Map([['w=awful', 1]]));
  const sharp = predictProbabilities(trainLinear(examples(index), opts), x);
  const smooth = predictProbabilities(trainLinear(examples(index), { ...opts, labelSmoothing: 0.3 }), x);
  assert.equal(smooth.indexOf(Math.max(...smooth)), 1);
  assert.ok(smooth[1]! < sharp[1]!, `${smooth[1]} < ${sharp[1]}`);
});

test('averaging models gives the element-wise mean of their weights and biases', () => {
  const index = FeatureIndex.build(rows.map(([f]) => new Map(f.map((n) => [n, 1]))));
  const opts = { classes: 3, features: index.size, epochs: 5 };
  const a = trainLinear(examples(index), { ...opts, seed: 1 });
  const b = trainLinear(examples(index), { ...opts, seed: 2 });
  const expected = Array.from(a.weights, (w, i) => Math.fround((w + b.weights[i]!) / 2));
  const expectedBias = Array.from(a.bias, (w, c) => Math.fround((w + b.bias[c]!) / 2));
  const mean = averageLinearModels([a, b]);
  assert.deepEqual(Array.from(mean.weights), expected);
  assert.deepEqual(Array.from(mean.bias), expectedBias);
});
