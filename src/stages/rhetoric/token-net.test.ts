import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradient } from '../../models/gradient-check.ts';
import { makeRng } from '../../models/rng.ts';
import { prepareDoc, type RhetoricDoc } from './doc.ts';
import type { WordVectors } from './embeddings.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadWordVectors } from './embeddings.ts';
import { initTokenNet, inputCount, layoutOf, mixWithinSentences, netInput, netLogits, netLoss, packTokenNet, sentenceNetLogits, sentenceNetProbabilities, shiftBySentences, TOKEN_NET_FEATURES, TOKEN_NET_LEXICON_FEATURES, tokenNetLogits, trainTokenNet, unitTable, unpackTokenNet, type StoredTokenNet, type TokenNetInput, type TokenNetShape, type UnitTable } from './token-net.ts';

/** Random word vectors for the words of the given texts (one word is left without a vector). */
function fakeVectors(texts: string[], dims: number, seed: number): WordVectors {
  const rng = makeRng(seed);
  const words = [...new Set(texts.flatMap((t) => prepareDoc(t).tokens.map((x) => x.norm)))].filter((w) => w !== 'zebra');
  const data = new Float32Array(words.length * dims);
  for (let k = 0; k < data.length; k++) data[k] = 2 * rng() - 1;
  return { dims, rows: new Map(words.map((w, i) => [w, i])), data };
}

const TEXTS = ['The brave senator said "never again" to the zebra.\nVoters were told lies, 12 of them!', 'A quiet day.\nThey always lie; they lie again and AGAIN.'];
/** A made-up linear-model probability per token. */
const priorOf = (d: ReturnType<typeof prepareDoc>) => Array.from(d.tokens, (_, i) => 0.05 + ((i * 7) % 10) / 11);
const SHAPE: TokenNetShape = { dims: 6, proj: 3, window: 1, hidden: 5, hidden2: 4 };

function setup(shape: TokenNetShape, seed = 3) {
  const vectors = fakeVectors(TEXTS, shape.dims, seed);
  const table = unitTable(shape.dims);
  const docs = TEXTS.map((t) => prepareDoc(t));
  const inputs = docs.map((d) => netInput(d, vectors, table, Array.from(d.sentences, (_, s) => 0.2 + 0.3 * s), priorOf(d)));
  return { vectors, table, docs, inputs };
}

/**
 * A seeded network of `shape` with non-zero biases (units away from the ReLU kink), its analytic
 * gradient on labels made from the tokens (capitalised or every third), and the finite-difference check.
 */
function gradientCheck(shape: TokenNetShape, seed: number, table: UnitTable, docs: RhetoricDoc[], inputs: TokenNetInput[]) {
  const labels = docs.map((d) => Uint8Array.from(d.tokens, (t, i) => (/^[A-Z]/.test(t.text) || i % 3 === 0 ? 1 : 0)));
  const net = initTokenNet(shape, seed);
  const L = layoutOf(shape);
  for (let k = 0; k < shape.hidden; k++) net.params[L.b1 + k] = 0.3 * (k % 2 ? 1 : -1) + 0.05 * k;
  for (let c = 0; c < shape.hidden2; c++) net.params[L.b2 + c] = 0.2 + 0.1 * c;
  const grad = new Float64Array(L.size);
  netLoss(net, table.data, inputs, labels, grad);
  const { worst, checked } = checkGradient(net.params, grad, () => netLoss(net, table.data, inputs, labels));
  return { net, grad, worst, checked, size: L.size };
}

test('token net: analytic gradient matches central finite differences for every parameter', () => {
  const { table, docs, inputs } = setup(SHAPE);
  const { grad, worst, checked, size } = gradientCheck(SHAPE, 17, table, docs, inputs);
  assert.equal(checked, size);
  assert.ok(worst < 1e-4, `largest relative gradient error ${worst}`);
  // The gradient is not trivially zero.
  assert.ok(grad.some((g) => Math.abs(g) > 1e-3));
});

