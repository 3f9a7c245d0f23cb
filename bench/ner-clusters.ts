/**
 * Unsupervised word classes for the name recognizer: exchange clustering (Kneser & Ney 1993; Martin,
 * Liermann & Ney 1998) of folded words by their left and right neighbours, maximizing the class-bigram
 * likelihood, at two granularities. The unlabelled text is read from `../shared/bench` (CoNLL-2003
 * `train.txt` tokens, wikigold tokens, the TimeML, PTC and CheckThat! texts); CoNLL `testa` is left out
 * so that the dev score stays clean. Training-time only; the model stores word hashes and class ids.
 *
 *   node --import tsx bench/ner-clusters.ts   # prints statistics and sample classes
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldWord, hashString } from '../src/ner/features.ts';
import { SHARED, CONLL_DIR, WIKIGOLD, readConllFile } from './ner-eval.ts';

/**
 * Splits raw text into rough CoNLL-like tokens: punctuation apart, abbreviations ("U.S.") and numbers
 * ("1,200") whole. Possessives stay on their word ("Guild's"): splitting them changed the clusters and
 * measured no better (wikigold CV 64.7 against 65.8).
 */
export function roughTokens(text: string): string[] {
  return text.match(/\p{L}+(?:[-.'’]\p{L}+)*\.?(?=\s|$|[,;:!?)"])|[\p{L}\p{N}]+(?:[-.,/'’][\p{L}\p{N}]+)*|['’]s\b|\S/gu) ?? [];
}

/** Lists files under `dir` recursively whose names pass `keep`, sorted. */
function walk(dir: string, keep: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...walk(p, keep));
    else if (keep(f)) out.push(p);
  }
  return out;
}

/** The unlabelled sentences (token lists) of the bench corpora, testa excluded. */
export function readUnlabelled(): string[][] {
  const sents: string[][] = [];
  for (const file of [join(CONLL_DIR, 'train.txt'), WIKIGOLD]) for (const d of readConllFile(file)) for (const s of d.sentences) sents.push(s.tokens);
  const bench = join(SHARED, 'bench');
  const addText = (text: string) => {
    for (const line of text.split(/\n+/)) {
      const toks = roughTokens(line);
      if (toks.length > 0) sents.push(toks);
    }
  };
  for (const f of walk(join(bench, 'timeml'), (n) => n.endsWith('.tml'))) addText(readFileSync(f, 'utf8').replace(/<[^>]*>/g, ' '));
  for (const f of walk(join(bench, 'ptc', 'datasets'), (n) => /^article\d+\.txt$/.test(n))) addText(readFileSync(f, 'utf8'));
  for (const f of walk(join(bench, 'checkworthy'), (n) => n.endsWith('.tsv'))) addText(readFileSync(f, 'utf8').split('\n').map((l) => l.split('\t')[2] ?? '').join('\n'));
  return sents;
}

/** x·log x for the integer counts of the clustering, tabulated (counts never exceed the token total). */
let FT = new Float64Array(0);
function tabulate(max: number): void {
  if (FT.length > max) return;
  FT = new Float64Array(max + 1);
  for (let x = 1; x <= max; x++) FT[x] = x * Math.log(x);
}
const F = (x: number) => FT[x]!;

/**
 * Exchange clustering of word ids into `k` classes over bigram counts given as CSR adjacency
 * (successors and predecessors with counts). Deterministic. Returns the class of each word.
 */
export function exchangeCluster(
  count: Float64Array,
  succ: { start: Int32Array; to: Int32Array; n: Float64Array },
  pred: { start: Int32Array; to: Int32Array; n: Float64Array },
  k: number,
  passes: number,
): Int32Array {
  const V = count.length;
  tabulate(count.reduce((a, b) => a + b, 0) + 1);
  const cls = new Int32Array(V);
  for (let w = 0; w < V; w++) cls[w] = w % k; // words are in frequency order: round robin spreads them
  const M = new Float64Array(k * k);
  const Nc = new Float64Array(k);
  for (let w = 0; w < V; w++) {
    Nc[cls[w]!]! += count[w]!;
    for (let e = succ.start[w]!; e < succ.start[w + 1]!; e++) M[cls[w]! * k + cls[succ.to[e]!]!]! += succ.n[e]!;
  }
  const L = new Float64Array(k);
  const R = new Float64Array(k);
  const lt: number[] = [];
  const rt: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    for (let w = 0; w < V; w++) {
      const a = cls[w]!;
      let self = 0;
      lt.length = 0;
      rt.length = 0;
      for (let e = pred.start[w]!; e < pred.start[w + 1]!; e++) {
        const v = pred.to[e]!;
        if (v === w) {
          self += pred.n[e]!;
          continue;
        }
        const c = cls[v]!;
        if (L[c] === 0) lt.push(c);
        L[c]! += pred.n[e]!;
      }
      for (let e = succ.start[w]!; e < succ.start[w + 1]!; e++) {
        const v = succ.to[e]!;
        if (v === w) continue;
        const c = cls[v]!;
        if (R[c] === 0) rt.push(c);
        R[c]! += succ.n[e]!;
      }
      const n = count[w]!;
      // take w out of its class
      for (const c of lt) M[c * k + a]! -= L[c]!;
      for (const c of rt) M[a * k + c]! -= R[c]!;
      M[a * k + a]! -= self;
      Nc[a]! -= n;
      let best = a;
      let bestDelta = -Infinity;
      for (let b = 0; b < k; b++) {
        let d = -2 * (F(Nc[b]! + n) - F(Nc[b]!));
        for (const c of lt) if (c !== b) d += F(M[c * k + b]! + L[c]!) - F(M[c * k + b]!);
        for (const c of rt) if (c !== b) d += F(M[b * k + c]! + R[c]!) - F(M[b * k + c]!);
        const bb = M[b * k + b]!;
        d += F(bb + L[b]! + R[b]! + self) - F(bb);
        if (d > bestDelta + 1e-9) {
          bestDelta = d;
          best = b;
        }
      }
      for (const c of lt) M[c * k + best]! += L[c]!;
      for (const c of rt) M[best * k + c]! += R[c]!;
      M[best * k + best]! += self;
      Nc[best]! += n;
      if (best !== a) moved++;
      cls[w] = best;
      for (const c of lt) L[c] = 0;
      for (const c of rt) R[c] = 0;
    }
    if (moved === 0) break;
  }
  return cls;
}

