import { adamState, adamStep, fillGlorot, offsetAllocator, packParams, unpackParams, type NetTrainingBase } from '../../models/net-params.ts';
import { makeRng, shuffleInPlace } from '../../models/rng.ts';
import type { RhetoricDoc } from './doc.ts';
import type { WordVectors } from './embeddings.ts';
import { unitRow, unitTable, type UnitTable } from './token-net.ts';
import { unitVector } from './token-vectors.ts';

/**
 * A small convolutional span encoder for technique classification (TC). A span is read with
 * `window` tokens of context on each side (same sentences). Each token's unit word vector e (zeros
 * when the vectors lack the word) is projected to `proj` values (p = W0·e); a convolution over the
 * tokens at offsets −window…+window, centred on each token of the span, over the projections and
 * `SPAN_NET_FEATURES` cheap per-token values f (the first says whether the token is inside the
 * span, so the filters see the boundary) gives h = relu(b1 + Σ_o W1[o]·p(j+o) + U1[o]·f(j+o)); the
 * max and the mean of h over the span's tokens feed one hidden layer u = relu(b2 + W2·[max; mean]),
 * and z = b3 + W3·u are the technique logits (softmax). Unlike a network over pooled word vectors,
 * it sees word order and the span's edges. Everything before the first ReLU is linear in the word
 * vectors, so at run time each distinct word's contribution to every offset is cached.
 */
export interface SpanNetShape {
  /** Word-vector dimensions. */
  dims: number;
  /** Projection size of a word vector. */
  proj: number;
  /** Convolution half-width (offsets −window…+window) and context tokens read on each side. */
  window: number;
  /** Convolution units. */
  hidden: number;
  /** Units of the layer over the pooled values. */
  hidden2: number;
  /** Number of classes (techniques). */
  classes: number;
}

/** Names of the cheap per-token inputs (see `spanNetInput`). */
export const SPAN_NET_FEATURES = ['inSpan', 'noVector', 'capital', 'allCaps', 'punct', 'repeated'] as const;
const F = SPAN_NET_FEATURES.length;

/** A span network: its shape and all parameters in one flat array (see `spanNetLayout`). */
export interface SpanNet {
  shape: SpanNetShape;
  params: Float64Array;
}

/** Offsets of each parameter block in the flat array, and the total size. */
export interface SpanNetLayout {
  w0: number;
  w1: number;
  u1: number;
  b1: number;
  w2: number;
  b2: number;
  w3: number;
  b3: number;
  size: number;
}

/** The parameter layout: W0 (proj × dims), W1 (offsets × hidden × proj), U1 (offsets × hidden × features), b1, W2 (hidden2 × 2·hidden: max, then mean), b2, W3 (classes × hidden2), b3. */
export function spanNetLayout(s: SpanNetShape): SpanNetLayout {
  const width = 2 * s.window + 1;
  const { take, size } = offsetAllocator();
  const w0 = take(s.proj * s.dims);
  const w1 = take(width * s.hidden * s.proj);
  const u1 = take(width * s.hidden * F);
  const b1 = take(s.hidden);
  const w2 = take(s.hidden2 * 2 * s.hidden);
  const b2 = take(s.hidden2);
  const w3 = take(s.classes * s.hidden2);
  const b3 = take(s.classes);
  return { w0, w1, u1, b1, w2, b2, w3, b3, size: size() };
}

/** A new network with seeded uniform (Glorot) initial weights and zero biases. */
export function initSpanNet(shape: SpanNetShape, seed: number): SpanNet {
  const L = spanNetLayout(shape);
  const params = new Float64Array(L.size);
  const rng = makeRng(seed);
  const fill = (at: number, n: number, fanIn: number, fanOut: number) => fillGlorot(params, rng, at, n, fanIn, fanOut);
  const width = 2 * shape.window + 1;
  const fanIn1 = width * (shape.proj + F);
  fill(L.w0, shape.proj * shape.dims, shape.dims, shape.proj);
  fill(L.w1, width * shape.hidden * shape.proj, fanIn1, shape.hidden);
  fill(L.u1, width * shape.hidden * F, fanIn1, shape.hidden);
  fill(L.w2, shape.hidden2 * 2 * shape.hidden, 2 * shape.hidden, shape.hidden2);
  fill(L.w3, shape.classes * shape.hidden2, shape.hidden2, shape.classes);
  return { shape, params };
}

