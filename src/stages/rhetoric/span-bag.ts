import type { RhetoricDoc } from './doc.ts';
import { docWords } from './word-table.ts';
import { CHAR_GRAM_VALUE, SENTENCE_WORD_VALUE, spanWordValue } from './features.ts';

/** Finds a feature's row in a model by the parts of its name (see `featureName`); -1 when absent. */
export type RowLookup = (prefix: string, a?: string, b?: string) => number;

/**
 * Per model (keyed by its weight array): the summed class weights of the bag features, per word
 * and per word pair, so that a span costs one vector add per word and per word pair.
 * - word rows, first half: `w` + `st` + the `c4` 4-grams that lie inside the padded word (" word "), times `CHAR_GRAM_VALUE`;
 * - word rows, second half: the `s` (sentence word) weights of a word times `SENTENCE_WORD_VALUE`;
 * - pair rows: `b` + the `c4` 4-grams that cross the space between two words, times `CHAR_GRAM_VALUE`.
 * The rows live in flat arrays (a word's at its word-table id, `word-table.ts`), not in one small
 * typed array each: a span reads contiguous memory, and no small array is allocated per word or pair.
 */
interface BagCache {
  /** Classes per row. */
  k: number;
  /** The word-table generation of the ids below. */
  generation: number;
  /** Row pairs by word-table id: `words[id * 2k …]` the word row, then its sentence row. */
  words: Float64Array;
  /** 1 where `words` holds the rows of an id. */
  has: Uint8Array;
  /** Per first word's id: the next word's id → offset of the pair row in `pairRows`. */
  pairs: Array<Map<number, number> | undefined>;
  pairRows: Float64Array;
  /** Pair rows in use. */
  pairCount: number;
}
const caches = new WeakMap<Float32Array, BagCache>();
/**
 * Past this many cached pair rows a model's pair cache starts over (long-running processes see many
 * pairs). The word rows are bounded by the word table (`word-table.ts`), which starts over itself.
 */
const MAX_CACHED = 500_000;

/** Per document (for one model): the sum of the sentence rows of each sentence's tokens. */
interface DocBag {
  weights: Float32Array;
  cache: BagCache;
  sums: Array<Float64Array | undefined>;
}
const docBags = new WeakMap<RhetoricDoc, DocBag>();

/** A model's cache, with the rows of every distinct word of the document filled in (once per word and process). */
function docBagOf(doc: RhetoricDoc, weights: Float32Array, k: number, get: RowLookup): DocBag {
  const ids = docWords(doc);
  const cache = cacheOf(weights, k, ids.generation);
  let bag = docBags.get(doc);
  if (!bag || bag.weights !== weights || bag.cache !== cache) {
    let top = -1;
    for (let j = 0; j < ids.ids.length; j++) top = Math.max(top, ids.ids[j]!);
    growWords(cache, top + 1);
    for (let j = 0; j < ids.ids.length; j++) {
      const id = ids.ids[j]!;
      if (cache.has[id]) continue;
      const norm = ids.norms[j]!;
      cache.words.set(wordVector(norm, weights, k, get), id * 2 * k);
      cache.words.set(sentenceVector(norm, weights, k, get), id * 2 * k + k);
      cache.has[id] = 1;
    }
    docBags.set(doc, (bag = { weights, cache, sums: [] }));
  }
  return bag;
}

function cacheOf(weights: Float32Array, k: number, generation: number): BagCache {
  let c = caches.get(weights);
  if (!c || c.k !== k || c.generation !== generation || c.pairCount > MAX_CACHED) {
    const words = c && c.k === k && c.generation === generation ? c.words : new Float64Array(0);
    const has = c && c.k === k && c.generation === generation ? c.has : new Uint8Array(0);
    c = { k, generation, words, has, pairs: [], pairRows: new Float64Array(1024 * k), pairCount: 0 };
    caches.set(weights, c);
  }
  return c;
}

/** Makes room for the rows of ids below `n`. */
function growWords(c: BagCache, n: number): void {
  if (c.has.length >= n) return;
  const size = Math.max(n, 2 * c.has.length, 1024);
  const has = new Uint8Array(size);
  has.set(c.has);
  const words = new Float64Array(size * 2 * c.k);
  words.set(c.words);
  c.has = has;
  c.words = words;
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

/** The offset in `cache.pairRows` of the row of the word pair (`wi`, `ni`) (word-table ids of `w`, `next`), computed once per pair. */
function pairRow(cache: BagCache, wi: number, ni: number, w: string, next: string, weights: Float32Array, k: number, get: RowLookup): number {
  const pairs = cache.pairs;
  let m = pairs[wi];
  if (!m) {
    // Filled up to the id so the array stays packed (a far write would turn it into a dictionary).
    while (pairs.length < wi) pairs.push(undefined);
    pairs[wi] = m = new Map();
  }
  let off = m.get(ni);
  if (off === undefined) {
    const v = new Float64Array(k);
    addRow(v, weights, get('b', w, next), 1);
    // The 4-grams of " w next " that start in " w" and end past the space after w.
    const joined = ` ${w} ${next} `;
    const space = w.length + 1;
    for (let p = Math.max(0, space - 2); p < space && p + 4 <= joined.length; p++) addRow(v, weights, get('c4', joined.slice(p, p + 4)), CHAR_GRAM_VALUE);
    off = cache.pairCount * k;
    if (off + k > cache.pairRows.length) {
      const rows = new Float64Array(2 * cache.pairRows.length);
      rows.set(cache.pairRows);
      cache.pairRows = rows;
    }
    cache.pairRows.set(v, off);
    cache.pairCount++;
    m.set(ni, off);
  }
  return off;
}

function sentenceVector(w: string, weights: Float32Array, k: number, get: RowLookup): Float64Array {
  const v = new Float64Array(k);
  addRow(v, weights, get('s', w), SENTENCE_WORD_VALUE);
  return v;
}

/** `z[c] += src[off + c] * value` for every class c (the same products and order as adding a row vector). */
function addTo(z: Float64Array, src: Float64Array, off: number, value: number): void {
  for (let c = 0; c < z.length; c++) z[c]! += src[off + c]! * value;
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
  const ids = docWords(doc).tokenIds;
  const toks = doc.tokens;
  const wv = spanWordValue(b - a);
  const k2 = 2 * k;
  for (let i = a; i < b; i++) {
    addTo(z, cache.words, ids[i]! * k2, wv);
    if (i + 1 < b) {
      const off = pairRow(cache, ids[i]!, ids[i + 1]!, toks[i]!.norm, toks[i + 1]!.norm, weights, k, get);
      addTo(z, cache.pairRows, off, wv);
    }
  }
  // The rest of the sentence: the sentence's sum less the span's own tokens.
  const si = a < toks.length ? doc.tokenSentence[a]! : 0;
  const sa = doc.sentenceTokenStart[si] ?? 0;
  const sb = doc.sentenceTokenStart[si + 1] ?? toks.length;
  let sum = bag.sums[si];
  if (!sum) {
    sum = new Float64Array(k);
    for (let i = sa; i < sb; i++) addTo(sum, cache.words, ids[i]! * k2 + k, 1);
    bag.sums[si] = sum;
  }
  addTo(z, sum, 0, 1);
  for (let i = Math.max(a, sa); i < Math.min(b, sb); i++) addTo(z, cache.words, ids[i]! * k2 + k, -1);
}
