import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureIndex } from '../../models/features.ts';
import { scoreLinear, softmaxInPlace, type LinearModel } from '../../models/linear.ts';
import { prepareDoc, tokenRange } from './doc.ts';
import { collectFeatures, emitSpanFeatures } from './features.ts';
import { bagTerms, foldTcBayes, mixTcBayes, spanBayesTerms, spanTerms, tcBayesLogPosterior, trainTcBayes } from './tc-bayes.ts';

const text = [
  'They call it a total disaster, a total disaster for the hard-working people of this great nation!',
  'Critics say the so-called experts were wrong again and again about the plan.',
].join('\n');

/** Every span of 1–8 tokens of the text. */
function spansOf(doc: ReturnType<typeof prepareDoc>) {
  const out = [];
  for (let a = 0; a < doc.tokens.length; a++) for (let b = a + 1; b <= Math.min(doc.tokens.length, a + 8); b++) out.push({ start: doc.tokens[a]!.start, end: doc.tokens[b - 1]!.end });
  return out;
}

test('spanTerms counts words, stems, bigrams and 4-grams with repeats', () => {
  const doc = prepareDoc('a total total disaster');
  const t = spanTerms(doc, 0, doc.tokens.length);
  assert.equal(t.get('w\ttotal'), 2);
  assert.equal(t.get('b\ttotal\ttotal'), 1);
  assert.equal(t.get('st\tdisas'), 1);
  assert.equal(t.get('c4\ttota'), 2);
  assert.equal(t.get('st\ttotal'), undefined, 'no stem for words under 6 letters');
});

test('naive Bayes prefers the class whose terms a span shares and skips unknown terms', () => {
  const m = (...terms: string[]) => new Map(terms.map((t) => [t, 1]));
  const nb = trainTcBayes([m('w\tbad', 'w\tevil'), m('w\tbad'), m('w\tflag', 'w\tnation')], [0, 0, 1], 2, 1);
  const evil = tcBayesLogPosterior(nb, m('w\tevil', 'w\tunseen'));
  assert.ok(evil[0]! > evil[1]!);
  assert.ok(Math.abs(Math.exp(evil[0]!) + Math.exp(evil[1]!) - 1) < 1e-12, 'normalised');
  const nation = tcBayesLogPosterior(nb, m('w\tnation'));
  assert.ok(nation[1]! > nation[0]!);
  const none = tcBayesLogPosterior(nb, m('w\tunseen'));
  assert.ok(none[0]! > none[1]!, 'the prior decides when no term is known');
  assert.deepEqual(Array.from(mixTcBayes([0.3, 0.7], nation, 0)).map((x) => x.toFixed(12)), ['0.300000000000', '0.700000000000']);
  assert.ok(mixTcBayes([0.5, 0.5], nation, 0.5)[1]! > 0.5);
});

test('folding the naive Bayes into the technique weights equals mixing its posterior, long spans included', () => {
  const doc = prepareDoc(text);
  const spans = spansOf(doc);
  const feats = spans.map((s) => collectFeatures((emit) => emitSpanFeatures(doc, s, emit, [s])));
  const index = FeatureIndex.build(feats, 1);
  const k = 3;
  // A deterministic "trained" model with weights on every feature.
  const weights = Float32Array.from({ length: index.size * k }, (_, i) => Math.sin(i * 12.9898) * 0.3);
  const model: LinearModel = { classes: k, features: index.size, weights, bias: Float32Array.from([0.1, -0.2, 0.05]) };
  const ys = spans.map((_, i) => i % k);
  const nb = trainTcBayes(spans.map((s) => { const [a, b] = tokenRange(doc, s); return spanTerms(doc, a, b); }), ys, k, 0.3, 1);
  // Every bag feature of the model is a naive Bayes term and vice versa.
  assert.deepEqual(index.names.filter((n) => bagTerms(new Map([[n, 1]])).size).sort(), [...nb.terms.keys()].sort());
  const weight = 0.05;
  const folded = foldTcBayes(model, index.names, nb, weight);
  let long = 0;
  spans.forEach((s, i) => {
    const x = index.vectorize(feats[i]!);
    const mixed = mixTcBayes(softmaxInPlace(scoreLinear(model, x)), tcBayesLogPosterior(nb, spanBayesTerms(doc, s)), weight);
    const direct = softmaxInPlace(scoreLinear(folded, x));
    for (let c = 0; c < k; c++) assert.ok(Math.abs(mixed[c]! - direct[c]!) < 1e-5, `span ${i} class ${c}: ${mixed[c]} vs ${direct[c]}`);
    const [a, b] = tokenRange(doc, s);
    if (b - a > 4) long++;
  });
  assert.ok(long > 20, 'spans longer than four tokens are checked');
  // The fold changes the model (so the test above can tell folded from unfolded).
  assert.ok(model.weights.some((w, i) => Math.abs(w - folded.weights[i]!) > 1e-3));
});
