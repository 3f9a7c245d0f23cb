import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './store.ts';
import { readDocument } from '../ingest/read-document.ts';
import { exportJson } from './export-json.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const fresh = () => new Store(join(mkdtempSync(join(tmpdir(), 'annalist-store-')), 'db.sqlite'));

test('re-storing the same content is a no-op, changed content is a new version', () => {
  const store = fresh();
  const a = readDocument(enc('The Thaw began.'), { path: 'x.txt' });
  assert.equal(store.putDocument({ ...a, annotations: [] }), 'new');
  assert.equal(store.putDocument({ ...a, annotations: [] }), 'unchanged');
  const b = readDocument(enc('The Thaw began in 1956.'), { path: 'x.txt' });
  assert.equal(store.putDocument({ ...b, annotations: [] }), 'version');
  const list = store.listSources();
  assert.equal(list.length, 1);
  assert.equal(list[0]!.version, 2);
  assert.equal(store.listSources({ all: true }).length, 2);
  store.close();
});

test('full-text search finds words in current sources with a snippet', () => {
  const store = fresh();
  const a = readDocument(enc('Khrushchev spoke at the congress about the cult of personality.'), { path: 'a.txt' });
  store.putDocument({ ...a, annotations: [] });
  const hits = store.search('personality cult');
  assert.equal(hits.length, 1);
  assert.match(hits[0]!.snippet, /\[personality\]/);
  assert.deepEqual(store.search('"; DROP TABLE sources; --'), []);
  store.close();
});

test('a failing write inside a document transaction leaves nothing behind', () => {
  const store = fresh();
  const a = readDocument(enc('One.'), { path: 'a.txt' });
  const bad = { ...a, annotations: [{ id: 'x', layer: 'l', start: 0, end: 1, label: 'L', attrs: {}, provenance: { stage: 's', version: '1' } }, null as never] };
  assert.throws(() => store.putDocument(bad));
  assert.equal(store.listSources({ all: true }).length, 0);
  assert.equal(store.search('One').length, 0);
  store.close();
});

test('the JSON export round-trips text, sections and annotations', () => {
  const store = fresh();
  const a = readDocument(enc('Stalin died in 1953.'), { path: 'a.txt' });
  const ann = { id: 'timex:1', layer: 'timex', start: 15, end: 19, label: 'DATE', attrs: { value: '1953' }, provenance: { stage: 'timex', version: '1', confidence: 0.9 } };
  store.putDocument({ ...a, annotations: [ann] }, { timex: '1' });
  const dump = exportJson(store);
  assert.equal(dump.sources.length, 1);
  const s = dump.sources[0]!;
  assert.equal(s.text, a.text);
  assert.deepEqual(s.sections, a.sections);
  assert.deepEqual(s.annotations, [ann]);
  assert.deepEqual(s.stageVersions, { timex: '1' });
  store.close();
});
