import { adamState, adamStep, fillGlorot, offsetAllocator, packParams, unpackParams, type NetTrainingBase } from '../../models/net-params.ts';
import { makeRng, shuffleInPlace } from '../../models/rng.ts';
import type { RhetoricDoc } from './doc.ts';
import type { WordVectors } from './embeddings.ts';
import { tokenLexiconMarks } from './features.ts';
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
  /**
   * When true, the `TOKEN_NET_LEXICON_FEATURES` inputs (word lists) follow the `TOKEN_NET_FEATURES`
   * ones; absent in older model files, whose networks read the 13 inputs alone.
   */
  lexicon?: boolean;
}

/** Names of the cheap per-token inputs of the network (see `tokenNetFeatures`). */
export const TOKEN_NET_FEATURES = ['sentProb', 'capital', 'allCaps', 'noVector', 'punct', 'first', 'last', 'quoted', 'repeated', 'position', 'sentLength', 'digit', 'prior'] as const;
const F = TOKEN_NET_FEATURES.length;
/** The inputs that are the same for every token of a sentence, and the others. */
const SENTENCE_INPUTS = [TOKEN_NET_FEATURES.indexOf('sentProb'), TOKEN_NET_FEATURES.indexOf('sentLength')];
const TOKEN_INPUTS = TOKEN_NET_FEATURES.map((_, f) => f).filter((f) => !SENTENCE_INPUTS.includes(f));
/**
 * Names of the word-list inputs of a network with `lexicon` (`word-lexicons.ts`): AFINN valence / 5,
 * |valence| ≥ 3, hedge, weasel, valenced words among the ±2 neighbours in the sentence / 4, and the
 * sentence's strong-valence words (log(1 + count) / 2, shared by its tokens).
 */
export const TOKEN_NET_LEXICON_FEATURES = ['valence', 'strongValence', 'hedge', 'weasel', 'valencedNear', 'sentStrong'] as const;
/** Number of per-token inputs of a network of this shape. */
export function inputCount(shape: TokenNetShape): number {
  return F + (shape.lexicon ? TOKEN_NET_LEXICON_FEATURES.length : 0);
}
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
  const { take, size } = offsetAllocator();
  const w0 = take(s.proj * s.dims);
  const w1 = take(width * s.hidden * s.proj);
  const u1 = take(s.hidden * inputCount(s));
  const b1 = take(s.hidden);
  const w2 = take(s.hidden2 * s.hidden);
  const vx = take(s.hidden2 * s.hidden);
  const vm = take(s.hidden2 * s.hidden);
  const b2 = take(s.hidden2);
  const w3 = take(s.hidden2);
  const b3 = take(1);
  const skip = take(1);
  return { w0, w1, u1, b1, w2, vx, vm, b2, w3, b3, skip, size: size() };
}

/** A new network with seeded uniform (Glorot) initial weights and zero biases. */
export function initTokenNet(shape: TokenNetShape, seed: number): TokenNet {
  const L = layoutOf(shape);
  const params = new Float64Array(L.size);
  const rng = makeRng(seed);
  const fill = (at: number, n: number, fanIn: number, fanOut: number) => fillGlorot(params, rng, at, n, fanIn, fanOut);
  const width = 2 * shape.window + 1;
  fill(L.w0, shape.proj * shape.dims, shape.dims, shape.proj);
  const Fs = inputCount(shape);
  fill(L.w1, width * shape.hidden * shape.proj, width * shape.proj + Fs, shape.hidden);
  fill(L.u1, shape.hidden * Fs, width * shape.proj + Fs, shape.hidden);
  fill(L.w2, 3 * shape.hidden2 * shape.hidden, 3 * shape.hidden, shape.hidden2);
  fill(L.w3, shape.hidden2, shape.hidden2, 1);
  params[L.skip] = PRIOR_SCALE;
  return { shape, params };
}

