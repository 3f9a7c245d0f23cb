/**
 * Helpers shared by `bench/ner.ts` and `bench/train-ner.ts`: tag a CoNLL file with a model and score
 * the prediction with the shared scorer (`../shared/bench/conll2003/score.mjs`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendTagColumn, groupConll, readConllLines, toIo, usesIo, type ConllDocument } from '../src/ner/conll.ts';
import { tagDocument, type WeightLookup } from '../src/ner/tagger.ts';

/** The repo root and the shared folder beside it. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(REPO, '..', 'shared');
export const CONLL_DIR = join(SHARED, 'bench', 'conll2003');
export const WIKIGOLD = join(SHARED, 'bench', 'wikigold', 'wikigold.conll.txt');
export const SCORER = join(CONLL_DIR, 'score.mjs');

/** Scores of one run, as printed by `score.mjs --json`. */
export interface NerScore {
  overall: { precision: number; recall: number; f1: number; gold: number; pred: number; correct: number };
  types: Record<string, { precision: number; recall: number; f1: number }>;
}

/** Tags every document of a CoNLL text and returns the prediction file text (input lines + tag column). */
export function predictConllText(weights: WeightLookup, text: string): { pred: string; tokens: number; seconds: number } {
  const lines = readConllLines(text);
  const docs = groupConll(lines);
  const io = usesIo(lines);
  const t0 = process.hrtime.bigint();
  const tags = docs.flatMap((d) => tagDocument(weights, d.sentences.map((s) => s.tokens)).flat());
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { pred: appendTagColumn(lines, io ? toIo(tags) : tags), tokens: tags.length, seconds };
}

/** Writes `pred` to a temp file and scores it against the gold file with the shared scorer. */
export function scorePrediction(goldPath: string, pred: string, types = 'PER,ORG,LOC'): NerScore {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-ner-'));
  const p = join(dir, 'pred.txt');
  writeFileSync(p, pred);
  const r = spawnSync(process.execPath, [SCORER, '--types', types, '--json', goldPath, p], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`score.mjs failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as NerScore;
}

/** Scores predicted documents given in memory against a gold file (same tokens, same order). */
export function scoreDocuments(goldPath: string, docs: readonly ConllDocument[], predicted: string[][][], types = 'PER,ORG,LOC'): NerScore {
  const lines: string[] = [];
  docs.forEach((d, di) => {
    lines.push('-DOCSTART- O', '');
    d.sentences.forEach((s, si) => {
      s.tokens.forEach((t, i) => lines.push(`${t} ${s.tags[i]} ${predicted[di]![si]![i]}`));
      lines.push('');
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'annalist-ner-'));
  const g = join(dir, 'gold.txt');
  const p = join(dir, 'pred.txt');
  writeFileSync(g, lines.map((l) => l.split(' ').slice(0, 2).join(' ')).join('\n'));
  writeFileSync(p, lines.join('\n'));
  void goldPath;
  const r = spawnSync(process.execPath, [SCORER, '--types', types, '--json', g, p], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`score.mjs failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as NerScore;
}

/** Reads a CoNLL file into documents. */
export function readConllFile(path: string): ConllDocument[] {
  return groupConll(readConllLines(readFileSync(path, 'utf8')));
}
