import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTcStage2, stage2Dims, stage2Inputs, trainTcStage2, type Stage2Place } from './tc-stage2.ts';

test('stage-2 inputs: own log-probabilities, then the means of the other spans of the article, sentence, wording and overlap', () => {
  const places: Stage2Place[] = [
    { start: 0, end: 10, sentence: 0, wording: 'total disaster' },
    { start: 5, end: 20, sentence: 0, wording: 'disaster for all' },
    { start: 40, end: 50, sentence: 2, wording: 'total disaster' },
  ];
  const probs = [[0.8, 0.2], [0.4, 0.6], [0.1, 0.9]];
  const xs = stage2Inputs(places, probs);
  assert.equal(xs[0]!.length, stage2Dims(2));
  const x = Array.from(xs[0]!);
  assert.ok(Math.abs(x[0]! - Math.log(0.8)) < 1e-12 && Math.abs(x[1]! - Math.log(0.2)) < 1e-12);
  const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) < 1e-12);
  assert.ok(near(x.slice(2, 5), [0.25, 0.75, 1]), 'article: mean of spans 1 and 2');
  assert.ok(near(x.slice(5, 8), [0.4, 0.6, 1]), 'sentence: span 1');
  assert.ok(near(x.slice(8, 11), [0.1, 0.9, 1]), 'wording: span 2');
  assert.ok(near(x.slice(11, 14), [0.4, 0.6, 1]), 'overlap: span 1');
  const lone = Array.from(xs[2]!);
  assert.ok(near(lone.slice(5, 8), [0, 0, 0]) && near(lone.slice(11, 14), [0, 0, 0]), 'no sentence or overlap peers: zeros and no flag');
  assert.deepEqual(stage2Inputs([{ start: 0, end: 3, sentence: 0, wording: 'x' }], [[0.5, 0.5]])[0]!.slice(2).every((v) => v === 0), true);
});

test('a stage 2 held at its start is the first stage; trained, it learns what the neighbours say', () => {
  // Two techniques; the own probabilities are uninformative (0.5), the article's other spans tell the label.
  const xs: Float64Array[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 200; i++) {
    const y = i % 2;
    const places: Stage2Place[] = [0, 1, 2].map((j) => ({ start: 10 * j, end: 10 * j + 5, sentence: j, wording: `w${j}` }));
    const probs = [[0.5, 0.5], y ? [0.2, 0.8] : [0.8, 0.2], y ? [0.3, 0.7] : [0.7, 0.3]];
    xs.push(stage2Inputs(places, probs)[0]!);
    ys.push(y);
  }
  const held = trainTcStage2(xs, ys, 2, { l2: 1e6, steps: 50 });
  const p0 = applyTcStage2(held, stage2Inputs([{ start: 0, end: 1, sentence: 0, wording: 'a' }], [[0.3, 0.7]])[0]!);
  assert.ok(Math.abs(p0[0]! - 0.3) < 0.01 && Math.abs(p0[1]! - 0.7) < 0.01, `held at the start: ${Array.from(p0)}`);
  const model = trainTcStage2(xs, ys, 2, { l2: 1e-4 });
  let right = 0;
  xs.forEach((x, i) => {
    const p = applyTcStage2(model, x);
    if ((p[1]! > p[0]! ? 1 : 0) === ys[i]) right++;
  });
  assert.equal(right, xs.length);
});
