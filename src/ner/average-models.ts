/**
 * Parameter averaging of name-recognizer models trained on the same data with different shuffling
 * seeds: the mean of their (averaged-perceptron) weight tables, a single table of the same size class,
 * so that it costs nothing more at run time than one model. It smooths the order noise of perceptron
 * training (which the model card measures at about ±0.5 F1 on the wikigold cross-validation).
 */
import type { NerModel } from './model.ts';

/**
 * The mean of the dequantized weights of `models` (row by row, a row absent from a model counting as
 * zeros), requantized with the scale rule of training (largest weight → at most 32767, scale ≤ 64).
 * The models must share tags, table bits and resources (name lists, word classes); those of the first
 * are kept. Throws on models of different table sizes or tag sets.
 */
export function averageModels(models: readonly NerModel[], trainedOn?: string): NerModel {
  if (models.length === 0) throw new Error('averageModels: no model');
  const first = models[0]!;
  const width = first.tags.length;
  for (const m of models) {
    if (m.bits !== first.bits || m.tags.join(',') !== first.tags.join(',')) throw new Error('averageModels: models differ in table size or tags');
  }
  const sums = new Map<number, Float64Array>();
  for (const m of models) {
    for (let k = 0; k < m.rows.length; k++) {
      const row = m.rows[k]!;
      let v = sums.get(row);
      if (!v) sums.set(row, (v = new Float64Array(width)));
      for (let t = 0; t < width; t++) v[t]! += m.values[k * width + t]! / m.scale / models.length;
    }
  }
  const rows = [...sums.keys()].sort((a, b) => a - b);
  let maxAbs = 0;
  for (const v of sums.values()) for (const x of v) maxAbs = Math.max(maxAbs, Math.abs(x));
  const scale = maxAbs > 0 ? Math.min(64, 32767 / maxAbs) : 1;
  const keptRows: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    const v = sums.get(row)!;
    const q = Array.from(v, (x) => Math.round(x * scale));
    if (q.every((x) => x === 0)) continue;
    keptRows.push(row);
    values.push(...q);
  }
  return { ...first, trainedOn: trainedOn ?? first.trainedOn, scale, rows: Uint32Array.from(keptRows), values: Int16Array.from(values) };
}
