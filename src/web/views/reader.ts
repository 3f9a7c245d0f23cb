/**
 * Reader: one document with its layers as toggleable highlights, comments as a thread, removed
 * chrome on demand, an entity card when hovering a mention, a detail panel for what is under the
 * pointer, and clicks that lead straight on: entity → entity page, event → the timeline focused on
 * the corpus event, claim → the speaker, conflict evidence → that conflict, time expression → the
 * timeline at that date. `#/reader/<id>?layers=mention,timex&chrome=1&at=<start>-<end>`.
 */
import { getJson, techniqueLabel, titleOf, type Ann, type ConflictRow, type Page, type Sec, type SourceDoc } from '../api.ts';
import { el, clear, type Child } from '../dom.ts';
import { segmentRange } from '../highlight.ts';
import { link, type Route } from '../route.ts';

/** Highlight layers the reader can toggle, with their labels. */
const LAYERS: Array<[string, string]> = [
  ['mention', 'Entities'],
  ['timex', 'Time expressions'],
  ['event', 'Events'],
  ['claim', 'Claims'],
  ['rhetoric', 'Rhetoric'],
  ['stance', 'Stance'],
  ['conflict', 'Conflict evidence'],
];
const DEFAULT_LAYERS = ['mention', 'timex', 'event', 'claim', 'rhetoric', 'conflict'];

/** Which highlight a click follows when several overlap: the shortest span, then this order. */
const CLICK_ORDER = ['mention', 'conflict', 'event', 'claim', 'timex', 'stance', 'rhetoric'];

/** What the reader knows beyond the document: corpus events by annotation id. */
interface ReaderLinks {
  /** Corpus event id by `event` annotation id. */
  eventOf: Map<string, string>;
}

/** A corpus event as `/api/events` lists it (only what the reader reads). */
interface EventRow {
  id: string;
  support?: Array<{ source: string; annotation?: string }>;
}

/** An entity as `/api/entities/:id` gives it (only what the hover card reads). */
interface EntityCard {
  entity: { id: string; name?: string; type?: string; qid?: string; kb?: { start?: string; end?: string; note?: string; type?: string; subtype?: string } | null };
  mentions: { total: number };
}

/** Entity cards fetched so far, by id (one request per entity per page load). */
const cardCache = new Map<string, Promise<EntityCard | null>>();

/** Fetches the data of an entity's hover card, once. */
function entityCard(id: string): Promise<EntityCard | null> {
  let p = cardCache.get(id);
  if (!p) {
    p = getJson<EntityCard>(`entities/${encodeURIComponent(id)}`, { limit: 1 }).catch(() => null);
    cardCache.set(id, p);
  }
  return p;
}

/** Where a click on one annotation leads (a hash link), if anywhere. */
export function targetOf(a: Ann | Mark, docId: string, links: ReaderLinks): string | undefined {
  const attrs = a.attrs;
  switch (a.layer) {
    case 'mention':
      return typeof attrs.entity === 'string' ? link('entity', attrs.entity) : undefined;
    case 'conflict':
      return typeof attrs.conflict === 'string' ? link('conflicts', undefined, { conflict: attrs.conflict }) : undefined;
    case 'event': {
      const ev = links.eventOf.get(a.id);
      if (ev) return link('timeline', undefined, { focus: ev });
      const time = (attrs.time ?? {}) as { interval?: { earliest?: string; latest?: string } };
      return link('timeline', undefined, { source: docId, from: year(time.interval?.earliest), to: year(time.interval?.latest) });
    }
    case 'claim': {
      const speaker = typeof attrs.speaker === 'string' ? attrs.speaker : '';
      if (speaker && speaker !== 'author' && !speaker.startsWith('commenter:')) return link('entity', speaker);
      return link('source', docId);
    }
    case 'timex': {
      const iv = (attrs.interval ?? {}) as { earliest?: string; latest?: string };
      return iv.earliest || iv.latest ? link('timeline', undefined, { from: year(iv.earliest), to: year(iv.latest) }) : undefined;
    }
    case 'stance':
      return typeof attrs.target === 'string' ? link('entity', attrs.target) : undefined;
    case 'rhetoric':
      return link('source', docId);
    default:
      return undefined;
  }
}