/** The network's inputs for one document: word-vector rows, per-token features and sentence bounds. */
export interface TokenNetInput {
  /** Per token, its row in the unit-vector table (−1: no vector). */
  rows: Int32Array;
  /** Per token, `inputCount(shape)` values: `TOKEN_NET_FEATURES`, then with `lexicon` `TOKEN_NET_LEXICON_FEATURES`. */
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
export function unitRow(table: UnitTable, vectors: WordVectors, word: string): number {
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
export function tokenNetFeatures(doc: RhetoricDoc, sentenceProbs: ArrayLike<number>, hasVector: (i: number) => boolean, priorProbs?: ArrayLike<number>, lexicon = false): Float32Array {
  const has = new Uint8Array(doc.tokens.length);
  for (let i = 0; i < has.length; i++) has[i] = hasVector(i) ? 1 : 0;
  return fillTokenNetFeatures(doc, sentenceProbs, has, priorProbs, lexicon);
}

/** `tokenNetFeatures` with the word-vector test as a per-token array (1: has a vector), no callback. */
function fillTokenNetFeatures(doc: RhetoricDoc, sentenceProbs: ArrayLike<number>, hasVector: Uint8Array, priorProbs?: ArrayLike<number>, lexicon = false): Float32Array {
  const W = lexicon ? F + TOKEN_NET_LEXICON_FEATURES.length : F;
  const out = new Float32Array(doc.tokens.length * W);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    const n = b - a;
    // The sentence's own inputs, computed once (the same values as per token).
    const sentProb = sentenceProbs[s]!;
    const sentLength = Math.log(1 + n) / 4;
    let quotes = 0;
    for (let i = a; i < b; i++) {
      const t = doc.tokens[i]!;
      const o = i * W;
      // ASCII fast paths; the regular expressions decide for other characters.
      const c = t.text.charCodeAt(0);
      const word = c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : WORD.test(t.text);
      const upper = c < 128 ? c >= 65 && c <= 90 : UPPER.test(t.text);
      out[o] = sentProb;
      out[o + 1] = upper ? 1 : 0;
      out[o + 2] = upper && t.text.length > 1 && !hasLower(t.text) ? 1 : 0;
      out[o + 3] = hasVector[i] ? 0 : 1;
      out[o + 4] = word ? 0 : 1;
      out[o + 5] = i === a ? 1 : 0;
      out[o + 6] = i === b - 1 ? 1 : 0;
      out[o + 7] = quotes % 2;
      out[o + 8] = word && t.norm.length > 3 && (doc.normCounts.get(t.norm) ?? 0) > 1 ? 1 : 0;
      out[o + 9] = n > 1 ? (i - a) / (n - 1) : 0;
      out[o + 10] = sentLength;
      out[o + 11] = word && hasDigit(t.text) ? 1 : 0;
      if (priorProbs) {
        const q = Math.min(1 - 1e-6, Math.max(1e-6, priorProbs[i]!));
        out[o + PRIOR] = Math.max(-2, Math.min(2, Math.log(q / (1 - q)) / PRIOR_SCALE));
      }
      if (!word && isQuote(t.text)) quotes++;
    }
  }
  if (lexicon) fillLexiconInputs(doc, out, W);
  return out;
}

/** Writes the `TOKEN_NET_LEXICON_FEATURES` inputs of every token at `F…` of its `W` values. */
function fillLexiconInputs(doc: RhetoricDoc, out: Float32Array, W: number): void {
  const { valence, hedge, weasel, strongBySentence } = tokenLexiconMarks(doc);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    const sentStrong = Math.log(1 + strongBySentence[s]!) / 2;
    for (let i = a; i < b; i++) {
      const o = i * W + F;
      const v = valence[i]!;
      let near = 0;
      for (let j = Math.max(a, i - 2); j <= Math.min(b - 1, i + 2); j++) if (j !== i && valence[j] !== 0) near++;
      out[o] = v / 5;
      out[o + 1] = v >= 3 || v <= -3 ? 1 : 0;
      out[o + 2] = hedge[i]!;
      out[o + 3] = weasel[i]!;
      out[o + 4] = near / 4;
      out[o + 5] = sentStrong;
    }
  }
}

