/**
 * Search across everything: source text (full-text, with highlighted snippets), entity names and
 * event labels. `#/search?q=…`.
 */
import { getJson, titleOf } from '../api.ts';
import { el, type Child } from '../dom.ts';
import { link, type Route } from '../route.ts';

interface SearchResponse {
  sources: Array<{ sourceId: string; title?: string; path?: string; snippet: string }>;
  entities: Array<{ id: string; name?: string; type?: string; mentionCount: number }>;
  events: Array<{ id: string; class?: string; label?: string; edtf?: string }>;
}

/** Turns a snippet with `[hit]` marks into text nodes and `<mark>` elements (never HTML). */
function snippet(s: string): Child[] {
  return s.split(/(\[[^\]]*\])/).map((part) => (part.startsWith('[') && part.endsWith(']') ? el('mark', null, part.slice(1, -1)) : part));
}

/** The details after a result's link, each after " · ", leaving out the missing ones (no dangling separator). */
export function detailSuffix(parts: ReadonlyArray<string | undefined | null>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => ` · ${p}`)
    .join('');
}

/** Draws the search results. */
export async function renderSearch(root: HTMLElement, route: Route): Promise<void> {
  const q = route.params.get('q') ?? '';
  (document.getElementById('search-input') as HTMLInputElement).value = q;
  if (!q.trim()) {
    root.appendChild(el('p', { class: 'muted' }, 'Type a query in the search box.'));
    return;
  }
  const r = await getJson<SearchResponse>('search', { q, limit: 50 });
  root.appendChild(
    el(
      'div',
      { class: 'search-view' },
      el('h1', null, `Search: ${q}`),
      el('h2', null, `Entities (${r.entities.length})`),
      el('ul', { id: 'search-entities' }, ...r.entities.map((e) => el('li', null, el('a', { href: link('entity', e.id) }, e.name ?? e.id), detailSuffix([e.type, `${e.mentionCount} mentions`])))),
      el('h2', null, `Events (${r.events.length})`),
      el('ul', { id: 'search-events' }, ...r.events.map((e) => el('li', null, el('a', { href: link('timeline', undefined, { focus: e.id }) }, e.label ?? e.id), detailSuffix([e.class, e.edtf])))),
      el('h2', null, `Sources (${r.sources.length})`),
      el('ul', { id: 'search-sources' }, ...r.sources.map((s) => el('li', null, el('a', { href: link('reader', s.sourceId) }, titleOf({ title: s.title, path: s.path, id: s.sourceId })), el('div', { class: 'snippet' }, ...snippet(s.snippet))))),
    ),
  );
}
