import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradient } from './gradient-check.ts';

test('checkGradient accepts the true gradient of a quadratic and flags a wrong one', () => {
  const params = Float64Array.of(0.5, -1.5, 2);
  const loss = () => params.reduce((s, p, k) => s + (k + 1) * p * p, 0);
  const right = Array.from(params, (p, k) => 2 * (k + 1) * p);
  const good = checkGradient(params, right, loss);
  assert.equal(good.checked, 3);
  assert.ok(good.worst < 1e-6);
  assert.deepEqual(Array.from(params), [0.5, -1.5, 2]);
  const wrong = right.map((g, k) => (k === 1 ? g * 2 : g));
  assert.ok(checkGradient(params, wrong, loss).worst > 0.1);
});
