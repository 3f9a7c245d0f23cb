/**
 * Benchmark of the timex stage on TimeBank and AQUAINT (TempEval-3 Task A), scored with the shared
 * TimeML scorer, side by side with chrono-node on the same texts, plus throughput.
 * Usage: npm run bench:timex [-- --errors] [-- --corpus timebank]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { findTimexes } from '../src/stages/timex/find-timexes.ts';
import { toTimeMLTimexes } from '../src/stages/timex/to-timeml.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = resolve(ROOT, '..', 'shared', 'bench', 'timeml');
const SCORER = join(BENCH, 'score.mjs');
const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined;
const corpora = ['timebank', 'aquaint'].filter((c) => !only || c === only);

interface Doc { name: string; text: string; dct: string }

/** Writes the plain texts and DCTs of a gold folder with the scorer's own `--text`. */
function readDocs(gold: string, work: string): Doc[] {
  const dir = join(work, 'txt');
  const r = spawnSync(process.execPath, [SCORER, '--text', gold, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => {
    const name = f.slice(0, -4);
    return { name, text: readFileSync(join(dir, f), 'utf8'), dct: readFileSync(join(dir, `${name}.dct`), 'utf8').trim() };
  });
}

/** Runs the scorer and returns its JSON metrics (and the error listing when asked). */
function score(gold: string, pred: string): { m: Metrics; errors: string } {
  const r = spawnSync(process.execPath, [SCORER, gold, pred, '--json', '--quiet'], { encoding: 'utf8' });
  const m = JSON.parse(r.stdout) as Metrics;
  const errors = showErrors ? spawnSync(process.execPath, [SCORER, gold, pred, '--errors', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout : '';
  return { m, errors };
}

interface PRF { P: number; R: number; F1: number }
interface Metrics { strict: PRF; relaxed: PRF; value: PRF; type: PRF; goldTimexes: number; systemTimexes: number; byGoldType: Record<string, { gold: number; strictRecall: number; relaxedRecall: number; valueAccuracy: number }> }

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** chrono-node mapped as the shared baseline script maps it. */
function chronoTimexes(doc: Doc): Array<{ start: number; end: number; type: string; value: string; text: string }> {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(doc.dct);
  const ref = m ? new Date(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1, 12) : new Date(0);
  return chrono.casual.parse(doc.text, ref).map((r) => {
    const c = r.start;
    const full = `${pad(c.get('year') ?? 0, 4)}-${pad(c.get('month') ?? 0)}-${pad(c.get('day') ?? 0)}`;
    const value = c.isCertain('day') ? full : c.isCertain('month') ? full.slice(0, 7) : c.isCertain('year') ? full.slice(0, 4) : full;
    return { start: r.index, end: r.index + r.text.length, type: 'DATE', value, text: r.text };
  });
}

const f = (x: number): string => (100 * x).toFixed(1).padStart(6);
const rows: string[] = [];
const header = `${'corpus'.padEnd(9)} ${'system'.padEnd(12)} ${'strictF1'.padStart(8)} ${'relaxF1'.padStart(8)} ${'valueF1'.padStart(8)} ${'typeF1'.padStart(8)} ${'relP'.padStart(6)} ${'relR'.padStart(6)} ${'MB/s'.padStart(7)}`;
let totalChars = 0;
let oursMs = 0;
let chronoMs = 0;
for (const corpus of corpora) {
  const gold = join(BENCH, corpus);
  const work = mkdtempSync(join(tmpdir(), `timex-${corpus}-`));
  const docs = readDocs(gold, work);
  const chars = docs.reduce((s, d) => s + d.text.length, 0);
  totalChars += chars;
  // steady-state throughput: both systems first see a few documents (regex compilation, JIT tiers)
  for (const d of docs.slice(0, 25)) {
    findTimexes(d.text, { dct: d.dct });
    chronoTimexes(d);
  }
  const ours = join(work, 'ours');
  const theirs = join(work, 'chrono');
  mkdirSync(ours);
  mkdirSync(theirs);
  // CPU time of this (single-threaded) process, so other load on the machine does not skew the figure
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let t0 = cpuMs();
  const outOurs = docs.map((d) => toTimeMLTimexes(findTimexes(d.text, { dct: d.dct })));
  const msOurs = cpuMs() - t0;
  t0 = cpuMs();
  const outChrono = docs.map((d) => chronoTimexes(d));
  const msChrono = cpuMs() - t0;
  oursMs += msOurs;
  chronoMs += msChrono;
  docs.forEach((d, i) => {
    writeFileSync(join(ours, `${d.name}.json`), JSON.stringify({ timexes: outOurs[i]!.map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value, text: t.text })) }));
    writeFileSync(join(theirs, `${d.name}.json`), JSON.stringify({ timexes: outChrono[i] }));
  });
  const mb = chars / 1e6;
  for (const [name, dir, ms] of [['annalist', ours, msOurs], ['chrono-node', theirs, msChrono]] as const) {
    const { m, errors } = score(gold, dir);
    rows.push(`${corpus.padEnd(9)} ${name.padEnd(12)} ${f(m.strict.F1)}   ${f(m.relaxed.F1)}   ${f(m.value.F1)}   ${f(m.type.F1)}   ${f(m.relaxed.P)} ${f(m.relaxed.R)} ${(mb / (ms / 1000)).toFixed(2).padStart(7)}`);
    if (name === 'annalist') {
      rows.push(`          by gold type: ${Object.entries(m.byGoldType).map(([t, b]) => `${t} n=${b.gold} strictR ${f(b.strictRecall).trim()} relaxR ${f(b.relaxedRecall).trim()} valueAcc ${f(b.valueAccuracy).trim()}`).join(' | ')}`);
      if (showErrors) console.log(errors);
    }
  }
}
console.log(header);
console.log(rows.join('\n'));
console.log(`throughput over ${(totalChars / 1e6).toFixed(2)} MB of text: annalist ${(totalChars / 1e6 / (oursMs / 1000)).toFixed(2)} MB/s, chrono-node ${(totalChars / 1e6 / (chronoMs / 1000)).toFixed(2)} MB/s (CPU time of one process, one thread)`);
