import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store/store.ts';
import { analyzeCorpus } from './analyze-corpus.ts';
import { toGexf, toGraphml } from './export-graph.ts';
import { toTimelineJs } from './export-timelinejs.ts';
import { conflictsToCsv, timelineToCsv } from './export-csv.ts';
import { queryGraph } from './query-graph.ts';
import { queryTimeline } from './query-timeline.ts';
import { fixtureKb, sourceOf, sourceWithEvents } from './testing.ts';
import type { Conflict, CorpusEvent } from './types.ts';

const meet = (title: string, text: string, edtf: string, earliest: string, latest: string) =>
  sourceWithEvents(title, [{ text, trigger: 'met', cls: 'meeting', agents: [['Q35314', 'Khrushchev']], others: [['Q9696', 'Kennedy']], edtf, earliest, latest }]);

test('analyzeCorpus: stores events, relations and conflicts; re-running after adding a source recomputes', () => {
  const store = new Store(join(mkdtempSync(join(tmpdir(), 'annalist-corpus-')), 'db.sqlite'));
  const kb = fixtureKb();
  const a = meet('A', 'Khrushchev met Kennedy in Vienna in June 1961 for two days of talks.', '1961-06', '1961-06-01', '1961-06-30');
  store.putDocument(a);
  const first = analyzeCorpus(store, kb);
  assert.equal(first.events, 1);
  assert.equal(first.conflicts, 0);
  assert.equal(first.relations, 1);

  const b = meet('B', 'Khrushchev met Kennedy in Vienna in 1962 for two days of talks.', '1962', '1962-01-01', '1962-12-31');
  store.putDocument(b);
  store.putDocument(sourceOf('In 1957 Stalin signed a decree on collective farms.', { title: 'C' }));
  const second = analyzeCorpus(store, kb);
  assert.equal(second.events, 1);
  const conflicts = store.getCorpus<Conflict>('conflict');
  assert.deepEqual(conflicts.map((c) => c.kind).sort(), ['actor-out-of-life', 'date-mismatch']);
  const [ev] = store.getCorpus<CorpusEvent>('event');
  assert.equal(ev!.sources.length, 2);
  assert.equal(ev!.conflicts.length, 1);

  // Same sources, same records: ids are stable.
  const again = analyzeCorpus(store, kb);
  assert.deepEqual(again, second);
  assert.deepEqual(store.getCorpus<Conflict>('conflict').map((c) => c.id), conflicts.map((c) => c.id));

  // Queries by window, entity and source.
  assert.equal(queryTimeline(store, { from: '1961', to: '1961' }).events.length, 1);
  assert.equal(queryTimeline(store, { from: '1963' }).events.length, 0);
  assert.equal(queryTimeline(store, { entity: 'Q855' }).events.length, 0);
  assert.equal(queryTimeline(store, { source: b.id.slice(0, 6) }).events[0]!.support.length, 1);
  const g = queryGraph(store, { entity: 'Q9696' });
  assert.deepEqual(g.edges.map((e) => [e.type, e.from, e.to]), [['met', 'Q35314', 'Q9696']]);
  assert.equal(g.nodes.length, 2);
  assert.equal(queryGraph(store, { to: '1950' }).edges.length, 0);

  // Exports carry the same content.
  const t = queryTimeline(store);
  const tjs = toTimelineJs(t) as { events: Array<{ start_date: { year: string; month?: string } }> };
  assert.deepEqual(tjs.events[0]!.start_date, { year: '1961', month: '6' });
  assert.match(toGexf(g), /<edge id="relation:[0-9a-f]+" source="Q35314" target="Q9696" label="met"/);
  assert.match(toGraphml(g), /<data key="relation">met<\/data><data key="start">1961-06-01<\/data>/);
  assert.equal(timelineToCsv(t).trim().split('\n').length, 2);
  assert.match(conflictsToCsv(store.getCorpus<Conflict>('conflict')), /date-mismatch/);
  store.close();
});
