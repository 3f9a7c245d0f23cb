/**
 * The shipped name-recognizer model: a JSON table of averaged-perceptron weights
 * (`data/models/ner.json`), and a loader that turns it into a fast lookup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NER_TAGS, type WeightLookup } from './tagger.ts';

/** Serialized model: feature name → one weight per tag (in `tags` order). */
export interface NerModel {
  format: 'annalist-ner-perceptron/1';
  tags: string[];
  trainedOn: string;
  epochs: number;
  weights: Record<string, number[]>;
}

/** The bundled model file. */
export const DEFAULT_NER_MODEL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'models', 'ner.json');

/** A loaded model: weights in typed arrays behind a Map, ready for `tagDocument`. */
export interface LoadedNerModel extends WeightLookup {
  model: NerModel;
  size: number;
}

/** Builds the run-time lookup from a serialized model. Throws if its tag set differs from `NER_TAGS`. */
export function prepareNerModel(model: NerModel): LoadedNerModel {
  if (model.tags.join(',') !== NER_TAGS.join(',')) throw new Error(`ner model: tag set ${model.tags.join(',')} differs from ${NER_TAGS.join(',')}`);
  const table = new Map<string, Float32Array>();
  for (const [name, row] of Object.entries(model.weights)) table.set(name, Float32Array.from(row));
  return {
    model,
    size: table.size,
    addWeights(name: string, out: Float64Array): void {
      const row = table.get(name);
      if (!row) return;
      for (let k = 0; k < row.length; k++) out[k]! += row[k]!;
    },
  };
}

const cache = new Map<string, LoadedNerModel | null>();

/**
 * Loads (once per process and path) the model from `path` or the bundled file.
 * Returns null when the file does not exist, so callers can run gazetteer-only.
 */
export function loadNerModel(path: string = DEFAULT_NER_MODEL): LoadedNerModel | null {
  if (cache.has(path)) return cache.get(path)!;
  const loaded = existsSync(path) ? prepareNerModel(JSON.parse(readFileSync(path, 'utf8')) as NerModel) : null;
  cache.set(path, loaded);
  return loaded;
}
