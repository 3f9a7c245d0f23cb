import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adamState, adamStep, fillGlorot, offsetAllocator, packParams, unpackParams } from './net-params.ts';

test('offsetAllocator hands out consecutive offsets and reports the total', () => {
  const { take, size } = offsetAllocator();
  assert.equal(take(3), 0);
  assert.equal(take(5), 3);
  assert.equal(take(0), 8);
  assert.equal(size(), 8);
});

test('fillGlorot stays within ±sqrt(6 / (fanIn + fanOut)) and leaves other cells alone', () => {
  const p = new Float64Array(12).fill(7);
  let s = 1;
  const rng = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  fillGlorot(p, rng, 2, 8, 4, 2);
  const r = Math.sqrt(6 / 6);
  for (let k = 2; k < 10; k++) assert.ok(Math.abs(p[k]!) <= r && p[k] !== 7);
  assert.deepEqual([p[0], p[1], p[10], p[11]], [7, 7, 7, 7]);
});

test('adamStep moves each parameter against its gradient by about the learning rate at first', () => {
  const p = Float64Array.from([1, -1, 0.5]);
  const g = Float64Array.from([4, -4, 0]);
  const st = adamState(3);
  adamStep(st, p, g, 2, 0.01, 0);
  assert.equal(st.step, 1);
  assert.ok(Math.abs(p[0]! - 0.99) < 1e-9);
  assert.ok(Math.abs(p[1]! + 0.99) < 1e-9);
  assert.equal(p[2], 0.5);
  adamStep(st, p, new Float64Array(3), 1, 0.01, 0.1);
  assert.ok(p[2]! < 0.5, 'weight decay shrinks a weight with no gradient');
});

test('packParams round-trips at float32 precision and unpackParams checks the size', () => {
  const p = Float64Array.from([0.1, -2.5, 3e-5]);
  const back = unpackParams(packParams(p), 3, 'test net');
  for (let k = 0; k < 3; k++) assert.equal(back[k], Math.fround(p[k]!));
  assert.throws(() => unpackParams(packParams(p), 4, 'test net'), /test net: parameter count/);
});