test('token net: the sentence-level loss has the gradient of central finite differences', () => {
  const { table, docs, inputs } = setup(SHAPE, 4);
  const labels = docs.map((d) => Uint8Array.from(d.tokens, (t) => (/^[A-Z]/.test(t.text) ? 1 : 0)));
  const net = initTokenNet(SHAPE, 19);
  const L = layoutOf(SHAPE);
  for (let k = 0; k < SHAPE.hidden; k++) net.params[L.b1 + k] = 0.25 * (k % 2 ? 1 : -1) + 0.05 * k;
  for (let c = 0; c < SHAPE.hidden2; c++) net.params[L.b2 + c] = 0.3 + 0.1 * c;
  // A sentence scorer holds W2 and the prior's skip weight at 0: every token of a sentence then has the same logit.
  net.params.fill(0, L.w2, L.w2 + SHAPE.hidden2 * SHAPE.hidden);
  net.params[L.skip] = 0;
  const grad = new Float64Array(L.size);
  const loss = netLoss(net, table.data, inputs, labels, grad, true);
  // One loss term per sentence, not per token.
  const sentences = inputs.reduce((n, x) => n + x.sentenceStart.length - 1, 0);
  assert.ok(loss > 0.1 * sentences && loss < 10 * sentences);
  assert.notEqual(loss, netLoss(net, table.data, inputs, labels));
  const z = netLogits(net, table.data, inputs[1]!);
  const [a, b] = [inputs[1]!.sentenceStart[1]!, inputs[1]!.sentenceStart[2]!];
  for (let i = a; i < b; i++) assert.ok(Math.abs(z[i]! - z[a]!) < 1e-12);
  const { worst } = checkGradient(net.params, grad, () => netLoss(net, table.data, inputs, labels, undefined, true));
  assert.ok(worst < 1e-4, `largest relative gradient error ${worst}`);
  assert.ok(grad.some((g) => Math.abs(g) > 1e-3));
});

test('token net: the cached run-time pass gives the reference logits, and packing keeps them to float32 precision', () => {
  const shape: TokenNetShape = { dims: 6, proj: 4, window: 2, hidden: 7, hidden2: 3 };
  const { vectors, table, docs, inputs } = setup(shape, 5);
  const net = initTokenNet(shape, 9);
  const L = layoutOf(shape);
  for (let k = 0; k < shape.hidden; k++) net.params[L.b1 + k] = 0.1;
  for (let c = 0; c < shape.hidden2; c++) net.params[L.b2 + c] = 0.1;
  docs.forEach((doc, d) => {
    const probs = Array.from(doc.sentences, (_, s) => 0.2 + 0.3 * s);
    const ref = netLogits(net, table.data, inputs[d]!);
    const fast = tokenNetLogits(net, doc, vectors, probs, priorOf(doc));
    assert.equal(fast.length, doc.tokens.length);
    for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(ref[i]! - fast[i]!) < 1e-9, `token ${i}: ${ref[i]} vs ${fast[i]}`);
    const { net: back, mix } = unpackTokenNet(packTokenNet(net, 0.4));
    assert.equal(mix, 0.4);
    const again = tokenNetLogits(back, doc, vectors, probs, priorOf(doc));
    for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(ref[i]! - again[i]!) < 1e-4);
  });
});

