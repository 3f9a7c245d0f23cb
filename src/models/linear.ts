import type { SparseVector } from './features.ts';
import { makeRng, shuffleInPlace } from './rng.ts';

/**
 * A linear model over sparse vectors. With one class it is a binary logistic regression
 * (sigmoid of the score); with several a multinomial (softmax) logistic regression.
 * `weights[f * classes + c]` is the weight of feature `f` for class `c`.
 */
export interface LinearModel {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** One training example: a sparse vector, a class index (0/1 for binary) and a weight. */
export interface Example {
  x: SparseVector;
  y: number;
  weight?: number;
}

/** Training settings for `trainLinear`. */
export interface TrainOptions {
  /** 1 for binary logistic regression, else the number of classes. */
  classes: number;
  features: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Softmax only: the share of the target spread evenly over all classes (label smoothing; default 0). */
  labelSmoothing?: number;
}

/** Raw scores (logits) of a vector under a model, one per class. */
export function scoreLinear(model: LinearModel, x: SparseVector): Float64Array {
  const k = model.classes;
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) out[c] = model.bias[c]!;
  const { idx, val } = x;
  const w = model.weights;
  for (let j = 0; j < idx.length; j++) {
    const base = idx[j]! * k;
    const v = val[j]!;
    for (let c = 0; c < k; c++) out[c] += w[base + c]! * v;
  }
  return out;
}

/** The logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Softmax of scores, in place; returns the same array. */
export function softmaxInPlace(z: Float64Array): Float64Array {
  let m = -Infinity;
  for (const v of z) m = Math.max(m, v);
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i]! - m);
    s += z[i]!;
  }
  for (let i = 0; i < z.length; i++) z[i]! /= s;
  return z;
}

/** Class probabilities: `[p(1)]` for a binary model, a distribution for a softmax model. */
export function predictProbabilities(model: LinearModel, x: SparseVector): Float64Array {
  const z = scoreLinear(model, x);
  if (model.classes === 1) {
    z[0] = sigmoid(z[0]!);
    return z;
  }
  return softmaxInPlace(z);
}

/**
 * Trains a logistic regression by AdaGrad SGD with L2 (applied to the weights an example touches).
 * Deterministic for a given seed. Reads the examples; returns a new model.
 */
export function trainLinear(examples: readonly Example[], opts: TrainOptions): LinearModel {
  const k = opts.classes;
  const epochs = opts.epochs ?? 10;
  const lr = opts.learningRate ?? 0.1;
  const l2 = opts.l2 ?? 1e-6;
  const eps = opts.labelSmoothing ?? 0;
  const rng = makeRng(opts.seed ?? 1);
  const weights = new Float32Array(opts.features * k);
  const bias = new Float32Array(k);
  const g2 = new Float32Array(opts.features * k).fill(1e-8);
  const g2b = new Float64Array(k).fill(1e-8);
  const model: LinearModel = { classes: k, features: opts.features, weights, bias };
  const order = examples.map((_, i) => i);
  const grad = new Float64Array(k);
  for (let e = 0; e < epochs; e++) {
    shuffleInPlace(order, rng);
    for (const i of order) {
      const ex = examples[i]!;
      const p = predictProbabilities(model, ex.x);
      const w = ex.weight ?? 1;
      if (k === 1) grad[0] = (p[0]! - ex.y) * w;
      else for (let c = 0; c < k; c++) grad[c] = (p[c]! - ((c === ex.y ? 1 - eps : 0) + eps / k)) * w;
      for (let c = 0; c < k; c++) {
        g2b[c]! += grad[c]! * grad[c]!;
        bias[c]! -= (lr * grad[c]!) / Math.sqrt(g2b[c]!);
      }
      const { idx, val } = ex.x;
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j]! * k;
        const v = val[j]!;
        for (let c = 0; c < k; c++) {
          const g = grad[c]! * v + l2 * weights[base + c]!;
          if (g === 0) continue;
          g2[base + c]! += g * g;
          weights[base + c]! -= (lr * g) / Math.sqrt(g2[base + c]!);
        }
      }
    }
  }
  return model;
}

/**
 * The average of models of one shape trained in different example orders (weight averaging: less SGD
 * noise, no extra size or time at run time). Sums into the first model and returns it.
 */
export function averageLinearModels(models: readonly LinearModel[]): LinearModel {
  const model = models[0]!;
  for (const other of models.slice(1)) {
    for (let i = 0; i < model.weights.length; i++) model.weights[i]! += other.weights[i]!;
    for (let c = 0; c < model.bias.length; c++) model.bias[c]! += other.bias[c]!;
  }
  for (let i = 0; i < model.weights.length; i++) model.weights[i]! /= models.length;
  for (let c = 0; c < model.bias.length; c++) model.bias[c]! /= models.length;
  return model;
}
