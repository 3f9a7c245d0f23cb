/**
 * Greedy left-to-right BIO tagging with an averaged-perceptron weight table. The same decoder is used
 * in training (with a mutable weight store) and at run time (with a loaded model), so features match.
 */
import {
  describeDocument,
  describeSentence,
  isCapitalized,
  staticFeatures,
  wordFeatures,
  type DocumentInfo,
  type Lexicons,
  type SentenceInfo,
} from './features.ts';

/** The tag set, IOB2 over the four CoNLL types. Index 0 is `O`. */
export const NER_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;

/** Anything that can score a feature list: returns per-tag sums into `out`. */
export interface WeightLookup {
  /** Adds the weights of feature `name` to `out` (length = tag count); unknown features add nothing. */
  addWeights(name: string, out: Float64Array): void;
}

/** Whether `tag` may follow `prev` in IOB2 (an I- tag continues a same-typed B- or I-). */
export function allowedAfter(prev: string, tag: string): boolean {
  if (!tag.startsWith('I-')) return true;
  return prev.length > 2 && prev.slice(2) === tag.slice(2);
}

/** Document memory: the last predicted type of each capitalized word (lower-cased) earlier in the document. */
export type DocMemory = Map<string, string>;

/** Features that depend on the tags already predicted (history) and on the document memory. */
export function historyFeatures(s: SentenceInfo, i: number, t1: string, t2: string, memory: DocMemory): string[] {
  const f = s.folded[i]!;
  const sh = s.shapes[i]!;
  const out = [`t1=${t1}`, `t2t1=${t2}|${t1}`, `t1w=${t1}|${f}`, `t1sh=${t1}|${sh}`];
  const w = s.tokens[i]!;
  if (isCapitalized(w)) {
    const m = memory.get(w.toLowerCase());
    if (m) out.push(`dm=${m}`, `dm=${m}|${sh}`);
  }
  return out;
}

/** Records the predicted types of a tagged sentence in the document memory. */
export function rememberSentence(s: SentenceInfo, tags: readonly string[], memory: DocMemory): void {
  for (let i = 0; i < tags.length; i++) {
    const w = s.tokens[i]!;
    if (!isCapitalized(w)) continue;
    const t = tags[i]!;
    memory.set(w.toLowerCase(), t === 'O' ? 'O' : t.slice(2));
  }
}

/** Index of the best-scoring tag allowed after `prev`. */
export function bestTag(scores: Float64Array, prev: string): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let k = 0; k < NER_TAGS.length; k++) {
    if (!allowedAfter(prev, NER_TAGS[k]!)) continue;
    if (scores[k]! > bestScore) {
      bestScore = scores[k]!;
      best = k;
    }
  }
  return best;
}

/** Scores all tags for a feature list. */
export function scoreFeatures(weights: WeightLookup, feats: readonly string[], out: Float64Array): Float64Array {
  out.fill(0);
  for (const f of feats) weights.addWeights(f, out);
  return out;
}

const wordCache = new WeakMap<WeightLookup, Map<string, Float64Array>>();

/** Summed weights of a word's own features (`wordFeatures`), cached per model and word (bounded). */
function wordScores(weights: WeightLookup, word: string): Float64Array {
  let cache = wordCache.get(weights);
  if (!cache) wordCache.set(weights, (cache = new Map()));
  let v = cache.get(word);
  if (!v) {
    if (cache.size > 200_000) cache.clear();
    v = new Float64Array(NER_TAGS.length);
    for (const f of wordFeatures(word)) weights.addWeights(f, v);
    cache.set(word, v);
  }
  return v;
}

/** Options of `tagDocument`. */
export interface TagOptions {
  /** Skip scoring tokens without capitals or digits outside a name (they get `O`): about 3× faster. */
  fast?: boolean;
}

/**
 * Tags one document (a list of tokenized sentences) greedily. Reads the tokens only; returns one IOB2
 * tag per token. `lex` supplies optional clusters and gazetteer features (must match training).
 */
export function tagDocument(
  weights: WeightLookup,
  sentences: readonly (readonly string[])[],
  lex: Lexicons = {},
  opts: TagOptions = {},
): string[][] {
  const doc: DocumentInfo = describeDocument(sentences);
  const memory: DocMemory = new Map();
  const scores = new Float64Array(NER_TAGS.length);
  const result: string[][] = [];
  for (const tokens of sentences) {
    const s = describeSentence(tokens);
    const tags: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t1 = i > 0 ? tags[i - 1]! : '<s>';
      const t2 = i > 1 ? tags[i - 2]! : '<s>';
      // fast path: a token without capitals or digits does not start a name ("of" may continue one)
      if (opts.fast && (t1 === 'O' || t1 === '<s>') && !/[\p{Lu}\p{N}]/u.test(tokens[i]!)) {
        tags.push('O');
        continue;
      }
      // the word's own features are summed once per word type (scoring is additive)
      const own = wordScores(weights, tokens[i]!);
      const feats = staticFeatures(s, i, doc, lex, false);
      feats.push(...historyFeatures(s, i, t1, t2, memory));
      scoreFeatures(weights, feats, scores);
      for (let k = 0; k < scores.length; k++) scores[k]! += own[k]!;
      tags.push(NER_TAGS[bestTag(scores, t1)]!);
    }
    rememberSentence(s, tags, memory);
    result.push(tags);
  }
  return result;
}
