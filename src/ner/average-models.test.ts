import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageModels } from './average-models.ts';
import type { NerModel } from './model.ts';
import { NER_TAGS } from './tagger.ts';

/** A made-up model with the given rows (each a row index and its nine weights) at `scale`. */
function model(rows: [number, number[]][], scale: number, bits = 8): NerModel {
  return {
    format: 'annalist-ner-hashed/2',
    tags: [...NER_TAGS],
    trainedOn: 'made-up',
    epochs: 1,
    bits,
    scale,
    rows: Uint32Array.from(rows.map((r) => r[0])),
    values: Int16Array.from(rows.flatMap((r) => r[1])),
    names: Uint32Array.of(7),
    nameTypes: Uint8Array.of(1),
    ext: new Uint32Array(0),
    extTypes: new Uint8Array(0),
    classKeys: new Uint32Array(0),
    classValues: new Uint32Array(0),
  };
}

const z = (k: number, v: number) => NER_TAGS.map((_, t) => (t === k ? v : 0));

test('averaging models takes the mean of their dequantized weights over the union of their rows', () => {
  // weights: model a row 3 tag 1 = 2.0 (128 at scale 64), model b row 3 tag 1 = 1.0, row 5 tag 2 = -1.0
  const a = model([[3, z(1, 128)]], 64);
  const b = model([[3, z(1, 32)], [5, z(2, -32)]], 32);
  const m = averageModels([a, b], 'two seeds');
  assert.deepEqual([...m.rows], [3, 5]);
  // means 1.5 and -0.5; the largest is far below 32767 / 64, so the scale is 64 again
  assert.equal(m.scale, 64);
  assert.deepEqual([...m.values.slice(0, 9)], z(1, 96));
  assert.deepEqual([...m.values.slice(9, 18)], z(2, -32));
  assert.equal(m.trainedOn, 'two seeds');
  // resources come from the first model
  assert.deepEqual([...m.names], [7]);
  // a row whose mean rounds to zero everywhere is dropped
  assert.deepEqual([...averageModels([model([[4, z(1, 1)]], 64), model([[4, z(1, -1)]], 64)]).rows], []);
});

test('averaging refuses models of different table sizes', () => {
  assert.throws(() => averageModels([model([], 64, 8), model([], 64, 9)]));
  assert.throws(() => averageModels([]));
});
