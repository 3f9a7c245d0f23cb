/**
 * Check-worthiness experiments (issue 5, session of 2026-12-05; none shipped, see
 * data/models/checkworthy.md "Tried"): richer linear models over the CLEF-2020 Task 5 training
 * transcripts in `../shared/bench/checkworthy`, cross-validated by transcript, each scored alone and
 * with the heuristic's logit added. Usage (from the repository root):
 *   node --import tsx scripts/cv-checkworthy-linear.ts shipped            the shipped mix (0.1088 / 0.1069)
 *   node --import tsx scripts/cv-checkworthy-linear.ts grid '[["uni","cues"]]' '[3]' '[100,300]' '[10]'
 *        (feature sets, minimum counts, L2 strengths, positive weights)
 *   node --import tsx scripts/cv-checkworthy-linear.ts dense '["uni","cues"]' 1 '[100,300]'
 *   node --import tsx scripts/cv-checkworthy-linear.ts nested '["uni","cues"]'
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTranscripts, averagePrecision } from '../src/models/checkworthy-train.ts';
import { checkworthyFeatures } from '../src/models/checkworthy-features.ts';
import { scoreCheckWorthinessHeuristic } from '../src/models/checkworthy.ts';
import { crossValidateCheckworthy } from '../src/models/checkworthy-train.ts';
import { tokenizeWords } from '../src/models/tokenize.ts';
import { buildCsr, fitLR, predict, type Csr } from './checkworthy-lbfgs.ts';

const T = readTranscripts(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'bench', 'checkworthy', 'clef2020-task5', 'training'));
const lines = T.flatMap((t) => t.lines);
const tOf = T.flatMap((t, ti) => t.lines.map(() => ti));
const y = Float64Array.from(lines.map((l) => l.label));
const logit = (p: number) => Math.log(p / (1 - p));
const heur = lines.map((l) => logit(scoreCheckWorthinessHeuristic(l.text)));

/** Features of line i (its text given too). */
export type FeatFn = (text: string, i: number) => Map<string, number>;
const toks = lines.map((l) => tokenizeWords(l.text).map((t) => (/^\p{N}/u.test(t.norm) ? '<num>' : t.norm)));

/** The feature families the grid combines by name. */
export const feats: Record<string, FeatFn> = {
  base: (t) => checkworthyFeatures(t),
  cues: (t) => { const f = checkworthyFeatures(t); for (const k of [...f.keys()]) if (k.startsWith('w=') || k === 'bias') f.delete(k); return f; },
  cues3: (t) => { const f = checkworthyFeatures(t); for (const k of [...f.keys()]) if (k.startsWith('w=') || k === 'bias') f.delete(k); else f.set(k, f.get(k)! * 3); return f; },
  heurf: (_t, i) => new Map([['heur', heur[i]! * 3]]),
  uni: (_t, i) => { const f = new Map<string, number>(); for (const w of toks[i]!) f.set('u=' + w, 1); return f; },
  bi: (_t, i) => { const f = new Map<string, number>(); const w = ['<s>', ...toks[i]!, '</s>']; for (let k = 0; k + 1 < w.length; k++) f.set('b=' + w[k] + ' ' + w[k + 1], 1); return f; },
};

function combine(names: string[]): Map<string, number>[] {
  return lines.map((l, i) => { const f = new Map<string, number>(); for (const n of names) for (const [k, v] of feats[n]!(l.text, i)) f.set(k, v); return f; });
}

/** The CSR matrix of all lines over the features seen in at least minCount training lines of the fold (plus optional dense columns). */
export function foldCsr(F: Map<string, number>[], trainMask: boolean[], minCount: number, extraDense?: (i: number) => number[]): Csr {
  const counts = new Map<string, number>();
  F.forEach((f, i) => { if (trainMask[i]) for (const k of f.keys()) counts.set(k, (counts.get(k) ?? 0) + 1); });
  const vocab = new Map<string, number>();
  for (const [k, c] of counts) if (c >= minCount) vocab.set(k, vocab.size);
  const nd = extraDense ? extraDense(0).length : 0;
  const rows = F.map((f, i) => { const idx: number[] = [], val: number[] = []; for (const [k, v] of f) { const j = vocab.get(k); if (j !== undefined) { idx.push(j); val.push(v); } } if (extraDense) extraDense(i).forEach((v, d) => { idx.push(vocab.size + d); val.push(v); }); return { idx, val }; });
  return buildCsr(rows, vocab.size + nd);
}

/** MAP over the given transcripts with the task's scorer. */
export function mapOf(scores: Float64Array, which: number[]): number {
  let s = 0;
  for (const ti of which) { const t = T[ti]!; const off = lines.indexOf(t.lines[0]!); s += averagePrecision(t.lines, Array.from(scores.subarray(off, off + t.lines.length))); }
  return s / which.length;
}
const offs: number[] = []; { let o = 0; for (const t of T) { offs.push(o); o += t.lines.length; } }
/** MAP over the given transcripts, computed directly (same ranking, no files). */
export function mapFast(scores: Float64Array | number[], which: number[]): number {
  let s = 0;
  for (const ti of which) { const t = T[ti]!; const o = offs[ti]!; s += averagePrecision(t.lines, Array.from(scores.slice(o, o + t.lines.length))); }
  return s / which.length;
}