test('token net: the run-time pass matches the reference pass over many distinct words (cache growth, one-word sentences, reuse)', () => {
  const shape: TokenNetShape = { dims: 5, proj: 3, window: 2, hidden: 8, hidden2: 4 };
  // 1,500 made-up words in sentences of 1 to 9 words, some repeated, one without a vector.
  const rng = makeRng(11);
  const lines: string[] = [];
  for (let w = 0; w < 1500; ) {
    const n = 1 + Math.floor(rng() * 9);
    const words: string[] = [];
    for (let k = 0; k < n; k++, w++) words.push(rng() < 0.1 ? 'zebra' : `qx${w % 1400}`);
    lines.push(`${words.join(' ')}.`);
  }
  const text = lines.join('\n');
  const vectors = fakeVectors([text], shape.dims, 13);
  const table = unitTable(shape.dims);
  const doc = prepareDoc(text);
  const probs = Array.from(doc.sentences, (_, s) => (s % 5) / 5);
  const input = netInput(doc, vectors, table, probs, priorOf(doc));
  const net = initTokenNet(shape, 4);
  const ref = netLogits(net, table.data, input);
  const fast = tokenNetLogits(net, doc, vectors, probs, priorOf(doc));
  assert.equal(fast.length, ref.length);
  // The same sums in another order: equal up to rounding.
  for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(ref[i]! - fast[i]!) < 1e-9, `token ${i}: ${ref[i]} vs ${fast[i]}`);
  // From the filled cache: exactly the same.
  assert.deepEqual(Array.from(tokenNetLogits(net, doc, vectors, probs, priorOf(doc))), Array.from(fast));
});

test('token net: training lowers the held-out loss on a learnable labelling and is deterministic', () => {
  const shape: TokenNetShape = { dims: 6, proj: 4, window: 1, hidden: 8, hidden2: 4 };
  const { table, docs, inputs } = setup(shape, 7);
  // Label: the token after a capitalised word (needs the convolution's left neighbour).
  const labels = docs.map((d) => Uint8Array.from(d.tokens, (_, i) => (i > 0 && /^[A-Z]/.test(d.tokens[i - 1]!.text) ? 1 : 0)));
  const tokens = labels.reduce((n, y) => n + y.length, 0);
  const before = netLoss(initTokenNet(shape, 1), table.data, inputs, labels) / tokens;
  const opts = { shape, epochs: 200, patience: 200, learningRate: 0.02, keep: 1, decay: 0, batch: 2, seed: 1 };
  const a = trainTokenNet(table.data, inputs, labels, inputs, labels, opts);
  const b = trainTokenNet(table.data, inputs, labels, inputs, labels, opts);
  assert.ok(a.heldOutLoss < 0.5 * before, `loss ${before} -> ${a.heldOutLoss}`);
  assert.deepEqual(Array.from(a.net.params), Array.from(b.net.params));
});

test('mixWithinSentences: mix 0 keeps the linear probabilities; a sentence-wide shift of the network logits changes nothing', () => {
  const doc = prepareDoc('One two three.\nFour five.');
  const lin = Array.from(doc.tokens, (_, i) => 0.1 + 0.1 * i);
  const z = Array.from(doc.tokens, (_, i) => (i % 2 ? 1.5 : -0.5));
  const zero = mixWithinSentences(doc, lin, z, 0);
  lin.forEach((p, i) => assert.ok(Math.abs(zero[i]! - p) < 1e-9));
  const mixed = mixWithinSentences(doc, lin, z, 0.5);
  // Shift the second sentence's logits: its tokens keep their mixed probabilities.
  const shifted = z.map((v, i) => (doc.tokenSentence[i] === 1 ? v + 3 : v));
  const again = mixWithinSentences(doc, lin, shifted, 0.5);
  mixed.forEach((p, i) => assert.ok(Math.abs(again[i]! - p) < 1e-9));
  // Within a sentence the order follows the network: token 1 (z 1.5) rises, token 0 (z -0.5) falls.
  assert.ok(mixed[1]! > lin[1]! && mixed[0]! < lin[0]!);
});

