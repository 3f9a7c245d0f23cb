import { readFileSync } from 'node:fs';
import type { Span } from '../../core/types.ts';
import { FeatureIndex, NestedFeatureIndex } from '../../models/features.ts';
import { predictProbabilities, sigmoid, type LinearModel } from '../../models/linear.ts';
import { unpackLinearModel, type StoredLinearModel } from '../../models/serialize.ts';
import type { RhetoricDoc } from './doc.ts';
import { emitTokenFeatures, spanFeatures } from './features.ts';

/** How token probabilities become spans. */
export interface DecodeParams {
  /** A token is inside a span when its smoothed probability reaches this. */
  threshold: number;
  /** Runs separated by at most this many tokens are joined. */
  gap: number;
  /** Weight of the neighbours' probabilities in smoothing (0 = none). */
  smooth: number;
  /** Spans with fewer word tokens are dropped. */
  minWords: number;
}

/** The shipped rhetoric model as stored in `data/models/rhetoric.json`. */
export interface StoredRhetoricModel {
  version: string;
  si: StoredLinearModel;
  tc: StoredLinearModel;
  decode: DecodeParams;
}

/** A loaded linear model with its feature index and labels. */
export interface LoadedLinear {
  model: LinearModel;
  index: FeatureIndex;
  labels: string[];
}

/** The rhetoric model ready to use. */
export interface RhetoricModel {
  version: string;
  si: LoadedLinear;
  tc: LoadedLinear;
  decode: DecodeParams;
}

/** A detected span with its span confidence and technique ranking. */
export interface RhetoricSpan extends Span {
  confidence: number;
  techniques: Array<{ technique: string; p: number }>;
}

const MODEL_URL = new URL('../../../data/models/rhetoric.json', import.meta.url);
let cached: RhetoricModel | null = null;

/** Turns a stored linear model into a loaded one. */
export function loadLinear(stored: StoredLinearModel): LoadedLinear {
  const { model, features, labels } = unpackLinearModel(stored);
  return { model, index: new FeatureIndex(features), labels };
}

/** Reads the shipped model once (lazily) from `data/models/rhetoric.json`. */
export function loadRhetoricModel(): RhetoricModel {
  if (!cached) {
    const stored = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as StoredRhetoricModel;
    cached = { version: stored.version, si: loadLinear(stored.si), tc: loadLinear(stored.tc), decode: stored.decode };
  }
  return cached;
}

const nestedCache = new WeakMap<LoadedLinear, NestedFeatureIndex>();
function nestedIndex(m: LoadedLinear): NestedFeatureIndex {
  let n = nestedCache.get(m);
  if (!n) nestedCache.set(m, (n = new NestedFeatureIndex(m.index)));
  return n;
}

/** Probability that each token of the document lies inside a propaganda span. */
export function tokenProbabilities(doc: RhetoricDoc, si: LoadedLinear): Float64Array {
  const out = new Float64Array(doc.tokens.length).fill(si.model.bias[0]!);
  const w = si.model.weights;
  const nested = nestedIndex(si);
  emitTokenFeatures(doc, (i, value, prefix, a, b) => {
    const f = nested.get(prefix, a, b);
    if (f >= 0) out[i] += w[f]! * value;
  });
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]!);
  return out;
}

/**
 * Turns token probabilities into spans: smooth, threshold, join close runs within a sentence,
 * trim punctuation at the edges. Confidence is the mean probability of the span's tokens.
 */
export function decodeSpans(doc: RhetoricDoc, probs: Float64Array, params: DecodeParams): Array<Span & { confidence: number }> {
  const out: Array<Span & { confidence: number }> = [];
  const toks = doc.tokens;
  for (let si = 0; si < doc.sentences.length; si++) {
    const a = doc.sentenceTokenStart[si]!;
    const b = doc.sentenceTokenStart[si + 1]!;
    const on: boolean[] = [];
    for (let i = a; i < b; i++) {
      const l = i > a ? probs[i - 1]! : probs[i]!;
      const r = i + 1 < b ? probs[i + 1]! : probs[i]!;
      const p = (1 - params.smooth) * probs[i]! + (params.smooth / 2) * (l + r);
      on.push(p >= params.threshold);
    }
    let i = 0;
    while (i < on.length) {
      if (!on[i]) {
        i++;
        continue;
      }
      let j = i + 1;
      for (;;) {
        while (j < on.length && on[j]) j++;
        let k = j;
        while (k < on.length && !on[k] && k - j < params.gap) k++;
        if (k < on.length && on[k] && k > j) j = k;
        else break;
      }
      // Trim punctuation other than quotes at the edges.
      let s = a + i;
      let e = a + j;
      while (s < e && /^[^\p{L}\p{N}"]/u.test(toks[s]!.text)) s++;
      while (e > s && /^[^\p{L}\p{N}"]/u.test(toks[e - 1]!.text)) e--;
      let words = 0;
      let sum = 0;
      for (let t = s; t < e; t++) {
        if (/[\p{L}\p{N}]/u.test(toks[t]!.text)) words++;
        sum += probs[t]!;
      }
      if (e > s && words >= params.minWords) out.push({ start: toks[s]!.start, end: toks[e - 1]!.end, confidence: sum / (e - s) });
      i = j;
    }
  }
  return out;
}

/** Ranks the techniques for a span, most probable first. */
export function classifySpan(doc: RhetoricDoc, span: Span, tc: LoadedLinear): Array<{ technique: string; p: number }> {
  const p = predictProbabilities(tc.model, tc.index.vectorize(spanFeatures(doc, span)));
  return tc.labels.map((technique, i) => ({ technique, p: p[i]! })).sort((x, y) => y.p - x.p);
}

/**
 * Finds propaganda spans in a prepared document and ranks techniques for each.
 * Reads the document and the model; returns new records sorted by start.
 */
export function detectRhetoric(doc: RhetoricDoc, model: RhetoricModel = loadRhetoricModel()): RhetoricSpan[] {
  const probs = tokenProbabilities(doc, model.si);
  return decodeSpans(doc, probs, model.decode).map((s) => ({ ...s, techniques: classifySpan(doc, s, model.tc) }));
}
