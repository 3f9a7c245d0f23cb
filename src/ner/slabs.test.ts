import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Slabs } from './slabs.ts';

test('slab views are zeroed, of the asked length, and never overlap', () => {
  const slabs = new Slabs();
  const views = [slabs.int32(63), slabs.float64(90), slabs.uint8(13), slabs.int32(7), slabs.uint8(1), slabs.float64(1)];
  for (const v of views) assert.ok(v.every((x) => x === 0));
  assert.deepEqual(views.map((v) => v.length), [63, 90, 13, 7, 1, 1]);
  // writing every element of each view leaves the others as written
  views.forEach((v, k) => v.fill(k + 1));
  views.forEach((v, k) => assert.ok(v.every((x) => x === k + 1), `view ${k}`));
});

test('slab views are 8-byte aligned; a full slab is followed by a new one; a large request gets a buffer of its own', () => {
  const slabs = new Slabs();
  const a = slabs.uint8(3);
  const b = slabs.float64(2);
  assert.equal(a.buffer, b.buffer);
  assert.equal(b.byteOffset, 8);
  let other = false;
  for (let k = 0; k < 2000 && !other; k++) other = slabs.float64(64).buffer !== a.buffer;
  assert.ok(other);
  const big = slabs.int32(100_000);
  assert.equal(big.length, 100_000);
  assert.equal(big.byteOffset, 0);
  assert.ok(big.every((x) => x === 0));
});

test('two allocators never share a buffer', () => {
  const one = new Slabs();
  const two = new Slabs();
  assert.notEqual(one.int32(4).buffer, two.int32(4).buffer);
});
