/**
 * Sources: the list with upload, one source's profile (stance toward actors as a heat map,
 * rhetoric density, claims by speaker) and a comparison of sources (`#/compare?ids=a,b`).
 */
import { getJson, techniqueLabel, titleOf, uploadFile, type Page, type SourceRow } from '../api.ts';
import { el } from '../dom.ts';
import { link, type Route } from '../route.ts';

interface Profile {
  id: string;
  title: string;
  length: number;
  layers: Record<string, number>;
  stance: Array<{ target: string; name: string; positive: number; negative: number; neutral: number; score: number }>;
  rhetoric: { total: number; per1000: number; byLabel: Record<string, number> };
  claims: Array<{ speaker: string; name: string; count: number; kinds: Record<string, number> }>;
}

/** A stance score as shown, to two decimals: never "-0.00" (a score that rounds to zero is 0). */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100 || 0;
}

/** A stance score's text: `roundScore` with two decimals. */
export function formatScore(score: number): string {
  return roundScore(score).toFixed(2);
}

/** Background colour for a stance score in [-1, 1]: red for negative, green for positive, grey when it rounds to zero. */
function heat(raw: number, weight = 1): string {
  const score = roundScore(raw);
  const a = Math.min(1, 0.15 + Math.abs(score) * 0.85) * weight;
  return score < 0 ? `rgba(200, 40, 40, ${a.toFixed(2)})` : score > 0 ? `rgba(40, 150, 60, ${a.toFixed(2)})` : 'rgba(120, 120, 120, 0.15)';
}

/** Draws the source list with an upload form. */
export async function renderSources(root: HTMLElement, route: Route): Promise<void> {
  const offset = Number(route.params.get('offset') ?? 0) || 0;
  const page = await getJson<Page<SourceRow>>('sources', { limit: 100, offset });
  const status = el('span', { class: 'muted', id: 'upload-status' });
  const file = el('input', { type: 'file', name: 'file' });
  const upload = el('form', { class: 'upload' }, el('label', null, 'Add a document ', file), el('button', { type: 'submit' }, 'Upload'), ' ', status);
  upload.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    status.textContent = 'analyzing…';
    const button = upload.querySelector('button');
    if (button) button.disabled = true;
    const here = location.hash;
    uploadFile(f)
      .then((r) => {
        // Open the new source only if the user is still waiting on this page, not after they moved on.
        if (location.hash === here) location.hash = link('reader', r.id);
      })
      .catch((err: Error) => {
        status.textContent = err.message;
      })
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
  root.appendChild(
    el(
      'div',
      { class: 'sources-view' },
      el('h1', null, `Sources (${page.total})`),
      upload,
      el(
        'table',
        { class: 'grid', id: 'source-table' },
        el('thead', null, el('tr', null, ...['Title', 'Format', 'Characters', 'Annotations', 'Messages', ''].map((h) => el('th', null, h)))),
        el(
          'tbody',
          null,
          ...page.items.map((s) =>
            el(
              'tr',
              null,
              el('td', null, el('a', { href: link('reader', s.id) }, titleOf(s))),
              el('td', null, s.format),
              el('td', { class: 'num' }, s.length),
              el('td', { class: 'num' }, s.annotations),
              el('td', { class: 'num' }, s.messages),
              el('td', null, el('a', { href: link('source', s.id) }, 'profile'), ' · ', el('a', { href: link('timeline', undefined, { source: s.id }) }, 'events')),
            ),
          ),
        ),
      ),
      page.total === 0
        ? el('p', { class: 'muted empty-note', id: 'sources-empty' }, 'No sources yet. Choose a file above (text, HTML, Markdown, MediaWiki or PDF) and press Upload, or run annalist ingest <files> and reload.')
        : null,
      el(
        'div',
        { class: 'pager' },
        offset > 0 ? el('a', { href: link('sources', undefined, { offset: Math.max(0, offset - 100) }) }, '← previous') : null,
        offset + 100 < page.total ? el('a', { href: link('sources', undefined, { offset: offset + 100 }) }, 'next →') : null,
        ' ',
        el('a', { href: link('compare') }, 'compare sources'),
      ),
    ),
  );
}

/** A small table. */
function table(head: string[], rows: HTMLElement[][]): HTMLElement {
  return el('table', { class: 'grid' }, el('thead', null, el('tr', null, ...head.map((h) => el('th', null, h)))), el('tbody', null, ...rows.map((r) => el('tr', null, ...r))));
}

