/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies are inspected loosely in these tests */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './build-app.ts';
import { CHRONICLE_TEXT, IDS, LETTER_TEXT, fillFixtureStore, insertSyntheticCorpus, makeFixtureStore } from './test-fixtures.ts';
import type { AnalyzedSource } from '../core/types.ts';
import type { Store } from '../store/store.ts';

describe('API over the fixture corpus', () => {
  let fx: ReturnType<typeof makeFixtureStore>;
  let app: FastifyInstance;
  let docs: AnalyzedSource[];
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() as Record<string, any> };
  };
  before(() => {
    fx = makeFixtureStore();
    docs = fx.docs;
    app = buildApp({ store: fx.store, uploadLimit: 4096 });
  });
  after(async () => {
    await app.close();
    fx.dispose();
  });

  test('lists sources with paging and rejects out-of-range limits', async () => {
    const all = await get('/api/sources');
    assert.equal(all.body.total, 4);
    assert.equal(all.body.items.length, 4);
    const page = await get('/api/sources?limit=2&offset=3');
    assert.equal(page.body.items.length, 1);
    assert.equal(page.body.items[0].id, all.body.items[3].id);
    assert.equal((await get('/api/sources?limit=0')).status, 400);
    assert.equal((await get('/api/sources?limit=5000')).status, 400);
  });

  test('returns a source by id prefix with only the asked layers', async () => {
    const id = docs[0]!.id;
    const r = await get(`/api/sources/${id.slice(0, 8)}?layers=mention,timex`);
    assert.equal(r.status, 200);
    assert.equal(r.body.text, CHRONICLE_TEXT);
    assert.deepEqual([...new Set(r.body.annotations.map((a: { layer: string }) => a.layer))].sort(), ['mention', 'timex']);
    const mention = r.body.annotations.find((a: { attrs: { entity?: string } }) => a.attrs.entity === IDS.varga);
    assert.equal(CHRONICLE_TEXT.slice(mention.start, mention.end), 'Ilse Varga');
    assert.equal((await get('/api/sources/ffffffffffff')).status, 404);
  });

  test('gives an entity with mentions in context and its events', async () => {
    const list = await get('/api/entities?q=varga');
    assert.deepEqual(list.body.items.map((e: { id: string }) => e.id), [IDS.varga]);
    const r = await get(`/api/entities/${encodeURIComponent(IDS.varga)}`);
    assert.equal(r.body.mentions.total, 2);
    for (const m of r.body.mentions.items) assert.equal(m.text, 'Ilse Varga');
    // The context says where it was cut and keeps to the mention's paragraph.
    for (const m of r.body.mentions.items) {
      assert.equal(typeof m.cutBefore, 'boolean');
      assert.doesNotMatch(`${m.before}${m.after}`, /\n/);
    }
    assert.deepEqual(r.body.events.map((e: { id: string }) => e.id).sort(), ['ev:meeting-1921-05', 'ev:quay-opening']);
    assert.equal(r.body.relations[0].toName, 'Harbor Council');
    assert.equal((await get('/api/entities/local%3Anobody')).status, 404);
  });

  test('filters the timeline by window, entity, source and class', async () => {
    const june = await get('/api/timeline?from=1921-06&to=1921-06');
    assert.deepEqual(june.body.items.map((e: { id: string }) => e.id), ['ev:quay-opening']);
    assert.equal(june.body.items[0].uncertain, true);
    const all = await get('/api/timeline');
    assert.equal(all.body.items.find((e: { id: string }) => e.id === 'ev:meeting-1921-05').uncertain, false);
    const bySource = await get(`/api/timeline?source=${docs[1]!.id}`);
    assert.deepEqual(bySource.body.items.map((e: { id: string }) => e.id), ['ev:quay-opening']);
    const byEntity = await get(`/api/timeline?entity=${encodeURIComponent(IDS.council)}`);
    assert.deepEqual(byEntity.body.items.map((e: { id: string }) => e.id), ['ev:meeting-1921-05']);
    const byClass = await get('/api/events?class=meeting,treaty');
    assert.deepEqual(byClass.body.items.map((e: { id: string }) => e.id), ['ev:meeting-1921-05']);
    assert.equal((await get('/api/timeline?from=yesterday')).status, 400);
  });

  test('cuts the graph by time window and source', async () => {
    const y1921 = await get('/api/graph?from=1921&to=1921');
    assert.deepEqual(y1921.body.edges.map((e: { id: string }) => e.id), ['rel:varga-council']);
    assert.deepEqual(y1921.body.nodes.map((n: { name: string }) => n.name).sort(), ['Harbor Council', 'Ilse Varga']);
    const bySource = await get(`/api/graph?source=${docs[1]!.id}`);
    assert.deepEqual(bySource.body.edges.map((e: { id: string }) => e.id), ['rel:brenn-council']);
    assert.deepEqual(y1921.body.bounds, { earliest: '1921-01-01', latest: '1925-12-31' });
  });

  test('lists conflicts with both evidence spans quoting their sources', async () => {
    const r = await get('/api/conflicts');
    assert.equal(r.body.total, 1);
    const [a, b] = r.body.items[0].evidence;
    assert.equal(a.text, CHRONICLE_TEXT.slice(a.start, a.end));
    assert.equal(b.text, LETTER_TEXT.slice(b.start, b.end));
    assert.equal(b.sourceTitle, 'Letter from the clerk');
    assert.equal((await get('/api/conflicts?kind=office-anachronism')).body.total, 0);
  });

  test('searches text, entity names and event labels', async () => {
    const r = await get('/api/search?q=quay');
    assert.ok(r.body.sources.length >= 3);
    assert.ok(r.body.sources.every((s: { snippet: string }) => /\[quay\]/i.test(s.snippet)));
    assert.deepEqual(r.body.events.map((e: { id: string }) => e.id), ['ev:quay-opening']);
    const people = await get('/api/search?q=tomas');
    assert.deepEqual(people.body.entities.map((e: { id: string }) => e.id), [IDS.brenn]);
    assert.equal((await get('/api/search')).status, 400);
  });

  test('profiles a source: stance per actor, rhetoric density, claims by speaker', async () => {
    const r = await get(`/api/sources/${docs[0]!.id}/profile`);
    const varga = r.body.stance.find((s: { target: string }) => s.target === IDS.varga);
    assert.equal(varga.negative, 1);
    assert.equal(varga.score, -0.6);
    assert.equal(r.body.rhetoric.byLabel.Loaded_Language, 1);
    assert.ok(r.body.rhetoric.per1000 > 0);
    assert.deepEqual(r.body.claims.map((c: { name: string }) => c.name), ['Ilse Varga']);
    const cmp = await get(`/api/profiles?ids=${docs[0]!.id},${docs[1]!.id}`);
    assert.equal(cmp.body.items.length, 2);
  });

  test('exports the whole store as JSON', async () => {
    const r = await get('/api/export');
    assert.equal(r.body.format, 'annalist-export');
    assert.equal(r.body.sources.length, 4);
    assert.equal(r.body.conflicts.length, 1);
  });

  test('serves an OpenAPI document describing every API route with a schema', async () => {
    const r = await get('/openapi.json');
    assert.match(r.body.openapi, /^3\./);
    for (const p of ['/api/sources', '/api/sources/{id}', '/api/entities/{id}', '/api/timeline', '/api/graph', '/api/conflicts', '/api/search', '/api/ingest', '/api/export']) {
      assert.ok(r.body.paths[p], `missing ${p}`);
    }
    for (const [p, ops] of Object.entries(r.body.paths as Record<string, Record<string, { responses?: object }>>)) {
      for (const op of Object.values(ops)) assert.ok(op.responses, `no responses for ${p}`);
    }
  });

  test('ingests an upload (raw and multipart), refuses empty and oversized ones', async () => {
    const text = 'A short note written for the upload test about the harbor.';
    const r1 = await app.inject({ method: 'POST', url: '/api/ingest?name=note.txt', headers: { 'content-type': 'text/plain' }, payload: text });
    assert.equal(r1.statusCode, 201);
    const id = r1.json().id as string;
    assert.equal((await get(`/api/sources/${id}`)).body.text, text);
    const again = await app.inject({ method: 'POST', url: '/api/ingest?name=note.txt', headers: { 'content-type': 'text/plain' }, payload: text });
    assert.equal(again.json().status, 'unchanged');
    const boundary = 'XBOUNDARYX';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/other.txt"\r\nContent-Type: text/plain\r\n\r\nAnother note for the multipart path.\r\n--${boundary}--\r\n`;
    const r2 = await app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    assert.equal(r2.statusCode, 201);
    assert.equal((await get(`/api/sources/${r2.json().id}`)).body.meta.path, 'upload:other.txt');
    const big = await app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(5000, 97) });
    assert.equal(big.statusCode, 413);
    const empty = await app.inject({ method: 'POST', url: '/api/ingest', headers: { 'content-type': 'text/plain' }, payload: '' });
    assert.equal(empty.statusCode, 400);
  });

  test('answers unknown paths with 404 JSON and never reads files from a request path', async () => {
    const r = await get('/../package.json');
    assert.equal(r.status, 404);
    assert.equal(r.body.error, 'not-found');
  });
});