/** The annotation a click follows among those under the pointer. */
function clickTarget<T extends { layer: string; start: number; end: number }>(anns: readonly T[]): T | undefined {
  const rank = (a: T) => (CLICK_ORDER.indexOf(a.layer) + 1 || 99);
  return [...anns].sort((x, y) => x.end - x.start - (y.end - y.start) || rank(x) - rank(y))[0];
}

type Mark = Ann | { id: string; layer: 'focus' | 'conflict'; start: number; end: number; label: string; attrs: Record<string, unknown> };

/** Year part of an ISO date, for timeline windows. */
function year(d: unknown): string | undefined {
  return typeof d === 'string' ? d.slice(0, d.startsWith('-') ? 5 : 4) : undefined;
}

/** What one annotation says and where it leads, for the detail panel. */
function describe(a: Ann | Mark, doc: SourceDoc, links: ReaderLinks): HTMLElement {
  const text = doc.text.slice(a.start, a.end);
  const at = el('q', null, text.length > 90 ? `${text.slice(0, 87)}…` : text);
  const attrs = a.attrs;
  const lines: Child[] = [];
  switch (a.layer) {
    case 'mention': {
      const id = typeof attrs.entity === 'string' ? attrs.entity : undefined;
      lines.push(id ? el('a', { href: link('entity', id) }, `${String(attrs.name ?? text)} → entity page`) : 'unresolved mention');
      if (id) lines.push(' · ', el('a', { href: link('graph', undefined, { entity: id }) }, 'in the graph'));
      break;
    }
    case 'timex': {
      const iv = (attrs.interval ?? {}) as { earliest?: string; latest?: string };
      lines.push(`${String(attrs.value ?? '')} (${String(attrs.edtf ?? '')}) `);
      lines.push(el('a', { href: link('timeline', undefined, { from: year(iv.earliest), to: year(iv.latest) }) }, '→ timeline at this date'));
      break;
    }
    case 'event': {
      const time = (attrs.time ?? {}) as { edtf?: string; interval?: { earliest?: string; latest?: string } };
      lines.push(`${a.label}${time.edtf ? ` · ${time.edtf}` : ''} `);
      lines.push(el('a', { href: targetOf(a, doc.id, links) }, links.eventOf.has(a.id) ? '→ this event on the timeline' : '→ timeline'));
      break;
    }
    case 'conflict':
      lines.push(`${a.label}: ${String(attrs.explanation ?? '')} `, el('a', { href: targetOf(a, doc.id, links) }, '→ the conflict'));
      break;
    case 'claim': {
      const speaker = typeof attrs.speaker === 'string' ? attrs.speaker : 'unknown';
      const name = String(attrs.speakerName ?? speaker);
      const isEntity = speaker !== 'author' && !speaker.startsWith('commenter:') && speaker !== 'unknown';
      lines.push(`${a.label} by `, isEntity ? el('a', { href: link('entity', speaker) }, name) : name);
      if (!isEntity) lines.push(' ', el('a', { href: link('source', doc.id) }, '→ claims by speaker'));
      if (typeof attrs.checkworthiness === 'number') lines.push(` · check-worthiness ${attrs.checkworthiness.toFixed(2)}`);
      break;
    }
    case 'rhetoric':
      lines.push(`${techniqueLabel(a.label)} `, el('a', { href: link('source', doc.id) }, '→ source profile'));
      break;
    case 'stance': {
      const target = typeof attrs.target === 'string' ? attrs.target : undefined;
      lines.push(`${a.label} toward `, target ? el('a', { href: link('entity', target) }, target) : '?');
      break;
    }
    default:
      lines.push(a.label);
  }
  return el('div', { class: `detail detail-${a.layer}` }, el('span', { class: `badge layer-${a.layer}` }, a.layer), ' ', at, el('div', null, ...lines));
}

