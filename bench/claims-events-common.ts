/**
 * Shared driver for `bench/events-gold.ts` and `bench/claims-gold.ts`: reads the seeds from
 * `../shared/seeds` at run time, runs the registered pipeline (adding the events and claims stages
 * and empty stand-ins for layers no registered stage assigns yet, and saying so) and loads the
 * gold keys from `../shared/gold`.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyzedSource } from '../src/core/types.ts';
import { readDocument } from '../src/ingest/read-document.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { STAGES } from '../src/pipeline/registry.ts';
import { runStages } from '../src/pipeline/run-stages.ts';
import type { Stage } from '../src/pipeline/stage.ts';
import { claimsStage } from '../src/stages/claims/index.ts';
import { eventsStage } from '../src/stages/events/index.ts';

/** Repository root and the shared folder beside it. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(ROOT, '..', 'shared');

/** An empty stage standing in for a layer no registered stage assigns yet. */
function standIn(layer: string): Stage {
  return { name: `missing-${layer}`, version: '0', requires: [], assigns: [layer], run: () => ({ annotations: [] }) };
}

/** The stage list used by the benchmarks, and notes on what had to be stood in. */
export function benchStages(): { stages: Stage[]; notes: string[] } {
  const notes: string[] = [];
  const stages = [...STAGES];
  const assigned = new Set(stages.flatMap((s) => s.assigns));
  const missing = ['sentence', 'token', 'mention', 'timex'].filter((l) => !assigned.has(l));
  for (const l of missing) notes.push(`layer "${l}" is not assigned by any registered stage: stood in by an empty layer (scores will suffer)`);
  const needed = missing.map(standIn);
  for (const own of [claimsStage, eventsStage]) {
    if (!stages.some((s) => s.name === own.name)) {
      notes.push(`stage "${own.name}" is not registered yet: appended for this run`);
      needed.push(own);
    }
  }
  return { stages: [...stages, ...needed], notes };
}

/** One analyzed seed with its key (file name without `.txt`) and the time the pipeline took. */
export interface AnalyzedSeed {
  key: string;
  doc: AnalyzedSource;
  ms: number;
}

/** Reads and analyzes every seed. */
export function analyzeSeeds(stages: Stage[]): AnalyzedSeed[] {
  const dir = join(SHARED, 'seeds');
  if (!existsSync(dir)) throw new Error(`no seeds at ${dir}`);
  const kb = loadKnowledgeBase();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      const t0 = performance.now();
      const doc = runStages(readDocument(bytes, { path: join(dir, f) }), stages, { resources: { kb } });
      return { key: f.replace(/\.txt$/, ''), doc, ms: performance.now() - t0 };
    });
}

/** Reads one gold key file from `../shared/gold`. */
export function loadGold<T>(name: string): T {
  return JSON.parse(readFileSync(join(SHARED, 'gold', name), 'utf8')) as T;
}

/** Collapses whitespace and lower-cases, as the gold scorer does. */
export function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Time spent by one stage, measured by running the stage list up to it and without it. */
export function throughput(seeds: AnalyzedSeed[]): string {
  const chars = seeds.reduce((n, s) => n + s.doc.text.length, 0);
  const ms = seeds.reduce((n, s) => n + s.ms, 0);
  return `${(chars / 1e6 / (ms / 1000)).toFixed(2)} MB/s (${chars} chars in ${ms.toFixed(0)} ms, whole pipeline)`;
}
