import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WordVectors } from '../stages/rhetoric/embeddings.ts';
import { checkworthyFeatures } from './checkworthy-features.ts';
import { checkworthyDenseInput, mlpLogit, MLP_DEFAULTS, trainCheckworthyMlp, type CheckworthyMlp, type MlpTrainOptions } from './checkworthy-mlp.ts';
import { FeatureIndex } from './features.ts';
import { predictProbabilities, trainLinear, type Example, type LinearModel } from './linear.ts';

/** One transcript line of the CLEF check-worthiness data. */
export interface CheckworthyLine {
  line: number;
  speaker: string;
  text: string;
  label: number;
}

/** A transcript: file name and lines. */
export interface Transcript {
  name: string;
  lines: CheckworthyLine[];
}

/** Reads every `.tsv` transcript (`line<TAB>speaker<TAB>text<TAB>label`) of a folder, by name. */
export function readTranscripts(dir: string): Transcript[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((name) => ({
      name,
      lines: readFileSync(join(dir, name), 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => {
          const c = l.split('\t');
          return { line: Number(c[0]), speaker: c[1] ?? '', text: c[2] ?? '', label: Number(c[c.length - 1]) === 1 ? 1 : 0 };
        }),
    }));
}

/** Settings of the check-worthiness logistic regression. */
export interface CheckworthyTrainOptions {
  epochs: number;
  l2: number;
  /** Weight of a positive line (positives are about 1 % of lines). */
  positiveWeight: number;
  minCount: number;
}

/** Default settings, chosen by debate-wise cross-validation (see `scripts/train-checkworthy.ts`). */
export const CHECKWORTHY_DEFAULTS: CheckworthyTrainOptions = { epochs: 10, l2: 1e-3, positiveWeight: 10, minCount: 300 };

/** Trains the check-worthiness model on transcripts; returns the model and its feature index. */
export function trainCheckworthy(transcripts: readonly Transcript[], opts: CheckworthyTrainOptions = CHECKWORTHY_DEFAULTS): { model: LinearModel; index: FeatureIndex } {
  const lines = transcripts.flatMap((t) => t.lines);
  const feats = lines.map((l) => checkworthyFeatures(l.text));
  const index = FeatureIndex.build(feats, opts.minCount);
  const examples: Example[] = feats.map((f, i) => ({ x: index.vectorize(f), y: lines[i]!.label, weight: lines[i]!.label ? opts.positiveWeight : 1 }));
  return { model: trainLinear(examples, { classes: 1, features: index.size, epochs: opts.epochs, l2: opts.l2, learningRate: 0.05, seed: 3 }), index };
}

/** Average precision of a ranking of lines by score (ties keep line order). */
export function averagePrecision(lines: readonly CheckworthyLine[], scores: readonly number[]): number {
  const order = lines.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let hits = 0;
  let sum = 0;
  order.forEach((i, rank) => {
    if (lines[i]!.label) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return hits ? sum / hits : 0;
}

/**
 * Debate-wise k-fold cross-validation: fold f holds out every k-th transcript (by date order),
 * trains on the rest and scores the held-out ones. Returns per-transcript scores for every line.
 */
export function crossValidateCheckworthy(transcripts: readonly Transcript[], folds: number, opts: CheckworthyTrainOptions = CHECKWORTHY_DEFAULTS): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let f = 0; f < folds; f++) {
    const train = transcripts.filter((_, i) => i % folds !== f);
    const test = transcripts.filter((_, i) => i % folds === f);
    const { model, index } = trainCheckworthy(train, opts);
    for (const t of test) out.set(t.name, t.lines.map((l) => predictProbabilities(model, index.vectorize(checkworthyFeatures(l.text)))[0]!));
  }
  return out;
}

/**
 * Debate-wise k-fold cross-validation of the embedding network (`checkworthy-mlp.ts`), folds as in
 * `crossValidateCheckworthy`. Returns per-transcript logits for every line.
 */
export function crossValidateCheckworthyMlp(transcripts: readonly Transcript[], folds: number, vectors: WordVectors, opts: MlpTrainOptions = MLP_DEFAULTS): Map<string, number[]> {
  const inputs = new Map(transcripts.map((t) => [t.name, t.lines.map((l) => checkworthyDenseInput(l.text, vectors))]));
  const out = new Map<string, number[]>();
  for (let f = 0; f < folds; f++) {
    const train = transcripts.filter((_, i) => i % folds !== f);
    const mlp = trainCheckworthyMlp(
      train.flatMap((t) => inputs.get(t.name)!),
      train.flatMap((t) => t.lines.map((l) => l.label)),
      opts,
    );
    for (const t of transcripts.filter((_, i) => i % folds === f)) out.set(t.name, inputs.get(t.name)!.map((x) => mlpLogit(mlp, x)));
  }
  return out;
}

/** Trains the embedding network on all given transcripts. */
export function trainCheckworthyMlpOn(transcripts: readonly Transcript[], vectors: WordVectors, opts: MlpTrainOptions = MLP_DEFAULTS): CheckworthyMlp {
  const lines = transcripts.flatMap((t) => t.lines);
  return trainCheckworthyMlp(lines.map((l) => checkworthyDenseInput(l.text, vectors)), lines.map((l) => l.label), opts);
}
