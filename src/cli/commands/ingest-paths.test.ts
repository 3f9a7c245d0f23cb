import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { Store } from '../../store/store.ts';
import { ingestPaths, type IngestEvent } from './ingest-paths.ts';

test('a folder of 10,000 files: bad ones reported one by one, the rest stored once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-10k-'));
  try {
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < 10000; i++) {
      // every 1000th file is empty: a failure that must not stop the run
      writeFileSync(join(dir, 'many', `n${String(i).padStart(5, '0')}.txt`), i % 1000 === 999 ? '' : `Note number ${i} about the spring census in district ${i % 37}.`);
    }
    const store = new Store(join(dir, 't.db'));
    const kb = buildKnowledgeBase([]);
    const failed: IngestEvent[] = [];
    const sum = await ingestPaths(store, [join(dir, 'many')], { kb, maxBytes: 1 << 20, analyze: false }, (e) => {
      if (e.outcome === 'failed') failed.push(e);
    });
    assert.deepEqual([sum.read, sum.new, sum.failed], [9990, 9990, 10]);
    assert.equal(failed.length, 10);
    assert.ok(failed.every((e) => /empty/.test(e.reason ?? '') && e.path.endsWith('999.txt')));
    const again = await ingestPaths(store, [join(dir, 'many')], { kb, maxBytes: 1 << 20, analyze: false });
    assert.deepEqual([again.new, again.unchanged, again.versions, again.failed], [0, 9990, 0, 10]);
    assert.equal(store.stats().versions, 9990);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
