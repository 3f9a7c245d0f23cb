import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentRange } from './highlight.ts';

test('segments overlapping annotations into flat pieces that know their covers', () => {
  const a = { start: 2, end: 8, id: 'a' };
  const b = { start: 5, end: 10, id: 'b' };
  const segs = segmentRange(0, 12, [a, b]);
  assert.deepEqual(
    segs.map((s) => [s.start, s.end, s.covering.map((c) => c.id).join('')]),
    [[0, 2, ''], [2, 5, 'a'], [5, 8, 'ab'], [8, 10, 'b'], [10, 12, '']],
  );
});

test('clips annotations to the range and drops zero-width ones', () => {
  const segs = segmentRange(4, 6, [{ start: 0, end: 5 }, { start: 5, end: 5 }]);
  assert.deepEqual(segs.map((s) => [s.start, s.end, s.covering.length]), [[4, 5, 1], [5, 6, 0]]);
});
