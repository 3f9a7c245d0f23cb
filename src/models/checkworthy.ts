import { existsSync, readFileSync } from 'node:fs';
import { checkworthyFeatures } from './checkworthy-features.ts';
import { FeatureIndex } from './features.ts';
import { predictProbabilities, type LinearModel } from './linear.ts';
import { unpackLinearModel, type StoredLinearModel } from './serialize.ts';

const MODEL_URL = new URL('../../data/models/checkworthy.json', import.meta.url);
let cached: { model: LinearModel; index: FeatureIndex; combine: boolean } | null | undefined;

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

function loadModel(): { model: LinearModel; index: FeatureIndex; combine: boolean } | null {
  if (cached === undefined) {
    if (!existsSync(MODEL_URL)) cached = null;
    else {
      const stored = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as StoredLinearModel & { combineWithHeuristic?: boolean };
      const { model, features } = unpackLinearModel(stored);
      cached = { model, index: new FeatureIndex(features), combine: stored.combineWithHeuristic === true };
    }
  }
  return cached;
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
 * Check-worthiness of a sentence in 0..1: the probability, under a logistic regression trained on
 * CLEF-2020 CheckThat! Task 5 debate transcripts (`data/models/checkworthy.json`, loaded lazily
 * on first use), that fact-checkers would pick it, combined with the heuristic when cross-validation
 * chose that. Falls back to the heuristic without the model.
 */
export function scoreCheckWorthiness(text: string): number {
  const m = loadModel();
  if (!m) return scoreCheckWorthinessHeuristic(text);
  const p = predictProbabilities(m.model, m.index.vectorize(checkworthyFeatures(text)))[0]!;
  return m.combine ? combineCheckworthiness(p, text) : p;
}