/** Unit-length word vectors by row, filled as words are met: the token network's table (`unitTable`). */
export type SpanUnitTable = UnitTable;

/** An empty unit-vector table (the token network's `unitTable`). */
export const spanUnitTable = unitTable;

/** The network's input for one span: the tokens read (span plus context), their vector rows and features, and which of them are the span. */
export interface SpanNetInput {
  /** Per token read, its row in the unit-vector table (−1: no vector). */
  rows: Int32Array;
  /** Per token read, `SPAN_NET_FEATURES.length` values. */
  feats: Float32Array;
  /** The span's tokens are positions [from, to) of the tokens read. */
  from: number;
  to: number;
  /** Optional per-class values added to the logits (e.g. another model's log-probabilities: the network then learns a residual). */
  prior?: ArrayLike<number>;
}

const WORD = /[\p{L}\p{N}]/u;
const UPPER = /^\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** The token range read for span tokens [a, b): `window` tokens each side, within the sentences of the span's first and last token. */
export function spanNetReach(doc: RhetoricDoc, a: number, b: number, window: number): [number, number] {
  const n = doc.tokens.length;
  if (!n) return [0, 0];
  const sa = doc.sentenceTokenStart[doc.tokenSentence[Math.min(a, n - 1)]!]!;
  const sb = doc.sentenceTokenStart[doc.tokenSentence[Math.max(0, Math.min(b, n) - 1)]! + 1]!;
  return [Math.max(sa, Math.min(a, n) - window), Math.min(sb, Math.max(b, a) + window)];
}

/** Writes the cheap per-token inputs of token i (document index) into `out` at `at`. */
function tokenFeatures(doc: RhetoricDoc, i: number, inSpan: boolean, hasVector: boolean, out: Float32Array, at: number): void {
  const t = doc.tokens[i]!;
  const word = WORD.test(t.text);
  out[at] = inSpan ? 1 : 0;
  out[at + 1] = hasVector ? 0 : 1;
  out[at + 2] = UPPER.test(t.text) ? 1 : 0;
  out[at + 3] = t.text.length > 1 && word && !LOWER.test(t.text) && UPPER.test(t.text) ? 1 : 0;
  out[at + 4] = word ? 0 : 1;
  out[at + 5] = word && (doc.normCounts.get(t.norm) ?? 0) > 1 ? 1 : 0;
}

/** The input of the span of tokens [a, b) of a document (for training and reference). */
export function spanNetInput(doc: RhetoricDoc, vectors: WordVectors, table: SpanUnitTable, a: number, b: number, window: number): SpanNetInput {
  const [lo, hi] = spanNetReach(doc, a, b, window);
  const n = hi - lo;
  const rows = new Int32Array(n);
  const feats = new Float32Array(n * F);
  for (let i = lo; i < hi; i++) {
    const r = unitRow(table, vectors, doc.tokens[i]!.norm);
    rows[i - lo] = r;
    tokenFeatures(doc, i, i >= a && i < b, r >= 0, feats, (i - lo) * F);
  }
  return { rows, feats, from: Math.max(0, a - lo), to: Math.max(0, Math.min(b, hi) - lo) };
}

/** Work arrays of one forward pass (kept for the backward pass). */
interface Work {
  p: Float64Array;
  pre: Float64Array;
  h: Float64Array;
  mask: Float64Array;
  pooled: Float64Array;
  arg: Int32Array;
  u: Float64Array;
  z: Float64Array;
}

function workFor(s: SpanNetShape, n: number, w?: Work): Work {
  if (w && w.p.length >= n * s.proj && w.pre.length >= n * s.hidden) return w;
  const m = Math.max(n, 16) * 2;
  return {
    p: new Float64Array(m * s.proj),
    pre: new Float64Array(m * s.hidden),
    h: new Float64Array(m * s.hidden),
    mask: new Float64Array(m * s.hidden),
    pooled: w?.pooled ?? new Float64Array(2 * s.hidden),
    arg: w?.arg ?? new Int32Array(s.hidden),
    u: w?.u ?? new Float64Array(s.hidden2),
    z: w?.z ?? new Float64Array(s.classes),
  };
}

