/**
 * Dense word-vector features for the name recognizer (Turian, Ratinov & Bengio 2010): the 100-d GloVe
 * vectors of `data/models/embeddings-100d.bin` quantized to small integers per component, as codes for
 * `EXTRA_CLASSES.emb` (see `embHashes` in `src/ner/features.ts`). Deterministic, training-time only.
 *
 *   node --import tsx bench/ner-embeddings.ts [--emb-mode unit|z|bin] [--emb-k K]   # prints statistics
 *
 * Modes (every vector is first centred on the vocabulary mean):
 * - `unit` (default): the centred vector scaled to unit length, q = round(K · v) (K default 8);
 * - `z`: each component standardized over the vocabulary, q = round(K · z);
 * - `bin`: Guo et al. (2014) binarization, q = +1 at or above the mean of the component's positive
 *   values, −1 at or below the mean of its negative values, else 0 (K unused).
 * |q| is capped at 3.
 */
import { foldedHash } from '../src/ner/features.ts';
import { loadWordVectors } from '../src/stages/rhetoric/embeddings.ts';

/** Quantization of the word vectors (see the file comment). */
export interface EmbeddingQuantization {
  mode: 'unit' | 'z' | 'bin';
  k: number;
}

/** Largest |q| of a quantized component. */
const MAX_Q = 3;

/** Folded-word hash → codes (2 × dimension + 1 when negative, repeated |q| times) of every word of the vector file (first word of a folded form wins). */
export function embeddingTable(q: EmbeddingQuantization): Map<number, Uint8Array> {
  const vec = loadWordVectors();
  const dims = vec.dims;
  if (2 * dims > 254) throw new Error(`too many dimensions for one-byte codes: ${dims}`);
  const words = [...vec.rows.keys()];
  const rows = words.length;
  const mean = new Float64Array(dims);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) mean[d]! += vec.data[r * dims + d]! / rows;
  const sd = new Float64Array(dims);
  const posMean = new Float64Array(dims);
  const negMean = new Float64Array(dims);
  const posN = new Float64Array(dims);
  const negN = new Float64Array(dims);
  for (let r = 0; r < rows; r++) {
    for (let d = 0; d < dims; d++) {
      const x = vec.data[r * dims + d]! - mean[d]!;
      sd[d]! += (x * x) / rows;
      if (x > 0) {
        posMean[d]! += x;
        posN[d]!++;
      } else if (x < 0) {
        negMean[d]! += x;
        negN[d]!++;
      }
    }
  }
  for (let d = 0; d < dims; d++) {
    sd[d] = Math.sqrt(sd[d]!) || 1;
    posMean[d] = posMean[d]! / (posN[d]! || 1);
    negMean[d] = negMean[d]! / (negN[d]! || 1);
  }
  const table = new Map<number, Uint8Array>();
  const x = new Float64Array(dims);
  const codes: number[] = [];
  words.forEach((w, r) => {
    const h = foldedHash(w);
    if (table.has(h)) return;
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      x[d] = vec.data[r * dims + d]! - mean[d]!;
      norm += x[d]! * x[d]!;
    }
    norm = Math.sqrt(norm) || 1;
    codes.length = 0;
    for (let d = 0; d < dims; d++) {
      let v: number;
      if (q.mode === 'bin') v = x[d]! >= posMean[d]! ? 1 : x[d]! <= negMean[d]! ? -1 : 0;
      else v = Math.round(q.k * (q.mode === 'unit' ? x[d]! / norm : x[d]! / sd[d]!));
      const m = Math.min(Math.abs(v), MAX_Q);
      for (let j = 0; j < m; j++) codes.push(2 * d + (v < 0 ? 1 : 0));
    }
    table.set(h, Uint8Array.from(codes));
  });
  return table;
}

if (process.argv[1]?.endsWith('ner-embeddings.ts')) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const q: EmbeddingQuantization = { mode: (arg('--emb-mode') ?? 'unit') as EmbeddingQuantization['mode'], k: Number(arg('--emb-k') ?? 8) };
  const t0 = Date.now();
  const table = embeddingTable(q);
  let total = 0;
  for (const c of table.values()) total += c.length;
  console.log(`${table.size} words in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${(total / table.size).toFixed(1)} codes per word (${q.mode}, k ${q.k})`);
  for (const probe of ['london', 'smith', 'corporation', 'the', 'squadron']) console.log(probe, table.get(foldedHash(probe))?.length);
}