test('sentence net: training a sentence scorer learns which sentences hold a span; its logits shift whole sentences', () => {
  const shape: TokenNetShape = { dims: 6, proj: 4, window: 1, hidden: 8, hidden2: 4 };
  const { vectors, table, docs, inputs } = setup(shape, 8);
  // A sentence holds a span when it holds a digit or a capitalised word after its first token.
  const labels = docs.map((d) => {
    const y = new Uint8Array(d.tokens.length);
    d.tokens.forEach((t, i) => {
      if (/\d/.test(t.text) || (i > d.sentenceTokenStart[d.tokenSentence[i]!]! && /^[A-Z]/.test(t.text))) y[i] = 1;
    });
    return y;
  });
  const sentences = inputs.reduce((n, x) => n + x.sentenceStart.length - 1, 0);
  const opts = { shape, epochs: 300, patience: 300, learningRate: 0.02, keep: 1, decay: 0, batch: 2, seed: 2, sentenceLevel: true };
  const before = netLoss(initTokenNet(shape, 2), table.data, inputs, labels, undefined, true) / sentences;
  const r = trainTokenNet(table.data, inputs, labels, inputs, labels, opts);
  assert.ok(r.heldOutLoss < 0.5 * before, `loss ${before} -> ${r.heldOutLoss}`);
  docs.forEach((doc, d) => {
    const probs = Array.from(doc.sentences, () => 0.3);
    const z = sentenceNetLogits(r.net, doc, vectors, probs);
    assert.equal(z.length, doc.sentences.length);
    // The run-time pass (one logit per sentence from the pooled units) equals the reference pass.
    const ref = netLogits(r.net, table.data, netInput(doc, vectors, table, probs));
    const fast = tokenNetLogits(r.net, doc, vectors, probs);
    for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(ref[i]! - fast[i]!) < 1e-9, `token ${i}: ${ref[i]} vs ${fast[i]}`);
    for (let s = 0; s < z.length; s++) {
      const [a, b] = [doc.sentenceTokenStart[s]!, doc.sentenceTokenStart[s + 1]!];
      let held = 0;
      for (let i = a; i < b; i++) held |= labels[d]![i]!;
      assert.equal(z[s]! > 0, held === 1, `sentence ${s} of text ${d}: logit ${z[s]}`);
    }
  });
});

test('shiftBySentences: gamma 0 keeps the probabilities; otherwise a sentence moves by gamma × z, keeping its order', () => {
  const doc = prepareDoc('One two three.\nFour five.');
  const probs = Array.from(doc.tokens, (_, i) => 0.1 + 0.1 * i);
  const sentZ = [2, -1];
  const same = shiftBySentences(doc, probs, sentZ, 0);
  probs.forEach((p, i) => assert.ok(Math.abs(same[i]! - p) < 1e-12));
  const moved = shiftBySentences(doc, probs, sentZ, 0.5);
  const logit = (p: number) => Math.log(p / (1 - p));
  probs.forEach((p, i) => {
    const expected = doc.tokenSentence[i] === 0 ? 1 : -0.5;
    assert.ok(Math.abs(logit(moved[i]!) - logit(p) - expected) < 1e-9);
  });
});

test('sentenceNetProbabilities: the logistic of each sentence logit', () => {
  const p = sentenceNetProbabilities([0, 2, -3]);
  assert.equal(p.length, 3);
  assert.equal(p[0], 0.5);
  assert.ok(Math.abs(p[1]! - 1 / (1 + Math.exp(-2))) < 1e-15);
  assert.ok(p[2]! < 0.05 && p[2]! > 0);
});

// Networks without `lexicon` (every model file before the word-list inputs) must predict exactly as
// before: logits pinned from the code before the word-list inputs were added.
const PINNED_TEXT = 'They call it reform, but it is a shameless betrayal of every honest worker!\nPerhaps the plan will work.';
const PINNED_SEEDED = [-0.447798773034, -0.136478307885, -0.21329102281, -0.065310058208, -0.275955615179, -0.129034018051, -0.162383487662, -0.15779809596, -0.136478307885, -0.183397098414];
const PINNED_SHIPPED = [-0.545919736601, -0.302780569618, -0.572261631642, -0.56419368212, -0.555506734438, -0.44924960466, -0.516896747382, -0.219709236144, -0.058411194829, 0.143849454298];
const SHIPPED_NET_MD5 = '8e2477f231adbae3d3aebbfadab288af';

