import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, TOKEN_COOKIE } from './build-app.ts';
import { IDS, makeFixtureStore } from './test-fixtures.ts';
import { buildKnowledgeBase } from '../kb/load-kb.ts';

describe('GET /api/export in every format', () => {
  let fx: ReturnType<typeof makeFixtureStore>;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, type: String(r.headers['content-type']), body: r.body, headers: r.headers };
  };
  before(() => {
    fx = makeFixtureStore();
    app = buildApp({ store: fx.store });
  });
  after(async () => {
    await app.close();
    fx.dispose();
  });

  test('json stays the lossless dump', async () => {
    const r = await get('/api/export?format=json');
    assert.match(r.type, /^application\/json/);
    assert.equal(JSON.parse(r.body).format, 'annalist-export');
  });

  test('jsonld gives one W3C AnnotationCollection per source with position selectors', async () => {
    const r = await get('/api/export?format=jsonld&download=true');
    assert.match(r.type, /^application\/ld\+json/);
    assert.match(String(r.headers['content-disposition']), /annotations\.jsonld/);
    const cols = JSON.parse(r.body) as Array<Record<string, unknown>>;
    assert.equal(cols.length, fx.docs.length);
    assert.equal(cols[0]!.type, 'AnnotationCollection');
    assert.match(r.body, /TextPositionSelector/);
  });

  test('tei gives a TEI corpus with stand-off spans', async () => {
    const r = await get('/api/export?format=tei');
    assert.match(r.type, /^application\/tei\+xml/);
    assert.match(r.body, /<teiCorpus/);
    assert.equal((r.body.match(/<TEI[\s>]/g) ?? []).length, fx.docs.length);
  });

  test('csv gives Palladio tables, chosen by name, cut by the window', async () => {
    const edges = await get('/api/export?format=csv');
    assert.match(edges.type, /^text\/csv/);
    assert.match(edges.body.split('\n')[0]!, /^Entity,EntityId/);
    assert.ok(edges.body.includes(IDS.varga));
    const rel = await get('/api/export?format=csv&table=relations&from=1925&to=1925');
    const rows = rel.body.trim().split('\n').slice(1);
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.includes(IDS.brenn));
    const conflicts = await get('/api/export?format=csv&table=conflicts');
    assert.ok(conflicts.body.includes('conflict:opening-date'));
  });

  test('timelinejs gives one slide per dated event', async () => {
    const r = await get('/api/export?format=timelinejs');
    assert.match(r.type, /^application\/json/);
    const tl = JSON.parse(r.body) as { events: Array<{ unique_id: string; start_date: { year: string } }> };
    assert.deepEqual(tl.events.map((e) => e.start_date.year), ['1921', '1921']);
    const bySource = JSON.parse((await get(`/api/export?format=timelinejs&source=${fx.docs[1]!.id.slice(0, 10)}`)).body) as { events: unknown[] };
    assert.equal(bySource.events.length, 1);
  });

  test('gexf and graphml give the actor graph for Gephi', async () => {
    const gexf = await get('/api/export?format=gexf');
    assert.match(gexf.type, /^application\/gexf\+xml/);
    assert.match(gexf.body, /<gexf xmlns="http:\/\/gexf\.net\/1\.3"/);
    assert.equal((gexf.body.match(/<edge /g) ?? []).length, 2);
    const graphml = await get('/api/export?format=graphml&entity=' + encodeURIComponent(IDS.brenn));
    assert.match(graphml.type, /^application\/graphml\+xml/);
    assert.equal((graphml.body.match(/<edge /g) ?? []).length, 1);
    assert.ok(graphml.body.includes('<data key="name">Harbor Council</data>'));
  });

  test('refuses unknown formats and tables', async () => {
    assert.equal((await get('/api/export?format=docx')).status, 400);
    assert.equal((await get('/api/export?format=csv&table=secrets')).status, 400);
  });

  test('timeline filters accept a source id prefix (the corpus filter)', async () => {
    const r = await app.inject({ url: `/api/timeline?source=${fx.docs[1]!.id.slice(0, 10)}` });
    assert.deepEqual((r.json() as { items: Array<{ id: string }> }).items.map((e) => e.id), ['ev:quay-opening']);
  });
});

describe('token for the web app on a non-loopback bind', () => {
  let dir: string;
  let fx: ReturnType<typeof makeFixtureStore>;
  const token = 'a-long-test-token';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'annalist-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title><script src="app.js"></script>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1);');
    fx = makeFixtureStore();
  });
  after(() => {
    fx.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('with protectStatic, every file needs the token; ?token= once sets a cookie that later files present', async () => {
    const app = buildApp({ store: fx.store, token, protectStatic: true, webDir: dir });
    try {
      assert.equal((await app.inject({ url: '/' })).statusCode, 401);
      assert.equal((await app.inject({ url: '/app.js' })).statusCode, 401);
      assert.equal((await app.inject({ url: '/?token=wrong-token-value' })).statusCode, 401);
      const page = await app.inject({ url: `/?token=${token}` });
      assert.equal(page.statusCode, 200);
      const cookie = String(page.headers['set-cookie']);
      assert.match(cookie, new RegExp(`^${TOKEN_COOKIE}=`));
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      const pair = cookie.split(';')[0]!;
      assert.equal((await app.inject({ url: '/app.js', headers: { cookie: pair } })).statusCode, 200);
      assert.equal((await app.inject({ url: '/app.js', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
      // The API wants the header: a cookie alone (which a cross-site form could send) is not enough.
      assert.equal((await app.inject({ url: '/api/sources', headers: { cookie: pair } })).statusCode, 401);
      assert.equal((await app.inject({ url: '/api/sources', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  test('without protectStatic (loopback), static files are served without the token but the API is not', async () => {
    const app = buildApp({ store: fx.store, token, webDir: dir });
    try {
      assert.equal((await app.inject({ url: '/app.js' })).statusCode, 200);
      assert.equal((await app.inject({ url: '/api/sources' })).statusCode, 401);
    } finally {
      await app.close();
    }
  });
});

describe('graph names actors the corpus has no record for', () => {
  test('a relation end known only to the knowledge base is named and typed from it, not shown as a bare id', async () => {
    const fx = makeFixtureStore();
    const kb = buildKnowledgeBase([{ entities: [{ id: 'Q90000001', type: 'organization', name: 'Dockworkers Guild', aliases: [] }] }]);
    fx.store.replaceCorpus('relation', [
      ...fx.store.getCorpus<{ id: string } & Record<string, unknown>>('relation'),
      { id: 'rel:guild', type: 'member-of', from: IDS.brenn, to: 'Q90000001', interval: { earliest: '1925-01-01', latest: '1925-12-31' }, evidence: [{ source: fx.docs[1]!.id, annotation: 'none' }] },
    ]);
    const app = buildApp({ store: fx.store, kb });
    try {
      const g = (await app.inject({ url: '/api/graph?from=1925&to=1925' })).json() as { nodes: Array<{ id: string; name: string; type: string }> };
      assert.deepEqual(g.nodes.find((n) => n.id === 'Q90000001'), { id: 'Q90000001', name: 'Dockworkers Guild', type: 'organization', degree: 1 });
      const ent = (await app.inject({ url: `/api/entities/${encodeURIComponent(IDS.brenn)}` })).json() as { relations: Array<{ toName: string }> };
      assert.ok(ent.relations.some((r) => r.toName === 'Dockworkers Guild'));
    } finally {
      await app.close();
      fx.dispose();
    }
  });
});