/** True when a word holds a lower-case letter (ASCII scan; the regular expression for other characters). */
function hasLower(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return LOWER.test(text);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/** True when a token is one quotation mark (`QUOTE`, tested only on one-character tokens). */
function isQuote(text: string): boolean {
  return text.length === 1 && QUOTE.test(text);
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
export function netInput(doc: RhetoricDoc, vectors: WordVectors, table: UnitTable, sentenceProbs: ArrayLike<number>, priorProbs?: ArrayLike<number>, lexicon = false): TokenNetInput {
  const rows = Int32Array.from(doc.tokens, (t) => unitRow(table, vectors, t.norm));
  return { rows, feats: tokenNetFeatures(doc, sentenceProbs, (i) => rows[i]! >= 0, priorProbs, lexicon), sentenceStart: doc.sentenceTokenStart };
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
  const Fs = inputCount(net.shape);
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
    const fo = (a + i) * Fs;
    for (let k = 0; k < H; k++) {
      let s = th[L.b1 + k]!;
      const uo = L.u1 + k * Fs;
      for (let f = 0; f < Fs; f++) s += th[uo + f]! * x.feats[fo + f]!;
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
    let z = th[L.b3]! + th[L.skip]! * x.feats[(a + i) * Fs + PRIOR]!;
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
  const Fs = inputCount(net.shape);
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
    grad[L.skip]! += g * x.feats[(a + i) * Fs + PRIOR]!;
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
    const fo = (a + i) * Fs;
    for (let k = 0; k < H; k++) {
      const d = w.da1[ho + k]!;
      if (d === 0) continue;
      grad[L.b1 + k]! += d;
      const uo = L.u1 + k * Fs;
      for (let f = 0; f < Fs; f++) grad[uo + f]! += d * x.feats[fo + f]!;
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
export function netLoss(net: TokenNet, table: ArrayLike<number>, inputs: readonly TokenNetInput[], labels: readonly Uint8Array[], grad?: Float64Array, sentenceLevel = false): number {
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
      loss += lossGradient(w.z, labels[d]!, a, b - a, dz, sentenceLevel);
      if (grad) backwardSentence(net, L, table, x, a, b, w, dz, null, grad);
    }
  });
  return loss;
}

/**
 * Logistic loss of one sentence's logits `z[0…n)` against the labels `y[a…a+n)`, with dLoss/dz in
 * `dz`. Sentence-level: one loss on the first token's logit against the labels' maximum (a
 * sentence scorer gives all tokens the same logit), the other tokens' dz 0.
 */
function lossGradient(z: Float64Array, y: Uint8Array, a: number, n: number, dz: Float64Array, sentenceLevel: boolean): number {
  const one = (v: number, t: number) => Math.max(v, 0) - v * t + Math.log1p(Math.exp(-Math.abs(v)));
  if (sentenceLevel) {
    let t = 0;
    for (let i = 0; i < n; i++) if (y[a + i]) t = 1;
    dz.fill(0, 0, n);
    dz[0] = 1 / (1 + Math.exp(-z[0]!)) - t;
    return one(z[0]!, t);
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    loss += one(z[i]!, y[a + i]!);
    dz[i] = 1 / (1 + Math.exp(-z[i]!)) - y[a + i]!;
  }
  return loss;
}

/** Training settings of `trainTokenNet`. */
export interface TokenNetTraining extends NetTrainingBase {
  shape: TokenNetShape;
  /** Probability of leaving a token's word vector out in training (default 0). */
  dropWord?: number;
  /** When above 0, held-out loss and the result use an exponential moving average of the parameters with this decay per update. */
  ema?: number;
  /**
   * Train a sentence scorer instead: W2 and the prior's skip weight are held at 0, so every token of a
   * sentence gets the same logit, and the loss is one logistic loss per sentence on "holds a token
   * inside a span" (the label's maximum over the sentence).
   */
  sentenceLevel?: boolean;
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
  const adam = adamState(L.size);
  let w: Work | undefined;
  let dz = new Float64Array(64);
  let mask = new Float64Array(64 * opts.shape.hidden);
  const sentenceLevel = opts.sentenceLevel === true;
  if (sentenceLevel) {
    net.params.fill(0, L.w2, L.w2 + opts.shape.hidden2 * opts.shape.hidden);
    net.params[L.skip] = 0;
  }
  const heldTokens = sentenceLevel ? heldOut.reduce((n, x) => n + x.sentenceStart.length - 1, 0) : heldOutLabels.reduce((n, y) => n + y.length, 0);
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
        trainLoss += lossGradient(w.z, trainLabels[d]!, a, n, dz, sentenceLevel);
        tokens += sentenceLevel ? 1 : n;
        backwardSentence(net, L, table, x, a, b, w, dz, opts.keep < 1 ? mask : null, grad);
      }
      trainTokens += tokens;
      if (sentenceLevel) {
        grad.fill(0, L.w2, L.w2 + opts.shape.hidden2 * opts.shape.hidden);
        grad[L.skip] = 0;
      }
      // Adam on the mean gradient per token, with decoupled weight decay on the weights.
      adamStep(adam, net.params, grad, tokens, opts.learningRate, opts.decay);
      const th = net.params;
      if (ema) for (let k = 0; k < L.size; k++) ema[k] = emaDecay * ema[k]! + (1 - emaDecay) * th[k]!;
    }
    const judged = ema ? { shape: opts.shape, params: ema } : net;
    const held = heldTokens ? netLoss(judged, table, heldOut, heldOutLabels, undefined, sentenceLevel) / heldTokens : 0;
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
  return { shape: net.shape, mix, params: packParams(net.params) };
}