test('token net without word-list inputs: 13 inputs, and the logits of the code before them', () => {
  const doc = prepareDoc(PINNED_TEXT);
  const shape: TokenNetShape = { dims: 6, proj: 3, window: 2, hidden: 5, hidden2: 4 };
  assert.equal(inputCount(shape), TOKEN_NET_FEATURES.length);
  assert.equal(inputCount({ ...shape, lexicon: true }), TOKEN_NET_FEATURES.length + TOKEN_NET_LEXICON_FEATURES.length);
  const rng = makeRng(3);
  const words = [...new Set(doc.tokens.map((t) => t.norm))].filter((w) => w !== 'plan');
  const data = new Float32Array(words.length * 6);
  for (let k = 0; k < data.length; k++) data[k] = 2 * rng() - 1;
  const z = tokenNetLogits(initTokenNet(shape, 17), doc, { dims: 6, rows: new Map(words.map((w, i) => [w, i])), data }, [0.7, 0.2]);
  PINNED_SEEDED.forEach((v, i) => assert.ok(Math.abs(z[i]! - v) < 1e-11, `token ${i}: ${z[i]} vs ${v}`));
});

test('the shipped token network (rhetoric.json) loads and gives the logits of the code before the word-list inputs', (t) => {
  const stored = (JSON.parse(readFileSync(new URL('../../../data/models/rhetoric.json', import.meta.url), 'utf8')) as { net?: StoredTokenNet }).net;
  if (!stored || createHash('md5').update(stored.params).digest('hex') !== SHIPPED_NET_MD5) {
    t.skip('rhetoric.json holds another token network than the one pinned');
    return;
  }
  assert.equal(stored.shape.lexicon, undefined);
  const { net } = unpackTokenNet(stored);
  const z = tokenNetLogits(net, prepareDoc(PINNED_TEXT), loadWordVectors(), [0.7, 0.2]);
  PINNED_SHIPPED.forEach((v, i) => assert.ok(Math.abs(z[i]! - v) < 1e-11, `token ${i}: ${z[i]} vs ${v}`));
});

test('token net with word-list inputs: gradient by finite differences, the run-time pass equals the reference, the inputs change the logits', () => {
  const shape: TokenNetShape = { ...SHAPE, lexicon: true };
  const vectors = fakeVectors(TEXTS, shape.dims, 6);
  const table = unitTable(shape.dims);
  const texts = [...TEXTS, 'Perhaps the corrupt, disgusting elites betrayed us.\nA fine day.'];
  const docs = texts.map((t) => prepareDoc(t));
  const inputs = docs.map((d) => netInput(d, vectors, table, Array.from(d.sentences, (_, s) => 0.2 + 0.3 * s), undefined, true));
  assert.equal(inputs[2]!.feats.length, docs[2]!.tokens.length * inputCount(shape));
  const { net, worst, checked, size } = gradientCheck(shape, 23, table, docs, inputs);
  assert.equal(checked, size);
  assert.ok(worst < 1e-4, `largest relative gradient error ${worst}`);
  docs.forEach((doc, d) => {
    const probs = Array.from(doc.sentences, (_, s) => 0.2 + 0.3 * s);
    const ref = netLogits(net, table.data, inputs[d]!);
    const fast = tokenNetLogits(net, doc, vectors, probs);
    for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(ref[i]! - fast[i]!) < 1e-9, `token ${i}: ${ref[i]} vs ${fast[i]}`);
  });
  // "disgusting" (AFINN −3) reads valence −0.6 and strong valence 1; zeroing the word-list inputs' weights changes its logit.
  const W = inputCount(shape);
  const at = docs[2]!.tokens.findIndex((t) => t.norm === 'disgusting');
  assert.ok(Math.abs(inputs[2]!.feats[at * W + TOKEN_NET_FEATURES.length]! + 0.6) < 1e-6);
  assert.equal(inputs[2]!.feats[at * W + TOKEN_NET_FEATURES.length + 1], 1);
  const blind = { shape, params: net.params.slice() };
  const L = layoutOf(shape);
  for (let k = 0; k < shape.hidden; k++) blind.params.fill(0, L.u1 + k * W + TOKEN_NET_FEATURES.length, L.u1 + (k + 1) * W);
  assert.notEqual(netLogits(blind, table.data, inputs[2]!)[at], netLogits(net, table.data, inputs[2]!)[at]);
});
