import type { Span } from '../../core/types.ts';
import type { LinearModel } from '../../models/linear.ts';
import { tokenRange, type RhetoricDoc } from './doc.ts';
import { CHAR_GRAM_VALUE, spanWordValue } from './features.ts';

/**
 * A multinomial naive Bayes for task TC over a span's bag terms — words, word bigrams, stems and
 * character 4-grams — whose log-posterior is mixed into the technique model's log-probabilities at a
 * small weight (`mixTcBayes`), the counts damped like the technique model's bag features for spans
 * of more than 4 words (`spanBayesTerms`). Since the naive Bayes score of a class is linear in the
 * term counts and the softmax ignores constants shared by all classes, that mix is exactly a change
 * of the technique model's weights and bias (`foldTcBayes`): it costs nothing at run time. Built by
 * `trainTcBayes`.
 */
export interface TcBayes {
  classes: number;
  /** Log prior of each class. */
  prior: Float64Array;
  /** Per term, the log-likelihood of each class (Laplace-smoothed). */
  terms: Map<string, Float64Array>;
}

/** Term counts (or weighted counts) of one example: term → count. */
export type TermCounts = ReadonlyMap<string, number>;

/** Prefixes of the technique model's bag features the naive Bayes reads (see `emitSpanFeatures`). */
export const BAG_PREFIXES: readonly string[] = ['w', 'st', 'b', 'c4'];

/** The bag features of a technique feature map (names starting with a `BAG_PREFIXES` prefix and a tab), values kept. */
export function bagTerms(feats: TermCounts): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, v] of feats) {
    const tab = name.indexOf('\t');
    if (tab > 0 && BAG_PREFIXES.includes(name.slice(0, tab))) out.set(name, v);
  }
  return out;
}

/** Raw counts of the terms of tokens `[a, b)`: words, stems (first 5 letters of words of ≥ 6), bigrams and 4-grams of " w1 w2 … ". */
export function spanTerms(doc: RhetoricDoc, a: number, b: number): Map<string, number> {
  const words: string[] = [];
  for (let i = a; i < b; i++) words.push(doc.tokens[i]!.norm);
  const out = new Map<string, number>();
  const add = (t: string) => out.set(t, (out.get(t) ?? 0) + 1);
  words.forEach((w, i) => {
    add(`w\t${w}`);
    if (w.length >= 6) add(`st\t${w.slice(0, 5)}`);
    if (i + 1 < words.length) add(`b\t${w}\t${words[i + 1]}`);
  });
  const chars = ` ${words.join(' ')} `;
  for (let i = 0; i + 4 <= chars.length; i++) add(`c4\t${chars.slice(i, i + 4)}`);
  return out;
}

/**
 * The terms of a span as the folded naive Bayes reads them: `spanTerms` counts times the span's word
 * value (`spanWordValue`: 1 up to 4 tokens, then 2 / sqrt(tokens)), the factor the technique model's
 * bag features carry.
 */
export function spanBayesTerms(doc: RhetoricDoc, span: Span): Map<string, number> {
  const [a, b] = tokenRange(doc, span);
  const v = spanWordValue(b - a);
  const out = spanTerms(doc, a, b);
  if (v !== 1) for (const [t, n] of out) out.set(t, n * v);
  return out;
}

/**
 * Fits the model on term counts and class indices: class priors (add-one), term likelihoods
 * (count + `alpha`) / (class total + `alpha` × vocabulary), over the terms found in at least
 * `minCount` examples (as the technique model's feature index keeps them). Pure; returns a new model.
 */
export function trainTcBayes(docs: readonly TermCounts[], ys: readonly number[], classes: number, alpha = 1, minCount = 1): TcBayes {
  const seen = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) seen.set(t, (seen.get(t) ?? 0) + 1);
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(classes);
  const prior = new Float64Array(classes);
  docs.forEach((d, i) => {
    const y = ys[i]!;
    prior[y] += 1;
    for (const [t, n] of d) {
      if (seen.get(t)! < minCount) continue;
      let row = counts.get(t);
      if (!row) counts.set(t, (row = new Float64Array(classes)));
      row[y] += n;
      totals[y] += n;
    }
  });
  const v = counts.size;
  const terms = new Map<string, Float64Array>();
  for (const [t, row] of counts) terms.set(t, Float64Array.from(row, (x, c) => Math.log((x + alpha) / (totals[c]! + alpha * v))));
  return { classes, prior: Float64Array.from(prior, (x) => Math.log((x + 1) / (docs.length + classes))), terms };
}

/** The normalised log-posterior of each class for term counts (unknown terms are skipped). Pure. */
export function tcBayesLogPosterior(nb: TcBayes, terms: TermCounts): Float64Array {
  const z = Float64Array.from(nb.prior);
  for (const [t, n] of terms) {
    const row = nb.terms.get(t);
    if (row) for (let c = 0; c < z.length; c++) z[c] += n * row[c]!;
  }
  let max = -Infinity;
  for (const x of z) max = Math.max(max, x);
  let sum = 0;
  for (const x of z) sum += Math.exp(x - max);
  const lse = max + Math.log(sum);
  for (let c = 0; c < z.length; c++) z[c] -= lse;
  return z;
}

/** log p ∝ log p_model + `weight` × log p_NB, renormalised. Pure; returns new probabilities. */
export function mixTcBayes(p: ArrayLike<number>, logNb: ArrayLike<number>, weight: number): Float64Array {
  const z = Float64Array.from(p, (x, c) => Math.log(Math.max(1e-12, x)) + weight * logNb[c]!);
  let max = -Infinity;
  for (const x of z) max = Math.max(max, x);
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return z;
}

/**
 * Adds `weight` × the naive Bayes log-likelihoods to a softmax technique model's rows of the same
 * terms (`featureNames[f]` is row f's name; terms the model lacks are skipped; 4-gram rows divided by
 * `CHAR_GRAM_VALUE`, since a 4-gram's feature value is that share of a word's) and `weight` × the
 * log priors to its bias, each row and the bias centred over the classes (a shift shared by all
 * classes does not change a softmax, and centring keeps small rows small for pruning). For a span
 * whose terms the model has, its softmax then equals `mixTcBayes` of the old model's probabilities
 * and the naive Bayes posterior of `spanBayesTerms`. Returns a new model.
 */
export function foldTcBayes(model: LinearModel, featureNames: readonly string[], nb: TcBayes, weight: number): LinearModel {
  const k = model.classes;
  if (k !== nb.classes) throw new Error('naive Bayes and model disagree on the classes');
  const weights = Float32Array.from(model.weights);
  const bias = Float32Array.from(model.bias);
  const addCentred = (target: Float32Array, at: number, row: Float64Array, scale = 1) => {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += row[c]! / k;
    for (let c = 0; c < k; c++) target[at + c] += weight * scale * (row[c]! - mean);
  };
  featureNames.forEach((name, f) => {
    const row = nb.terms.get(name);
    if (row) addCentred(weights, f * k, row, name.startsWith('c4\t') ? 1 / CHAR_GRAM_VALUE : 1);
  });
  addCentred(bias, 0, nb.prior);
  return { ...model, weights, bias };
}
