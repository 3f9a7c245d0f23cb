import { makeRng, shuffleInPlace } from '../../models/rng.ts';
import type { RhetoricDoc } from './doc.ts';
import type { WordVectors } from './embeddings.ts';
import { unitVector } from './token-vectors.ts';

/**
 * A small convolutional token network for span identification: is a token inside a propaganda span?
 * Per sentence, each token's unit word vector e (zeros when the vectors lack the word) is projected
 * to `proj` values (p = W0·e); a convolution over the projections of the tokens within `window`
 * positions (same sentence), plus `TOKEN_NET_FEATURES` cheap per-token values f, gives
 * h = relu(b1 + Σ_o W1[o]·p(i+o) + U1·f); the sentence's max and mean of h join each token's own h
 * in a second layer u = relu(b2 + W2·h + Vx·max + Vm·mean); the logit is z = b3 + w3·u, plus
 * skip × the `prior` input when one is given (the linear model's logit, for stacking; the training
 * script does not use it, see `data/models/rhetoric.md`). Everything before the first ReLU is
 * linear in the word vectors, so at run time each distinct word's contribution Σ W1[o]·W0·e to
 * every offset is computed once and cached.
 */
export interface TokenNetShape {
  /** Word-vector dimensions. */
  dims: number;
  /** Projection size of a word vector. */
  proj: number;
  /** Convolution half-width: offsets −window…+window. */
  window: number;
  /** First-layer units. */
  hidden: number;
  /** Second-layer units. */
  hidden2: number;
}

/** Names of the cheap per-token inputs of the network (see `tokenNetFeatures`). */
export const TOKEN_NET_FEATURES = ['sentProb', 'capital', 'allCaps', 'noVector', 'punct', 'first', 'last', 'quoted', 'repeated', 'position', 'sentLength', 'digit', 'prior'] as const;
const F = TOKEN_NET_FEATURES.length;
/** The inputs that are the same for every token of a sentence, and the others. */
const SENTENCE_INPUTS = [TOKEN_NET_FEATURES.indexOf('sentProb'), TOKEN_NET_FEATURES.indexOf('sentLength')];
const TOKEN_INPUTS = TOKEN_NET_FEATURES.map((_, f) => f).filter((f) => !SENTENCE_INPUTS.includes(f));
/** Index of the `prior` input: the linear token model's logit / `PRIOR_SCALE` (clipped to ±2), also added to the output through the `skip` weight. */
const PRIOR = F - 1;
/** Scale of the prior logit as an input. */
const PRIOR_SCALE = 4;

/** A token network: its shape and all parameters in one flat array (see `layoutOf`). */
export interface TokenNet {
  shape: TokenNetShape;
  params: Float64Array;
}

/** Offsets of each parameter block in the flat array, and the total size. */
export interface TokenNetLayout {
  w0: number;
  w1: number;
  u1: number;
  b1: number;
  w2: number;
  vx: number;
  vm: number;
  b2: number;
  w3: number;
  b3: number;
  /** Weight of the prior input added straight to the logit (starts at `PRIOR_SCALE`: the network starts as the linear model). */
  skip: number;
  size: number;
}

/** The parameter layout of a shape: W0 (proj × dims), W1 (offsets × hidden × proj), U1 (hidden × features), b1, W2, Vx, Vm (hidden2 × hidden each), b2, w3, b3, skip. */
export function layoutOf(s: TokenNetShape): TokenNetLayout {
  const width = 2 * s.window + 1;
  let at = 0;
  const take = (n: number) => {
    const o = at;
    at += n;
    return o;
  };
  const w0 = take(s.proj * s.dims);
  const w1 = take(width * s.hidden * s.proj);
  const u1 = take(s.hidden * F);
  const b1 = take(s.hidden);
  const w2 = take(s.hidden2 * s.hidden);
  const vx = take(s.hidden2 * s.hidden);
  const vm = take(s.hidden2 * s.hidden);
  const b2 = take(s.hidden2);
  const w3 = take(s.hidden2);
  const b3 = take(1);
  const skip = take(1);
  return { w0, w1, u1, b1, w2, vx, vm, b2, w3, b3, skip, size: at };
}