/** Draws one source's profile. */
export async function renderProfile(root: HTMLElement, route: Route): Promise<void> {
  if (!route.arg) throw new Error('no source given');
  const p = await getJson<Profile>(`sources/${encodeURIComponent(route.arg)}/profile`);
  const maxRh = Math.max(1, ...Object.values(p.rhetoric.byLabel));
  root.appendChild(
    el(
      'div',
      { class: 'profile-view' },
      el('h1', null, p.title),
      el('div', { class: 'muted' }, `${p.length} characters · `, el('a', { href: link('reader', p.id) }, 'read'), ' · ', el('a', { href: link('compare', undefined, { ids: p.id }) }, 'compare')),
      el('h2', null, 'Stance toward actors'),
      p.stance.length
        ? table(
            ['Actor', 'positive', 'negative', 'neutral', 'score'],
            p.stance.map((s) => [
              el('td', null, el('a', { href: link('entity', s.target) }, s.name)),
              el('td', { class: 'num heat', style: `background:${heat(1, Math.min(1, s.positive / 3))}` }, s.positive),
              el('td', { class: 'num heat', style: `background:${heat(-1, Math.min(1, s.negative / 3))}` }, s.negative),
              el('td', { class: 'num' }, s.neutral),
              el('td', { class: 'num heat', style: `background:${heat(s.score)}` }, formatScore(s.score)),
            ]),
          )
        : el('p', { class: 'muted' }, 'No stance layer for this source.'),
      el('h2', null, `Rhetoric: ${p.rhetoric.total} technique(s), ${p.rhetoric.per1000.toFixed(1)} per 1000 characters`),
      el(
        'div',
        { class: 'bars' },
        ...Object.entries(p.rhetoric.byLabel)
          .sort((a, b) => b[1] - a[1])
          .map(([label, n]) => el('div', { class: 'bar-row' }, el('span', { class: 'bar-label' }, techniqueLabel(label)), el('span', { class: 'bar', style: `width:${Math.round((n / maxRh) * 100)}%` }), el('span', { class: 'num' }, n))),
      ),
      el('h2', null, 'Claims by speaker'),
      p.claims.length
        ? table(
            ['Speaker', 'Claims', 'Kinds'],
            p.claims.map((c) => [
              el('td', null, c.speaker.startsWith('local:') || /^Q\d+$/.test(c.speaker) ? el('a', { href: link('entity', c.speaker) }, c.name) : c.name),
              el('td', { class: 'num' }, c.count),
              el('td', null, Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')),
            ]),
          )
        : el('p', { class: 'muted' }, 'No claim layer for this source.'),
    ),
  );
}

/** Draws the comparison of sources: a sources × actors stance heat map plus rhetoric and claims. */
export async function renderCompare(root: HTMLElement, route: Route): Promise<void> {
  const ids = route.params.get('ids') ?? '';
  const page = await getJson<Page<Profile>>('profiles', { ids, limit: 40 });
  const weight = new Map<string, { name: string; n: number }>();
  for (const p of page.items) {
    for (const s of p.stance) {
      const w = weight.get(s.target) ?? { name: s.name, n: 0 };
      w.n += s.positive + s.negative + s.neutral;
      weight.set(s.target, w);
    }
  }
  const actors = [...weight.entries()].sort((a, b) => b[1].n - a[1].n).slice(0, 15);
  root.appendChild(
    el(
      'div',
      { class: 'compare-view' },
      el('h1', null, 'Compare sources'),
      el('p', { class: 'muted' }, 'Stance toward each actor (red negative, green positive), rhetoric per 1000 characters, number of claims and speakers.'),
      table(
        ['Source', ...actors.map(([, a]) => a.name), 'rhetoric /1000', 'claims', 'speakers'],
        page.items.map((p) => [
          el('td', null, el('a', { href: link('source', p.id) }, p.title)),
          ...actors.map(([id]) => {
            const s = p.stance.find((x) => x.target === id);
            return s ? el('td', { class: 'num heat', style: `background:${heat(s.score)}`, title: `${s.positive}+ ${s.negative}- ${s.neutral}=` }, formatScore(s.score)) : el('td', { class: 'num muted' }, '·');
          }),
          el('td', { class: 'num' }, p.rhetoric.per1000.toFixed(1)),
          el('td', { class: 'num' }, p.claims.reduce((n, c) => n + c.count, 0)),
          el('td', { class: 'num' }, p.claims.length),
        ]),
      ),
    ),
  );
}
