/**
 * Corpus checks on the seeds (../shared/seeds, read at run time, never copied): ingests them with
 * the full pipeline into a temporary store, runs the corpus stages and prints every conflict (kind,
 * explanation, evidence) for a reader to judge, the merged timeline's shape (real-world events,
 * events with more than one source, events with contradictions), and the time, side by side with
 * the naive co-occurrence peer's conflict count. With `--json` prints the conflicts as JSON.
 * Run: npm run bench:conflicts-seeds
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ingestPaths } from '../src/cli/commands/ingest-paths.ts';
import { computeCorpus } from '../src/corpus/analyze-corpus.ts';
import { naiveConflicts } from '../src/corpus/evaluate/naive-peer.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { Store } from '../src/store/store.ts';

const root = new URL('..', import.meta.url).pathname;
const seeds = resolve(root, '..', 'shared', 'seeds');
if (!existsSync(seeds)) {
  console.log(`no seeds at ${seeds}: nothing to measure`);
  process.exit(0);
}
const kb = loadKnowledgeBase();
const store = new Store(join(mkdtempSync(join(tmpdir(), 'annalist-seeds-')), 'db.sqlite'));
let t = performance.now();
await ingestPaths(store, [seeds], { kb, maxBytes: 64 * 1024 * 1024 });
const ingestMs = performance.now() - t;
const docs = store.sourceIds().map((id) => store.getAnalyzed(id)!);
const names = new Map(store.listSources().map((s) => [s.id, (s.path ?? s.id).split('/').pop()!]));
t = performance.now();
const r = computeCorpus(docs, kb);
const ms = performance.now() - t;
t = performance.now();
const naive = naiveConflicts(docs, kb);
const naiveMs = performance.now() - t;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(r.conflicts, null, 2));
  process.exit(0);
}
for (const c of r.conflicts) {
  console.log(`[${c.kind}] ${c.explanation}`);
  for (const e of c.evidence) console.log(`    ${names.get(e.source)} @${e.start}: ${e.text.length > 220 ? `${e.text.slice(0, 219)}…` : e.text}`);
}
const multi = r.events.filter((e) => e.sources.length > 1);
const byKind = Object.entries(r.conflicts.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {}));
console.log(`\nseeds: ${docs.length} sources (document stages ${ingestMs.toFixed(0)} ms)`);
console.log(`timeline: ${r.events.length} real-world events (${r.events.filter((e) => e.interval).length} dated, ${r.events.filter((e) => e.kbEvent).length} matched to KB events), ${multi.length} with more than one source, ${r.events.filter((e) => e.conflicts.length).length} with contradictions`);
for (const e of multi) console.log(`    ${e.edtf.padEnd(22)} ${e.label} [${e.sources.map((s) => names.get(s)).join(', ')}]`);
console.log(`graph: ${r.relations.length} relations; entities: ${r.entities.length}`);
console.log('checker                    conflicts  ms');
console.log(`annalist corpus checks     ${String(r.conflicts.length).padStart(9)}  ${ms.toFixed(0)}   (${byKind.map(([k, n]) => `${k} ${n}`).join(', ')})`);
console.log(`naive co-occurrence peer   ${String(naive.length).padStart(9)}  ${naiveMs.toFixed(0)}`);
store.close();