/** Forward pass: fills w.z with the logits. `keep` < 1 applies inverted dropout to the convolution units (training). */
function forward(net: SpanNet, L: SpanNetLayout, table: ArrayLike<number>, x: SpanNetInput, w: Work, keep: number, rng: (() => number) | null): void {
  const { dims: D, proj: P, window: K, hidden: H, hidden2: H2, classes: C } = net.shape;
  const th = net.params;
  const n = x.rows.length;
  for (let i = 0; i < n; i++) {
    const r = x.rows[i]!;
    for (let q = 0; q < P; q++) {
      let s = 0;
      if (r >= 0) for (let k = 0; k < D; k++) s += th[L.w0 + q * D + k]! * table[r * D + k]!;
      w.p[i * P + q] = s;
    }
  }
  const m = x.to - x.from;
  w.pooled.fill(0);
  for (let h = 0; h < H; h++) {
    w.pooled[h] = -Infinity;
    w.arg[h] = -1;
  }
  for (let j = x.from; j < x.to; j++) {
    for (let h = 0; h < H; h++) {
      let s = th[L.b1 + h]!;
      for (let o = -K; o <= K; o++) {
        const i = j + o;
        if (i < 0 || i >= n) continue;
        const wo = L.w1 + ((o + K) * H + h) * P;
        for (let q = 0; q < P; q++) s += th[wo + q]! * w.p[i * P + q]!;
        const uo = L.u1 + ((o + K) * H + h) * F;
        for (let f = 0; f < F; f++) s += th[uo + f]! * x.feats[i * F + f]!;
      }
      w.pre[j * H + h] = s;
      const mk = rng ? (rng() < keep ? 1 / keep : 0) : 1;
      w.mask[j * H + h] = mk;
      const v = s > 0 ? s * mk : 0;
      w.h[j * H + h] = v;
      if (v > w.pooled[h]!) {
        w.pooled[h] = v;
        w.arg[h] = j;
      }
      w.pooled[H + h]! += v / m;
    }
  }
  if (!m) for (let h = 0; h < H; h++) w.pooled[h] = 0;
  for (let c = 0; c < H2; c++) {
    let s = th[L.b2 + c]!;
    for (let k = 0; k < 2 * H; k++) s += th[L.w2 + c * 2 * H + k]! * w.pooled[k]!;
    w.u[c] = s > 0 ? s : 0;
  }
  for (let c = 0; c < C; c++) {
    let s = th[L.b3 + c]!;
    for (let k = 0; k < H2; k++) s += th[L.w3 + c * H2 + k]! * w.u[k]!;
    w.z[c] = x.prior ? s + x.prior[c]! : s;
  }
}

