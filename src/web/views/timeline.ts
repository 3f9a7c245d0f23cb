/**
 * Timeline: every dated event on one zoomable axis (vis-timeline). Approximate dates are ranges
 * drawn fuzzy, conflicting events are marked, and filters (entity, source, class, window) live in
 * the URL: `#/timeline?entity=&source=&class=a,b&from=1900&to=1950&focus=<event id>`.
 */
import { Timeline } from 'vis-timeline/peer';
import { DataSet } from 'vis-data/peer';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import { getJson, titleOf, type Page, type SourceRow, type TimelineItem } from '../api.ts';
import { clear, el } from '../dom.ts';
import { link, type Route } from '../route.ts';

/** Event classes of the layer contract, for the class filter. */
const CLASSES = ['statement', 'meeting', 'appointment', 'removal', 'arrest', 'trial', 'execution', 'death', 'birth', 'founding', 'joining', 'leaving', 'treaty', 'visit', 'aid', 'withdrawal', 'conflict', 'protest', 'repression', 'renaming', 'decision', 'other'];

/** Most events drawn at once; beyond it the view shows an even sample and refetches as you zoom. */
const MAX_DRAWN = 1500;

interface TimelineResponse {
  sampled: boolean;
  total: number;
  undated: number;
  classes: Record<string, number>;
  items: TimelineItem[];
}

/** The day after an ISO date (vis ranges are end-exclusive). */
function dayAfter(iso: string): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Value at quantile q (0–1) of sorted numbers. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

/**
 * The window to open on: where the events are, not the full span of every range. One event dated
 * absurdly far out (a misread year) or a centuries-long range would otherwise squeeze every other
 * event into a few pixels; so the window is the 2nd–98th percentile of event dates (a long range
 * counts by its start), padded by a tenth, at least two years wide. The user can still zoom out.
 */
export function defaultWindow(items: ReadonlyArray<{ start: string; end: string | null }>): { start: Date; end: Date } | undefined {
  const year = 365.25 * 864e5;
  const points: number[] = [];
  for (const it of items) {
    const a = Date.parse(`${it.start}T00:00:00Z`);
    if (Number.isNaN(a)) continue;
    const b = it.end ? Date.parse(`${it.end}T00:00:00Z`) : a;
    points.push(a);
    if (!Number.isNaN(b) && b - a < 30 * year) points.push(b);
  }
  if (!points.length) return undefined;
  points.sort((x, y) => x - y);
  const n = points.length;
  let lo = n >= 20 ? quantile(points, 0.02) : points[0]!;
  let hi = n >= 20 ? quantile(points, 0.98) : points[n - 1]!;
  const pad = Math.max((hi - lo) * 0.1, year);
  lo -= pad;
  hi += pad;
  return { start: new Date(lo), end: new Date(hi) };
}

/** The date forms the API takes for `from`/`to`: a year, a month or a day, BCE with a minus. */
const DATE_FILTER = /^-?\d{4}(-\d{2}(-\d{2})?)?$/;

/** Why a typed date filter cannot be used (shown above the timeline), or undefined when it is empty or fine. */
export function dateFilterProblem(label: string, value: string): string | undefined {
  const v = value.trim();
  if (!v || DATE_FILTER.test(v)) return undefined;
  return `${label} "${v}" is not a date and was left out: write a year (1956), a month (1956-02) or a day (1956-02-25).`;
}

/** True for an entity id (a Wikidata QID or a prefixed local id) rather than a name typed by hand. */
export function looksLikeEntityId(s: string): boolean {
  return /^Q\d+$/.test(s) || /^[a-z]+:\S+$/.test(s);
}

/** What the timeline says when there is nothing to draw: no match for the filters, or no dated event at all. */
export function emptyTimelineMessage(filters: Record<string, string>, undated: number): string {
  const filtered = Object.values(filters).some((v) => v.trim() !== '');
  const why = filtered ? 'No dated event matches these filters.' : 'No dated events yet: add documents on the Sources page (or with annalist ingest).';
  return undated > 0 ? `${why} ${undated} event(s) without a date are not drawn.` : why;
}