describe('API token and derived corpus', () => {
  test('requires the token on API routes when one is set', async () => {
    const fx = makeFixtureStore();
    const app = buildApp({ store: fx.store, token: 's3cret-token' });
    try {
      assert.equal((await app.inject({ url: '/api/sources' })).statusCode, 401);
      assert.equal((await app.inject({ url: '/api/sources', headers: { authorization: 'Bearer wrong-token!' } })).statusCode, 401);
      assert.equal((await app.inject({ url: '/openapi.json' })).statusCode, 401);
      assert.equal((await app.inject({ url: '/api/sources', headers: { authorization: 'Bearer s3cret-token' } })).statusCode, 200);
      assert.equal((await app.inject({ url: '/api/sources', headers: { 'x-annalist-token': 's3cret-token' } })).statusCode, 200);
    } finally {
      await app.close();
      fx.dispose();
    }
  });

  test('derives entities and timeline events from the layers when no corpus records are stored', async () => {
    const fx = makeFixtureStore({ empty: true });
    const app = buildApp({ store: fx.store });
    try {
      const docs = fillFixtureStore(fx.store);
      for (const kind of ['entity', 'event', 'relation', 'conflict']) (fx.store as Store).replaceCorpus(kind, []);
      const ents = (await app.inject({ url: '/api/entities' })).json();
      assert.equal(ents.items[0].id, IDS.council);
      assert.equal(ents.items[0].mentionCount, 4);
      const tl = (await app.inject({ url: '/api/timeline' })).json();
      assert.equal(tl.total, 3);
      assert.equal(tl.items[0].start, '1921-05-03');
      const graph = (await app.inject({ url: '/api/graph' })).json();
      assert.equal(graph.edges.length, 0);
      assert.equal(docs.length, 4);
    } finally {
      await app.close();
      fx.dispose();
    }
  });

  test('samples the timeline evenly across its span when more events match than the limit', async () => {
    const fx = makeFixtureStore({ empty: true });
    const app = buildApp({ store: fx.store });
    try {
      insertSyntheticCorpus(fx.store, 600, []);
      const all = (await app.inject({ url: '/api/timeline?limit=1000' })).json();
      const first = (await app.inject({ url: '/api/timeline?limit=50' })).json();
      const spread = (await app.inject({ url: '/api/timeline?limit=50&spread=true' })).json();
      assert.equal(spread.total, 600);
      assert.equal(spread.items.length, 50);
      assert.equal(spread.sampled, true);
      assert.equal(spread.items[0].start, all.items[0].start);
      assert.ok(spread.items.at(-1).start > first.items.at(-1).start, 'the sample reaches past the first page');
      assert.ok(spread.items.at(-1).start.slice(0, 3) >= '199', 'the sample reaches the end of the span');
    } finally {
      await app.close();
      fx.dispose();
    }
  });
});
