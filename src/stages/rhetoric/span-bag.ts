import type { RhetoricDoc } from './doc.ts';
import { docWords, forEachWordValue, newWordCache, type WordCache } from './word-table.ts';
import { CHAR_GRAM_VALUE, SENTENCE_WORD_VALUE, spanWordValue } from './features.ts';

/** Finds a feature's row in a model by the parts of its name (see `featureName`); -1 when absent. */
export type RowLookup = (prefix: string, a?: string, b?: string) => number;

/**
 * Per model (keyed by its weight array): the summed class weights of the bag features, per word
 * and per word pair, so that a span costs one vector add per word and per word pair.
 * - `words`, first: `w` + `st` + the `c4` 4-grams that lie inside the padded word (" word "), times `CHAR_GRAM_VALUE`;
 * - `words`, second: the `s` (sentence word) weights of a word times `SENTENCE_WORD_VALUE`;
 * - `pairs`: `b` + the `c4` 4-grams that cross the space between two words, times `CHAR_GRAM_VALUE`.
 */
interface BagCache {
  /** Per word of the process word table (`word-table.ts`): its `words` and `sentence` vectors. */
  words: WordCache<[Float64Array, Float64Array]>;
  /** Per pair of word-table ids (first, then next word). */
  pairs: Map<number, Map<number, Float64Array>>;
  /** The word-table generation of the ids in `pairs`. */
  pairsGeneration: number;
  size: number;
}
const caches = new WeakMap<Float32Array, BagCache>();
/** Past this many cached vectors a model's cache starts over (long-running processes see many words). */
const MAX_CACHED = 500_000;

/**
 * Per document (for one model): each token's `words` and `sentence` vectors (found once per
 * distinct norm) and the sum of the `sentence` vectors of each sentence's tokens.
 */
interface DocBag {
  weights: Float32Array;
  cache: BagCache;
  word: Float64Array[];
  sentence: Float64Array[];
  sums: Array<Float64Array | undefined>;
}
const docBags = new WeakMap<RhetoricDoc, DocBag>();

function docBagOf(doc: RhetoricDoc, weights: Float32Array, k: number, get: RowLookup): DocBag {
  const cache = cacheOf(weights);
  let bag = docBags.get(doc);
  if (!bag || bag.weights !== weights || bag.cache !== cache) {
    const n = doc.tokens.length;
    const word = new Array<Float64Array>(n);
    const sentence = new Array<Float64Array>(n);
    const vectorsOf = (norm: string): [Float64Array, Float64Array] => {
      cache.size += 2;
      return [wordVector(norm, weights, k, get), sentenceVector(norm, weights, k, get)];
    };
    forEachWordValue(doc, cache.words, vectorsOf, ([wv, sv], at) => {
      for (let j = 0; j < at.length; j++) {
        word[at[j]!] = wv;
        sentence[at[j]!] = sv;
      }
    });
    docBags.set(doc, (bag = { weights, cache, word, sentence, sums: [] }));
  }
  return bag;
}

function cacheOf(weights: Float32Array): BagCache {
  let c = caches.get(weights);
  if (!c || c.size > MAX_CACHED) {
    c = { words: newWordCache(), pairs: new Map(), pairsGeneration: -1, size: 0 };
    caches.set(weights, c);
  }
  return c;
}

function addRow(v: Float64Array, weights: Float32Array, row: number, value: number): void {
  if (row < 0) return;
  const k = v.length;
  for (let c = 0; c < k; c++) v[c]! += weights[row * k + c]! * value;
}

function wordVector(w: string, weights: Float32Array, k: number, get: RowLookup): Float64Array {
  const v = new Float64Array(k);
  addRow(v, weights, get('w', w), 1);
  if (w.length >= 6) addRow(v, weights, get('st', w.slice(0, 5)), 1);
  const padded = ` ${w} `;
  for (let p = 0; p + 4 <= padded.length; p++) addRow(v, weights, get('c4', padded.slice(p, p + 4)), CHAR_GRAM_VALUE);
  return v;
}

function pairVector(cache: BagCache, wi: number, ni: number, w: string, next: string, weights: Float32Array, k: number, get: RowLookup): Float64Array {
  let m = cache.pairs.get(wi);
  if (!m) cache.pairs.set(wi, (m = new Map()));
  let v = m.get(ni);
  if (!v) {
    v = new Float64Array(k);
    addRow(v, weights, get('b', w, next), 1);
    // The 4-grams of " w next " that start in " w" and end past the space after w.
    const joined = ` ${w} ${next} `;
    const space = w.length + 1;
    for (let p = Math.max(0, space - 2); p < space && p + 4 <= joined.length; p++) addRow(v, weights, get('c4', joined.slice(p, p + 4)), CHAR_GRAM_VALUE);
    m.set(ni, v);
    cache.size++;
  }
  return v;
}

function sentenceVector(w: string, weights: Float32Array, k: number, get: RowLookup): Float64Array {
  const v = new Float64Array(k);
  addRow(v, weights, get('s', w), SENTENCE_WORD_VALUE);
  return v;
}

function addTo(z: Float64Array, v: Float64Array, value: number): void {
  for (let c = 0; c < z.length; c++) z[c]! += v[c]! * value;
}

/**
 * Adds the bag features of the span of tokens `[a, b)` to the logits `z` of a model with weights
 * `weights[row * z.length + c]`: the same sums as the `w`, `st`, `b`, `c4` and `s` features of
 * `emitSpanFeatures` (up to rounding), from vectors cached per word, per word pair and per
 * sentence instead of one name lookup per feature. The 4-grams of " w1 w2 … wn " are those inside
 * each padded word plus those across each space, and a window across a space never reaches a third
 * word, so they split exactly into per-word and per-pair parts.
 */
export function addSpanBagScores(z: Float64Array, doc: RhetoricDoc, a: number, b: number, weights: Float32Array, get: RowLookup): void {
  const k = z.length;
  const bag = docBagOf(doc, weights, k, get);
  const cache = bag.cache;
  // The pair cache is keyed by word-table ids: dropped when the table starts over.
  const ids = docWords(doc);
  if (cache.pairsGeneration !== ids.generation) {
    cache.pairs = new Map();
    cache.pairsGeneration = ids.generation;
  }
  const toks = doc.tokens;
  const wv = spanWordValue(b - a);
  for (let i = a; i < b; i++) {
    addTo(z, bag.word[i]!, wv);
    if (i + 1 < b) addTo(z, pairVector(cache, ids.tokenIds[i]!, ids.tokenIds[i + 1]!, toks[i]!.norm, toks[i + 1]!.norm, weights, k, get), wv);
  }
  // The rest of the sentence: the sentence's sum less the span's own tokens.
  const si = a < toks.length ? doc.tokenSentence[a]! : 0;
  const sa = doc.sentenceTokenStart[si] ?? 0;
  const sb = doc.sentenceTokenStart[si + 1] ?? toks.length;
  let sum = bag.sums[si];
  if (!sum) {
    sum = new Float64Array(k);
    for (let i = sa; i < sb; i++) addTo(sum, bag.sentence[i]!, 1);
    bag.sums[si] = sum;
  }
  addTo(z, sum, 1);
  for (let i = Math.max(a, sa); i < Math.min(b, sb); i++) addTo(z, bag.sentence[i]!, -1);
}
