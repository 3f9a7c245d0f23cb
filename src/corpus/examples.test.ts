import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../cli/commands/ingest-paths.ts';
import { loadKnowledgeBase } from '../kb/load-kb.ts';
import { Store } from '../store/store.ts';
import { analyzeCorpus } from './analyze-corpus.ts';
import { matchPlanted, type PlantedSlip } from './evaluate/match-planted.ts';
import type { Conflict } from './types.ts';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

test('examples/: the full pipeline finds every planted slip and nothing else', async () => {
  const store = new Store(join(mkdtempSync(join(tmpdir(), 'annalist-examples-')), 'db.sqlite'));
  const kb = loadKnowledgeBase();
  const sum = await ingestPaths(store, [EXAMPLES], { kb, maxBytes: 64 * 1024 * 1024 });
  assert.equal(sum.failed, 0);
  analyzeCorpus(store, kb);
  const planted = (JSON.parse(readFileSync(join(EXAMPLES, '..', 'data', 'corpus', 'examples-planted.json'), 'utf8')) as { planted: PlantedSlip[] }).planted;
  const paths = new Map(store.listSources().map((s) => [s.id, s.path ?? '']));
  const r = matchPlanted(planted, store.getCorpus<Conflict>('conflict'), (id) => paths.get(id));
  assert.deepEqual(r.missed.map((m) => `${m.id}: ${m.what}`), [], 'missed planted slips');
  assert.deepEqual(r.extra.map((c) => `${c.kind}: ${c.explanation}`), [], 'conflicts nobody planted');
  store.close();
});
