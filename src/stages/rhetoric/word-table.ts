import type { RhetoricDoc } from './doc.ts';

/**
 * Process-wide integer ids of the token norms the rhetoric models have seen, so that the
 * per-word caches of the models (word ids, vector slots, bag vectors, …) are read by one string
 * lookup per distinct norm of a document instead of one lookup per cache.
 */
const table = new Map<string, number>();
/** Bumped when the table starts over (long-running processes see many words): caches of older generations are dropped. */
let generation = 0;
/** Past this many words the table starts over. */
const MAX_WORDS = 1_000_000;

/** A document's distinct norms in the order of `doc.positions`, with their table ids and token positions. */
export interface DocWords {
  generation: number;
  ids: Int32Array;
  /** The id of each token's norm. */
  tokenIds: Int32Array;
  norms: string[];
  at: number[][];
}
const docWordsCache = new WeakMap<RhetoricDoc, DocWords>();

/** The distinct norms of a document with their process-wide ids (one table lookup per norm, cached per document). */
export function docWords(doc: RhetoricDoc): DocWords {
  let d = docWordsCache.get(doc);
  if (d && d.generation === generation) return d;
  if (table.size + doc.positions.size > MAX_WORDS) {
    table.clear();
    generation++;
  }
  const n = doc.positions.size;
  const ids = new Int32Array(n);
  const norms = new Array<string>(n);
  const at = new Array<number[]>(n);
  const tokenIds = new Int32Array(doc.tokens.length);
  let j = 0;
  doc.positions.forEach((p, norm) => {
    let id = table.get(norm);
    if (id === undefined) table.set(norm, (id = table.size));
    ids[j] = id;
    for (let q = 0; q < p.length; q++) tokenIds[p[q]!] = id;
    norms[j] = norm;
    at[j] = p;
    j++;
  });
  d = { generation, ids, tokenIds, norms, at };
  docWordsCache.set(doc, d);
  return d;
}

/** A per-word cache over the table's ids (see `wordValues`). */
export interface WordCache<T> {
  generation: number;
  values: Array<T | undefined>;
}

/** A new, empty per-word cache. */
export function newWordCache<T>(): WordCache<T> {
  return { generation, values: [] };
}

/**
 * Calls `each(value, positions)` for every distinct norm of the document, in the order of
 * `doc.positions`, with `value = compute(norm)` computed once per norm and process (kept in `cache`).
 * `compute` must be a pure function of the norm for a given cache.
 */
export function forEachWordValue<T>(doc: RhetoricDoc, cache: WordCache<T>, compute: (norm: string) => T, each: (value: T, at: readonly number[], norm: string) => void): void {
  const d = docWords(doc);
  if (cache.generation !== d.generation) {
    cache.generation = d.generation;
    cache.values = [];
  }
  const values = cache.values;
  for (let j = 0; j < d.ids.length; j++) {
    const id = d.ids[j]!;
    let v = values[id];
    if (v === undefined) {
      v = compute(d.norms[j]!);
      // Fill up to the id so the array stays packed (ids are handed out in order).
      while (values.length < id) values.push(undefined);
      values[id] = v;
    }
    each(v, d.at[j]!, d.norms[j]!);
  }
}