/** Unpacks a stored network. */
export function unpackTokenNet(stored: StoredTokenNet): { net: TokenNet; mix: number } {
  return { net: { shape: stored.shape, params: unpackParams(stored.params, layoutOf(stored.shape).size, 'token net') }, mix: stored.mix };
}

/**
 * Per network: each word's first-layer contribution to every offset (`(2·window + 1) × hidden`
 * values), stored one after another in one growing array (row 0: zeros, for words without a vector),
 * found by word. One flat array keeps the rows close together in memory, which matters more than
 * the arithmetic in the run-time pass.
 */
interface WordRows {
  /** Offset of each word's row in `data` (0: no vector, the zero row). */
  at: Map<string, number>;
  data: Float64Array;
  /** Values in use in `data`. */
  used: number;
}
const wordCache = new WeakMap<TokenNet, WordRows>();
/** Per document, the network inputs last computed for it (see `tokenNetLogits`). */
const lastFeats = new WeakMap<RhetoricDoc, { sentenceProbs: ArrayLike<number>; vectors: WordVectors; lexicon: boolean; feats: Float32Array }>();

/**
 * Logits of every token of a document (run time): the same as `netLogits` on `netInput`, with each
 * distinct word's first-layer contributions computed once and cached per network across documents
 * (bounded). The work is split into small closure-free functions so that V8 keeps their locals in
 * registers.
 */
export function tokenNetLogits(net: TokenNet, doc: RhetoricDoc, vectors: WordVectors, sentenceProbs: ArrayLike<number>, priorProbs?: ArrayLike<number>): Float64Array {
  const { window: K, hidden: H } = net.shape;
  const width = (2 * K + 1) * H;
  let rows = wordCache.get(net);
  if (!rows || rows.at.size > 200_000) wordCache.set(net, (rows = { at: new Map(), data: new Float64Array(1024 * width), used: width }));
  const rowAt = contributionRows(net, doc, vectors, rows, width);
  // The per-token inputs depend only on the document, the sentence probabilities and which words
  // have vectors: a second network over the same document (the sentence network) reuses them.
  const last = lastFeats.get(doc);
  const lexicon = net.shape.lexicon === true;
  let feats: Float32Array;
  if (!priorProbs && last && last.sentenceProbs === sentenceProbs && last.vectors === vectors && last.lexicon === lexicon) feats = last.feats;
  else {
    const hasVector = new Uint8Array(rowAt.length);
    for (let i = 0; i < rowAt.length; i++) hasVector[i] = rowAt[i] !== 0 ? 1 : 0;
    feats = fillTokenNetFeatures(doc, sentenceProbs, hasVector, priorProbs, lexicon);
    if (!priorProbs) lastFeats.set(doc, { sentenceProbs, vectors, lexicon, feats });
  }
  const out = new Float64Array(doc.tokens.length);
  forwardCached(net, doc.sentenceTokenStart, doc.sentences.length, rows.data, rowAt, feats, out);
  return out;
}

/** Per token, the offset of its word's first-layer contributions in `rows.data` (0: no vector), adding new words to `rows`. */
function contributionRows(net: TokenNet, doc: RhetoricDoc, vectors: WordVectors, rows: WordRows, width: number): Int32Array {
  const rowAt = new Int32Array(doc.tokens.length);
  for (const [word, positions] of doc.positions) {
    let r = rows.at.get(word);
    if (r === undefined) {
      r = 0;
      const e = unitVector(vectors, word);
      if (e) {
        if (rows.used + width > rows.data.length) {
          const grown = new Float64Array(2 * rows.data.length);
          grown.set(rows.data);
          rows.data = grown;
        }
        r = rows.used;
        writeContribution(net, e, rows.data, r);
        rows.used += width;
      }
      rows.at.set(word, r);
    }
    if (r) for (let j = 0; j < positions.length; j++) rowAt[positions[j]!] = r;
  }
  return rowAt;
}

