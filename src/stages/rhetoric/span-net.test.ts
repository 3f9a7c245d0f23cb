import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradient } from '../../models/gradient-check.ts';
import { makeRng } from '../../models/rng.ts';
import { prepareDoc, tokenRange } from './doc.ts';
import type { WordVectors } from './embeddings.ts';
import { addSpanNetScores, initSpanNet, packSpanNets, spanNetInput, spanNetLayout, spanNetLogits, spanNetLoss, spanNetSpanLogits, spanUnitTable, trainSpanNet, unpackSpanNets, type SpanNetShape } from './span-net.ts';

/** Random word vectors for the words of the given texts (one word is left without a vector). */
function fakeVectors(texts: string[], dims: number, seed: number): WordVectors {
  const rng = makeRng(seed);
  const words = [...new Set(texts.flatMap((t) => prepareDoc(t).tokens.map((x) => x.norm)))].filter((w) => w !== 'zebra');
  const data = new Float32Array(words.length * dims);
  for (let k = 0; k < data.length; k++) data[k] = 2 * rng() - 1;
  return { dims, rows: new Map(words.map((w, i) => [w, i])), data };
}

const TEXTS = ['The brave senator said "never again" to the zebra.\nVoters were told lies, 12 of them!', 'A quiet day.\nThey always lie; they lie again and AGAIN.'];
/** Spans as [text index, phrase]: phrase found by its first occurrence. */
const SPANS: Array<[number, string, number]> = [
  [0, 'brave senator', 0],
  [0, '"never again"', 1],
  [0, 'zebra', 2],
  [0, 'Voters were told lies, 12 of them!', 1],
  [1, 'quiet', 0],
  [1, 'always lie', 2],
  [1, 'again and AGAIN', 1],
];

function setup(shape: SpanNetShape, seed = 3) {
  const vectors = fakeVectors(TEXTS, shape.dims, seed);
  const table = spanUnitTable(shape.dims);
  const docs = TEXTS.map((t) => prepareDoc(t));
  const ranges = SPANS.map(([d, phrase]) => {
    const start = TEXTS[d]!.indexOf(phrase);
    return tokenRange(docs[d]!, { start, end: start + phrase.length });
  });
  const inputs = SPANS.map(([d], s) => spanNetInput(docs[d]!, vectors, table, ranges[s]![0], ranges[s]![1], shape.window));
  const labels = SPANS.map((s) => s[2]);
  return { vectors, table, docs, ranges, inputs, labels };
}

test('span net: analytic gradient matches central finite differences for every parameter', () => {
  const shape: SpanNetShape = { dims: 5, proj: 3, window: 1, hidden: 4, hidden2: 3, classes: 3 };
  const { table, inputs, labels } = setup(shape);
  const net = initSpanNet(shape, 11);
  const L = spanNetLayout(shape);
  // Non-zero biases so that units sit away from the ReLU kink.
  for (let h = 0; h < shape.hidden; h++) net.params[L.b1 + h] = 0.3 * (h % 2 ? 1 : -1) + 0.05 * h;
  for (let c = 0; c < shape.hidden2; c++) net.params[L.b2 + c] = 0.2 + 0.1 * c;
  const grad = new Float64Array(L.size);
  spanNetLoss(net, table.data, inputs, labels, grad);
  const { worst } = checkGradient(net.params, grad, () => spanNetLoss(net, table.data, inputs, labels));
  assert.ok(worst < 1e-4, `largest relative gradient error ${worst}`);
  assert.ok(grad.some((g) => Math.abs(g) > 1e-3));
});

test('span net: the input marks the span and reads the context within its sentence', () => {
  const shape: SpanNetShape = { dims: 5, proj: 3, window: 2, hidden: 4, hidden2: 3, classes: 3 };
  const { inputs } = setup(shape);
  // "zebra" ends the first sentence: two tokens before it, then only the full stop after it.
  const z = inputs[2]!;
  assert.equal(z.to - z.from, 1);
  assert.equal(z.from, 2);
  assert.equal(z.rows.length, 4);
  assert.equal(z.rows[z.from], -1, 'zebra has no vector');
  const inSpan = Array.from({ length: z.rows.length }, (_, i) => z.feats[i * 6]);
  assert.deepEqual(inSpan, [0, 0, 1, 0]);
});

test('span net: the cached run-time pass gives the reference logits, and packing keeps them to float32 precision', () => {
  const shape: SpanNetShape = { dims: 6, proj: 4, window: 2, hidden: 7, hidden2: 5, classes: 4 };
  const { vectors, table, docs, ranges, inputs } = setup(shape, 5);
  const net = initSpanNet(shape, 9);
  const L = spanNetLayout(shape);
  for (let h = 0; h < shape.hidden; h++) net.params[L.b1 + h] = 0.1;
  const other = initSpanNet(shape, 10);
  const { nets: back, mix } = unpackSpanNets(packSpanNets([net, other], 0.4));
  assert.equal(mix, 0.4);
  assert.equal(back.length, 2);
  SPANS.forEach(([d], s) => {
    const ref = spanNetLogits(net, table.data, inputs[s]!);
    const fast = spanNetSpanLogits(net, docs[d]!, vectors, ranges[s]![0], ranges[s]![1]);
    assert.equal(fast.length, shape.classes);
    for (let c = 0; c < ref.length; c++) assert.ok(Math.abs(ref[c]! - fast[c]!) < 1e-9, `span ${s} class ${c}: ${ref[c]} vs ${fast[c]}`);
    const again = spanNetSpanLogits(back[0]!, docs[d]!, vectors, ranges[s]![0], ranges[s]![1]);
    for (let c = 0; c < ref.length; c++) assert.ok(Math.abs(ref[c]! - again[c]!) < 1e-4);
    // The mix adds 0.4 × the mean of both networks' logits.
    const z = Float64Array.from({ length: shape.classes }, (_, c) => c);
    addSpanNetScores(z, back, 0.4, docs[d]!, vectors, ranges[s]![0], ranges[s]![1]);
    const second = spanNetLogits(other, table.data, inputs[s]!);
    for (let c = 0; c < ref.length; c++) assert.ok(Math.abs(z[c]! - (c + 0.2 * (ref[c]! + second[c]!))) < 1e-4);
  });
});

test('span net: training lowers the loss on its spans and is deterministic', () => {
  const shape: SpanNetShape = { dims: 6, proj: 4, window: 1, hidden: 8, hidden2: 6, classes: 3 };
  const { table, inputs, labels } = setup(shape, 7);
  const opts = { shape, epochs: 60, learningRate: 0.02, keep: 1, decay: 0, batch: 3, seed: 1, patience: 100 };
  const before = spanNetLoss(initSpanNet(shape, 1), table.data, inputs, labels);
  const a = trainSpanNet(table.data, inputs, labels, inputs, labels, opts);
  const b = trainSpanNet(table.data, inputs, labels, inputs, labels, opts);
  assert.ok(a.heldOutLoss * inputs.length < before / 2, `loss ${a.heldOutLoss * inputs.length} vs ${before}`);
  assert.deepEqual(Array.from(a.net.params), Array.from(b.net.params));
});
