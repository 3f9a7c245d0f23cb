/**
 * Corpus checks on the bundled examples/: ingests examples/ with the full pipeline into a
 * temporary store, runs the corpus stages and compares the conflicts with the planted slips of
 * data/corpus/examples-planted.json. Prints recall, false alarms and time, side by side with a naive peer: a
 * sentence co-occurrence checker (an entity and a date outside its life span or name period in one
 * sentence, a member and an organization it never joined in one sentence) with none of the
 * safeguards (agent role, retrospective cues, reference points, relative dates).
 * Run: npm run bench:conflicts-examples
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPaths } from '../src/cli/commands/ingest-paths.ts';
import { computeCorpus } from '../src/corpus/analyze-corpus.ts';
import { matchPlanted, type PlantedSlip } from '../src/corpus/evaluate/match-planted.ts';
import { naiveConflicts } from '../src/corpus/evaluate/naive-peer.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { Store } from '../src/store/store.ts';

const root = new URL('..', import.meta.url).pathname;
const examples = join(root, 'examples');
const planted = (JSON.parse(readFileSync(join(root, 'data', 'corpus', 'examples-planted.json'), 'utf8')) as { planted: PlantedSlip[] }).planted;
const kb = loadKnowledgeBase();
const store = new Store(join(mkdtempSync(join(tmpdir(), 'annalist-bench-')), 'db.sqlite'));
let t = performance.now();
await ingestPaths(store, [examples], { kb, maxBytes: 64 * 1024 * 1024 });
const ingestMs = performance.now() - t;
const docs = store.sourceIds().map((id) => store.getAnalyzed(id)!);
const paths = new Map(store.listSources().map((s) => [s.id, s.path ?? '']));
t = performance.now();
const ours = computeCorpus(docs, kb);
const oursMs = performance.now() - t;
t = performance.now();
const naive = naiveConflicts(docs, kb);
const naiveMs = performance.now() - t;

const rows = [
  ['annalist corpus checks', matchPlanted(planted, ours.conflicts, (id) => paths.get(id)), oursMs] as const,
  ['naive co-occurrence peer', matchPlanted(planted, naive, (id) => paths.get(id)), naiveMs] as const,
];
console.log(`examples/: ${docs.length} sources, ${planted.length} planted slips (document stages: ${ingestMs.toFixed(0)} ms)`);
console.log('checker                    found  missed  false alarms  precision  ms');
for (const [name, r, ms] of rows) {
  const p = r.found.length + r.extra.length ? r.found.length / (r.found.length + r.extra.length) : 0;
  console.log(`${name.padEnd(26)} ${`${r.found.length}/${planted.length}`.padStart(5)}  ${String(r.missed.length).padStart(6)}  ${String(r.extra.length).padStart(12)}  ${p.toFixed(2).padStart(9)}  ${ms.toFixed(0)}`);
}
const [, mine] = rows[0];
for (const m of mine.missed) console.log(`  missed ${m.id}: ${m.what}`);
for (const c of mine.extra) console.log(`  extra  ${c.kind}: ${c.explanation}`);
const multi = ours.events.filter((e) => e.sources.length > 1).length;
console.log(`timeline: ${ours.events.length} events, ${multi} with more than one source, ${ours.events.filter((e) => e.conflicts.length).length} with conflicts; graph: ${ours.relations.length} relations`);
store.close();
