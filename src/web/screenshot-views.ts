/**
 * Screenshots of every view of a running Annalist server, for review and for the release notes:
 * `node --import tsx src/web/screenshot-views.ts <base url> <out dir> <prefix>`. Opens the sources list,
 * the reader of the source most quoted as conflict evidence (with a mention hovered), its profile, the comparison, the
 * timeline, the graph, the conflicts, the busiest entity and a search, and saves one PNG per view.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openView } from './browser-harness.ts';

/** GETs JSON from the server's API. */
async function api<T>(base: string, path: string): Promise<T> {
  const res = await fetch(new URL(`/api/${path}`, base));
  return (await res.json()) as T;
}

/** Takes the screenshots; returns the files written. */
export async function screenshotViews(base: string, outDir: string, prefix: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const sources = await api<{ items: Array<{ id: string; length: number }> }>(base, 'sources?limit=200');
  // The reader shows the source quoted most often as conflict evidence (the longest when there are no conflicts).
  const conflicts = await api<{ items: Array<{ evidence?: Array<{ source: string }> }> }>(base, 'conflicts?limit=2000');
  const quoted = new Map<string, number>();
  for (const c of conflicts.items) for (const e of c.evidence ?? []) quoted.set(e.source, (quoted.get(e.source) ?? 0) + 1);
  const longest = [...sources.items].sort((a, b) => (quoted.get(b.id) ?? 0) - (quoted.get(a.id) ?? 0) || b.length - a.length)[0];
  const entities = await api<{ items: Array<{ id: string; name: string; mentionCount?: number }> }>(base, 'entities?limit=200');
  const busiest = [...entities.items].sort((a, b) => (b.mentionCount ?? 0) - (a.mentionCount ?? 0))[0];
  const shots: Array<[string, string, string, boolean?]> = [
    ['sources', '#/sources', 'sources'],
    ['timeline', '#/timeline', 'timeline'],
    ['graph', '#/graph', 'graph'],
    ['conflicts', '#/conflicts', 'conflicts'],
    ['compare', '#/compare', 'compare'],
  ];
  if (longest) shots.push(['reader', `#/reader/${longest.id}`, 'reader', true], ['profile', `#/source/${longest.id}`, 'source']);
  if (busiest) shots.push(['entity', `#/entity/${encodeURIComponent(busiest.id)}`, 'entity'], ['search', `#/search?q=${encodeURIComponent(busiest.name.split(' ').at(-1) ?? '')}`, 'search']);
  const browser = await launchChromium();
  const files: string[] = [];
  try {
    for (const [name, hash, view, hover] of shots) {
      await openView(browser.page, base, hash, view);
      await browser.page.waitForTimeout(400);
      if (hover) {
        const m = browser.page.locator('.hl-mention').nth(3);
        if (await m.count()) {
          // Hover only: a click would follow the mention to its entity page.
          await m.hover();
          await browser.page.waitForTimeout(600);
        }
      }
      const file = join(outDir, `${prefix}-${name}.png`);
      await browser.page.screenshot({ path: file, fullPage: false });
      files.push(file);
    }
  } finally {
    await browser.close();
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [base = 'http://127.0.0.1:4711/', out = 'artifacts/screenshots', prefix = 'examples'] = process.argv.slice(2);
  const files = await screenshotViews(base, out, prefix);
  console.log(files.join('\n'));
}
