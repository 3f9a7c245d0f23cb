/**
 * Reader: one document with its layers as toggleable highlights, comments as a thread, removed
 * chrome on demand, hover cards for mentions and a detail panel whose links lead on (entity page,
 * timeline, source profile). `#/reader/<id>?layers=mention,timex&chrome=1&at=<start>-<end>`.
 */
import { getJson, type Ann, type Sec, type SourceDoc } from '../api.ts';
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
];
const DEFAULT_LAYERS = ['mention', 'timex', 'event', 'claim', 'rhetoric'];

type Mark = Ann | { id: string; layer: 'focus'; start: number; end: number; label: string; attrs: Record<string, unknown> };

/** Year part of an ISO date, for timeline windows. */
function year(d: unknown): string | undefined {
  return typeof d === 'string' ? d.slice(0, d.startsWith('-') ? 5 : 4) : undefined;
}

/** What one annotation says and where it leads, for the detail panel. */
function describe(a: Ann, doc: SourceDoc): HTMLElement {
  const text = doc.text.slice(a.start, a.end);
  const at = el('q', null, text.length > 160 ? `${text.slice(0, 157)}…` : text);
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
      lines.push(el('a', { href: link('timeline', undefined, { source: doc.id, from: year(time.interval?.earliest), to: year(time.interval?.latest) }) }, '→ timeline'));
      break;
    }
    case 'claim': {
      const speaker = typeof attrs.speaker === 'string' ? attrs.speaker : 'unknown';
      const name = String(attrs.speakerName ?? speaker);
      const isEntity = speaker !== 'author' && !speaker.startsWith('commenter:') && speaker !== 'unknown';
      lines.push(`${a.label} by `, isEntity ? el('a', { href: link('entity', speaker) }, name) : name);
      if (typeof attrs.checkworthiness === 'number') lines.push(` · check-worthiness ${attrs.checkworthiness.toFixed(2)}`);
      break;
    }
    case 'rhetoric':
      lines.push(`${a.label.replace(/_/g, ' ')} `, el('a', { href: link('source', doc.id) }, '→ source profile'));
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
    for (const a of seg.covering) {
      if (a.layer === 'claim' && a.start === seg.start) {
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
  const shown = new Set(route.params.has('layers') ? (route.params.get('layers') ?? '').split(',').filter(Boolean) : DEFAULT_LAYERS);
  const chrome = route.params.get('chrome') === '1';
  const byId = new Map(doc.annotations.map((a) => [a.id, a]));
  const marks: Mark[] = doc.annotations.filter((a) => LAYERS.some(([l]) => l === a.layer));
  let focus: { start: number; end: number } | undefined;
  const at = /^(\d+)-(\d+)$/.exec(route.params.get('at') ?? '');
  if (at) focus = { start: Number(at[1]), end: Number(at[2]) };
  const focusAnn = route.params.get('ann') ? byId.get(route.params.get('ann')!) : undefined;
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
  const panel = el('aside', { class: 'panel', id: 'detail-panel' }, el('p', { class: 'muted' }, 'Click a highlight to see what it is and where it leads.'));
  article.addEventListener('click', (e) => {
    const span = (e.target as HTMLElement).closest<HTMLElement>('[data-ids]');
    if (!span) return;
    const anns = (span.dataset.ids ?? '')
      .split(' ')
      .map((id) => byId.get(id))
      .filter((a): a is Ann => !!a && shown.has(a.layer));
    if (!anns.length) return;
    clear(panel);
    for (const a of anns) panel.appendChild(describe(a, doc));
  });
  const tooltip = document.getElementById('tooltip')!;
  article.addEventListener('mouseover', (e) => {
    const span = (e.target as HTMLElement).closest<HTMLElement>('.hl-mention');
    if (!span || !shown.has('mention')) return;
    const m = (span.dataset.ids ?? '')
      .split(' ')
      .map((id) => byId.get(id))
      .find((a) => a?.layer === 'mention');
    if (!m) return;
    clear(tooltip);
    tooltip.appendChild(el('strong', null, String(m.attrs.name ?? doc.text.slice(m.start, m.end))));
    tooltip.appendChild(el('div', null, `${m.label} · ${typeof m.attrs.entity === 'string' ? m.attrs.entity : 'unresolved'}`));
    if (typeof m.attrs.form === 'string') tooltip.appendChild(el('div', { class: 'muted' }, `named by ${m.attrs.form}`));
    const r = span.getBoundingClientRect();
    tooltip.style.left = `${Math.round(r.left + window.scrollX)}px`;
    tooltip.style.top = `${Math.round(r.bottom + window.scrollY + 4)}px`;
    tooltip.hidden = false;
  });
  article.addEventListener('mouseout', (e) => {
    if ((e.target as HTMLElement).closest('.hl-mention')) tooltip.hidden = true;
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
        el('h1', { class: 'doc-title' }, meta.title ?? meta.path ?? doc.id),
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
