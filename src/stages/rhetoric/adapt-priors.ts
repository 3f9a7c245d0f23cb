/**
 * Unsupervised label-shift adaptation over a batch of classified items (Saerens, Latinne &
 * Decaestecker 2002, "Adjusting the outputs of a classifier to new a priori probabilities"): EM
 * re-estimates the batch's class priors from its own posteriors and re-weights each posterior by
 * new prior / training prior. Reads no labels of the batch, only the classifier's outputs.
 */

/** Settings of `adaptPriors`. */
export interface AdaptPriorsOptions {
  /** EM iterations (each: re-weight the posteriors, then re-estimate the priors from them). */
  iterations: number;
  /**
   * Pseudo-count of the training priors: after each estimate, priors = (n·π_EM + m·π_train)/(n + m)
   * with n the batch's weight. 0 = plain EM.
   */
  shrink: number;
  /** Temperature applied to the posteriors before the EM (p^(1/T), renormalised); 1 = none. */
  temperature: number;
}

/** Plain EM, no shrinkage, no temperature. */
export const DEFAULT_ADAPT_OPTIONS: AdaptPriorsOptions = { iterations: 10, shrink: 0, temperature: 1 };

/** A probability vector proportional to `v` (uniform when it sums to 0). */
function normalise(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x;
  if (s > 0) for (let c = 0; c < v.length; c++) v[c]! /= s;
  else v.fill(1 / v.length);
  return v;
}

/** Posteriors raised to 1 / temperature and renormalised (a copy). */
export function temper(p: ArrayLike<number>, temperature: number): Float64Array {
  if (temperature === 1) return normalise(Float64Array.from(p));
  return normalise(Float64Array.from(p, (x) => Math.max(x, 1e-12) ** (1 / temperature)));
}

/**
 * Adapts the posteriors of a batch to its own class priors by EM. `posteriors[i]` is item i's
 * distribution over the classes under the training priors `trainPriors` (same length); `weights[i]`
 * (default 1) is how many instances item i stands for (a span given twice counts twice). Returns new
 * arrays: the estimated batch priors and each item's re-weighted posterior
 * p'(y|x) ∝ p(y|x) · π'(y)/π(y). An empty batch or zero iterations give the (tempered) posteriors back.
 */
export function adaptPriors(
  posteriors: ReadonlyArray<ArrayLike<number>>,
  trainPriors: ArrayLike<number>,
  options: Partial<AdaptPriorsOptions> = {},
  weights?: ArrayLike<number>,
): { priors: Float64Array; posteriors: Float64Array[] } {
  const { iterations, shrink, temperature } = { ...DEFAULT_ADAPT_OPTIONS, ...options };
  const k = trainPriors.length;
  const base = normalise(Float64Array.from(trainPriors, (x) => Math.max(x, 1e-9)));
  const p0 = posteriors.map((p) => temper(p, temperature));
  const w = (i: number) => (weights ? weights[i]! : 1);
  let n = 0;
  for (let i = 0; i < p0.length; i++) n += w(i);
  let priors: Float64Array = Float64Array.from(base);
  let out = p0;
  if (!p0.length || n <= 0) return { priors, posteriors: out };
  const est = new Float64Array(k);
  const ratio = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    for (let c = 0; c < k; c++) ratio[c] = priors[c]! / base[c]!;
    est.fill(0);
    for (let i = 0; i < p0.length; i++) {
      const p = p0[i]!;
      let s = 0;
      for (let c = 0; c < k; c++) s += p[c]! * ratio[c]!;
      const f = s > 0 ? w(i) / s : 0;
      for (let c = 0; c < k; c++) est[c]! += f * p[c]! * ratio[c]!;
    }
    const next = normalise(Float64Array.from(est, (x, c) => x + shrink * base[c]!));
    let change = 0;
    for (let c = 0; c < k; c++) change = Math.max(change, Math.abs(next[c]! - priors[c]!));
    priors = next;
    if (change < 1e-7) break;
  }
  for (let c = 0; c < k; c++) ratio[c] = priors[c]! / base[c]!;
  out = p0.map((p) => normalise(Float64Array.from(p, (x, c) => x * ratio[c]!)));
  return { priors, posteriors: out };
}

/**
 * The temperature (from `grid`) that minimises the mean negative log-likelihood of the gold classes
 * `ys` under the tempered posteriors — meant for out-of-fold training posteriors. Ties: the first.
 */
export function fitTemperature(posteriors: ReadonlyArray<ArrayLike<number>>, ys: readonly number[], grid: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.35, 1.5, 1.75, 2]): number {
  let best = Infinity;
  let bestT = 1;
  for (const t of grid) {
    let nll = 0;
    posteriors.forEach((p, i) => (nll -= Math.log(Math.max(temper(p, t)[ys[i]!]!, 1e-12))));
    if (nll < best) [best, bestT] = [nll, t];
  }
  return bestT;
}