/** A new network with seeded uniform (Glorot) initial weights and zero biases. */
export function initTokenNet(shape: TokenNetShape, seed: number): TokenNet {
  const L = layoutOf(shape);
  const params = new Float64Array(L.size);
  const rng = makeRng(seed);
  const fill = (at: number, n: number, fanIn: number, fanOut: number) => {
    const r = Math.sqrt(6 / (fanIn + fanOut));
    for (let k = 0; k < n; k++) params[at + k] = (2 * rng() - 1) * r;
  };
  const width = 2 * shape.window + 1;
  fill(L.w0, shape.proj * shape.dims, shape.dims, shape.proj);
  fill(L.w1, width * shape.hidden * shape.proj, width * shape.proj + F, shape.hidden);
  fill(L.u1, shape.hidden * F, width * shape.proj + F, shape.hidden);
  fill(L.w2, 3 * shape.hidden2 * shape.hidden, 3 * shape.hidden, shape.hidden2);
  fill(L.w3, shape.hidden2, shape.hidden2, 1);
  params[L.skip] = PRIOR_SCALE;
  return { shape, params };
}

/** The network's inputs for one document: word-vector rows, per-token features and sentence bounds. */
export interface TokenNetInput {
  /** Per token, its row in the unit-vector table (−1: no vector). */
  rows: Int32Array;
  /** Per token, `TOKEN_NET_FEATURES.length` values. */
  feats: Float32Array;
  /** First token of each sentence, plus the token count at the end. */
  sentenceStart: Int32Array;
}

/** Unit-length word vectors by row, filled as words are met (see `netInput`). */
export interface UnitTable {
  dims: number;
  rows: Map<string, number>;
  data: number[];
}

/** An empty unit-vector table for the given dimensions. */
export function unitTable(dims: number): UnitTable {
  return { dims, rows: new Map(), data: [] };
}

/** The row of a word in the unit-vector table, adding it when new (−1: the vectors lack it). */
function unitRow(table: UnitTable, vectors: WordVectors, word: string): number {
  let r = table.rows.get(word);
  if (r === undefined) {
    const u = unitVector(vectors, word);
    r = -1;
    if (u) {
      r = table.data.length / table.dims;
      for (let k = 0; k < table.dims; k++) table.data.push(u[k]!);
    }
    table.rows.set(word, r);
  }
  return r;
}

const QUOTE = /^["“”«»„]$/u;
const WORD = /[\p{L}\p{N}]/u;
const UPPER = /^\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;

/**
 * The per-token inputs (`TOKEN_NET_FEATURES`): the sentence model's probability, capitalised, all
 * capitals, no word vector, punctuation, first / last of its sentence, inside quotes (an odd number
 * of quote tokens before it in the sentence), a content word repeated in the article, relative
 * position in the sentence, sentence length (log, scaled), holds a digit, and the prior: the linear
 * token model's logit of `priorProbs` (0 without), scaled by 1 / `PRIOR_SCALE` and clipped to ±2.
 */
export function tokenNetFeatures(doc: RhetoricDoc, sentenceProbs: ArrayLike<number>, hasVector: (i: number) => boolean, priorProbs?: ArrayLike<number>): Float32Array {
  const out = new Float32Array(doc.tokens.length * F);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    const n = b - a;
    let quotes = 0;
    for (let i = a; i < b; i++) {
      const t = doc.tokens[i]!;
      const o = i * F;
      // ASCII fast paths; the regular expressions decide for other characters.
      const c = t.text.charCodeAt(0);
      const word = c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : WORD.test(t.text);
      const upper = c < 128 ? c >= 65 && c <= 90 : UPPER.test(t.text);
      out[o] = sentenceProbs[s]!;
      out[o + 1] = upper ? 1 : 0;
      out[o + 2] = upper && t.text.length > 1 && !LOWER.test(t.text) ? 1 : 0;
      out[o + 3] = hasVector(i) ? 0 : 1;
      out[o + 4] = word ? 0 : 1;
      out[o + 5] = i === a ? 1 : 0;
      out[o + 6] = i === b - 1 ? 1 : 0;
      out[o + 7] = quotes % 2;
      out[o + 8] = word && t.norm.length > 3 && (doc.normCounts.get(t.norm) ?? 0) > 1 ? 1 : 0;
      out[o + 9] = n > 1 ? (i - a) / (n - 1) : 0;
      out[o + 10] = Math.log(1 + n) / 4;
      out[o + 11] = word && hasDigit(t.text) ? 1 : 0;
      if (priorProbs) {
        const q = Math.min(1 - 1e-6, Math.max(1e-6, priorProbs[i]!));
        out[o + PRIOR] = Math.max(-2, Math.min(2, Math.log(q / (1 - q)) / PRIOR_SCALE));
      }
      if (!word && QUOTE.test(t.text)) quotes++;
    }
  }
  return out;
}

