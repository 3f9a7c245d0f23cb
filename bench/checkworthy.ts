// Benchmark: check-worthiness on the CLEF-2020 CheckThat! Task 5 training transcripts
// (../shared/bench/checkworthy), 5-fold cross-validated by debate (every 5th transcript held out),
// MAP by the task's scorer: the linear model, the embedding network, and the shipped mix of their logits with the heuristic's, side by side with the text heuristic, random scores and speed.
// Usage: node --import tsx bench/checkworthy.ts   (part of npm run bench:claims; npm run bench:checkworthy)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crossValidateCheckworthy, crossValidateCheckworthyMlp, readTranscripts, type Transcript } from '../src/models/checkworthy-train.ts';
import { scoreCheckWorthiness, scoreCheckWorthinessHeuristic, combineCheckworthiness, mixCheckworthiness, shippedCheckworthyMix } from '../src/models/checkworthy.ts';
import { loadWordVectors } from '../src/stages/rhetoric/embeddings.ts';
import { makeRng } from '../src/models/rng.ts';

/** One row of the check-worthiness benchmark. */
export interface CheckworthyRow {
  system: string;
  MAP: number;
  MRR: number;
  rPrecision: number;
  p10: number;
}

/** Runs the check-worthiness benchmark and returns its rows plus the model's speed in lines/s. */
export async function runCheckworthyBench(): Promise<{ rows: CheckworthyRow[]; linesPerSecond: number; lines: number }> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const base = join(root, '..', 'shared', 'bench', 'checkworthy');
  const goldDir = join(base, 'clef2020-task5', 'training');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const scorer: any = await import(join(base, 'score.mjs'));
  const transcripts = readTranscripts(goldDir);
  const tmp = mkdtempSync(join(tmpdir(), 'annalist-cw-'));
  const evaluate = (name: string, scores: (t: Transcript) => number[]): CheckworthyRow => {
    const dir = join(tmp, name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    for (const t of transcripts) {
      const s = scores(t);
      writeFileSync(join(dir, t.name), t.lines.map((l, i) => `${l.line}\t${s[i]}`).join('\n') + '\n');
    }
    const r = scorer.scoreAll(goldDir, dir).summary;
    return { system: name, MAP: r.MAP, MRR: r.MRR, rPrecision: r.meanRPrecision, p10: r['meanP@10'] };
  };
  const cv = crossValidateCheckworthy(transcripts, 5);
  const net = crossValidateCheckworthyMlp(transcripts, 5, loadWordVectors());
  const mix = shippedCheckworthyMix() ?? { mlp: 0, heuristic: 1 };
  const rng = makeRng(5);
  const rows = [
    evaluate('linear model alone, 5-fold CV by debate', (t) => cv.get(t.name)!),
    evaluate('embedding network alone, 5-fold CV by debate', (t) => net.get(t.name)!),
    evaluate('linear + heuristic (previous setup), 5-fold CV by debate', (t) => cv.get(t.name)!.map((p, i) => combineCheckworthiness(p, t.lines[i]!.text))),
    evaluate(`shipped mix (linear + ${mix.mlp} net + ${mix.heuristic} heuristic), 5-fold CV`, (t) => cv.get(t.name)!.map((p, i) => mixCheckworthiness(p, net.get(t.name)![i]!, t.lines[i]!.text, mix))),
    evaluate('heuristic (numbers, money, comparatives)', (t) => t.lines.map((l) => scoreCheckWorthinessHeuristic(l.text))),
    evaluate('random', (t) => t.lines.map(() => rng())),
    evaluate('shipped model (trained on all 50: in-sample, not a fair score)', (t) => t.lines.map((l) => scoreCheckWorthiness(l.text))),
  ];
  const texts = transcripts.flatMap((t) => t.lines.map((l) => l.text));
  scoreCheckWorthiness(texts[0]!);
  const t0 = performance.now();
  for (const s of texts) scoreCheckWorthiness(s);
  const seconds = (performance.now() - t0) / 1000;
  return { rows, linesPerSecond: texts.length / seconds, lines: texts.length };
}

/** Prints the benchmark table. */
export function printCheckworthyBench(r: Awaited<ReturnType<typeof runCheckworthyBench>>): void {
  console.log(`Check-worthiness, CLEF-2020 CheckThat! Task 5 training (50 transcripts, ${r.lines} lines; scorer ../shared/bench/checkworthy/score.mjs)`);
  console.log('system                                                          MAP     MRR   R-Prec   P@10');
  for (const x of r.rows) console.log(`${x.system.padEnd(62)} ${x.MAP.toFixed(3)}  ${x.MRR.toFixed(3)}  ${x.rPrecision.toFixed(3)}  ${x.p10.toFixed(3)}`);
  console.log(`speed (shipped scoreCheckWorthiness): ${Math.round(r.linesPerSecond)} lines/s`);
  console.log('anchors (README): random 0.029; naive digits+money minus moderators 0.083; organisers n-gram baseline 0.095 (their dev split); CheckThat! 2019 best 0.166; 2021 1B best 0.402.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  printCheckworthyBench(await runCheckworthyBench());
}
