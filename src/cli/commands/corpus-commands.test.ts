import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCorpus } from '../../corpus/analyze-corpus.ts';
import { fixtureKb, sourceOf, sourceWithEvents } from '../../corpus/testing.ts';
import { Store } from '../../store/store.ts';

const BIN = new URL('../../../bin/annalist.mjs', import.meta.url).pathname;

test('timeline, conflicts and graph commands read the corpus records', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'annalist-cli-corpus-')), 'db.sqlite');
  const store = new Store(db);
  const meet = (title: string, text: string, edtf: string, earliest: string, latest: string) =>
    sourceWithEvents(title, [{ text, trigger: 'met', cls: 'meeting', agents: [['Q35314', 'Khrushchev']], others: [['Q9696', 'Kennedy']], edtf, earliest, latest }]);
  store.putDocument(meet('A', 'Khrushchev met Kennedy in Vienna in June 1961 for two days of talks.', '1961-06', '1961-06-01', '1961-06-30'));
  store.putDocument(meet('B', 'Khrushchev met Kennedy in Vienna in 1962 for two days of talks.', '1962', '1962-01-01', '1962-12-31'));
  store.putDocument(sourceOf('In 1957 Stalin signed a decree on collective farms.', { title: 'C' }));
  analyzeCorpus(store, fixtureKb());
  store.close();
  const run = (...args: string[]) => execFileSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  const conflicts = JSON.parse(run('conflicts', '--format', 'json')) as Array<{ kind: string }>;
  assert.deepEqual(conflicts.map((c) => c.kind).sort(), ['actor-out-of-life', 'date-mismatch']);
  const text = run('conflicts', '--kind', 'actor-out-of-life');
  assert.match(text, /HIGH\s+actor-out-of-life/);
  assert.match(text, /“In 1957 Stalin signed a decree on collective farms\.”/);
  assert.match(text, /1 conflict$/m);

  const timeline = run('timeline', '--from', '1961', '--to', '1961');
  assert.match(timeline, /^1961-06\s+Nikita Khrushchev — meet — John F\. Kennedy \[meeting; 2 sources\] ⚠ 1 conflict/m);
  assert.match(run('timeline', '--from', '1970'), /^0 events/m);

  assert.match(run('graph', '--format', 'graphml'), /<edge id="relation:[0-9a-f]+" source="Q35314" target="Q9696">/);
  assert.match(run('graph'), /Nikita Khrushchev met John F\. Kennedy 1961-06-01\/1961-06-30; 2 evidence/);
});