/** Writes a word's first-layer contribution to every offset, Σ_q W1[o][k][q]·(W0·e)[q], at `out[at…]`. */
function writeContribution(net: TokenNet, e: ArrayLike<number>, out: Float64Array, at: number): void {
  const { dims, proj: P, window: K, hidden: H } = net.shape;
  const L = layoutOf(net.shape);
  const th = net.params;
  const width = 2 * K + 1;
  const p = new Float64Array(P);
  for (let q = 0; q < P; q++) {
    let s = 0;
    const wo = L.w0 + q * dims;
    for (let d = 0; d < dims; d++) s += th[wo + d]! * e[d]!;
    p[q] = s;
  }
  for (let o = 0; o < width; o++) {
    for (let k = 0; k < H; k++) {
      let s = 0;
      const wo = L.w1 + o * H * P + k * P;
      for (let q = 0; q < P; q++) s += th[wo + q]! * p[q]!;
      out[at + o * H + k] = s;
    }
  }
}

/** Run-time parameters of a network: offsets and the matrices stored by column (see `runtimeOf`). */
interface Runtime {
  /** U1 (features × hidden), by column. */
  u1: Float64Array;
  /** W2 (hidden × hidden2), by column. */
  w2: Float64Array;
  b1: Float64Array;
  b2: Float64Array;
  w3: Float64Array;
  /** Vx and Vm (hidden2 × hidden each). */
  vx: Float64Array;
  vm: Float64Array;
  b3: number;
  skip: number;
  /** True for a sentence scorer (W2 and the skip weight all 0): every token's logit is its sentence's, computed once from the pooled units. */
  pooledOnly: boolean;
}

/**
 * The forward pass of every sentence from the cached word contributions: logits into `out`. Sums
 * are taken in the same order as before (bias, sentence inputs, token inputs, offsets −K…K), so the
 * results are bit-identical.
 */