/** Renders one text range as highlight segments. */
function renderRange(container: HTMLElement, doc: SourceDoc, from: number, to: number, marks: readonly Mark[]): void {
  for (const seg of segmentRange(from, to, marks)) {
    const text = doc.text.slice(seg.start, seg.end);
    if (!seg.covering.length) {
      container.appendChild(document.createTextNode(text));
      continue;
    }
    const classes = [...new Set(seg.covering.map((a) => `hl-${a.layer}`))];
    if (seg.covering.some((a) => a.layer === 'claim') && seg.covering.every((a) => a.layer !== 'claim' || a.label === 'author-assertion')) classes.push('hl-assertion');
    for (const a of seg.covering) {
      // Name the speaker of quotes and reported speech; the author's own assertions stay untagged (they are most sentences).
      if (a.layer === 'claim' && a.start === seg.start && a.label !== 'author-assertion') {
        container.appendChild(el('span', { class: 'speaker-tag', 'data-layer': 'claim' }, `${String(a.attrs.speakerName ?? a.attrs.speaker ?? '?')}:`));
      }
    }
    const ids = seg.covering.filter((a) => a.layer !== 'focus').map((a) => a.id);
    container.appendChild(el('span', { class: `hl ${classes.join(' ')}`, 'data-ids': ids.join(' ') }, text));
  }
}

/** Top-level sections in order (sections nested inside an earlier one are drawn with it). */
function topSections(doc: SourceDoc): Sec[] {
  const sorted = [...doc.sections].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Sec[] = [];
  let reach = 0;
  for (const s of sorted) {
    if (s.start < reach) continue;
    if (s.start > reach) out.push({ id: `gap-${reach}`, kind: 'body', start: reach, end: s.start });
    out.push(s);
    reach = s.end;
  }
  if (reach < doc.text.length) out.push({ id: `gap-${reach}`, kind: 'body', start: reach, end: doc.text.length });
  return out.filter((s) => doc.text.slice(s.start, s.end).trim());
}

