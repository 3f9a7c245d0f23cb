import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatScore, roundScore } from './sources.ts';

test('stance scores show two decimals and never a negative zero', () => {
  assert.equal(formatScore(-0.004), '0.00');
  assert.equal(Object.is(roundScore(-0.004), -0), false);
  assert.equal(formatScore(-0.006), '-0.01');
  assert.equal(formatScore(0.745), '0.75');
  assert.equal(formatScore(0), '0.00');
});
