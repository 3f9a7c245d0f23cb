/**
 * Conflicts: each contradiction with its explanation and both sides' evidence side by side, each
 * quote linking to the reader at the evidence span. `#/conflicts?kind=<kind>&event=<event id>&conflict=<conflict id>`.
 */
import { getJson, type ConflictRow, type Page } from '../api.ts';
import { el } from '../dom.ts';
import { link, type Route } from '../route.ts';

/** Draws the conflicts view. */
export async function renderConflicts(root: HTMLElement, route: Route): Promise<void> {
  const kind = route.params.get('kind') ?? '';
  const event = route.params.get('event') ?? '';
  const only = route.params.get('conflict') ?? '';
  const page = await getJson<Page<ConflictRow>>('conflicts', { kind, limit: 2000 });
  const list = page.items.filter((c) => (!event || c.event === event) && (!only || c.id === only));
  const kinds = [...new Set(page.items.map((c) => c.kind ?? 'other'))].sort();
  root.appendChild(
    el(
      'div',
      { class: 'conflicts-view' },
      el('h1', null, 'Conflicts'),
      el(
        'div',
        { class: 'filters' },
        el('a', { href: link('conflicts'), class: kind ? '' : 'active' }, 'all'),
        ...kinds.map((k) => el('a', { href: link('conflicts', undefined, { kind: k }), class: k === kind ? 'active' : '' }, k)),
        event ? el('span', null, ` · event ${event}`) : null,
        only ? el('span', null, ' · one conflict · ', el('a', { href: link('conflicts', undefined, { kind }) }, 'show all')) : null,
      ),
      list.length ? null : el('p', { class: 'muted' }, 'No conflicts found (yet).'),
      ...list.map((c) =>
        el(
          'section',
          { class: `conflict-card severity-${c.severity ?? 'medium'}`, 'data-conflict': c.id },
          el('div', { class: 'conflict-head' }, el('span', { class: 'badge' }, c.kind ?? 'conflict'), ' ', el('span', { class: 'muted' }, c.severity ?? ''), c.event ? el('a', { href: link('timeline', undefined, { focus: c.event }) }, ' → on the timeline') : null),
          el('p', { class: 'explanation' }, c.explanation ?? ''),
          el(
            'div',
            { class: 'evidence-grid' },
            ...c.evidence.map((e) =>
              el(
                'div',
                { class: 'evidence' },
                el('div', { class: 'muted' }, e.sourceTitle),
                el('blockquote', null, e.text),
                el('a', { class: 'to-reader', href: link('reader', e.source, { at: `${e.start}-${e.end}` }) }, 'open in reader →'),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
