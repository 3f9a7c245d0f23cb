/**
 * Web bench: time to first render of each view (full page load until the view marks itself ready)
 * with the small fixture corpus and with a generated 10,000-event corpus, plus API p95 latency for
 * timeline and graph queries at that size, measured from a second process on loopback (bounded in
 * time and count). Run: `npm run bench:web` (needs /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFixtureStore, insertSyntheticCorpus } from '../src/api/test-fixtures.ts';
import { startServer } from '../src/server.ts';
import { hasChromium, launchChromium, openView } from '../src/web/browser-harness.ts';
import { buildWeb } from '../src/web/build-web.ts';
import { queryGraph, queryTimeline } from '../src/api/corpus-view.ts';
import { Store } from '../src/store/store.ts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ingestPaths } from '../src/cli/commands/ingest-paths.ts';
import { analyzeCorpus } from '../src/corpus/analyze-corpus.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');

/** Ingests the seed documents (when `../shared/seeds` exists) with the real pipeline into a temp store. */
async function makeSeedStore(): Promise<{ file: string; first: string; dispose(): void } | undefined> {
  if (!existsSync(SEEDS)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'annalist-web-seeds-'));
  const file = join(dir, 'seeds.db');
  const store = new Store(file);
  const kb = loadKnowledgeBase();
  await ingestPaths(store, [SEEDS], { kb, maxBytes: 64 * 1024 * 1024 });
  analyzeCorpus(store, kb);
  const first = store.sourceIds()[0]!;
  store.close();
  return { file, first, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
const RUNS = 3;

/** Median of numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Times a function in milliseconds (median of runs). */
function timeIt(fn: () => unknown, runs = 5): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return Math.round(median(ts) * 10) / 10;
}

/** Measures first render of every view over one store file; returns view → median ms and what was drawn. */
async function measureViews(file: string, firstSource: string): Promise<Array<{ view: string; ms: number; drawn: string }>> {
  const server = await startServer({ db: file, port: 0, buildWeb: false });
  const browser = await launchChromium();
  const out: Array<{ view: string; ms: number; drawn: string }> = [];
  const views: Array<[string, string, string]> = [
    ['sources', '#/sources', '#source-table tbody tr'],
    ['reader', `#/reader/${firstSource}`, '.doc .hl'],
    ['timeline', '#/timeline', '.vis-item:not(.vis-dot)'],
    ['graph', '#/graph', '#graph canvas'],
    ['conflicts', '#/conflicts', '.conflict-card'],
    ['compare', '#/compare', 'td.heat'],
    ['search', '#/search?q=quay', '#search-sources li'],
  ];
  try {
    for (const [view, hash, selector] of views) {
      const ts: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await browser.page.goto('about:blank');
        ts.push(await openView(browser.page, server.url, hash, view, 120000));
      }
      const drawn = await browser.page.locator(selector).count();
      const summary = view === 'timeline' ? ((await browser.page.locator('#timeline-summary').textContent()) ?? '') : view === 'graph' ? ((await browser.page.locator('#graph-summary').textContent()) ?? '') : `${drawn} elements`;
      out.push({ view, ms: median(ts), drawn: summary.replace(/\s+/g, ' ').slice(0, 60) });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

/** Runs the API load generator in a second process against a served store. */
async function measureApi(file: string): Promise<Array<Record<string, number | string>>> {
  const server = await startServer({ db: file, port: 0, buildWeb: false });
  try {
    // spawnSync would block this process's event loop (and so the server): spawn asynchronously.
    const child = await new Promise<{ stdout: string; status: number | null }>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'api-load.ts'), server.url, '8', '300', '4'], { cwd: ROOT });
      let stdout = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.pipe(process.stderr);
      p.on('close', (status) => resolve({ stdout, status }));
    });
    if (child.status !== 0) throw new Error('api-load failed');
    return JSON.parse(child.stdout) as Array<Record<string, number | string>>;
  } finally {
    await server.close();
  }
}

/** The uncached baseline: parse every stored event row and filter, as a naive route would per request. */
function naiveTimeline(store: Store): number {
  return timeIt(() => {
    const events = store.getCorpus<{ interval?: { earliest: string; latest: string } }>('event');
    return events.filter((e) => e.interval && e.interval.latest >= '1900-01-01' && e.interval.earliest <= '1910-12-31').length;
  });
}

if (!hasChromium()) {
  console.log('bench:web skipped: /usr/bin/chromium is absent (apt-get install chromium)');
  process.exit(0);
}
console.log('building the web app…');
await buildWeb();

const small = makeFixtureStore();
const big = makeFixtureStore();
insertSyntheticCorpus(big.store, 10000, big.docs.map((d) => d.id));
const cachedTimeline = timeIt(() => queryTimeline(big.store, { from: '1900', to: '1910' }).length);
const cachedGraph = timeIt(() => queryGraph(big.store, { from: '1900', to: '1930' }).edges.length);
const naive = naiveTimeline(big.store);
const firstSmall = small.docs[0]!.id;
small.store.close();
big.store.close();

const smallViews = await measureViews(small.file, firstSmall);
const bigViews = await measureViews(big.file, firstSmall);
const seeds = await makeSeedStore();
const seedViews = seeds ? await measureViews(seeds.file, seeds.first) : undefined;
const api = await measureApi(big.file);

console.log('\nTime to first render (full page load → view ready, median of 3, ms):');
console.log('view       | fixture corpus (4 docs)                  | seeds (5 docs)                           | 10,000 events');
for (let i = 0; i < smallViews.length; i++) {
  const s = smallViews[i]!;
  const b = bigViews[i]!;
  const d = seedViews?.[i];
  const seedCell = d ? `${String(d.ms).padStart(6)} ms  ${d.drawn.padEnd(32)}` : 'no ../shared/seeds'.padEnd(42);
  console.log(`${s.view.padEnd(10)} | ${String(s.ms).padStart(6)} ms  ${s.drawn.padEnd(32)} | ${seedCell} | ${String(b.ms).padStart(6)} ms  ${b.drawn}`);
}
console.log('\nAPI latency at 10,000 events, second process on loopback, 4 concurrent, ≤300 requests or 8 s per route:');
for (const r of api) console.log(`${String(r.route).padEnd(18)} n=${r.requests} errors=${r.errors} p50=${r.p50} ms p95=${r.p95} ms max=${r.max} ms`);
console.log('\nIn-process query cost at 10,000 events (median of 5):');
console.log(`queryTimeline (cached corpus view) ${cachedTimeline} ms vs naive parse-and-filter per request ${naive} ms; queryGraph window ${cachedGraph} ms`);
small.dispose();
big.dispose();
seeds?.dispose();