function forwardCached(net: TokenNet, starts: Int32Array, sentences: number, contrib: Float64Array, rowAt: Int32Array, feats: Float32Array, out: Float64Array): void {
  const { window: K, hidden: H, hidden2: H2 } = net.shape;
  const Fs = inputCount(net.shape);
  const R = runtimeOf(net);
  const u1 = R.u1;
  const w2 = R.w2;
  const w3 = R.w3;
  const vx = R.vx;
  const vm = R.vm;
  const b3 = R.b3;
  const skip = R.skip;
  let longest = 1;
  for (let s = 0; s < sentences; s++) longest = Math.max(longest, starts[s + 1]! - starts[s]!);
  const h = hiddenScratch(longest * H);
  const sentenceBase = new Float64Array(H);
  const max = new Float64Array(H);
  const mean = new Float64Array(H);
  const pooled = new Float64Array(H2);
  const a2 = new Float64Array(H2);
  const sentInputs = net.shape.lexicon ? SENTENCE_INPUT_INDEX_LEXICON : SENTENCE_INPUT_INDEX;
  const tokenInputs = net.shape.lexicon ? TOKEN_INPUT_INDEX_LEXICON : TOKEN_INPUT_INDEX;
  for (let s = 0; s < sentences; s++) {
    const a = starts[s]!;
    const b = starts[s + 1]!;
    if (b <= a) continue;
    const n = b - a;
    for (let k = 0; k < H; k++) {
      max[k] = -Infinity;
      mean[k] = 0;
      sentenceBase[k] = R.b1[k]!;
    }
    // The inputs shared by the sentence's tokens (sentence probability and length), once.
    for (let t = 0; t < sentInputs.length; t++) {
      const f = sentInputs[t]!;
      const v = feats[a * Fs + f]!;
      const co = f * H;
      for (let k = 0; k < H; k++) sentenceBase[k]! += u1[co + k]! * v;
    }
    for (let i = a; i < b; i++) {
      const ho = (i - a) * H;
      const fo = i * Fs;
      for (let k = 0; k < H; k++) h[ho + k] = sentenceBase[k]!;
      // U1 by column, skipping the inputs that are 0 (most of the binary ones).
      for (let t = 0; t < tokenInputs.length; t++) {
        const f = tokenInputs[t]!;
        const v = feats[fo + f]!;
        if (v === 0) continue;
        addScaled(h, ho, u1, f * H, H, v);
      }
    }
    // The convolution, spread from each token's row to its neighbours: token i receives the
    // offsets −K…K in increasing order, as in the reference pass, and each row is read at once.
    for (let j = a; j < b; j++) {
      const r = rowAt[j]!;
      if (r === 0) continue;
      const lo = Math.max(-K, j - b + 1);
      const hi = Math.min(K, j - a);
      for (let o = lo; o <= hi; o++) {
        const ho = (j - o - a) * H;
        addTo(h, ho, contrib, r + (o + K) * H, H);
      }
    }
    for (let i = a; i < b; i++) {
      const ho = (i - a) * H;
      for (let k = 0; k < H; k++) {
        const v = h[ho + k]!;
        if (v > 0) {
          mean[k]! += v / n;
          if (v > max[k]!) max[k] = v;
        } else {
          // An inactive unit adds nothing to the mean (which is never −0), but counts for the max.
          h[ho + k] = 0;
          if (max[k]! < 0) max[k] = 0;
        }
      }
    }
    for (let c = 0; c < H2; c++) {
      let v = R.b2[c]!;
      const ro = c * H;
      for (let k = 0; k < H; k++) v += vx[ro + k]! * max[k]! + vm[ro + k]! * mean[k]!;
      pooled[c] = v;
    }
    if (R.pooledOnly) {
      // A sentence scorer: W2·h and the prior add nothing, so all tokens share one logit.
      let z = b3;
      for (let c = 0; c < H2; c++) if (pooled[c]! > 0) z += w3[c]! * pooled[c]!;
      out.fill(z, a, b);
      continue;
    }
    for (let i = a; i < b; i++) {
      const ho = (i - a) * H;
      for (let c = 0; c < H2; c++) a2[c] = pooled[c]!;
      // W2 by column, over the active first-layer units only.
      for (let k = 0; k < H; k++) {
        const v = h[ho + k]!;
        if (v === 0) continue;
        addScaled(a2, 0, w2, k * H2, H2, v);
      }
      let z = b3 + skip * feats[i * Fs + PRIOR]!;
      for (let c = 0; c < H2; c++) if (a2[c]! > 0) z += w3[c]! * a2[c]!;
      out[i] = z;
    }
  }
}

/** `dst[d + k] += src[s + k]` for k < n (unrolled by four; each value's sum is unchanged). */
function addTo(dst: Float64Array, d: number, src: Float64Array, s: number, n: number): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    dst[d + k]! += src[s + k]!;
    dst[d + k + 1]! += src[s + k + 1]!;
    dst[d + k + 2]! += src[s + k + 2]!;
    dst[d + k + 3]! += src[s + k + 3]!;
  }
  for (; k < n; k++) dst[d + k]! += src[s + k]!;
}

/** `dst[d + k] += src[s + k] * v` for k < n (unrolled by four; each value's sum is unchanged). */
function addScaled(dst: Float64Array, d: number, src: Float64Array, s: number, n: number, v: number): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    dst[d + k]! += src[s + k]! * v;
    dst[d + k + 1]! += src[s + k + 1]! * v;
    dst[d + k + 2]! += src[s + k + 2]! * v;
    dst[d + k + 3]! += src[s + k + 3]! * v;
  }
  for (; k < n; k++) dst[d + k]! += src[s + k]! * v;
}

/** `SENTENCE_INPUTS` and `TOKEN_INPUTS` as typed arrays, for the run-time loop. */
const SENTENCE_INPUT_INDEX = Int32Array.from(SENTENCE_INPUTS);
const TOKEN_INPUT_INDEX = Int32Array.from(TOKEN_INPUTS);
/** The same for a network with `lexicon`: `sentStrong` is shared by a sentence's tokens, the other word-list inputs are per token. */
const SENTENCE_INPUT_INDEX_LEXICON = Int32Array.from([...SENTENCE_INPUTS, F + TOKEN_NET_LEXICON_FEATURES.indexOf('sentStrong')]);
const TOKEN_INPUT_INDEX_LEXICON = Int32Array.from([...TOKEN_INPUTS, ...TOKEN_NET_LEXICON_FEATURES.map((_, k) => F + k).filter((f) => f !== F + TOKEN_NET_LEXICON_FEATURES.indexOf('sentStrong'))]);

