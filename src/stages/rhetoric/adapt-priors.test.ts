import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptPriors, fitTemperature, temper } from './adapt-priors.ts';

// Two kinds of item, A and B, with p(A | class 0) = 0.9 and p(A | class 1) = 0.3; a classifier
// trained under priors 0.5 / 0.5 gives A the posterior 0.75 / 0.25 and B 0.125 / 0.875. A batch drawn
// under priors 0.2 / 0.8 holds A with share 0.2·0.9 + 0.8·0.3 = 0.42.
const A = [0.75, 0.25];
const B = [0.125, 0.875];
const batch = (a: number, b: number) => [...Array.from({ length: a }, () => A), ...Array.from({ length: b }, () => B)];

test('adaptPriors: EM recovers the batch priors and flips a borderline item', () => {
  const { priors, posteriors } = adaptPriors(batch(42, 58), [0.5, 0.5], { iterations: 500 });
  assert.ok(Math.abs(priors[0]! - 0.2) < 1e-3, `prior ${priors[0]}`);
  // A under priors 0.2 / 0.8: 0.18 / (0.18 + 0.24) = 0.43 for class 0, so class 1 now wins.
  assert.ok(Math.abs(posteriors[0]![0]! - 0.18 / 0.42) < 1e-3);
  assert.ok(posteriors[0]![1]! > posteriors[0]![0]!);
});

test('adaptPriors: a batch shaped like the reference priors is left as it is', () => {
  const ref = [(42 * 0.75 + 58 * 0.125) / 100, 0];
  ref[1] = 1 - ref[0]!;
  const { posteriors } = adaptPriors(batch(42, 58), ref, { iterations: 50 });
  assert.ok(Math.abs(posteriors[0]![0]! - 0.75) < 1e-9);
  assert.ok(Math.abs(posteriors[99]![0]! - 0.125) < 1e-9);
});

test('adaptPriors: shrinkage pulls the estimate towards the training priors; weights count as copies', () => {
  const plain = adaptPriors(batch(42, 58), [0.5, 0.5], { iterations: 200 }).priors[0]!;
  const shrunk = adaptPriors(batch(42, 58), [0.5, 0.5], { iterations: 200, shrink: 100 }).priors[0]!;
  assert.ok(shrunk > plain + 0.05 && shrunk < 0.5, `${plain} ${shrunk}`);
  const weighted = adaptPriors([A, B], [0.5, 0.5], { iterations: 200 }, [42, 58]).priors[0]!;
  assert.ok(Math.abs(weighted - plain) < 1e-9);
  assert.deepEqual(Array.from(adaptPriors([], [0.5, 0.5]).priors), [0.5, 0.5]);
});

test('fitTemperature: overconfident posteriors get a temperature above 1', () => {
  // Right 70 % of the time while claiming 0.99.
  const ps = Array.from({ length: 100 }, () => [0.99, 0.01]);
  const ys = Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : 1));
  assert.ok(fitTemperature(ps, ys) > 1);
  const t = temper([0.9, 0.1], 2);
  assert.ok(Math.abs(t[0]! - 0.75) < 1e-9);
});
