// Benchmark: propaganda techniques (SemEval-2020 Task 11) on the PTC dev split with the task's
// scorer (../shared/bench/ptc/score.mjs), the shipped model side by side with simple baselines.
// Usage: node --import tsx bench/rhetoric.ts   (npm run bench:rhetoric). Training-free.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../src/models/rng.ts';
import { prepareDoc, splitLines } from '../src/stages/rhetoric/doc.ts';
import { detectRhetoric, loadRhetoricModel } from '../src/stages/rhetoric/model.ts';
import { classifyGivenSpans } from '../src/stages/rhetoric/classify-given.ts';
import { formatPtcLabels, readPtcArticles, readPtcLabels, type PtcLabel } from '../src/stages/rhetoric/ptc.ts';
import { TECHNIQUES } from '../src/stages/rhetoric/techniques.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ptc = join(root, '..', 'shared', 'bench', 'ptc');
const data = join(ptc, 'datasets');
const scorer = join(ptc, 'score.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'annalist-ptc-'));

const dev = readPtcArticles(join(data, 'dev-articles'));
const goldTc = join(data, 'dev-task-flc-tc.labels');
const goldSi = join(data, 'dev-task-si.labels');
const goldRows = readPtcLabels(goldTc, dev);
const trainArticles = readPtcArticles(join(data, 'train-articles'));
const trainRows = readPtcLabels(join(data, 'train-task-flc-tc.labels'), trainArticles);

interface Scores {
  [k: string]: number;
}
function score(task: 'si' | 'tc' | 'flc', rows: PtcLabel[], name: string): Scores {
  const file = join(tmp, `${name}-${task}.txt`);
  writeFileSync(file, formatPtcLabels(rows, dev));
  const out = execFileSync(process.execPath, [scorer, task, '--gold', task === 'si' ? goldSi : goldTc, '--pred', file, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out) as Scores;
}
const pct = (x: number | undefined) => (x === undefined ? '   –  ' : (100 * x).toFixed(2).padStart(6));

// ---------- the shipped model: SI + technique on predicted spans (FLC), TC on gold spans
const model = loadRhetoricModel();
const bytes = dev.reduce((n, a) => n + Buffer.byteLength(a.text, 'utf8'), 0);
const predicted: PtcLabel[] = [];
const docs = new Map(dev.map((a) => [a.id, prepareDoc(a.text)]));
for (const a of dev) {
  for (const s of detectRhetoric(docs.get(a.id)!, model)) predicted.push({ article: a.id, technique: s.techniques[0]!.technique, start: s.start, end: s.end });
}
// Speed: text in, spans with techniques out (tokenizing included), 5 timed passes after the pass
// above warmed the code up (and filled the per-word caches, as in a long-running process). Wall
// and CPU seconds of this process are both reported, best and median pass: the machine is shared,
// so on a loaded machine wall time mostly measures the other processes, and the best pass is the
// fairest single figure.
const PASSES = 5;
const wall: number[] = [];
const cpu: number[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const a of dev) detectRhetoric(prepareDoc(a.text), model);
  const c = process.cpuUsage(c0);
  wall.push((performance.now() - t0) / 1000);
  cpu.push((c.user + c.system) / 1e6);
}
const best = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
const rate = (sec: number) => (bytes / 1e6 / sec).toFixed(2);
const tcPred = classifyGivenSpans(docs, goldRows, model.tc);

// ---------- baselines
const allLoaded = goldRows.map((r) => ({ ...r, technique: 'Loaded_Language' }));
const prior = TECHNIQUES.map((t) => trainRows.filter((r) => r.technique === t).length);
const total = prior.reduce((a, b) => a + b, 0);
const rng = makeRng(2020);
const sample = () => {
  let x = rng() * total;
  for (let i = 0; i < prior.length; i++) if ((x -= prior[i]!) < 0) return TECHNIQUES[i]!;
  return TECHNIQUES[0]!;
};
const randomPrior = goldRows.map((r) => ({ ...r, technique: sample() }));
const everyLine = dev.flatMap((a) => splitLines(a.text).map((s) => ({ article: a.id, technique: 'Loaded_Language', ...s })));

const rows: Array<[string, Scores, Scores, Scores, string]> = [
  ['annalist rhetoric (SI linear + token net; TC)', score('tc', tcPred, 'model'), score('si', predicted, 'model'), score('flc', predicted, 'model'), `${rate(best(wall))} MB/s wall (median ${rate(median(wall))}), ${rate(best(cpu))} MB/CPU-s (median ${rate(median(cpu))}); best of ${PASSES} passes`],
  ['baseline: all Loaded_Language / every line', score('tc', allLoaded, 'loaded'), score('si', everyLine, 'lines'), score('flc', everyLine, 'lines'), '–'],
  ['baseline: random by train prior', score('tc', randomPrior, 'random'), {}, {}, '–'],
];
console.log(`PTC dev: ${dev.length} articles, ${(bytes / 1e6).toFixed(2)} MB, ${goldRows.length} TC instances (scorer: ../shared/bench/ptc/score.mjs)`);
console.log('system                                        TC-microF1 TC-macroF1 |  SI-P   SI-R   SI-F1 | FLC-P  FLC-R  FLC-F1 | speed (SI+TC)');
for (const [name, tc, si, flc, speed] of rows) {
  console.log(`${name.padEnd(45)} ${pct(tc.microF1)}     ${pct(tc.macroF1)}   | ${pct(si.precision)} ${pct(si.recall)} ${pct(si.f1)} | ${pct(flc.precision)} ${pct(flc.recall)} ${pct(flc.f1)} | ${speed}`);
}
console.log('anchors (task paper): TC dev baseline 26.53, best 70.46 (ApplicaAI); SI dev best F1 53.40 (syrapropa); transformer ensembles.');
const per = (rows[0]![1] as unknown as { perTechnique: Record<string, { f1: number; gold: number }> }).perTechnique;
console.log('TC per technique (model, F1 / gold count): ' + Object.entries(per).map(([t, v]) => `${t} ${(100 * v.f1).toFixed(1)}/${v.gold}`).join('; '));
