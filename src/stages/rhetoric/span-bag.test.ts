import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { emitSpanFeatures } from './features.ts';
import { loadRhetoricModel } from './model.ts';
import { NestedFeatureIndex } from '../../models/features.ts';
import { addSpanBagScores } from './span-bag.ts';

const text = [
  'A so-called expert said a x b plan is a "total disaster", and we all know it!',
  'I am sure: they will never, ever stop lying to the hard-working people of this nation.',
].join('\n');

test('bag scores from cached word and pair vectors equal the emitted bag features of every span', () => {
  const tc = loadRhetoricModel().tc;
  const k = tc.model.classes;
  const w = tc.model.weights;
  const nested = new NestedFeatureIndex(tc.index);
  const doc = prepareDoc(text);
  const toks = doc.tokens;
  let checked = 0;
  for (let a = 0; a < toks.length; a++) {
    for (let b = a + 1; b <= Math.min(toks.length, a + 9); b++) {
      const span = { start: toks[a]!.start, end: toks[b - 1]!.end };
      // All features minus the non-bag ones = the bag features' sum.
      const all = new Float64Array(k);
      const rest = new Float64Array(k);
      const into = (z: Float64Array) => (value: number, prefix: string, x?: string, y?: string) => {
        const f = nested.get(prefix, x, y);
        if (f >= 0) for (let c = 0; c < k; c++) z[c] += w[f * k + c]! * value;
      };
      emitSpanFeatures(doc, span, into(all));
      emitSpanFeatures(doc, span, into(rest), [], undefined, undefined, false);
      const fast = new Float64Array(k);
      addSpanBagScores(fast, doc, a, b, w, (prefix, x, y) => nested.get(prefix, x, y));
      for (let c = 0; c < k; c++) assert.ok(Math.abs(fast[c]! - (all[c]! - rest[c]!)) < 1e-6, `span ${a}-${b} class ${c}: ${fast[c]} vs ${all[c]! - rest[c]!}`);
      checked++;
    }
  }
  assert.ok(checked > 100);
});

test('the bag scores move with the span words (a different span scores differently)', () => {
  const tc = loadRhetoricModel().tc;
  const nested = new NestedFeatureIndex(tc.index);
  const doc = prepareDoc(text);
  const get = (prefix: string, x?: string, y?: string) => nested.get(prefix, x, y);
  const one = new Float64Array(tc.model.classes);
  const two = new Float64Array(tc.model.classes);
  addSpanBagScores(one, doc, 1, 3, tc.model.weights, get);
  addSpanBagScores(two, doc, 5, 8, tc.model.weights, get);
  assert.notDeepEqual(Array.from(one), Array.from(two));
});

test('bag scores stay the same after the per-word and per-pair caches grow (many new words)', () => {
  const tc = loadRhetoricModel().tc;
  const nested = new NestedFeatureIndex(tc.index);
  const get = (prefix: string, x?: string, y?: string) => nested.get(prefix, x, y);
  const doc = prepareDoc(text);
  const before = new Float64Array(tc.model.classes);
  addSpanBagScores(before, doc, 2, 12, tc.model.weights, get);
  // 3,000 invented words in 3,000 new pairs: the flat row arrays are reallocated meanwhile.
  const words = Array.from({ length: 3000 }, (_, i) => `zq${i.toString(36)}x`);
  const big = prepareDoc(words.join(' '));
  const scratch = new Float64Array(tc.model.classes);
  addSpanBagScores(scratch, big, 0, big.tokens.length, tc.model.weights, get);
  const after = new Float64Array(tc.model.classes);
  addSpanBagScores(after, prepareDoc(text), 2, 12, tc.model.weights, get);
  assert.deepEqual(Array.from(after), Array.from(before));
});