/** One model setting: feature sets, minimum count, L2, weight of positives, optional dense columns. */
export interface Cfg { names: string[]; minCount: number; l2: number; pw: number; dense?: (i: number) => number[] }
/** CV: returns out-of-fold logits of the LR. */
/** Out-of-fold logits of every line under `folds`-fold cross-validation by transcript. */
export function cv(F: Map<string, number>[], cfg: Omit<Cfg, 'names'>, folds: number, subset: number[] = T.map((_, i) => i)): Float64Array {
  const out = new Float64Array(lines.length);
  const sw = Float64Array.from(lines.map((l) => (l.label ? cfg.pw : 1)));
  for (let f = 0; f < folds; f++) {
    const testT = new Set(subset.filter((_, k) => k % folds === f));
    const trainT = new Set(subset.filter((_, k) => k % folds !== f));
    const mask = tOf.map((ti) => trainT.has(ti));
    const X = foldCsr(F, mask, cfg.minCount, cfg.dense);
    const sel = Int32Array.from(mask.flatMap((m, i) => (m ? [i] : [])));
    const w = fitLR(X, sel, y, sw, cfg.l2);
    for (let i = 0; i < lines.length; i++) if (testT.has(tOf[i]!)) out[i] = predict(X, w, i);
  }
  return out;
}
export { T, lines, heur, combine, tOf };
const all = T.map((_, i) => i);
/** Logits plus h times the heuristic's logit. */
export const mix = (z: Float64Array, h: number) => z.map((v, i) => v + h * heur[i]!);

if (process.argv[2] === 'grid') {
  const sets = JSON.parse(process.argv[3]!) as string[][];
  const mcs = JSON.parse(process.argv[4] ?? '[2]') as number[];
  const l2s = JSON.parse(process.argv[5] ?? '[1,10,100]') as number[];
  const pws = JSON.parse(process.argv[6] ?? '[10]') as number[];
  for (const names of sets) {
    const F = combine(names);
    for (const minCount of mcs) for (const l2 of l2s) for (const pw of pws) {
      const t0 = Date.now();
      const r: string[] = [];
      for (const folds of [5, 10]) {
        const z = cv(F, { minCount, l2, pw }, folds);
        r.push(`${folds}f: ` + [0, 1, 2].map((h) => `h${h} ${mapFast(mix(z, h), all).toFixed(4)}`).join(' '));
      }
      console.log(`${names.join('+')} mc=${minCount} l2=${l2} pw=${pw} | ${r.join(' | ')} (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
    }
  }
}
if (process.argv[2] === 'shipped') {
  for (const folds of [5, 10]) {
    const cvp = crossValidateCheckworthy(T, folds);
    const z = Float64Array.from(T.flatMap((t) => cvp.get(t.name)!.map(logit)));
    console.log(`shipped linear ${folds}f: ` + [0, 1, 2].map((h) => `h${h} ${mapFast(mix(z, h), all).toFixed(4)}`).join(' '));
  }
}
if (process.argv[2] === 'dense') {
  const { loadWordVectors } = await import('../src/stages/rhetoric/embeddings.ts');
  const { checkworthyDenseInput } = await import('../src/models/checkworthy-mlp.ts');
  const v = loadWordVectors();
  const scale = Number(process.argv[4] ?? 1);
  const D = lines.map((l) => Array.from(checkworthyDenseInput(l.text, v)).slice(0, 100).map((x) => x * scale));
  const F = combine(JSON.parse(process.argv[3]!) as string[]);
  for (const l2 of JSON.parse(process.argv[5] ?? '[100,300]') as number[]) {
    const r: string[] = [];
    for (const folds of [5, 10]) { const z = cv(F, { minCount: 3, l2, pw: 10, dense: (i) => D[i]! }, folds); r.push(`${folds}f: ` + [0, 1, 2].map((h) => `h${h} ${mapFast(mix(z, h), all).toFixed(4)}`).join(' ')); }
    console.log(`dense x${scale} ${process.argv[3]} l2=${l2} | ${r.join(' | ')}`);
  }
}
if (process.argv[2] === 'nested') {
  const F = combine(JSON.parse(process.argv[3]!) as string[]);
  const l2s = [30, 100, 300, 1000], hs = [0, 1, 2];
  for (const folds of [5, 10]) {
    const out = new Float64Array(lines.length);
    const picks: string[] = [];
    for (let f = 0; f < folds; f++) {
      const trainIdx = all.filter((i) => i % folds !== f);
      let best = { s: -1, l2: 0, h: 0 };
      for (const l2 of l2s) {
        const z = cv(F, { minCount: 3, l2, pw: 10 }, 4, trainIdx);
        for (const h of hs) { const s = mapFast(mix(z, h), trainIdx); if (s > best.s) best = { s, l2, h }; }
      }
      picks.push(`l2=${best.l2},h=${best.h}`);
      // train on the outer training set, score held-out: use cv over 'all' with a custom split
      const testT = new Set(all.filter((i) => i % folds === f));
      const z = cv(F, { minCount: 3, l2: best.l2, pw: 10 }, folds);  // fold f of this cv is exactly the outer split
      for (let i = 0; i < lines.length; i++) if (testT.has(tOf[i]!)) out[i] = z[i]! + best.h * heur[i]!;
    }
    console.log(`nested ${process.argv[3]} ${folds}f MAP ${mapFast(out, all).toFixed(4)} picks ${picks.join(' ')}`);
  }
}
if (process.argv[2] === 'ens') {
  const F = combine(['uni', 'cues']);
  for (const folds of [5, 10]) {
    const cvp = crossValidateCheckworthy(T, folds);
    const zs = Float64Array.from(T.flatMap((t) => cvp.get(t.name)!.map(logit)));
    const zu = cv(F, { minCount: 3, l2: 100, pw: 10 }, folds);
    console.log(`ens ${folds}f: shipped ${mapFast(mix(zs, 2), all).toFixed(4)} | shipped+uni ${mapFast(mix(zs.map((v, i) => v + zu[i]!), 2), all).toFixed(4)} | 0.5 each ${mapFast(mix(zs.map((v, i) => 0.5 * v + 0.5 * zu[i]!), 1), all).toFixed(4)}`);
  }
}