/** Draws the timeline view. */
export async function renderTimeline(root: HTMLElement, route: Route): Promise<() => void> {
  const p = route.params;
  const filters = { entity: p.get('entity') ?? '', source: p.get('source') ?? '', class: p.get('class') ?? '', from: p.get('from') ?? '', to: p.get('to') ?? '' };
  // What is sent: dates that parse, and an entity typed by name resolved to its id (the best-known match).
  const notes: Array<string | HTMLElement> = [];
  const query = { ...filters };
  for (const [key, label] of [['from', 'From'], ['to', 'To']] as const) {
    const problem = dateFilterProblem(label, filters[key]);
    if (problem) {
      notes.push(problem);
      query[key] = '';
    }
  }
  if (filters.entity.trim() && !looksLikeEntityId(filters.entity.trim())) {
    const found = await getJson<Page<{ id: string; name?: string }>>('entities', { q: filters.entity.trim(), limit: 6 });
    const [best, ...others] = found.items;
    query.entity = best?.id ?? filters.entity.trim();
    notes.push(
      best
        ? el(
            'span',
            null,
            `Entity "${filters.entity.trim()}": showing ${best.name ?? best.id}`,
            ...(others.length ? [' · also: ', ...others.flatMap((o, i) => [i ? ', ' : '', el('a', { href: link('timeline', undefined, { ...filters, entity: o.id }) }, o.name ?? o.id)])] : []),
          )
        : `No entity is named like "${filters.entity.trim()}".`,
    );
  }
  const [data, sources] = await Promise.all([
    getJson<TimelineResponse>('timeline', { ...query, limit: MAX_DRAWN, spread: 'true' }),
    getJson<Page<SourceRow>>('sources', { limit: 1000 }),
  ]);
  const titles = new Map(sources.items.map((s) => [s.id, titleOf(s)]));
  const go = (patch: Record<string, string>) => {
    location.hash = link('timeline', undefined, { ...filters, ...patch });
  };
  const chosen = new Set(filters.class.split(',').filter(Boolean));
  const form = el(
    'form',
    { class: 'filters', id: 'timeline-filters' },
    el('label', null, 'Entity ', el('input', { name: 'entity', value: filters.entity, placeholder: 'name or id', size: 16 })),
    el(
      'label',
      null,
      'Source ',
      el('select', { name: 'source' }, el('option', { value: '' }, 'all sources'), ...sources.items.map((s) => el('option', { value: s.id, selected: s.id === filters.source }, titleOf(s)))),
    ),
    el('label', null, 'From ', el('input', { name: 'from', value: filters.from, placeholder: 'YYYY', size: 10 })),
    el('label', null, 'To ', el('input', { name: 'to', value: filters.to, placeholder: 'YYYY', size: 10 })),
    el(
      'details',
      { class: 'class-filter' },
      el('summary', null, chosen.size ? `classes: ${[...chosen].join(', ')}` : 'all classes'),
      ...CLASSES.map((c) => el('label', { class: 'class-option' }, el('input', { type: 'checkbox', name: 'class', value: c, checked: chosen.has(c) }), ` ${c}`)),
    ),
    el('button', { type: 'submit' }, 'Filter'),
    el('a', { href: link('timeline'), class: 'reset' }, 'reset'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    go({
      entity: String(fd.get('entity') ?? '').trim(),
      source: String(fd.get('source') ?? ''),
      from: String(fd.get('from') ?? '').trim(),
      to: String(fd.get('to') ?? '').trim(),
      class: fd.getAll('class').map(String).join(','),
    });
  });
  const summary = el(
    'div',
    { class: 'muted', id: 'timeline-summary' },
    `${data.total} dated events${data.undated ? ` (+${data.undated} undated)` : ''}`,
    el('span', { id: 'timeline-sample' }, data.sampled ? ` · drawing an even sample of ${data.items.length}: zoom in to see every event of a window` : ''),
    ' · ',
    el('span', { class: 'legend fuzzy-legend' }, 'approximate'),
    ' ',
    el('span', { class: 'legend conflict-legend' }, 'in conflict'),
  );
  const box = el('div', { class: 'timeline-box', id: 'timeline' });
  const panel = el('aside', { class: 'panel', id: 'event-panel' }, el('p', { class: 'muted' }, 'Select an event.'));
  const noteBox = notes.length ? el('div', { class: 'filter-notes', id: 'timeline-notes' }, ...notes.map((n) => el('p', null, n))) : null;
  root.appendChild(el('div', { class: 'timeline-view' }, el('h1', null, 'Timeline'), form, noteBox, summary, box, panel));
  if (data.items.length === 0) {
    // An empty vis-timeline would show this week of the present day: say why there is nothing instead.
    box.classList.add('empty');
    box.appendChild(el('p', { class: 'muted', id: 'timeline-empty' }, emptyTimelineMessage(filters, data.undated ?? 0)));
    panel.remove();
    return () => {};
  }

  const byId = new Map(data.items.map((it) => [it.id, it]));
  const toItem = (it: TimelineItem) => {
      const range = it.end && it.end !== it.start;
      // A point must have no `end` key at all: vis-timeline's focus reads `end` when the key is present.
      return {
        id: it.id,
        start: new Date(`${it.start}T00:00:00Z`),
        ...(range ? { end: dayAfter(it.end) } : {}),
        type: range ? 'range' : 'point',
        content: it.label,
        className: ['ev', `cls-${it.class}`, it.uncertain ? 'fuzzy' : '', it.conflicts.length ? 'conflict' : ''].filter(Boolean).join(' '),
      };
  };
  const items = new DataSet(data.items.map(toItem));
  const big = data.items.length > 400;
  const timeline = new Timeline(box, items, {
    minHeight: '160px',
    maxHeight: '600px',
    // Stacked rows beyond the height scroll instead of being cut off at the top.
    verticalScroll: true,
    orientation: { axis: 'top', item: 'top' },
    zoomable: true,
    stack: !big,
    showTooltips: false,
    selectable: true,
    // Labels come from documents: build them as text nodes, never as HTML.
    template: (item: { content?: string; isCluster?: boolean; items?: unknown[] }) => {
      const span = document.createElement('span');
      span.textContent = item.isCluster ? `${item.items?.length ?? ''} events` : String(item.content ?? '');
      return span;
    },
    xss: { disabled: false },
  } as never);
  const focus = p.get('focus');
  const window0 = defaultWindow(data.items);
  if (window0 && !(focus && byId.has(focus))) timeline.setWindow(window0.start, window0.end, { animation: false });
  let shownItem = '';
  const showItem = (id: string) => {
    const it = byId.get(id);
    if (!it) return;
    shownItem = id;
    clear(panel);
    panel.appendChild(el('h3', null, it.label));
    panel.appendChild(el('div', null, `${it.class} · ${it.edtf ?? it.start}${it.end !== it.start ? ` (${it.start} – ${it.end})` : ''}`));
    if (it.participants.length) panel.appendChild(el('div', null, 'Who: ', ...it.participants.flatMap((x, i) => [i ? ', ' : '', el('a', { href: link('entity', x.id) }, x.name)])));
    panel.appendChild(el('div', null, 'Sources: ', ...it.sources.flatMap((s, i) => [i ? ', ' : '', el('a', { href: link('reader', s) }, titles.get(s) ?? s.slice(0, 12))])));
    if (it.conflicts.length) panel.appendChild(el('div', { class: 'conflict-note' }, `In ${it.conflicts.length} conflict(s): `, el('a', { href: link('conflicts', undefined, { event: it.id }) }, 'see conflicts')));
    void getJson<{ event: { support?: Array<{ source: string; annotation?: string; start?: number; end?: number; text?: string }> } }>(`events/${encodeURIComponent(id)}`).then((r) => {
      const sup = r.event.support ?? [];
      if (!sup.length || shownItem !== id || panel.querySelector('ul.support')) return;
      panel.appendChild(
        el(
          'ul',
          { class: 'support' },
          ...sup.map((s) =>
            el('li', null, el('a', { href: s.start !== undefined ? link('reader', s.source, { at: `${s.start}-${s.end}` }) : link('reader', s.source, { ann: s.annotation }) }, titles.get(s.source) ?? s.source.slice(0, 12)), ': ', el('q', null, s.text ?? '')),
          ),
        ),
      );
    });
  };
  if (data.sampled) {
    // Too many events to draw at once: after each zoom or pan, fetch the visible window (sampled again if still too many).
    let pending: ReturnType<typeof setTimeout> | undefined;
    let seq = 0;
    timeline.on('rangechanged', (props: { start: Date; end: Date; byUser: boolean }) => {
      if (!props.byUser) return;
      clearTimeout(pending);
      pending = setTimeout(() => {
        const mine = ++seq;
        const day = (d: Date) => d.toISOString().slice(0, 10);
        void getJson<TimelineResponse>('timeline', { ...query, from: day(props.start), to: day(props.end), limit: MAX_DRAWN, spread: 'true' }).then((w) => {
          if (mine !== seq) return;
          for (const it of w.items) byId.set(it.id, it);
          items.clear();
          items.add(w.items.map(toItem));
          timeline.setOptions({ stack: w.items.length <= 400 });
          document.getElementById('timeline-sample')!.textContent = w.sampled ? ` · this window: an even sample of ${w.items.length} of ${w.total}` : ` · this window: all ${w.items.length} events`;
        });
      }, 250);
    });
  }
  timeline.on('select', (props: { items: string[] }) => {
    if (props.items[0]) showItem(props.items[0]);
  });
  if (focus && byId.has(focus)) {
    // Open on the focused event with a few years of context either side, selected, its details shown.
    const it = byId.get(focus)!;
    const year = 365.25 * 864e5;
    const a = Date.parse(`${it.start}T00:00:00Z`);
    const b = Math.max(a, Date.parse(`${it.end ?? it.start}T00:00:00Z`));
    const pad = Math.max((b - a) * 0.3, 2 * year);
    timeline.setWindow(new Date(a - pad), new Date(b + pad), { animation: false });
    timeline.setSelection([focus]);
    showItem(focus);
  }
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    const onChanged = () => {
      timeline.off('changed', onChanged);
      finish();
    };
    timeline.on('changed', onChanged);
    setTimeout(finish, 3000);
  });
  return () => timeline.destroy();
}