/** Options of `computeClusters`. */
export interface ClusterOptions {
  /** Words seen fewer times are left out (they get no class). Default 3. */
  minCount?: number;
  /** Class counts, coarse to fine. Default [63, 1023]. */
  sizes?: number[];
  passes?: number;
}

/**
 * Word classes of folded words: folded-word hash → class ids at each granularity (coarse first).
 * Deterministic for the same corpora.
 */
export function computeClusters(sentences: readonly (readonly string[])[], opts: ClusterOptions = {}): { words: string[]; classes: Int32Array[] } {
  const minCount = opts.minCount ?? 3;
  const freq = new Map<string, number>();
  const folded = sentences.map((s) => s.map((t) => foldWord(t)));
  for (const s of folded) for (const t of s) freq.set(t, (freq.get(t) ?? 0) + 1);
  const words = [...freq].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const id = new Map(words.map((w, k) => [w, k]));
  const V = words.length + 2; // + boundary + rare words
  const BOUND = V - 2;
  const RARE = V - 1;
  const count = new Float64Array(V);
  const pairs = new Map<number, number>();
  for (const s of folded) {
    let prev = BOUND;
    for (const t of [...s, null]) {
      const w = t === null ? BOUND : (id.get(t) ?? RARE);
      count[w]!++;
      const key = prev * V + w;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      prev = w;
    }
  }
  const csr = (byFrom: boolean) => {
    const entries = [...pairs].map(([key, n]) => [Math.floor(key / V), key % V, n] as const).map(([a, b, n]): [number, number, number] => (byFrom ? [a, b, n] : [b, a, n]));
    entries.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const start = new Int32Array(V + 1);
    for (const [a] of entries) start[a + 1]!++;
    for (let k = 0; k < V; k++) start[k + 1]! += start[k]!;
    return { start, to: Int32Array.from(entries.map((e) => e[1])), n: Float64Array.from(entries.map((e) => e[2])) };
  };
  const succ = csr(true);
  const pred = csr(false);
  const classes = (opts.sizes ?? [63, 1023]).map((k) => exchangeCluster(count, succ, pred, k, opts.passes ?? 4).subarray(0, words.length));
  return { words, classes };
}

let memo: Map<number, number> | undefined;

/**
 * The shipped word-cluster table: folded-word hash → packed class ids (coarse class in bits 16–21,
 * fine class in bits 22–31), computed once per process from the bench corpora.
 */
export function clusterTable(): Map<number, number> {
  if (memo) return memo;
  const sents = readUnlabelled();
  // cached in the temp folder under a digest of the corpus and the settings (the clustering takes a minute or more)
  const digest = createHash('sha1').update(`v1 63,1023 passes4 min3\n`);
  for (const s of sents) digest.update(s.join(' ') + '\n');
  const cacheFile = join(tmpdir(), `annalist-ner-clusters-${digest.digest('hex').slice(0, 16)}.json`);
  let entries: [number, number][];
  if (existsSync(cacheFile)) entries = JSON.parse(readFileSync(cacheFile, 'utf8')) as [number, number][];
  else {
    const { words, classes } = computeClusters(sents, { sizes: [63, 1023] });
    entries = words.map((w, k) => [hashString(w), ((classes[0]![k]! + 1) << 16) | ((classes[1]![k]! + 1) << 22)]);
    writeFileSync(cacheFile, JSON.stringify(entries));
  }
  memo = new Map(entries);
  return memo;
}

if (process.argv[1]?.endsWith('ner-clusters.ts')) {
  const t0 = Date.now();
  const sents = readUnlabelled();
  console.log(`${sents.length} sentences, ${sents.reduce((n, s) => n + s.length, 0)} tokens read in ${Date.now() - t0} ms`);
  const t1 = Date.now();
  const { words, classes } = computeClusters(sents, { sizes: [63, 1023] });
  console.log(`${words.length} words clustered in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  for (const probe of ['london', 'germany', 'john', 'smith', 'corp', 'university', 'monday', 'said', 'party', 'army']) {
    const k = words.indexOf(probe);
    if (k < 0) continue;
    const c = classes[1]![k]!;
    console.log(probe, classes[0]![k], c, words.filter((_, j) => classes[1]![j] === c).slice(0, 15).join(' '));
  }
}
