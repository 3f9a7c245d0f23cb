import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './build-app.ts';
import { makeFixtureStore } from './test-fixtures.ts';
import { makePdf } from '../ingest/testing/make-pdf.ts';

describe('POST /api/ingest reads uploads the way `annalist ingest` does', () => {
  let fx: ReturnType<typeof makeFixtureStore>;
  let app: FastifyInstance;
  const total = async () => (await app.inject({ method: 'GET', url: '/api/sources' })).json().total as number;
  const post = (name: string, payload: Buffer | string) =>
    app.inject({ method: 'POST', url: `/api/ingest?name=${encodeURIComponent(name)}`, headers: { 'content-type': 'application/octet-stream' }, payload });

  before(() => {
    fx = makeFixtureStore({ empty: true });
    app = buildApp({ store: fx.store });
  });
  after(async () => {
    await app.close();
    fx.dispose();
  });

  test('a PDF upload is read and analyzed, not stored empty', async () => {
    const pdf = makePdf([['The ferry to the island stopped running in the winter of 1931.']], { title: 'Ferry notes' });
    const r = await post('ferry.pdf', pdf);
    assert.equal(r.statusCode, 201, r.body);
    const body = r.json();
    assert.equal(body.format, 'pdf');
    assert.ok(body.annotations > 0, 'the PDF was analyzed');
    const stored = (await app.inject({ method: 'GET', url: `/api/sources/${body.id}` })).json();
    assert.match(stored.text, /ferry to the island/);
  });

  test('a binary or unreadable upload is refused with 422 and nothing is stored', async () => {
    const before = await total();
    const blob = await post('blob.dat', Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 4, 5, 0, 0, 7]));
    assert.equal(blob.statusCode, 422, blob.body);
    assert.equal(blob.json().error, 'unreadable');
    assert.match(blob.json().message, /binary/);
    const cut = await post('cut.pdf', makePdf([['A page that is cut short.']]).subarray(0, 60));
    assert.equal(cut.statusCode, 422, cut.body);
    assert.match(cut.json().message, /PDF/);
    assert.equal(await total(), before, 'nothing stored for refused uploads');
  });
});

describe('GET /api/search names an untitled source by its path', () => {
  test('a hit without a title carries the path the views name it by', async () => {
    const fx = makeFixtureStore({ empty: true });
    const app = buildApp({ store: fx.store });
    try {
      const up = await app.inject({ method: 'POST', url: '/api/ingest?name=ferry.wiki', headers: { 'content-type': 'text/x-wiki' }, payload: "The '''ferry''' to [[Holm]] stopped in 1931.\n" });
      assert.equal(up.statusCode, 201, up.body);
      const hits = (await app.inject({ method: 'GET', url: '/api/search?q=ferry' })).json().sources as Array<{ title?: string; path?: string }>;
      assert.equal(hits.length, 1);
      assert.ok(!hits[0]!.title);
      assert.equal(hits[0]!.path, 'upload:ferry.wiki');
    } finally {
      await app.close();
      fx.dispose();
    }
  });
});
