import type { Span } from '../../core/types.ts';
import { tokenRange, type RhetoricDoc } from './doc.ts';

/**
 * Second stage of the technique model for task TC (given spans): a softmax over the first stage's
 * log-probabilities of a span and the mean first-stage probabilities of the *other* given spans of
 * its article, of its sentence, with its wording and overlapping it (each group with a "has any"
 * flag). Trained on out-of-fold first-stage probabilities, so it learns how far to trust them and
 * how a span's neighbours shift its technique (a span among Name_Calling peers is more likely
 * Name_Calling too). Measured by `scripts/cv-rhetoric-tc.ts` (TC_STAGE2=1) and not kept: it gained
 * alone but nothing on top of the naive Bayes mix of `tc-bayes.ts` (data/models/rhetoric.md), so no
 * model stores one and the stage does not run it.
 */
export interface StoredTcStage2 {
  /** Number of techniques (the first stage's labels, in its order). */
  classes: number;
  /** Input size: `classes` log-probabilities, then per group `classes` means and one flag. */
  dims: number;
  /** Row-major `classes × dims` weights. */
  weights: number[];
  /** One bias per class. */
  bias: number[];
}

/** The groups of related given spans whose mean first-stage probabilities are inputs, in input order. */
export const STAGE2_GROUPS = ['article', 'sentence', 'wording', 'overlap'] as const;

/** Input size for `classes` techniques. */
export function stage2Dims(classes: number): number {
  return classes + STAGE2_GROUPS.length * (classes + 1);
}

/** Where a given span stands, for finding its related spans: offsets, sentence index and wording. */
export interface Stage2Place {
  start: number;
  end: number;
  sentence: number;
  /** Word tokens' norms joined by spaces ('' when the span has no word). */
  wording: string;
}

const WORD = /^[\p{L}\p{N}]/u;

/** The place of each span of `spans` (distinct given spans of one document), in input order. */
export function stage2Places(doc: RhetoricDoc, spans: readonly Span[]): Stage2Place[] {
  return spans.map((s) => {
    const [a, b] = tokenRange(doc, s);
    const words: string[] = [];
    for (let i = a; i < b; i++) if (WORD.test(doc.tokens[i]!.norm)) words.push(doc.tokens[i]!.norm);
    const sentence = a < doc.tokens.length ? doc.tokenSentence[a]! : -1;
    return { start: s.start, end: s.end, sentence, wording: words.join(' ') };
  });
}

/** Smallest probability whose logarithm enters the inputs (out-of-fold files keep six decimals). */
const FLOOR = 1e-6;

/**
 * The second-stage inputs of each span of one document: its own log-probabilities, then for each of
 * `STAGE2_GROUPS` the mean probabilities of the other spans in that group (0 when none) and a flag.
 * `probs[i]` are span i's first-stage probabilities. Pure; returns new arrays.
 */
export function stage2Inputs(places: readonly Stage2Place[], probs: ReadonlyArray<ArrayLike<number>>): Float64Array[] {
  const n = places.length;
  if (!n) return [];
  const k = probs[0]!.length;
  const total = new Float64Array(k);
  for (const p of probs) for (let c = 0; c < k; c++) total[c] += p[c]!;
  return places.map((me, i) => {
    const x = new Float64Array(stage2Dims(k));
    const own = probs[i]!;
    for (let c = 0; c < k; c++) x[c] = Math.log(Math.max(FLOOR, own[c]!));
    // article: all others.
    if (n > 1) {
      for (let c = 0; c < k; c++) x[k + c] = (total[c]! - own[c]!) / (n - 1);
      x[2 * k] = 1;
    }
    const related: Array<(o: Stage2Place) => boolean> = [
      (o) => o.sentence === me.sentence && me.sentence >= 0,
      (o) => o.wording === me.wording && me.wording !== '',
      (o) => o.start < me.end && me.start < o.end,
    ];
    related.forEach((is, g) => {
      const off = (g + 2) * (k + 1) - 1;
      let m = 0;
      for (let j = 0; j < n; j++) {
        if (j === i || !is(places[j]!)) continue;
        m++;
        const p = probs[j]!;
        for (let c = 0; c < k; c++) x[off + c] += p[c]!;
      }
      if (!m) return;
      for (let c = 0; c < k; c++) x[off + c] /= m;
      x[off + k] = 1;
    });
    return x;
  });
}

/** The second stage's probabilities for one input (see `stage2Inputs`). Pure; returns a new array. */
export function applyTcStage2(model: StoredTcStage2, x: ArrayLike<number>): Float64Array {
  const { classes: k, dims: d, weights: w, bias } = model;
  const z = new Float64Array(k);
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let s = bias[c]!;
    for (let j = 0; j < d; j++) s += w[c * d + j]! * x[j]!;
    z[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < k; c++) z[c]! /= sum;
  return z;
}

/** Training settings of `trainTcStage2`. */
export interface Stage2Training {
  /** L2 penalty on the weights' distance from the start (identity on the own log-probabilities), per example. */
  l2: number;
  /** Full-batch Adam steps (default 300). */
  steps?: number;
  /** Adam step size (default 0.05). */
  learningRate?: number;
}

/**
 * Fits the second stage by full-batch Adam on the mean log-loss plus `l2` × the squared distance of
 * the weights from the start, which is the first stage itself (weight 1 on each class's own
 * log-probability, everything else 0). Deterministic. `xs` are inputs (`stage2Inputs`), `ys` the
 * technique index of each (a span given with k techniques is k examples).
 */
export function trainTcStage2(xs: ReadonlyArray<ArrayLike<number>>, ys: readonly number[], classes: number, opts: Stage2Training): StoredTcStage2 {
  const k = classes;
  const d = stage2Dims(k);
  const n = xs.length;
  const p = k * d + k;
  const theta = new Float64Array(p);
  const start = new Float64Array(p);
  for (let c = 0; c < k; c++) start[c * d + c] = 1;
  theta.set(start);
  const m1 = new Float64Array(p);
  const m2 = new Float64Array(p);
  const grad = new Float64Array(p);
  const z = new Float64Array(k);
  const steps = opts.steps ?? 300;
  const lr = opts.learningRate ?? 0.05;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= steps; t++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = theta[k * d + c]!;
        for (let j = 0; j < d; j++) s += theta[c * d + j]! * x[j]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < k; c++) {
        const g = (z[c]! / sum - (c === ys[i] ? 1 : 0)) / n;
        if (!g) continue;
        for (let j = 0; j < d; j++) grad[c * d + j] += g * x[j]!;
        grad[k * d + c] += g;
      }
    }
    for (let q = 0; q < k * d; q++) grad[q] += 2 * opts.l2 * (theta[q]! - start[q]!);
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let q = 0; q < p; q++) {
      m1[q] = b1 * m1[q]! + (1 - b1) * grad[q]!;
      m2[q] = b2 * m2[q]! + (1 - b2) * grad[q]! ** 2;
      theta[q] -= (lr * (m1[q]! / c1)) / (Math.sqrt(m2[q]! / c2) + eps);
    }
  }
  return { classes: k, dims: d, weights: Array.from(theta.subarray(0, k * d)), bias: Array.from(theta.subarray(k * d)) };
}

