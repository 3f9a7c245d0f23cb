/**
 * Pipeline throughput benchmark. Reads `examples/` and, when present, `../shared/seeds`, replicates
 * those documents to ~2 MB of raw input, then, after one untimed warm-up pass (lazy library loads,
 * models, JIT), runs read + every registered stage over each copy and
 * prints MB/s per stage and in total, measured in CPU time (`process.cpuUsage()`, user + system, so
 * other processes on the machine do not skew it), plus peak RSS. Side by side, the peer: compromise
 * (`nlp(text)` + sentences + people/places/organizations) on the same texts.
 * MB are megabytes (2^20) of raw input bytes for every row, so rows compare directly.
 * Usage: npm run bench:pipeline [-- --mb 2] [-- --repeat 1] [-- --no-peer]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import type { Source } from '../src/core/types.ts';
import { readAnyDocument } from '../src/ingest/read-document.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { STAGES } from '../src/pipeline/registry.ts';
import { runStages } from '../src/pipeline/run-stages.ts';
import type { Stage } from '../src/pipeline/stage.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
const args = process.argv.slice(2);
const arg = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const targetMb = arg('mb', 2);
const repeat = Math.max(1, arg('repeat', 1));
const withPeer = !args.includes('--no-peer');
const MB = 1024 * 1024;

interface InputFile { path: string; bytes: Uint8Array }

/** Lists the files of a folder (not recursive), skipping READMEs. */
function listInputs(dir: string): InputFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !/^readme/i.test(f) && !f.startsWith('.'))
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .sort()
    .map((p) => ({ path: p, bytes: new Uint8Array(readFileSync(p)) }));
}

/** CPU milliseconds (user + system) since `from`. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/** Wraps each stage so that its CPU time is added to `times[stage.name]`. */
function timeStages(stages: readonly Stage[], times: Record<string, number>): Stage[] {
  return stages.map((s) => ({
    ...s,
    run(input) {
      const t0 = process.cpuUsage();
      try {
        return s.run(input);
      } finally {
        times[s.name] = (times[s.name] ?? 0) + cpuMs(t0);
      }
    },
  }));
}

const fmt = (mbytes: number, ms: number) => (ms > 0 ? (mbytes / (ms / 1000)).toFixed(2) : '∞').padStart(8);

async function main(): Promise<void> {
  const inputs = [...listInputs(join(ROOT, 'examples')), ...listInputs(SEEDS)];
  if (inputs.length === 0) throw new Error('no input documents found');
  const unit = inputs.reduce((n, f) => n + f.bytes.length, 0);
  const copies = Math.max(1, Math.round((targetMb * MB) / unit));
  const totalBytes = unit * copies;
  const mbytes = totalBytes / MB;
  console.log(`pipeline benchmark: ${inputs.length} documents (${(unit / 1024).toFixed(1)} KB) × ${copies} = ${mbytes.toFixed(2)} MB raw input, ${repeat} repeat(s); CPU time`);

  const t0 = process.cpuUsage();
  const kb = loadKnowledgeBase();
  const kbMs = cpuMs(t0);

  // warm-up: one untimed pass over the documents (lazy library loads, models, JIT), reported apart
  const tw = process.cpuUsage();
  for (const f of inputs) {
    const source = await readAnyDocument(f.bytes, { path: f.path });
    if (!source.messages.some((m) => m.severity === 'error' || m.severity === 'fatal')) runStages(source, STAGES, { resources: { kb } });
  }
  const warmMs = cpuMs(tw);

  const times: Record<string, number> = {};
  const stages = timeStages(STAGES, times);
  let readMs = 0;
  let annotations = 0;
  const texts: string[] = [];
  for (let r = 0; r < repeat; r++) {
    for (let c = 0; c < copies; c++) {
      for (const f of inputs) {
        const tr = process.cpuUsage();
        const source: Source = await readAnyDocument(f.bytes, { path: f.path });
        readMs += cpuMs(tr);
        if (r === 0 && c === 0) texts.push(source.text);
        const failed = source.messages.some((m) => m.severity === 'error' || m.severity === 'fatal');
        if (failed) continue;
        annotations += runStages(source, stages, { resources: { kb } }).annotations.length;
      }
    }
  }
  const total = mbytes * repeat;
  const stageMs = Object.values(times).reduce((a, b) => a + b, 0);
  console.log(`\n${'step'.padEnd(12)} ${'MB/s'.padStart(8)} ${'CPU s'.padStart(8)} ${'share'.padStart(6)}`);
  const all = readMs + stageMs;
  const row = (name: string, ms: number) => console.log(`${name.padEnd(12)} ${fmt(total, ms)} ${(ms / 1000).toFixed(2).padStart(8)} ${`${((100 * ms) / all).toFixed(1)}%`.padStart(6)}`);
  row('read', readMs);
  for (const s of STAGES) row(s.name, times[s.name] ?? 0);
  row('TOTAL', all);
  console.log(`(warm-up pass, not counted: ${(warmMs / 1000).toFixed(2)} s CPU; KB load once: ${kbMs.toFixed(0)} ms CPU; ${annotations} annotations; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);

  if (withPeer) {
    // The peer on the same normalized texts, the same number of copies.
    let people = 0;
    let sentences = 0;
    const tp = process.cpuUsage();
    for (let r = 0; r < repeat; r++) {
      for (let c = 0; c < copies; c++) {
        for (const text of texts) {
          const doc = nlp(text);
          sentences += doc.sentences().length;
          people += doc.people().length + doc.places().length + doc.organizations().length;
        }
      }
    }
    const peerMs = cpuMs(tp);
    console.log(`\npeer: compromise sentences + people/places/organizations: ${fmt(total, peerMs).trim()} MB/s (${(peerMs / 1000).toFixed(2)} s CPU, ${sentences} sentences, ${people} names); peak RSS now ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }
}

await main();
