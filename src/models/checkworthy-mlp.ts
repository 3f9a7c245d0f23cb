import type { WordVectors } from '../stages/rhetoric/embeddings.ts';
import { sigmoid } from './linear.ts';
import { makeRng, shuffleInPlace } from './rng.ts';
import { tokenizeWords } from './tokenize.ts';

/**
 * A one-hidden-layer network (tanh units, one logit out) over a dense sentence vector: the
 * check-worthiness model's second, word-embedding view of a sentence. Weights are plain arrays so
 * the record is JSON as stored in `data/models/checkworthy.json`.
 */
export interface CheckworthyMlp {
  inputs: number;
  hidden: number;
  /** `hidden × inputs`, row-major. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number;
}

/** Settings of `trainCheckworthyMlp`. */
export interface MlpTrainOptions {
  hidden: number;
  epochs: number;
  /** Weight of a positive example's loss (positives are about 1 % of lines). */
  positiveWeight: number;
  l2: number;
  learningRate: number;
  seed: number;
}

/** Settings of the network as last tried (hidden 16/32, 5/10 epochs, L2 1e-4/1e-3 scored alike; see `data/models/checkworthy.md`). */
export const MLP_DEFAULTS: MlpTrainOptions = { hidden: 32, epochs: 5, positiveWeight: 10, l2: 1e-4, learningRate: 0.01, seed: 7 };

/** Number of surface cues appended to the embedding in `checkworthyDenseInput`. */
const CUES = 8;

/**
 * The dense input of a sentence: the unit-length mean of its words' vectors (unknown words
 * skipped), then surface cues: a digit, a percentage, money, a closing question mark, length
 * (words / 50, capped at 1), a very short line (< 6 words), a comparative, and a constant 1.
 */
export function checkworthyDenseInput(text: string, vectors: WordVectors): Float64Array {
  const d = vectors.dims;
  const x = new Float64Array(d + CUES);
  const words = tokenizeWords(text);
  let n = 0;
  for (const t of words) {
    const r = vectors.rows.get(t.norm);
    if (r === undefined) continue;
    n++;
    for (let k = 0; k < d; k++) x[k]! += vectors.data[r * d + k]!;
  }
  if (n) {
    let s = 0;
    for (let k = 0; k < d; k++) s += x[k]! * x[k]!;
    s = Math.sqrt(s) || 1;
    for (let k = 0; k < d; k++) x[k]! /= s;
  }
  x[d] = /\d/.test(text) ? 1 : 0;
  x[d + 1] = /%|\bpercent\b/i.test(text) ? 1 : 0;
  x[d + 2] = /[$€£]|\b(?:million|billion|trillion)\b/i.test(text) ? 1 : 0;
  x[d + 3] = /\?\s*$/.test(text) ? 1 : 0;
  x[d + 4] = Math.min(words.length, 50) / 50;
  x[d + 5] = words.length < 6 ? 1 : 0;
  x[d + 6] = /\b(?:more|less|fewer|most|least|than)\b/i.test(text) ? 1 : 0;
  x[d + 7] = 1;
  return x;
}

/** The network's logit for one input. */
export function mlpLogit(m: CheckworthyMlp, x: ArrayLike<number>): number {
  let z = m.b2;
  for (let j = 0; j < m.hidden; j++) {
    let a = m.b1[j]!;
    const row = j * m.inputs;
    for (let k = 0; k < m.inputs; k++) a += m.w1[row + k]! * x[k]!;
    z += m.w2[j]! * Math.tanh(a);
  }
  return z;
}

/**
 * Trains the network by AdaGrad SGD on a weighted logistic loss with L2; deterministic for a
 * seed. `xs` are dense inputs of one length, `ys` 0/1 labels.
 */
export function trainCheckworthyMlp(xs: readonly Float64Array[], ys: readonly number[], opts: MlpTrainOptions = MLP_DEFAULTS): CheckworthyMlp {
  const rng = makeRng(opts.seed);
  const inputs = xs[0]?.length ?? 0;
  const h = opts.hidden;
  const lr = opts.learningRate;
  const w1 = Float64Array.from({ length: h * inputs }, () => ((rng() - 0.5) * 2) / Math.sqrt(Math.max(1, inputs)));
  const b1 = new Float64Array(h);
  const w2 = Float64Array.from({ length: h }, () => ((rng() - 0.5) * 2) / Math.sqrt(h));
  let b2 = 0;
  const g1 = new Float64Array(h * inputs).fill(1e-8);
  const gb1 = new Float64Array(h).fill(1e-8);
  const g2 = new Float64Array(h).fill(1e-8);
  let gb2 = 1e-8;
  const act = new Float64Array(h);
  const order = xs.map((_, i) => i);
  for (let e = 0; e < opts.epochs; e++) {
    shuffleInPlace(order, rng);
    for (const i of order) {
      const x = xs[i]!;
      let z = b2;
      for (let j = 0; j < h; j++) {
        let a = b1[j]!;
        for (let k = 0; k < inputs; k++) a += w1[j * inputs + k]! * x[k]!;
        act[j] = Math.tanh(a);
        z += w2[j]! * act[j]!;
      }
      const p = sigmoid(z);
      const d = (p - ys[i]!) * (ys[i] ? opts.positiveWeight : 1);
      gb2 += d * d;
      b2 -= (lr * d) / Math.sqrt(gb2);
      for (let j = 0; j < h; j++) {
        const gw = d * act[j]! + opts.l2 * w2[j]!;
        const dh = d * w2[j]! * (1 - act[j]! * act[j]!);
        g2[j]! += gw * gw;
        w2[j]! -= (lr * gw) / Math.sqrt(g2[j]!);
        gb1[j]! += dh * dh;
        b1[j]! -= (lr * dh) / Math.sqrt(gb1[j]!);
        for (let k = 0; k < inputs; k++) {
          const g = dh * x[k]! + opts.l2 * w1[j * inputs + k]!;
          if (g === 0) continue;
          g1[j * inputs + k]! += g * g;
          w1[j * inputs + k]! -= (lr * g) / Math.sqrt(g1[j * inputs + k]!);
        }
      }
    }
  }
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  return { inputs, hidden: h, w1: Array.from(w1, round), b1: Array.from(b1, round), w2: Array.from(w2, round), b2: round(b2) };
}
