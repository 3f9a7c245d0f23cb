import { existsSync, readFileSync } from 'node:fs';
import { loadWordVectors, type WordVectors } from '../stages/rhetoric/embeddings.ts';
import { checkworthyFeatures } from './checkworthy-features.ts';
import { checkworthyDenseInput, mlpLogit, type CheckworthyMlp } from './checkworthy-mlp.ts';
import { FeatureIndex } from './features.ts';
import { predictProbabilities, type LinearModel } from './linear.ts';
import { unpackLinearModel, type StoredLinearModel } from './serialize.ts';

const MODEL_URL = new URL('../../data/models/checkworthy.json', import.meta.url);
/**
 * How the shipped model's parts are summed, as logits: the linear model's, `mlp` times the
 * embedding network's, `heuristic` times the heuristic's.
 */
export interface CheckworthyMix {
  mlp: number;
  heuristic: number;
}

interface LoadedModel {
  model: LinearModel;
  index: FeatureIndex;
  mix: CheckworthyMix;
  mlp?: CheckworthyMlp;
}
let cached: LoadedModel | null | undefined;
let vectors: WordVectors | null | undefined;

/**
 * The placeholder heuristic, kept as the fallback when no trained model is shipped and as a
 * benchmark baseline: numbers, money, percentages and comparatives raise the score.
 */
export function scoreCheckWorthinessHeuristic(text: string): number {
  let s = -2.5;
  if (/\d/.test(text)) s += 1.2;
  if (/%|percent|million|billion|trillion|\$/i.test(text)) s += 1.0;
  if (/\b(more|less|fewer|most|least|highest|lowest|largest|increase[ds]?|decrease[ds]?)\b/i.test(text)) s += 0.5;
  if (/\?$/.test(text.trim())) s -= 1.0;
  if (text.length < 30) s -= 1.0;
  return 1 / (1 + Math.exp(-s));
}

function loadModel(): LoadedModel | null {
  if (cached === undefined) {
    if (!existsSync(MODEL_URL)) cached = null;
    else {
      const stored = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as StoredLinearModel & { combineWithHeuristic?: boolean; mix?: CheckworthyMix; mlp?: CheckworthyMlp };
      const { model, features } = unpackLinearModel(stored);
      const mix = stored.mix ?? { mlp: 0, heuristic: stored.combineWithHeuristic === true ? 1 : 0 };
      cached = { model, index: new FeatureIndex(features), mix, ...(stored.mlp && mix.mlp ? { mlp: stored.mlp } : {}) };
    }
  }
  return cached;
}

/** The mix of the shipped model (undefined without a model file): for benchmarks that rebuild it by cross-validation. */
export function shippedCheckworthyMix(): CheckworthyMix | undefined {
  return loadModel()?.mix;
}

/** The word vectors for the embedding network, or null when the file cannot be read (the network is then left out). */
function wordVectors(): WordVectors | null {
  if (vectors === undefined) {
    try {
      vectors = loadWordVectors();
    } catch {
      vectors = null;
    }
  }
  return vectors;
}

const logit = (p: number) => Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));

/**
 * Sums the parts' logits with the given mix: the linear model's probability, the embedding
 * network's logit (absent: left out) and the heuristic's score of the text.
 */
export function mixCheckworthiness(linearProbability: number, mlpLogitValue: number | undefined, text: string, mix: CheckworthyMix): number {
  const z = logit(linearProbability) + (mlpLogitValue === undefined ? 0 : mix.mlp * mlpLogitValue) + (mix.heuristic ? mix.heuristic * logit(scoreCheckWorthinessHeuristic(text)) : 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Combines the linear model's probability with the heuristic (sum of logits): the heuristic's
 * hand-picked cues (numbers, money, comparatives) generalize across debates better than words.
 */
export function combineCheckworthiness(modelProbability: number, text: string): number {
  const logit = (p: number) => Math.log(Math.max(1e-9, p) / Math.max(1e-9, 1 - p));
  return 1 / (1 + Math.exp(-(logit(modelProbability) + logit(scoreCheckWorthinessHeuristic(text)))));
}

/**
 * Check-worthiness of a sentence in 0..1: under models trained on CLEF-2020 CheckThat! Task 5
 * debate transcripts (`data/models/checkworthy.json`, loaded lazily on first use), how likely
 * fact-checkers would pick it: the logits of a logistic regression over words and cues, of a small
 * network over the sentence's mean word vector (`data/models/embeddings-100d.bin`) and of the
 * heuristic, summed with the weights cross-validation chose. Falls back to the heuristic without
 * the model file, and leaves the network out without the vectors.
 */
export function scoreCheckWorthiness(text: string): number {
  const m = loadModel();
  if (!m) return scoreCheckWorthinessHeuristic(text);
  const p = predictProbabilities(m.model, m.index.vectorize(checkworthyFeatures(text)))[0]!;
  const v = m.mlp ? wordVectors() : null;
  const z = m.mlp && v ? mlpLogit(m.mlp, checkworthyDenseInput(text, v)) : undefined;
  return mixCheckworthiness(p, z, text, m.mix);
}
