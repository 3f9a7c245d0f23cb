/**
 * Browser tests of the web app: the real server over a temp store filled with the fixture corpus,
 * driven through Debian's Chromium. Skipped (with a message) when /usr/bin/chromium is absent.
 * Screenshots go to artifacts/screenshots/.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeFixtureStore, CHRONICLE_TEXT, FORUM_TITLE, IDS } from '../api/test-fixtures.ts';
import { startServer, type RunningServer } from '../server.ts';
import { hasChromium, launchChromium, openView } from './browser-harness.ts';
import { WEB_SRC } from './build-web.ts';
import type { AnalyzedSource } from '../core/types.ts';

const SHOTS = join(WEB_SRC, '..', '..', 'artifacts', 'screenshots');
const skip = hasChromium() ? false : 'browser tests skipped: /usr/bin/chromium is absent (apt-get install chromium)';

describe('web app in Chromium', { skip, timeout: 120000 }, () => {
  let fx: ReturnType<typeof makeFixtureStore>;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let docs: AnalyzedSource[];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const open = (hash: string, view: string) => openView(page, server.url, hash, view);
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = makeFixtureStore();
    docs = fx.docs;
    fx.store.close();
    server = await startServer({ db: fx.file, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = browser.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    fx?.dispose();
  });

  test('lists the sources', async () => {
    await open('#/sources', 'sources');
    assert.equal(await page.locator('#source-table tbody tr').count(), docs.length);
    await shot('sources');
  });

  test('reader: highlights, hover card, detail links, toggles in the URL, chrome and comments', async () => {
    await open(`#/reader/${docs[0]!.id}`, 'reader');
    const mention = page.locator('.hl-mention', { hasText: 'Ilse Varga' }).first();
    await mention.hover();
    assert.match((await page.locator('#tooltip').textContent()) ?? '', /Ilse Varga.*PER/);
    // Hovering fills the detail panel; the entity card in the tooltip keeps its links reachable.
    assert.equal(await page.locator('#detail-panel a', { hasText: 'entity page' }).getAttribute('href'), `#/entity/${encodeURIComponent(IDS.varga)}`);
    assert.ok(await page.locator('.speaker-tag', { hasText: 'Ilse Varga' }).isVisible());
    await page.locator('#tooltip a', { hasText: 'mention(s)' }).waitFor();
    assert.match((await page.locator('#tooltip').textContent()) ?? '', /no Wikidata id/);
    // A click leads straight to the entity page.
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await mention.click();
    await page.waitForSelector('body[data-ready="entity"]');
    assert.match(page.url(), new RegExp(`#/entity/${encodeURIComponent(IDS.varga)}$`));
    assert.equal(await page.locator('#tooltip').isVisible(), false, 'the card does not float over the next view');
    await open(`#/reader/${docs[0]!.id}`, 'reader');
    await shot('reader');
    await page.locator('input[name="layer-mention"]').uncheck();
    assert.equal(await page.locator('article.doc.show-mention').count(), 0);
    assert.doesNotMatch(page.url(), /layers=[^&]*mention/);
    await open(`#/reader/${docs[2]!.id}`, 'reader');
    assert.equal(await page.locator('h1.doc-title').textContent(), FORUM_TITLE);
    assert.equal(await page.locator('.sec-chrome').isVisible(), false);
    await page.locator('input[name="chrome"]').check();
    assert.equal(await page.locator('.sec-chrome').isVisible(), true);
    assert.equal(await page.locator('.thread .comment').count(), 2);
    await page.reload();
    await page.waitForSelector('body[data-ready="reader"]');
    assert.equal(await page.locator('.sec-chrome').isVisible(), true, 'chrome toggle survives a reload');
    await shot('reader-comments');
  });

  test('conflicts: from a conflict to the reader at the evidence span', async () => {
    await open('#/conflicts', 'conflicts');
    assert.equal(await page.locator('.conflict-card').count(), 1);
    assert.equal(await page.locator('.conflict-card .evidence').count(), 2);
    await shot('conflicts');
    await page.locator('.conflict-card .to-reader').first().click();
    await page.waitForSelector('body[data-ready="reader"]');
    const focused = await page.locator('.hl-focus').allTextContents();
    assert.equal(focused.join(''), 'would open in June');
    assert.ok(CHRONICLE_TEXT.includes(focused.join('')));
    // Back from the reader: the evidence span is marked, and a click on it leads to that conflict alone.
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.locator('.hl-conflict', { hasText: 'would' }).first().click();
    await page.waitForSelector('body[data-ready="conflicts"]');
    assert.match(page.url(), /conflict=conflict%3Aopening-date/);
    assert.equal(await page.locator('.conflict-card').count(), 1);
  });

  test('reader: an event highlight leads to the timeline focused on its corpus event', async () => {
    await open(`#/reader/${docs[0]!.id}`, 'reader');
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.locator('.hl-event', { hasText: /^met$/ }).first().click();
    await page.waitForSelector('body[data-ready="timeline"]');
    assert.match(page.url(), /focus=ev%3Ameeting-1921-05/);
    await page.locator('#event-panel h3', { hasText: 'Harbor Council meets' }).waitFor();
  });

  test('timeline: draws events, marks fuzzy and conflicting ones, filters by source', async () => {
    await open('#/timeline', 'timeline');
    assert.equal(await page.locator('.vis-item.ev:not(.vis-dot)').count(), 2);
    assert.equal(await page.locator('.vis-item.ev.fuzzy.conflict').count(), 1);
    await shot('timeline');
    await page.selectOption('select[name="source"]', docs[0]!.id);
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.locator('#timeline-filters button[type="submit"]').click();
    await page.waitForSelector('body[data-ready="timeline"]');
    assert.match(page.url(), new RegExp(`source=${docs[0]!.id}`));
    assert.equal(await page.locator('.vis-item.ev:not(.vis-dot)').count(), 1);
    await page.locator('.vis-item.ev:not(.vis-dot)').first().click();
    assert.match((await page.locator('#event-panel').textContent()) ?? '', /Harbor Council meets/);
  });

  test('timeline: a date typo keeps the view with a note; an entity may be typed by name', async () => {
    await open('#/timeline?from=1920s', 'timeline');
    assert.match((await page.locator('#timeline-notes').textContent()) ?? '', /From "1920s" is not a date/);
    assert.equal(await page.locator('.vis-item.ev:not(.vis-dot)').count(), 2, 'the other filters still apply');
    await open(`#/timeline?entity=${encodeURIComponent(IDS.varga)}`, 'timeline');
    const byId = await page.locator('.vis-item.ev').count();
    assert.ok(byId > 0);
    await open('#/timeline?entity=varga', 'timeline');
    assert.match((await page.locator('#timeline-notes').textContent()) ?? '', /showing Ilse Varga/);
    assert.equal(await page.locator('.vis-item.ev').count(), byId);
  });

  test('graph: draws actors for the window', async () => {
    await open('#/graph', 'graph');
    assert.match((await page.locator('#graph-summary').textContent()) ?? '', /^3 actors · 2 relations/);
    assert.ok((await page.locator('#graph canvas').count()) > 0);
    // every actor of so small a graph is among those named at any zoom
    assert.equal(await page.locator('#graph').getAttribute('data-named'), '3');
    await shot('graph');
    await open('#/graph?from=1925', 'graph');
    assert.match((await page.locator('#graph-summary').textContent()) ?? '', /^2 actors · 1 relations/);
  });

  test('search from the top bar finds entities, events and text', async () => {
    await open('#/sources', 'sources');
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.fill('#search-input', 'quay');
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('body[data-ready="search"]');
    assert.equal(await page.locator('#search-events li').count(), 1);
    assert.ok((await page.locator('#search-sources li').count()) >= 3);
    assert.equal(await page.locator('#search-sources mark').first().textContent(), 'quay');
    // No dangling separators where a field is missing, and every source hit has a visible name.
    for (const t of await page.locator('#search-events li, #search-entities li').allTextContents()) assert.doesNotMatch(t, /·\s*$/, t);
    for (const t of await page.locator('#search-sources li > a').allTextContents()) assert.ok(t.trim(), 'a source hit with no name');
    await shot('search');
  });

  test('source profile and comparison draw heat maps', async () => {
    await open(`#/source/${docs[0]!.id}`, 'source');
    assert.ok((await page.locator('td.heat').count()) >= 2);
    await shot('profile');
    await open('#/compare', 'compare');
    assert.ok((await page.locator('td.heat').count()) >= 2);
    // A wide grid scrolls sideways with the source names kept in view.
    assert.equal(await page.locator('.compare-view td:first-child').first().evaluate((td) => getComputedStyle(td).position), 'sticky');
    await shot('compare');
    await open(`#/entity/${encodeURIComponent(IDS.varga)}`, 'entity');
    assert.equal(await page.locator('.mentions li').count(), 2);
    await shot('entity');
  });

  test('an upload opens the new source, unless the user has moved on meanwhile', async () => {
    const tmp = join(mkdtempSync(join(tmpdir(), 'annalist-upload-')), 'upload-note.txt');
    writeFileSync(tmp, 'A note on the quay lamps, written for the upload test, about the winter of 1922.\n');
    await open('#/sources', 'sources');
    // Hold the upload until the user has gone to another view.
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    await page.route('**/api/ingest**', async (route) => {
      await gate;
      await route.continue();
    });
    const answered = page.waitForResponse((r) => r.url().includes('/api/ingest'));
    await page.setInputFiles('form.upload input[type=file]', tmp);
    await page.locator('form.upload button').click();
    await open('#/conflicts', 'conflicts');
    release();
    await answered;
    await page.waitForTimeout(300);
    await page.unroute('**/api/ingest**');
    assert.match(page.url(), /#\/conflicts$/, 'not pulled away to the reader');
    await open('#/sources', 'sources');
    writeFileSync(tmp, 'A second note on the quay lamps, for the same upload test.\n');
    await page.setInputFiles('form.upload input[type=file]', tmp);
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.locator('form.upload button').click();
    await page.waitForSelector('body[data-ready="reader"]');
  });

  test('a hostile document renders inert, uploaded or stored', async () => {
    const html = '<html><head><title>Upload <script>window.__pwned=7</script></title></head><body><p>Harbor <b onmouseover="window.__pwned=8">notes</b></p><script>window.__pwned=6;alert(1)</script><a href="javascript:alert(2)">x</a><svg><script>alert(3)</script></svg><iframe src="javascript:alert(4)"></iframe></body></html>';
    const res = await fetch(`${server.url}api/ingest?name=hostile.html`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: html });
    assert.equal(res.status, 201);
    const uploaded = ((await res.json()) as { id: string }).id;
    for (const id of [docs[3]!.id, uploaded]) {
      await open(`#/reader/${id}`, 'reader');
      await page.locator('.doc').hover();
      const report = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        scripts: document.querySelectorAll('#app script, #app iframe, #app svg, #app img').length,
        handlers: [...document.querySelectorAll('#app *')].filter((n) => [...n.attributes].some((a) => a.name.startsWith('on'))).length,
        jsLinks: document.querySelectorAll('#app a[href^="javascript"]').length,
        text: document.querySelector('#app')?.textContent ?? '',
      }));
      assert.equal(report.pwned, undefined);
      assert.equal(report.scripts, 0);
      assert.equal(report.handlers, 0);
      assert.equal(report.jsLinks, 0);
      if (id === docs[3]!.id) assert.ok(report.text.includes('<script>window.__pwned = 1</script>'), 'markup shows as text');
    }
    await open(`#/reader/${docs[3]!.id}`, 'reader');
    await shot('hostile');
    await open('#/search?q=pwned', 'search');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  });
});

describe('web app over an empty store', { skip, timeout: 120000 }, () => {
  let fx: ReturnType<typeof makeFixtureStore>;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  before(async () => {
    fx = makeFixtureStore({ empty: true });
    fx.store.close();
    server = await startServer({ db: fx.file, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    fx?.dispose();
  });

  test('says how to add documents instead of drawing empty views', async () => {
    const page = browser.page;
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await openView(page, server.url, '#/sources', 'sources');
    assert.match((await page.locator('#sources-empty').textContent()) ?? '', /No sources yet/);
    await openView(page, server.url, '#/timeline', 'timeline');
    assert.match((await page.locator('#timeline-empty').textContent()) ?? '', /No dated events yet/);
    assert.equal(await page.locator('.vis-timeline').count(), 0, 'no empty week of the present day');
    await openView(page, server.url, '#/timeline?from=1900&to=1901', 'timeline');
    assert.match((await page.locator('#timeline-empty').textContent()) ?? '', /matches these filters/);
    assert.deepEqual(consoleErrors, [], 'no console errors (a missing favicon is one)');
  });
});
