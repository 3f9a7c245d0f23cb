import type { LinearModel } from './linear.ts';

/** A linear model with named features and labels, as stored in `data/models/*.json`. */
export interface StoredLinearModel {
  labels: string[];
  features: string[];
  /** Int16-quantized weights, base64, row-major `[feature][class]`; multiply by `scale`. */
  weights: string;
  scale: number;
  bias: number[];
}

/**
 * Packs a model into a compact JSON-able record: drops features whose weights are all below
 * `prune` in magnitude, quantizes the rest to 16 bits.
 */
export function packLinearModel(model: LinearModel, featureNames: readonly string[], labels: readonly string[], prune = 1e-3): StoredLinearModel {
  const k = model.classes;
  const kept: number[] = [];
  let maxAbs = 1e-9;
  for (let f = 0; f < model.features; f++) {
    let keep = false;
    for (let c = 0; c < k; c++) {
      const w = Math.abs(model.weights[f * k + c]!);
      if (w >= prune) keep = true;
      maxAbs = Math.max(maxAbs, w);
    }
    if (keep) kept.push(f);
  }
  const scale = maxAbs / 32767;
  const q = new Int16Array(kept.length * k);
  kept.forEach((f, r) => {
    for (let c = 0; c < k; c++) q[r * k + c] = Math.round(model.weights[f * k + c]! / scale);
  });
  return {
    labels: [...labels],
    features: kept.map((f) => featureNames[f]!),
    weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
    scale,
    bias: Array.from(model.bias),
  };
}

/** Unpacks a stored model into a linear model and its feature names. */
export function unpackLinearModel(stored: StoredLinearModel): { model: LinearModel; features: string[]; labels: string[] } {
  const buf = Buffer.from(stored.weights, 'base64');
  const q = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const classes = stored.bias.length;
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i]! * stored.scale;
  return {
    model: { classes, features: stored.features.length, weights, bias: Float32Array.from(stored.bias) },
    features: stored.features,
    labels: stored.labels,
  };
}
