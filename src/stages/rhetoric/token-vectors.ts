import type { RhetoricDoc } from './doc.ts';
import type { WordVectors } from './embeddings.ts';
import { forEachWordValue, newWordCache, type WordCache } from './word-table.ts';

/**
 * Dense word-vector features of the span-identification token model: the token's own word vector
 * (unit length, prefix `ev`), the mean of the unit vectors of the other tokens within two
 * positions in its sentence (prefix `ec`) and the mean of the unit vectors of all tokens of its
 * sentence (prefix `es`). A token whose word has no vector gets zeros. The weights are stored as
 * ordinary named features `ev\t<k>` / `ec\t<k>` / `es\t<k>` (k = dimension).
 */
export const TOKEN_VECTOR_PREFIXES = ['ev', 'ec', 'es'] as const;

/** Window (tokens each side, same sentence) of the `ec` context mean. */
export const TOKEN_VECTOR_WINDOW = 2;

/** The unit-length vector of a word (by its norm), or null when the vectors lack it. */
export function unitVector(vectors: WordVectors, word: string): Float32Array | null {
  const row = vectors.rows.get(word);
  if (row === undefined) return null;
  const { dims, data } = vectors;
  const out = data.slice(row * dims, row * dims + dims);
  let s = 0;
  for (let k = 0; k < dims; k++) s += out[k]! * out[k]!;
  s = Math.sqrt(s);
  if (s > 0) for (let k = 0; k < dims; k++) out[k]! /= s;
  return out;
}

/**
 * The `ev`, `ec` and `es` values of every token of a document (for training): one array of
 * `3 × dims` values per token: own vector, context mean, sentence mean.
 */
export function tokenVectorValues(doc: RhetoricDoc, vectors: WordVectors): Float32Array[] {
  const dims = vectors.dims;
  const cache = new Map<string, Float32Array | null>();
  const own = doc.tokens.map((t) => {
    let v = cache.get(t.norm);
    if (v === undefined) cache.set(t.norm, (v = unitVector(vectors, t.norm)));
    return v;
  });
  const sentenceMeans = doc.sentences.map((_, s) => {
    const mean = new Float32Array(dims);
    let n = 0;
    for (let j = doc.sentenceTokenStart[s]!; j < doc.sentenceTokenStart[s + 1]!; j++) {
      const u = own[j];
      if (!u) continue;
      n++;
      for (let k = 0; k < dims; k++) mean[k]! += u[k]!;
    }
    if (n) for (let k = 0; k < dims; k++) mean[k]! /= n;
    return mean;
  });
  return doc.tokens.map((_, i) => {
    const s = doc.tokenSentence[i]!;
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    const out = new Float32Array(3 * dims);
    out.set(sentenceMeans[s]!, 2 * dims);
    const v = own[i];
    if (v) out.set(v, 0);
    let n = 0;
    for (let j = Math.max(a, i - TOKEN_VECTOR_WINDOW); j < Math.min(b, i + TOKEN_VECTOR_WINDOW + 1); j++) {
      const u = own[j];
      if (j === i || !u) continue;
      n++;
      for (let k = 0; k < dims; k++) out[dims + k]! += u[k]!;
    }
    if (n) for (let k = dims; k < 2 * dims; k++) out[k]! /= n;
    return out;
  });
}

/**
 * The summed score of the `ev`, `ec` and `es` features of every token, given the three weight
 * vectors (the same sum as the dot product of `tokenVectorValues` with the weights, computed per
 * distinct word: a mean vector's score is the mean of its words' scores). `byWord` caches each
 * word's three scores; pass the same cache for the same weights to reuse them across documents.
 */
export function tokenVectorScores(
  doc: RhetoricDoc,
  vectors: WordVectors,
  ownWeights: Float64Array,
  contextWeights: Float64Array,
  sentenceWeights: Float64Array,
  byWord: WordCache<[number, number, number] | null> = newWordCache(),
): Float64Array {
  const dims = vectors.dims;
  const n = doc.tokens.length;
  const ownScore = new Float64Array(n);
  const ctxScore = new Float64Array(n);
  const sentScore = new Float64Array(n);
  const has = new Uint8Array(n);
  const scoresOf = (w: string): [number, number, number] | null => {
    const u = unitVector(vectors, w);
    if (!u) return null;
    let x = 0;
    let y = 0;
    let z = 0;
    for (let k = 0; k < dims; k++) {
      x += ownWeights[k]! * u[k]!;
      y += contextWeights[k]! * u[k]!;
      z += sentenceWeights[k]! * u[k]!;
    }
    return [x, y, z];
  };
  // One lookup per distinct word of the process (the document lists each norm's positions).
  forEachWordValue(doc, byWord, scoresOf, (s, at) => {
    if (!s) return;
    for (let j = 0; j < at.length; j++) {
      const i = at[j]!;
      has[i] = 1;
      ownScore[i] = s[0];
      ctxScore[i] = s[1];
      sentScore[i] = s[2];
    }
  });
  const sentenceMean = doc.sentences.map((_, si) => {
    let sum = 0;
    let m = 0;
    for (let j = doc.sentenceTokenStart[si]!; j < doc.sentenceTokenStart[si + 1]!; j++) {
      if (!has[j]) continue;
      sum += sentScore[j]!;
      m++;
    }
    return m ? sum / m : 0;
  });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const si = doc.tokenSentence[i]!;
    const a = doc.sentenceTokenStart[si]!;
    const b = doc.sentenceTokenStart[si + 1]!;
    let sum = 0;
    let m = 0;
    for (let j = Math.max(a, i - TOKEN_VECTOR_WINDOW); j < Math.min(b, i + TOKEN_VECTOR_WINDOW + 1); j++) {
      if (j === i || !has[j]) continue;
      sum += ctxScore[j]!;
      m++;
    }
    out[i] = ownScore[i]! + (m ? sum / m : 0) + sentenceMean[si]!;
  }
  return out;
}