let hScratch = new Float64Array(0);
/** A reused work array of at least `size` values (the run-time pass is synchronous). */
function hiddenScratch(size: number): Float64Array {
  if (hScratch.length < size) hScratch = new Float64Array(Math.max(size, 4096));
  return hScratch;
}

/** Per network: its run-time parameters, U1 and W2 stored by column. */
const runtimeCache = new WeakMap<TokenNet, Runtime>();
function runtimeOf(net: TokenNet): Runtime {
  let t = runtimeCache.get(net);
  if (!t) {
    const { hidden: H, hidden2: H2 } = net.shape;
    const L = layoutOf(net.shape);
    const th = net.params;
    const Fs = inputCount(net.shape);
    const u1 = new Float64Array(Fs * H);
    for (let k = 0; k < H; k++) for (let f = 0; f < Fs; f++) u1[f * H + k] = th[L.u1 + k * Fs + f]!;
    const w2 = new Float64Array(H * H2);
    for (let c = 0; c < H2; c++) for (let k = 0; k < H; k++) w2[k * H2 + c] = th[L.w2 + c * H + k]!;
    t = {
      u1,
      w2,
      b1: th.slice(L.b1, L.b1 + H),
      b2: th.slice(L.b2, L.b2 + H2),
      w3: th.slice(L.w3, L.w3 + H2),
      vx: th.slice(L.vx, L.vx + H2 * H),
      vm: th.slice(L.vm, L.vm + H2 * H),
      b3: th[L.b3]!,
      skip: th[L.skip]!,
      pooledOnly: th[L.skip] === 0 && th.subarray(L.w2, L.w2 + H2 * H).every((v) => v === 0),
    };
    runtimeCache.set(net, t);
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

/**
 * Per sentence, the logit of a sentence scorer (a network trained with `sentenceLevel`, whose tokens
 * all share their sentence's logit): its first token's logit (0 for an empty sentence).
 */
export function sentenceNetLogits(net: TokenNet, doc: RhetoricDoc, vectors: WordVectors, sentenceProbs: ArrayLike<number>): Float64Array {
  const z = tokenNetLogits(net, doc, vectors, sentenceProbs);
  const starts = doc.sentenceTokenStart;
  const out = new Float64Array(doc.sentences.length);
  for (let s = 0; s < out.length; s++) if (starts[s + 1]! > starts[s]!) out[s] = z[starts[s]!]!;
  return out;
}

/**
 * Per sentence, the probability 1 / (1 + e^−z) of a sentence scorer's logit z (see
 * `sentenceNetLogits`): what the token models read as the sentence probability when a model feeds
 * them the sentence network instead of the linear sentence model (`sentFeed`).
 */
export function sentenceNetProbabilities(sentenceZ: ArrayLike<number>): Float64Array {
  const out = new Float64Array(sentenceZ.length);
  for (let s = 0; s < out.length; s++) out[s] = 1 / (1 + Math.exp(-sentenceZ[s]!));
  return out;
}

/**
 * Moves each sentence's token probabilities by a sentence scorer: every token's logit gets
 * `gamma` × z_s, where z_s is the sentence network's logit. The order of the tokens within a
 * sentence is kept; only how likely the sentence is changes. (Adding `gamma` × (z_s − logit p_s),
 * i.e. replacing part of the linear sentence probability p_s instead of adding to it, scored lower
 * out-of-fold: 43.66 against 44.02 at gamma 0.25.)
 */
export function shiftBySentences(doc: RhetoricDoc, probs: ArrayLike<number>, sentenceZ: ArrayLike<number>, gamma: number): Float64Array {
  const out = Float64Array.from(probs);
  if (gamma === 0) return out;
  const logit = (p: number) => {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return Math.log(q / (1 - q));
  };
  for (let s = 0; s < doc.sentences.length; s++) {
    const shift = gamma * sentenceZ[s]!;
    for (let i = doc.sentenceTokenStart[s]!; i < doc.sentenceTokenStart[s + 1]!; i++) out[i] = 1 / (1 + Math.exp(-(logit(probs[i]!) + shift)));
  }
  return out;
}