/** Backward pass of the last forward pass: adds d(loss)/d(params) to `grad` given dz = d(loss)/d(logits). */
function backward(net: SpanNet, L: SpanNetLayout, table: ArrayLike<number>, x: SpanNetInput, w: Work, dz: Float64Array, grad: Float64Array, dp: Float64Array): void {
  const { dims: D, proj: P, window: K, hidden: H, hidden2: H2, classes: C } = net.shape;
  const th = net.params;
  const n = x.rows.length;
  const m = x.to - x.from;
  const du = new Float64Array(H2);
  for (let c = 0; c < C; c++) {
    const g = dz[c]!;
    grad[L.b3 + c]! += g;
    for (let k = 0; k < H2; k++) {
      grad[L.w3 + c * H2 + k]! += g * w.u[k]!;
      du[k]! += g * th[L.w3 + c * H2 + k]!;
    }
  }
  const dpool = new Float64Array(2 * H);
  for (let c = 0; c < H2; c++) {
    if (w.u[c]! <= 0) continue;
    const g = du[c]!;
    grad[L.b2 + c]! += g;
    for (let k = 0; k < 2 * H; k++) {
      grad[L.w2 + c * 2 * H + k]! += g * w.pooled[k]!;
      dpool[k]! += g * th[L.w2 + c * 2 * H + k]!;
    }
  }
  if (!m) return;
  dp.fill(0, 0, n * P);
  for (let j = x.from; j < x.to; j++) {
    for (let h = 0; h < H; h++) {
      const at = j * H + h;
      if (w.pre[at]! <= 0 || w.mask[at] === 0) continue;
      const g = ((w.arg[h] === j ? dpool[h]! : 0) + dpool[H + h]! / m) * w.mask[at]!;
      if (g === 0) continue;
      grad[L.b1 + h]! += g;
      for (let o = -K; o <= K; o++) {
        const i = j + o;
        if (i < 0 || i >= n) continue;
        const wo = L.w1 + ((o + K) * H + h) * P;
        for (let q = 0; q < P; q++) {
          grad[wo + q]! += g * w.p[i * P + q]!;
          dp[i * P + q]! += g * th[wo + q]!;
        }
        const uo = L.u1 + ((o + K) * H + h) * F;
        for (let f = 0; f < F; f++) grad[uo + f]! += g * x.feats[i * F + f]!;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const r = x.rows[i]!;
    if (r < 0) continue;
    for (let q = 0; q < P; q++) {
      const g = dp[i * P + q]!;
      if (g === 0) continue;
      for (let k = 0; k < D; k++) grad[L.w0 + q * D + k]! += g * table[r * D + k]!;
    }
  }
}

/** Reference logits of one span input (no dropout). */
export function spanNetLogits(net: SpanNet, table: ArrayLike<number>, x: SpanNetInput): Float64Array {
  const w = workFor(net.shape, x.rows.length);
  forward(net, spanNetLayout(net.shape), table, x, w, 1, null);
  return w.z.slice(0, net.shape.classes);
}

/** Softmax of logits in place (numerically stable); returns the log of the normaliser. */
function logSoftmaxInPlace(z: Float64Array, n: number): number {
  let mx = -Infinity;
  for (let c = 0; c < n; c++) mx = Math.max(mx, z[c]!);
  let s = 0;
  for (let c = 0; c < n; c++) s += Math.exp(z[c]! - mx);
  const lse = mx + Math.log(s);
  for (let c = 0; c < n; c++) z[c] = Math.exp(z[c]! - lse);
  return lse;
}

/** Summed cross-entropy of the inputs' labels; adds the gradient to `grad` when given. */
export function spanNetLoss(net: SpanNet, table: ArrayLike<number>, inputs: readonly SpanNetInput[], labels: ArrayLike<number>, grad?: Float64Array): number {
  const L = spanNetLayout(net.shape);
  const C = net.shape.classes;
  let w: Work | undefined;
  let dp = new Float64Array(64);
  let loss = 0;
  const dz = new Float64Array(C);
  inputs.forEach((x, d) => {
    w = workFor(net.shape, x.rows.length, w);
    forward(net, L, table, x, w, 1, null);
    const y = labels[d]!;
    const zy = w.z[y]!;
    const lse = logSoftmaxInPlace(w.z, C);
    loss += lse - zy;
    if (!grad) return;
    for (let c = 0; c < C; c++) dz[c] = w.z[c]! - (c === y ? 1 : 0);
    if (dp.length < x.rows.length * net.shape.proj) dp = new Float64Array(2 * x.rows.length * net.shape.proj);
    backward(net, L, table, x, w, dz, grad, dp);
  });
  return loss;
}

/** Training settings of `trainSpanNet`. */
export interface SpanNetTraining extends NetTrainingBase {
  shape: SpanNetShape;
  /** Called after each epoch with the mean training and held-out loss (for logging). */
  log?: (epoch: number, trainLoss: number, heldOutLoss: number) => void;
}

/**
 * Trains a span network with Adam (mean cross-entropy per batch), keeping the parameters of the
 * epoch with the lowest held-out loss (stops after `patience` epochs without a gain). Deterministic
 * for a given seed.
 */
export function trainSpanNet(table: ArrayLike<number>, train: readonly SpanNetInput[], trainLabels: ArrayLike<number>, heldOut: readonly SpanNetInput[], heldOutLabels: ArrayLike<number>, opts: SpanNetTraining): { net: SpanNet; epochs: number; heldOutLoss: number } {
  const net = initSpanNet(opts.shape, opts.seed);
  const L = spanNetLayout(opts.shape);
  const C = opts.shape.classes;
  const rng = makeRng(opts.seed + 1);
  const order = Array.from(train, (_, i) => i);
  const grad = new Float64Array(L.size);
  const adam = adamState(L.size);
  const dz = new Float64Array(C);
  let dp = new Float64Array(64);
  let w: Work | undefined;
  let best = { loss: Infinity, params: net.params.slice(), epoch: 0 };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffleInPlace(order, rng);
    let trainLoss = 0;
    for (let b0 = 0; b0 < order.length; b0 += opts.batch) {
      grad.fill(0);
      const b1 = Math.min(order.length, b0 + opts.batch);
      for (let k = b0; k < b1; k++) {
        const x = train[order[k]!]!;
        const y = trainLabels[order[k]!]!;
        w = workFor(opts.shape, x.rows.length, w);
        forward(net, L, table, x, w, opts.keep, opts.keep < 1 ? rng : null);
        const zy = w.z[y]!;
        trainLoss += logSoftmaxInPlace(w.z, C) - zy;
        for (let c = 0; c < C; c++) dz[c] = w.z[c]! - (c === y ? 1 : 0);
        if (dp.length < x.rows.length * opts.shape.proj) dp = new Float64Array(2 * x.rows.length * opts.shape.proj);
        backward(net, L, table, x, w, dz, grad, dp);
      }
      adamStep(adam, net.params, grad, b1 - b0, opts.learningRate, opts.decay);
    }
    const held = heldOut.length ? spanNetLoss(net, table, heldOut, heldOutLabels) / heldOut.length : 0;
    opts.log?.(epoch, trainLoss / Math.max(1, order.length), held);
    if (held < best.loss) best = { loss: held, params: net.params.slice(), epoch };
    else if (epoch - best.epoch >= (opts.patience ?? 2)) break;
  }
  return { net: { shape: opts.shape, params: best.params }, epochs: best.epoch, heldOutLoss: best.loss };
}

/** Span networks of one shape (seeds) as stored in the rhetoric model file: shape, mixing weight and each network's float32 parameters in base64. */
export interface StoredSpanNets {
  shape: SpanNetShape;
  /** Weight of the networks' mean logits added to the linear technique model's logits (see `spanNetsScores`). */
  mix: number;
  params: string[];
}

/** Packs networks of one shape for storage (parameters as float32, base64). */
export function packSpanNets(nets: readonly SpanNet[], mix: number): StoredSpanNets {
  if (!nets.length) throw new Error('span net: nothing to pack');
  return { shape: nets[0]!.shape, mix, params: nets.map((n) => packParams(n.params)) };
}

/** Unpacks stored networks. */
export function unpackSpanNets(stored: StoredSpanNets): { nets: SpanNet[]; mix: number } {
  const size = spanNetLayout(stored.shape).size;
  const nets = stored.params.map((p) => ({ shape: stored.shape, params: unpackParams(p, size, 'span net') }));
  return { nets, mix: stored.mix };
}

/**
 * Adds mix × the mean logits of the networks for the span of tokens [a, b) to `z` (the linear
 * technique model's logits): softmax(z_linear + mix × mean z_net), i.e. the linear model's
 * log-probabilities plus mix × the networks' mean log-probabilities, renormalised.
 */
export function addSpanNetScores(z: Float64Array, nets: readonly SpanNet[], mix: number, doc: RhetoricDoc, vectors: WordVectors, a: number, b: number): void {
  const k = mix / nets.length;
  for (const net of nets) {
    const zn = spanNetSpanLogits(net, doc, vectors, a, b);
    for (let c = 0; c < zn.length; c++) z[c]! += k * zn[c]!;
  }
}

/** Per network: each word's first-layer contributions to every offset ((2·window + 1) × hidden values), null for words without a vector. */
const wordCache = new WeakMap<SpanNet, Map<string, Float64Array | null>>();
const MAX_CACHED = 200_000;

function wordContribution(net: SpanNet, vectors: WordVectors, word: string): Float64Array | null {
  let cache = wordCache.get(net);
  if (!cache) wordCache.set(net, (cache = new Map()));
  let c = cache.get(word);
  if (c !== undefined) return c;
  const u = unitVector(vectors, word);
  c = null;
  if (u) {
    const { dims: D, proj: P, window: K, hidden: H } = net.shape;
    const L = spanNetLayout(net.shape);
    const th = net.params;
    const p = new Float64Array(P);
    for (let q = 0; q < P; q++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += th[L.w0 + q * D + k]! * u[k]!;
      p[q] = s;
    }
    c = new Float64Array((2 * K + 1) * H);
    for (let oh = 0; oh < c.length; oh++) {
      let s = 0;
      const wo = L.w1 + oh * P;
      for (let q = 0; q < P; q++) s += th[wo + q]! * p[q]!;
      c[oh] = s;
    }
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(word, c);
  return c;
}

/** Per network: for each offset, the first-layer contribution of every pattern of the binary per-token inputs (bit f = input f), `hidden` values each. */
const patternCache = new WeakMap<SpanNet, Float64Array>();
function patternRows(net: SpanNet): Float64Array {
  let rows = patternCache.get(net);
  if (rows) return rows;
  const { window: K, hidden: H } = net.shape;
  const L = spanNetLayout(net.shape);
  const th = net.params;
  const patterns = 1 << F;
  rows = new Float64Array((2 * K + 1) * patterns * H);
  for (let o = 0; o <= 2 * K; o++) {
    for (let pat = 0; pat < patterns; pat++) {
      for (let h = 0; h < H; h++) {
        let s = 0;
        for (let f = 0; f < F; f++) if (pat & (1 << f)) s += th[L.u1 + (o * H + h) * F + f]!;
        rows[(o * patterns + pat) * H + h] = s;
      }
    }
  }
  patternCache.set(net, rows);
  return rows;
}

/** Per document: each token's binary inputs other than `inSpan` as bits (bit f = input f of `SPAN_NET_FEATURES`). */
const bitsCache = new WeakMap<RhetoricDoc, Uint8Array>();
function tokenBits(doc: RhetoricDoc, vectors: WordVectors): Uint8Array {
  let bits = bitsCache.get(doc);
  if (bits) return bits;
  bits = new Uint8Array(doc.tokens.length);
  const one = new Float32Array(F);
  for (let i = 0; i < doc.tokens.length; i++) {
    tokenFeatures(doc, i, false, vectors.rows.has(doc.tokens[i]!.norm), one, 0);
    let b = 0;
    for (let f = 0; f < F; f++) if (one[f]) b |= 1 << f;
    bits[i] = b;
  }
  bitsCache.set(doc, bits);
  return bits;
}

/**
 * The technique logits of the span of tokens [a, b) of a document (run time): the same as
 * `spanNetLogits` on `spanNetInput`, with each distinct word's convolution contributions computed
 * once and cached per network across documents (bounded), and the per-token inputs read as bit
 * patterns whose contributions are tabled per network.
 */
export function spanNetSpanLogits(net: SpanNet, doc: RhetoricDoc, vectors: WordVectors, a: number, b: number): Float64Array {
  const { window: K, hidden: H, hidden2: H2, classes: C } = net.shape;
  const { b1, w2, b2, w3, b3 } = layoutCached(net);
  const th = net.params;
  const [lo, hi] = spanNetReach(doc, a, b, K);
  const n = hi - lo;
  const bits = tokenBits(doc, vectors);
  const table = patternRows(net);
  const patterns = 1 << F;
  const from = Math.max(0, a - lo);
  const to = Math.max(0, Math.min(b, hi) - lo);
  const m = to - from;
  const pooled = new Float64Array(2 * H);
  const pre = new Float64Array(H);
  for (let j = from; j < to; j++) {
    for (let h = 0; h < H; h++) pre[h] = th[b1 + h]!;
    for (let o = -K; o <= K; o++) {
      const i = j + o;
      if (i < 0 || i >= n) continue;
      const c = wordContribution(net, vectors, doc.tokens[lo + i]!.norm);
      const at = (o + K) * H;
      if (c) for (let h = 0; h < H; h++) pre[h]! += c[at + h]!;
      const t = ((o + K) * patterns + (bits[lo + i]! | (i >= from && i < to ? 1 : 0))) * H;
      for (let h = 0; h < H; h++) pre[h]! += table[t + h]!;
    }
    for (let h = 0; h < H; h++) {
      const v = pre[h]! > 0 ? pre[h]! : 0;
      if (v > pooled[h]!) pooled[h] = v;
      pooled[H + h]! += v;
    }
  }
  if (m) for (let h = 0; h < H; h++) pooled[H + h]! /= m;
  const u = new Float64Array(H2);
  for (let c = 0; c < H2; c++) {
    let s = th[b2 + c]!;
    const w = w2 + c * 2 * H;
    for (let k = 0; k < 2 * H; k++) s += th[w + k]! * pooled[k]!;
    u[c] = s > 0 ? s : 0;
  }
  const z = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = th[b3 + c]!;
    const w = w3 + c * H2;
    for (let k = 0; k < H2; k++) s += th[w + k]! * u[k]!;
    z[c] = s;
  }
  return z;
}

const layoutCache = new WeakMap<SpanNet, SpanNetLayout>();
function layoutCached(net: SpanNet): SpanNetLayout {
  let L = layoutCache.get(net);
  if (!L) layoutCache.set(net, (L = spanNetLayout(net.shape)));
  return L;
}
