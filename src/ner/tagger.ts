/**
 * Greedy left-to-right BIO tagging with an averaged-perceptron weight table. The same decoder is used
 * in training (with a mutable weight store) and at run time (with a loaded model), so features match.
 */
import {
  describeDocument,
  describeSentence,
  isCapitalized,
  NEIGHBOUR_ROLES,
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

/** History features that depend only on the two previous tags. */
export function tagPairFeatures(t1: string, t2: string): string[] {
  return [`t1=${t1}`, `t2t1=${t2}|${t1}`];
}

/** Features that depend on the tags already predicted (history) and on the document memory. */
export function historyFeatures(s: SentenceInfo, i: number, t1: string, t2: string, memory: DocMemory): string[] {
  const f = s.folded[i]!;
  const sh = s.shapes[i]!;
  const out = [...tagPairFeatures(t1, t2), `t1w=${t1}|${f}`, `t1sh=${t1}|${sh}`];
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

type ScoreCache = Map<string, Float64Array>;
const caches = new WeakMap<WeightLookup, ScoreCache[]>();

/** Per-model caches: [0] a word's own features, [1..4] a word as each neighbour role. */
function cachesOf(weights: WeightLookup): ScoreCache[] {
  let c = caches.get(weights);
  if (!c) caches.set(weights, (c = [new Map(), new Map(), new Map(), new Map(), new Map()]));
  return c;
}

const pairCaches = new WeakMap<WeightLookup, Float64Array[]>();
const tagIndex = new Map<string, number>(NER_TAGS.map((t, k) => [t, k]));

/** Per-model cache of tag-pair history scores, indexed by `t2 * 10 + t1` (9 = sentence start). */
function pairCachesOf(weights: WeightLookup): Float64Array[] {
  let c = pairCaches.get(weights);
  if (!c) pairCaches.set(weights, (c = []));
  return c;
}

/** Summed weights of a feature list, cached under `key` (bounded cache). */
function cachedScores(weights: WeightLookup, cache: ScoreCache, key: string, feats: () => string[]): Float64Array {
  let v = cache.get(key);
  if (!v) {
    if (cache.size > 200_000) cache.clear();
    v = new Float64Array(NER_TAGS.length);
    for (const f of feats()) weights.addWeights(f, v);
    cache.set(key, v);
  }
  return v;
}

/** Adds `b` into `a` element-wise. */
function addInto(a: Float64Array, b: Float64Array): void {
  for (let k = 0; k < a.length; k++) a[k]! += b[k]!;
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
  const cache = cachesOf(weights);
  const pairCache = pairCachesOf(weights);
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
      // a word's own and neighbour features are summed once per word type (scoring is additive)
      const feats = staticFeatures(s, i, doc, lex, true);
      // history: the tag-pair part is cached by tag indices, the rest looked up
      feats.push(...historyFeatures(s, i, t1, t2, memory).slice(2));
      scoreFeatures(weights, feats, scores);
      const pairKey = (i > 1 ? tagIndex.get(t2)! : 9) * 10 + (i > 0 ? tagIndex.get(t1)! : 9);
      addInto(scores, (pairCache[pairKey] ??= cachedScores(weights, new Map(), '', () => tagPairFeatures(t1, t2))));
      const w = tokens[i]!;
      addInto(scores, cachedScores(weights, cache[0]!, w, () => wordFeatures(w)));
      const n = tokens.length;
      const ctx = [i > 0 ? s.folded[i - 1]! : '<s>', i + 1 < n ? s.folded[i + 1]! : '</s>', i > 1 ? s.folded[i - 2]! : '<s>', i + 2 < n ? s.folded[i + 2]! : '</s>'];
      for (let r = 0; r < 4; r++) addInto(scores, cachedScores(weights, cache[r + 1]!, ctx[r]!, () => [NEIGHBOUR_ROLES[r] + ctx[r]!]));
      tags.push(NER_TAGS[bestTag(scores, t1)]!);
    }
    rememberSentence(s, tags, memory);
    result.push(tags);
  }
  return result;
}