/** Draws the reader view. */
export async function renderReader(root: HTMLElement, route: Route): Promise<void> {
  if (!route.arg) throw new Error('no source given');
  const doc = await getJson<SourceDoc>(`sources/${encodeURIComponent(route.arg)}`);
  const [events, conflicts] = await Promise.all([
    getJson<Page<EventRow>>('events', { source: doc.id, limit: 5000 }).catch(() => ({ items: [] as EventRow[] })),
    getJson<Page<ConflictRow>>('conflicts', { source: doc.id, limit: 2000 }).catch(() => ({ items: [] as ConflictRow[] })),
  ]);
  const links: ReaderLinks = { eventOf: new Map() };
  for (const ev of events.items) for (const s of ev.support ?? []) if (s.source === doc.id && s.annotation) links.eventOf.set(s.annotation, ev.id);
  const conflictMarks: Mark[] = conflicts.items.flatMap((c) =>
    c.evidence
      .filter((e) => e.source === doc.id && e.end > e.start)
      .map((e, i) => ({ id: `conflict:${c.id}:${i}`, layer: 'conflict' as const, start: e.start, end: e.end, label: c.kind ?? 'conflict', attrs: { conflict: c.id, explanation: c.explanation ?? '' } })),
  );
  doc.layers.conflict = conflictMarks.length;
  const shown = new Set(route.params.has('layers') ? (route.params.get('layers') ?? '').split(',').filter(Boolean) : DEFAULT_LAYERS);
  const chrome = route.params.get('chrome') === '1';
  const byId = new Map<string, Ann | Mark>([...doc.annotations, ...conflictMarks].map((a) => [a.id, a]));
  const marks: Mark[] = [...doc.annotations.filter((a) => LAYERS.some(([l]) => l === a.layer)), ...conflictMarks];
  let focus: { start: number; end: number } | undefined;
  const at = /^(\d+)-(\d+)$/.exec(route.params.get('at') ?? '');
  if (at) focus = { start: Number(at[1]), end: Number(at[2]) };
  const focusAnn = route.params.get('ann') ? doc.annotations.find((a) => a.id === route.params.get('ann')) : undefined;
  if (focusAnn) focus = { start: focusAnn.start, end: focusAnn.end };
  if (focus) marks.push({ id: 'focus', layer: 'focus', start: focus.start, end: focus.end, label: 'focus', attrs: {} });

  const article = el('article', { class: 'doc' });
  for (const l of shown) article.classList.add(`show-${l}`);
  if (chrome) article.classList.add('show-chrome');
  const thread = el('section', { class: 'thread' });
  const comments = topSections(doc).filter((s) => s.kind === 'comment');
  for (const s of topSections(doc)) {
    if (s.kind === 'comment') continue;
    const tag = s.kind === 'title' ? 'h2' : s.kind === 'heading' ? 'h3' : s.kind === 'quote' ? 'blockquote' : 'p';
    const block = el(tag, { class: `sec sec-${s.kind}`, 'data-section': s.id });
    if (s.kind === 'chrome') block.appendChild(el('span', { class: 'chrome-label' }, 'removed chrome'));
    renderRange(block, doc, s.start, s.end, marks);
    article.appendChild(block);
  }
  if (comments.length) {
    thread.appendChild(el('h3', null, `Comments (${comments.length})`));
    for (const c of comments) {
      const body = el('div', { class: 'comment-body' });
      renderRange(body, doc, c.start, c.end, marks);
      thread.appendChild(
        el(
          'div',
          { class: 'comment', style: `margin-left:${Math.min(8, c.depth ?? 0) * 1.5}em`, 'data-section': c.id },
          el('div', { class: 'comment-head' }, el('strong', null, c.author ?? 'anonymous'), c.displayName ? ` (${c.displayName})` : '', c.time ? ` · ${c.time}` : ''),
          body,
        ),
      );
    }
    article.appendChild(thread);
  }

  const setParam = (key: string, value: string | null) => {
    const p = new URLSearchParams(route.params);
    if (value === null) p.delete(key);
    else p.set(key, value);
    history.replaceState(null, '', link('reader', doc.id, Object.fromEntries(p)));
  };
  const toggles = el(
    'div',
    { class: 'toggles' },
    ...LAYERS.map(([layer, label]) =>
      el(
        'label',
        { class: `toggle layer-${layer}` },
        el('input', {
          type: 'checkbox',
          name: `layer-${layer}`,
          checked: shown.has(layer),
          on: {
            change: (e) => {
              const on = (e.target as HTMLInputElement).checked;
              if (on) shown.add(layer);
              else shown.delete(layer);
              article.classList.toggle(`show-${layer}`, on);
              setParam('layers', [...shown].join(','));
            },
          },
        }),
        ` ${label} (${doc.layers[layer] ?? 0})`,
      ),
    ),
    el(
      'label',
      { class: 'toggle' },
      el('input', {
        type: 'checkbox',
        name: 'chrome',
        checked: chrome,
        on: {
          change: (e) => {
            const on = (e.target as HTMLInputElement).checked;
            article.classList.toggle('show-chrome', on);
            setParam('chrome', on ? '1' : null);
          },
        },
      }),
      ` Removed chrome (${doc.sections.filter((s) => s.kind === 'chrome').length})`,
    ),
  );
  const panel = el('aside', { class: 'panel', id: 'detail-panel' }, el('p', { class: 'muted' }, 'Point at a highlight to see what it is; click it to go where it leads.'));
  const under = (target: EventTarget | null): Array<Ann | Mark> => {
    const span = (target as HTMLElement | null)?.closest?.<HTMLElement>('[data-ids]');
    if (!span) return [];
    return (span.dataset.ids ?? '')
      .split(' ')
      .map((id) => byId.get(id))
      .filter((a): a is Ann | Mark => !!a && shown.has(a.layer))
      // One conflict quoting this sentence twice is still one conflict.
      .filter((a, i, all) => a.layer !== 'conflict' || all.findIndex((b) => b.layer === 'conflict' && b.attrs.conflict === a.attrs.conflict) === i);
  };
  let panelFor = '';
  article.addEventListener('mouseover', (e) => {
    const anns = under(e.target);
    const key = anns.map((a) => a.id).join(' ');
    if (!anns.length || key === panelFor) return;
    panelFor = key;
    clear(panel);
    for (const a of anns) panel.appendChild(describe(a, doc, links));
  });
  article.addEventListener('click', (e) => {
    if ((e.target as HTMLElement).closest('a')) return;
    const a = clickTarget(under(e.target).filter((x) => targetOf(x, doc.id, links)));
    if (!a) return;
    hideCard();
    location.hash = targetOf(a, doc.id, links)!;
  });

  // The entity card: shown on hovering a mention, kept while the pointer is on it (it holds links).
  const tooltip = document.getElementById('tooltip')!;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let cardFor = '';
  const hideCard = () => {
    clearTimeout(hideTimer);
    tooltip.hidden = true;
    tooltip.classList.remove('entity-card');
    cardFor = '';
  };
  const laterHide = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideCard, 300);
  };
  tooltip.onmouseenter = () => clearTimeout(hideTimer);
  tooltip.onmouseleave = laterHide;
  article.addEventListener('mouseover', (e) => {
    const span = (e.target as HTMLElement).closest<HTMLElement>('.hl-mention');
    if (!span || !shown.has('mention')) return;
    const m = (span.dataset.ids ?? '')
      .split(' ')
      .map((id) => byId.get(id))
      .find((a) => a?.layer === 'mention');
    if (!m) return;
    clearTimeout(hideTimer);
    if (cardFor === m.id && !tooltip.hidden) return;
    cardFor = m.id;
    const id = typeof m.attrs.entity === 'string' ? m.attrs.entity : undefined;
    const name = String(m.attrs.name ?? doc.text.slice(m.start, m.end));
    clear(tooltip);
    tooltip.classList.add('entity-card');
    tooltip.appendChild(el('strong', { class: 'card-name' }, name));
    const typeLine = el('div', { class: 'card-type' }, `${m.label}${id ? '' : ' · not linked to an entity'}`);
    tooltip.appendChild(typeLine);
    if (typeof m.attrs.form === 'string' && m.attrs.form !== 'canonical') tooltip.appendChild(el('div', { class: 'muted' }, `named here by ${m.attrs.form}`));
    const extra = el('div', { class: 'card-extra' });
    tooltip.appendChild(extra);
    if (id) tooltip.appendChild(el('div', { class: 'muted card-hint' }, 'click the name for the entity page'));
    const r = span.getBoundingClientRect();
    tooltip.style.left = `${Math.round(Math.min(r.left, window.innerWidth - 300) + window.scrollX)}px`;
    tooltip.style.top = `${Math.round(r.bottom + window.scrollY + 4)}px`;
    tooltip.hidden = false;
    if (!id) return;
    void entityCard(id).then((card) => {
      if (cardFor !== m.id || !card) return;
      const ent = card.entity;
      const kb = ent.kb ?? undefined;
      const type = kb?.type ?? ent.type;
      typeLine.textContent = `${[type, kb?.subtype].filter(Boolean).join(' · ')} (${m.label})`;
      const born = type === 'person' ? ['born', 'died'] : ['from', 'until'];
      const dates = [kb?.start ? `${born[0]} ${kb.start}` : '', kb?.end ? `${born[1]} ${kb.end}` : ''].filter(Boolean).join(' · ');
      if (dates) extra.appendChild(el('div', { class: 'card-dates' }, dates));
      if (kb?.note) extra.appendChild(el('div', { class: 'muted card-note' }, kb.note.length > 160 ? `${kb.note.slice(0, 157)}…` : kb.note));
      const qid = ent.qid ?? (/^Q\d+$/.test(ent.id) ? ent.id : undefined);
      extra.appendChild(
        el(
          'div',
          null,
          qid ? el('a', { href: `https://www.wikidata.org/wiki/${qid}`, rel: 'noopener noreferrer', target: '_blank' }, `Wikidata ${qid}`) : el('span', { class: 'muted' }, 'no Wikidata id (local entity)'),
          ' · ',
          el('a', { href: link('entity', ent.id) }, `${card.mentions.total} mention(s)`),
        ),
      );
    });
  });
  article.addEventListener('mouseout', (e) => {
    if ((e.target as HTMLElement).closest('.hl-mention')) laterHide();
  });

  const meta = doc.meta;
  const messages = doc.messages.length
    ? el('details', { class: 'messages' }, el('summary', null, `${doc.messages.length} message(s)`), el('ul', null, ...doc.messages.map((m) => el('li', null, `${m.severity} · ${m.rule}: ${m.reason}`))))
    : null;
  root.appendChild(
    el(
      'div',
      { class: 'reader' },
      el(
        'header',
        { class: 'doc-head' },
        el('h1', { class: 'doc-title', title: meta.path ?? doc.id }, titleOf({ title: meta.title, path: meta.path, id: doc.id })),
        el('div', { class: 'muted' }, [meta.author, meta.published, meta.format, `${doc.text.length} characters`].filter(Boolean).join(' · '), ' · ', el('a', { href: link('source', doc.id) }, 'profile'), ' · ', el('a', { href: link('timeline', undefined, { source: doc.id }) }, 'its events')),
        toggles,
        messages,
      ),
      el('div', { class: 'reader-body' }, article, panel),
    ),
  );
  const first = article.querySelector('.hl-focus');
  if (first) first.scrollIntoView({ block: 'center' });
}
