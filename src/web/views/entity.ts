/**
 * Entity page: name, type, knowledge-base roles, events (→ timeline), relations (→ graph) and
 * mentions in context (→ reader at the span). `#/entity/<id>`.
 */
import { getJson } from '../api.ts';
import { el } from '../dom.ts';
import { link, type Route } from '../route.ts';

interface EntityResponse {
  entity: { id: string; name?: string; type?: string; qid?: string; kb?: { start?: string; end?: string; note?: string } | null };
  roles: Array<{ office: string; from: string; to?: string }>;
  mentions: { total: number; items: Array<{ source: string; sourceTitle: string; start: number; end: number; text: string; before: string; after: string; cutBefore?: boolean; cutAfter?: boolean }> };
  events: Array<{ id: string; class?: string; label?: string; edtf?: string; interval?: { earliest: string; latest: string } | null }>;
  relations: Array<{ id: string; type?: string; from: string; to: string; fromName: string; toName: string }>;
}

/** A readable date of an event: its EDTF, else its interval, else "undated". */
function dateOf(x: EntityResponse['events'][number]): string {
  if (x.edtf) return x.edtf;
  if (x.interval) return x.interval.earliest === x.interval.latest ? x.interval.earliest : `${x.interval.earliest} – ${x.interval.latest}`;
  return 'undated';
}

/** Draws the entity page. */
export async function renderEntity(root: HTMLElement, route: Route): Promise<void> {
  if (!route.arg) throw new Error('no entity given');
  const r = await getJson<EntityResponse>(`entities/${encodeURIComponent(route.arg)}`);
  const e = r.entity;
  const qid = e.qid && /^Q\d+$/.test(e.qid) ? e.qid : /^Q\d+$/.test(e.id) ? e.id : undefined;
  root.appendChild(
    el(
      'div',
      { class: 'entity-view' },
      el('h1', null, e.name ?? e.id),
      el(
        'div',
        { class: 'muted' },
        [e.type, qid ? undefined : e.id, e.kb?.start ? `${e.type === 'person' ? 'born' : 'from'} ${e.kb.start}` : undefined, e.kb?.end ? `${e.type === 'person' ? 'died' : 'until'} ${e.kb.end}` : undefined].filter(Boolean).join(' · '),
        qid ? ' · ' : null,
        qid ? el('a', { href: `https://www.wikidata.org/wiki/${qid}`, rel: 'noopener noreferrer', target: '_blank' }, `Wikidata ${qid}`) : null,
        ' · ',
        el('a', { href: link('timeline', undefined, { entity: e.id }) }, 'timeline'),
        ' · ',
        el('a', { href: link('graph', undefined, { entity: e.id }) }, 'graph'),
      ),
      r.roles.length ? el('h2', null, 'Roles') : null,
      r.roles.length ? el('ul', null, ...r.roles.map((x) => el('li', null, `${x.office}: ${x.from} – ${x.to ?? ''}`))) : null,
      el('h2', null, `Events (${r.events.length})`),
      e.kb?.note ? el('p', { class: 'muted' }, e.kb.note) : null,
      // In time order, undated last: a historian reads an actor's events as a chronology.
      el(
        'ul',
        null,
        ...[...r.events]
          .sort((a, b) => {
            // Plain code-unit order: localeCompare would put the '~' of undated events before the digits.
            const x = a.interval?.earliest ?? '~';
            const y = b.interval?.earliest ?? '~';
            return x < y ? -1 : x > y ? 1 : 0;
          })
          .map((x) => el('li', null, el('span', { class: 'event-date' }, dateOf(x)), ' ', el('a', { href: link('timeline', undefined, { entity: e.id, focus: x.id }) }, x.label ?? x.id), ` · ${x.class ?? ''}`)),
      ),
      el('h2', null, `Relations (${r.relations.length})`),
      el('ul', null, ...r.relations.map((x) => el('li', null, el('a', { href: link('entity', x.from) }, x.fromName), ` ${x.type ?? 'related to'} `, el('a', { href: link('entity', x.to) }, x.toName)))),
      el('h2', null, `Mentions (${r.mentions.total})`),
      el(
        'ul',
        { class: 'mentions' },
        ...r.mentions.items.map((m) => el('li', null, el('a', { href: link('reader', m.source, { at: `${m.start}-${m.end}` }) }, m.sourceTitle), m.cutBefore === false ? ': ' : ': …', m.before, el('mark', null, m.text), m.after, m.cutAfter === false ? '' : '…')),
      ),
    ),
  );
}