/** True when a word holds a digit (ASCII scan; the regular expression for other characters). */
function hasDigit(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return DIGIT.test(text);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** The network's inputs of a document (for training), adding its words to the unit-vector table. */
export function netInput(doc: RhetoricDoc, vectors: WordVectors, table: UnitTable, sentenceProbs: ArrayLike<number>, priorProbs?: ArrayLike<number>): TokenNetInput {
  const rows = Int32Array.from(doc.tokens, (t) => unitRow(table, vectors, t.norm));
  return { rows, feats: tokenNetFeatures(doc, sentenceProbs, (i) => rows[i]! >= 0, priorProbs), sentenceStart: doc.sentenceTokenStart };
}

/** Work arrays of one sentence's forward and backward pass (grown as needed). */
interface Work {
  p: Float64Array;
  a1: Float64Array;
  h: Float64Array;
  a2: Float64Array;
  u: Float64Array;
  z: Float64Array;
  dp: Float64Array;
  da1: Float64Array;
  dh: Float64Array;
  gmax: Float64Array;
  gmean: Float64Array;
  argmax: Int32Array;
  sumDa2: Float64Array;
  /** Tokens whose word vector was dropped in this pass (training only). */
  drop: Uint8Array;
}
function workFor(s: TokenNetShape, n: number, w?: Work): Work {
  if (w && w.z.length >= n) return w;
  const m = Math.max(n, 64);
  return {
    p: new Float64Array(m * s.proj),
    a1: new Float64Array(m * s.hidden),
    h: new Float64Array(m * s.hidden),
    a2: new Float64Array(m * s.hidden2),
    u: new Float64Array(m * s.hidden2),
    z: new Float64Array(m),
    dp: new Float64Array(m * s.proj),
    da1: new Float64Array(m * s.hidden),
    dh: new Float64Array(m * s.hidden),
    gmax: new Float64Array(s.hidden),
    gmean: new Float64Array(s.hidden),
    argmax: new Int32Array(s.hidden),
    sumDa2: new Float64Array(s.hidden2),
    drop: new Uint8Array(m),
  };
}

/**
 * Forward pass over the sentence `[a, b)` of an input; logits land in `w.z[0…n)`. With `keep` < 1
 * the first layer's units are dropped at random (inverted dropout, `mask` filled, training only);
 * with `dropWord` > 0 each token's word vector is left out with that probability (training only).
 */
function forwardSentence(net: TokenNet, L: TokenNetLayout, table: ArrayLike<number>, x: TokenNetInput, a: number, b: number, w: Work, keep: number, mask: Float64Array | null, rng: (() => number) | null, dropWord = 0): void {
  const { dims, proj: P, window: K, hidden: H, hidden2: H2 } = net.shape;
  const th = net.params;
  const n = b - a;
  // p = W0·e per token.
  for (let i = 0; i < n; i++) {
    const r = x.rows[a + i]!;
    const po = i * P;
    w.drop[i] = dropWord > 0 && rng!() < dropWord ? 1 : 0;
    if (r < 0 || w.drop[i]) {
      for (let q = 0; q < P; q++) w.p[po + q] = 0;
      continue;
    }
    const eo = r * dims;
    for (let q = 0; q < P; q++) {
      let s = 0;
      const wo = L.w0 + q * dims;
      for (let d = 0; d < dims; d++) s += th[wo + d]! * table[eo + d]!;
      w.p[po + q] = s;
    }
  }
  const mean = w.gmean;
  const max = w.gmax;
  for (let k = 0; k < H; k++) {
    mean[k] = 0;
    max[k] = -Infinity;
    w.argmax[k] = 0;
  }
  for (let i = 0; i < n; i++) {
    const ho = i * H;
    const fo = (a + i) * F;
    for (let k = 0; k < H; k++) {
      let s = th[L.b1 + k]!;
      const uo = L.u1 + k * F;
      for (let f = 0; f < F; f++) s += th[uo + f]! * x.feats[fo + f]!;
      w.a1[ho + k] = s;
    }
    for (let o = -K; o <= K; o++) {
      const j = i + o;
      if (j < 0 || j >= n) continue;
      const po = j * P;
      const base = L.w1 + (o + K) * H * P;
      for (let k = 0; k < H; k++) {
        let s = 0;
        const wo = base + k * P;
        for (let q = 0; q < P; q++) s += th[wo + q]! * w.p[po + q]!;
        w.a1[ho + k] += s;
      }
    }
    for (let k = 0; k < H; k++) {
      let v = w.a1[ho + k]! > 0 ? w.a1[ho + k]! : 0;
      if (mask) {
        const m = rng!() < keep ? 1 / keep : 0;
        mask[ho + k] = m;
        v *= m;
      }
      w.h[ho + k] = v;
      mean[k] += v / n;
      if (v > max[k]!) {
        max[k] = v;
        w.argmax[k] = i;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const ho = i * H;
    const uo = i * H2;
    let z = th[L.b3]! + th[L.skip]! * x.feats[(a + i) * F + PRIOR]!;
    for (let c = 0; c < H2; c++) {
      let s = th[L.b2 + c]!;
      const r2 = L.w2 + c * H;
      const rx = L.vx + c * H;
      const rm = L.vm + c * H;
      for (let k = 0; k < H; k++) s += th[r2 + k]! * w.h[ho + k]! + th[rx + k]! * max[k]! + th[rm + k]! * mean[k]!;
      w.a2[uo + c] = s;
      const u = s > 0 ? s : 0;
      w.u[uo + c] = u;
      z += th[L.w3 + c]! * u;
    }
    w.z[i] = z;
  }
}

/**
 * Backward pass of the sentence `[a, b)` after `forwardSentence`, given dLoss/dz per token in
 * `dz`: adds the parameter gradients to `grad`.
 */
function backwardSentence(net: TokenNet, L: TokenNetLayout, table: ArrayLike<number>, x: TokenNetInput, a: number, b: number, w: Work, dz: Float64Array, mask: Float64Array | null, grad: Float64Array): void {
  const { dims, proj: P, window: K, hidden: H, hidden2: H2 } = net.shape;
  const th = net.params;
  const n = b - a;
  const sumDa2 = w.sumDa2;
  sumDa2.fill(0);
  w.dh.fill(0, 0, n * H);
  for (let i = 0; i < n; i++) {
    const g = dz[i]!;
    if (g === 0) continue;
    const ho = i * H;
    const uo = i * H2;
    grad[L.b3]! += g;
    grad[L.skip]! += g * x.feats[(a + i) * F + PRIOR]!;
    for (let c = 0; c < H2; c++) {
      grad[L.w3 + c]! += g * w.u[uo + c]!;
      if (w.a2[uo + c]! <= 0) continue;
      const d = g * th[L.w3 + c]!;
      grad[L.b2 + c]! += d;
      sumDa2[c]! += d;
      const r2 = L.w2 + c * H;
      for (let k = 0; k < H; k++) {
        grad[r2 + k]! += d * w.h[ho + k]!;
        w.dh[ho + k]! += d * th[r2 + k]!;
      }
    }
  }
  // The pooled inputs: Vx·max and Vm·mean.
  for (let c = 0; c < H2; c++) {
    const d = sumDa2[c]!;
    if (d === 0) continue;
    const rx = L.vx + c * H;
    const rm = L.vm + c * H;
    for (let k = 0; k < H; k++) {
      grad[rx + k]! += d * w.gmax[k]!;
      grad[rm + k]! += d * w.gmean[k]!;
      w.dh[w.argmax[k]! * H + k]! += d * th[rx + k]!;
      const dm = (d * th[rm + k]!) / n;
      for (let i = 0; i < n; i++) w.dh[i * H + k]! += dm;
    }
  }
  // Through dropout and the first ReLU.
  for (let i = 0; i < n; i++) {
    const ho = i * H;
    for (let k = 0; k < H; k++) {
      let d = w.dh[ho + k]!;
      if (mask) d *= mask[ho + k]!;
      w.da1[ho + k] = w.a1[ho + k]! > 0 ? d : 0;
    }
  }
  w.dp.fill(0, 0, n * P);
  for (let i = 0; i < n; i++) {
    const ho = i * H;
    const fo = (a + i) * F;
    for (let k = 0; k < H; k++) {
      const d = w.da1[ho + k]!;
      if (d === 0) continue;
      grad[L.b1 + k]! += d;
      const uo = L.u1 + k * F;
      for (let f = 0; f < F; f++) grad[uo + f]! += d * x.feats[fo + f]!;
      for (let o = -K; o <= K; o++) {
        const j = i + o;
        if (j < 0 || j >= n) continue;
        const po = j * P;
        const wo = L.w1 + (o + K) * H * P + k * P;
        for (let q = 0; q < P; q++) {
          grad[wo + q]! += d * w.p[po + q]!;
          w.dp[po + q]! += d * th[wo + q]!;
        }
      }
    }
  }
  for (let j = 0; j < n; j++) {
    const r = x.rows[a + j]!;
    if (r < 0 || w.drop[j]) continue;
    const eo = r * dims;
    const po = j * P;
    for (let q = 0; q < P; q++) {
      const d = w.dp[po + q]!;
      if (d === 0) continue;
      const wo = L.w0 + q * dims;
      for (let e = 0; e < dims; e++) grad[wo + e]! += d * table[eo + e]!;
    }
  }
}

/** Logits of every token of an input (no dropout): the reference forward pass. */
export function netLogits(net: TokenNet, table: ArrayLike<number>, x: TokenNetInput): Float64Array {
  const L = layoutOf(net.shape);
  const out = new Float64Array(x.rows.length);
  let w: Work | undefined;
  for (let s = 0; s + 1 < x.sentenceStart.length; s++) {
    const a = x.sentenceStart[s]!;
    const b = x.sentenceStart[s + 1]!;
    if (b <= a) continue;
    w = workFor(net.shape, b - a, w);
    forwardSentence(net, L, table, x, a, b, w, 1, null, null);
    out.set(w.z.subarray(0, b - a), a);
  }
  return out;
}

/**
 * Summed logistic loss of the given sentences (input index, sentence index) and, when `grad` is
 * given, its gradient added there. Exposed for the finite-difference test; no dropout.
 */
export function netLoss(net: TokenNet, table: ArrayLike<number>, inputs: readonly TokenNetInput[], labels: readonly Uint8Array[], grad?: Float64Array): number {
  const L = layoutOf(net.shape);
  let loss = 0;
  let w: Work | undefined;
  let dz = new Float64Array(64);
  inputs.forEach((x, d) => {
    for (let s = 0; s + 1 < x.sentenceStart.length; s++) {
      const a = x.sentenceStart[s]!;
      const b = x.sentenceStart[s + 1]!;
      if (b <= a) continue;
      w = workFor(net.shape, b - a, w);
      if (dz.length < b - a) dz = new Float64Array(b - a);
      forwardSentence(net, L, table, x, a, b, w, 1, null, null);
      for (let i = 0; i < b - a; i++) {
        const z = w.z[i]!;
        const y = labels[d]![a + i]!;
        loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        dz[i] = 1 / (1 + Math.exp(-z)) - y;
      }
      if (grad) backwardSentence(net, L, table, x, a, b, w, dz, null, grad);
    }
  });
  return loss;
}

/** Training settings of `trainTokenNet`. */
export interface TokenNetTraining {
  shape: TokenNetShape;
  /** Most passes over the training sentences. */
  epochs: number;
  /** Adam step size. */
  learningRate: number;
  /** Share of first-layer units kept in training (inverted dropout). */
  keep: number;
  /** Decoupled weight decay per step, times the learning rate (AdamW). */
  decay: number;
  /** Sentences per update. */
  batch: number;
  seed: number;
  /** Epochs without a held-out gain before stopping (default 2). */
  patience?: number;
  /** Probability of leaving a token's word vector out in training (default 0). */
  dropWord?: number;
  /** When above 0, held-out loss and the result use an exponential moving average of the parameters with this decay per update. */
  ema?: number;
  /** Called after each epoch with its held-out loss per token (for logging). */
  log?: (epoch: number, trainLoss: number, heldOutLoss: number) => void;
}

/**
 * Trains a token network with Adam on the training inputs, keeping the parameters of the epoch with
 * the lowest mean logistic loss on the held-out inputs (early stopping: stops after `patience` epochs
 * without a gain). Deterministic for a given seed.
 */
export function trainTokenNet(table: ArrayLike<number>, train: readonly TokenNetInput[], trainLabels: readonly Uint8Array[], heldOut: readonly TokenNetInput[], heldOutLabels: readonly Uint8Array[], opts: TokenNetTraining): { net: TokenNet; epochs: number; heldOutLoss: number } {
  const net = initTokenNet(opts.shape, opts.seed);
  const L = layoutOf(opts.shape);
  const rng = makeRng(opts.seed + 1);
  const units: Array<[number, number]> = [];
  train.forEach((x, d) => {
    for (let s = 0; s + 1 < x.sentenceStart.length; s++) if (x.sentenceStart[s + 1]! > x.sentenceStart[s]!) units.push([d, s]);
  });
  const grad = new Float64Array(L.size);
  const m1 = new Float64Array(L.size);
  const m2 = new Float64Array(L.size);
  let step = 0;
  let w: Work | undefined;
  let dz = new Float64Array(64);
  let mask = new Float64Array(64 * opts.shape.hidden);
  const heldTokens = heldOutLabels.reduce((n, y) => n + y.length, 0);
  let best = { loss: Infinity, params: net.params.slice(), epoch: 0 };
  const emaDecay = opts.ema ?? 0;
  const ema = emaDecay > 0 ? net.params.slice() : null;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffleInPlace(units, rng);
    let trainLoss = 0;
    let trainTokens = 0;
    for (let u0 = 0; u0 < units.length; u0 += opts.batch) {
      grad.fill(0);
      let tokens = 0;
      for (let u = u0; u < Math.min(units.length, u0 + opts.batch); u++) {
        const [d, s] = units[u]!;
        const x = train[d]!;
        const a = x.sentenceStart[s]!;
        const b = x.sentenceStart[s + 1]!;
        const n = b - a;
        w = workFor(opts.shape, n, w);
        if (dz.length < n) dz = new Float64Array(n);
        if (mask.length < n * opts.shape.hidden) mask = new Float64Array(n * opts.shape.hidden);
        forwardSentence(net, L, table, x, a, b, w, opts.keep, opts.keep < 1 ? mask : null, rng, opts.dropWord ?? 0);
        for (let i = 0; i < n; i++) {
          const z = w.z[i]!;
          const y = trainLabels[d]![a + i]!;
          trainLoss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
          dz[i] = 1 / (1 + Math.exp(-z)) - y;
        }
        tokens += n;
        backwardSentence(net, L, table, x, a, b, w, dz, opts.keep < 1 ? mask : null, grad);
      }
      trainTokens += tokens;
      // Adam on the mean gradient per token, with decoupled weight decay on the weights.
      step++;
      const lr = opts.learningRate;
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      const th = net.params;
      for (let k = 0; k < L.size; k++) {
        const g = grad[k]! / tokens;
        m1[k] = 0.9 * m1[k]! + 0.1 * g;
        m2[k] = 0.999 * m2[k]! + 0.001 * g * g;
        th[k]! -= lr * ((m1[k]! / c1) / (Math.sqrt(m2[k]! / c2) + 1e-8) + opts.decay * th[k]!);
      }
      if (ema) for (let k = 0; k < L.size; k++) ema[k] = emaDecay * ema[k]! + (1 - emaDecay) * th[k]!;
    }
    const judged = ema ? { shape: opts.shape, params: ema } : net;
    const held = heldTokens ? netLoss(judged, table, heldOut, heldOutLabels) / heldTokens : 0;
    opts.log?.(epoch, trainLoss / Math.max(1, trainTokens), held);
    if (held < best.loss) best = { loss: held, params: judged.params.slice(), epoch };
    else if (epoch - best.epoch >= (opts.patience ?? 2)) break;
  }
  return { net: { shape: opts.shape, params: best.params }, epochs: best.epoch, heldOutLoss: best.loss };
}

/** A token network as stored in the rhetoric model file: shape, mixing weight and float32 parameters in base64. */
export interface StoredTokenNet {
  shape: TokenNetShape;
  /** Weight of the network's logits, centred per sentence, added to the linear token model's (see `mixWithinSentences`). */
  mix: number;
  params: string;
}

/** Packs a network for storage (parameters as float32, base64). */
export function packTokenNet(net: TokenNet, mix: number): StoredTokenNet {
  return { shape: net.shape, mix, params: Buffer.from(Float32Array.from(net.params).buffer).toString('base64') };
}

/** Unpacks a stored network. */
export function unpackTokenNet(stored: StoredTokenNet): { net: TokenNet; mix: number } {
  const buf = Buffer.from(stored.params, 'base64');
  const f32 = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const params = Float64Array.from(f32);
  if (params.length !== layoutOf(stored.shape).size) throw new Error('token net: parameter count does not match its shape');
  return { net: { shape: stored.shape, params }, mix: stored.mix };
}

/** Per network: each word's first-layer contribution to every offset (`(2·window + 1) × hidden`), or null without a vector. */
const wordCache = new WeakMap<TokenNet, Map<string, Float64Array | null>>();

/**
 * Logits of every token of a document (run time): the same as `netLogits` on `netInput`, with each
 * distinct word's first-layer contributions computed once and cached per network across documents
 * (bounded).
 */
export function tokenNetLogits(net: TokenNet, doc: RhetoricDoc, vectors: WordVectors, sentenceProbs: ArrayLike<number>, priorProbs?: ArrayLike<number>): Float64Array {
  const { dims, proj: P, window: K, hidden: H, hidden2: H2 } = net.shape;
  const L = layoutOf(net.shape);
  const th = net.params;
  const width = 2 * K + 1;
  let cache = wordCache.get(net);
  if (!cache || cache.size > 200_000) wordCache.set(net, (cache = new Map()));
  const byWord = cache;
  const n = doc.tokens.length;
  // Each token's cached contributions (a shared zero row when its word has no vector).
  const zero = zeroRow(width * H);
  const rowOf = new Array<Float64Array>(n).fill(zero);
  const p = new Float64Array(P);
  doc.positions.forEach((at, word) => {
    let c = byWord.get(word);
    if (c === undefined) {
      c = null;
      const e = unitVector(vectors, word);
      if (e) {
        for (let q = 0; q < P; q++) {
          let s = 0;
          const wo = L.w0 + q * dims;
          for (let d = 0; d < dims; d++) s += th[wo + d]! * e[d]!;
          p[q] = s;
        }
        c = new Float64Array(width * H);
        for (let o = 0; o < width; o++) {
          for (let k = 0; k < H; k++) {
            let s = 0;
            const wo = L.w1 + o * H * P + k * P;
            for (let q = 0; q < P; q++) s += th[wo + q]! * p[q]!;
            c[o * H + k] = s;
          }
        }
      }
      byWord.set(word, c);
    }
    if (c) for (let j = 0; j < at.length; j++) rowOf[at[j]!] = c;
  });
  const feats = tokenNetFeatures(doc, sentenceProbs, (i) => rowOf[i] !== zero, priorProbs);
  const T = transposedOf(net);
  const out = new Float64Array(n);
  let longest = 1;
  for (let s = 0; s < doc.sentences.length; s++) longest = Math.max(longest, doc.sentenceTokenStart[s + 1]! - doc.sentenceTokenStart[s]!);
  const h = hiddenScratch(longest * H);
  const b1 = th.subarray(L.b1, L.b1 + H);
  const sentenceBase = new Float64Array(H);
  const max = new Float64Array(H);
  const mean = new Float64Array(H);
  const pooled = new Float64Array(H2);
  const a2 = new Float64Array(H2);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    if (b <= a) continue;
    max.fill(-Infinity);
    mean.fill(0);
    // The inputs shared by the sentence's tokens (sentence probability and length), once.
    sentenceBase.set(b1);
    for (const f of SENTENCE_INPUTS) {
      const v = feats[a * F + f]!;
      for (let k = 0; k < H; k++) sentenceBase[k]! += T.u1[f * H + k]! * v;
    }
    for (let i = a; i < b; i++) {
      const ho = (i - a) * H;
      const fo = i * F;
      h.set(sentenceBase, ho);
      // U1 by column, skipping the inputs that are 0 (most of the binary ones).
      for (const f of TOKEN_INPUTS) {
        const v = feats[fo + f]!;
        if (v === 0) continue;
        const co = f * H;
        for (let k = 0; k < H; k++) h[ho + k]! += T.u1[co + k]! * v;
      }
      for (let o = -K; o <= K; o++) {
        const j = i + o;
        if (j < a || j >= b) continue;
        const c = rowOf[j]!;
        const co = (o + K) * H;
        for (let k = 0; k < H; k++) h[ho + k]! += c[co + k]!;
      }
      for (let k = 0; k < H; k++) {
        const v = h[ho + k]! > 0 ? h[ho + k]! : 0;
        h[ho + k] = v;
        mean[k]! += v / (b - a);
        if (v > max[k]!) max[k] = v;
      }
    }
    for (let c = 0; c < H2; c++) {
      let v = th[L.b2 + c]!;
      const rx = L.vx + c * H;
      const rm = L.vm + c * H;
      for (let k = 0; k < H; k++) v += th[rx + k]! * max[k]! + th[rm + k]! * mean[k]!;
      pooled[c] = v;
    }
    for (let i = a; i < b; i++) {
      const ho = (i - a) * H;
      a2.set(pooled);
      // W2 by column, over the active first-layer units only.
      for (let k = 0; k < H; k++) {
        const v = h[ho + k]!;
        if (v === 0) continue;
        const co = k * H2;
        for (let c = 0; c < H2; c++) a2[c]! += T.w2[co + c]! * v;
      }
      let z = th[L.b3]! + th[L.skip]! * feats[i * F + PRIOR]!;
      for (let c = 0; c < H2; c++) if (a2[c]! > 0) z += th[L.w3 + c]! * a2[c]!;
      out[i] = z;
    }
  }
  return out;
}

let hScratch = new Float64Array(0);
/** A reused work array of at least `size` values (the run-time pass is synchronous). */
function hiddenScratch(size: number): Float64Array {
  if (hScratch.length < size) hScratch = new Float64Array(Math.max(size, 4096));
  return hScratch;
}
const zeroRows = new Map<number, Float64Array>();
/** A shared all-zero row of the given length. */
function zeroRow(size: number): Float64Array {
  let z = zeroRows.get(size);
  if (!z) zeroRows.set(size, (z = new Float64Array(size)));
  return z;
}

/** Per network: U1 (features × hidden) and W2 (hidden × hidden2) stored by column, for the run-time pass. */
const transposedCache = new WeakMap<TokenNet, { u1: Float64Array; w2: Float64Array }>();
function transposedOf(net: TokenNet): { u1: Float64Array; w2: Float64Array } {
  let t = transposedCache.get(net);
  if (!t) {
    const { hidden: H, hidden2: H2 } = net.shape;
    const L = layoutOf(net.shape);
    const u1 = new Float64Array(F * H);
    for (let k = 0; k < H; k++) for (let f = 0; f < F; f++) u1[f * H + k] = net.params[L.u1 + k * F + f]!;
    const w2 = new Float64Array(H * H2);
    for (let c = 0; c < H2; c++) for (let k = 0; k < H; k++) w2[k * H2 + c] = net.params[L.w2 + c * H + k]!;
    transposedCache.set(net, (t = { u1, w2 }));
  }
  return t;
}

/**
 * Mixes linear-model token probabilities with network logits within sentences: each token's logit
 * becomes logit(p) + mix · (z − mean of z over its sentence). The network only reorders the tokens of
 * a sentence; how likely a sentence is to hold propaganda stays the linear models' (mixing the raw
 * logits instead raised token AUC but not span F1, see `data/models/rhetoric.md`).
 */
export function mixWithinSentences(doc: RhetoricDoc, linear: ArrayLike<number>, netZ: ArrayLike<number>, mix: number): Float64Array {
  const out = new Float64Array(linear.length);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    let mean = 0;
    for (let i = a; i < b; i++) mean += netZ[i]!;
    mean /= Math.max(1, b - a);
    for (let i = a; i < b; i++) {
      const p = Math.min(1 - 1e-7, Math.max(1e-7, linear[i]!));
      out[i] = 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + mix * (netZ[i]! - mean))));
    }
  }
  return out;
}
