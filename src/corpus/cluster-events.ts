import { hashContent } from '../core/hash.ts';
import type { DayInterval } from '../core/time.ts';
import { intervalToEdtf, intervalToIso } from './edtf-interval.ts';
import { labelEvent } from './label-event.ts';
import type { KbIndex } from './kb-index.ts';
import { mergeIntervals } from './merge-intervals.ts';
import { sentenceSpan, type SourceView, type ViewEvent } from './source-view.ts';
import type { CorpusEvent, EventSupport } from './types.ts';

/** One event mention with the source it comes from. */
export interface EventItem {
  view: SourceView;
  event: ViewEvent;
}

/** A cluster of event mentions judged to be one real-world event. */
export interface EventCluster {
  items: EventItem[];
  kbEvent?: string;
}

/** Options of `clusterEvents`. */
export interface ClusterOptions {
  /** Wording similarity needed when the dates agree (Jaccard over content-word stems). */
  minSimilarity?: number;
  /** Wording similarity needed to cluster mentions whose dates disagree (a possible mismatch). */
  minSimilarityDisjoint?: number;
  /** Largest gap in days between disagreeing dates that can still be one event. */
  maxGapDays?: number;
}

const STOP = new Set(
  'that this with from were have been their there which when what where while about after before into over under against between during also only then than they them these those would could should other such some more most very will shall being because since until upon within without said says the and for was his her its our out who whom whose one two'.split(
    ' ',
  ),
);

/** Content-word stems of a text (lower case, 4+ letters, stopwords out, cut to 6 letters). */
export function stems(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 6)));
}

/** Jaccard similarity of two sets. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Entities taking part in an event mention. */
function entitiesOf(e: ViewEvent): Set<string> {
  return new Set(e.participants.map((p) => p.entity).filter((x): x is string => Boolean(x)));
}

/** Day gap between two intervals (0 when they overlap). */
function gap(a: DayInterval, b: DayInterval): number {
  return Math.max(0, a.earliest - b.latest, b.earliest - a.latest);
}

/**
 * Groups event mentions from all sources into real-world events. Mentions naming the same KB event
 * join its cluster (an event-layer mention joins too when it shares a sentence and class with the
 * named event). Other mentions join when they share the class and a participant and their wording
 * is similar; mentions whose dates cannot overlap join only when their wording is very similar and
 * the dates are close, so that a date mismatch is found rather than two events made of one.
 */
export function clusterEvents(items: readonly EventItem[], opts: ClusterOptions = {}): EventCluster[] {
  const minSim = opts.minSimilarity ?? 0.2;
  const minSimDisjoint = opts.minSimilarityDisjoint ?? 0.35;
  const maxGap = opts.maxGapDays ?? 731;
  const clusters: EventCluster[] = [];
  const byKb = new Map<string, EventCluster>();
  const named = items.filter((i) => i.event.kbEvent);
  for (const it of named) {
    const key = it.event.kbEvent!;
    let c = byKb.get(key);
    if (!c) {
      c = { items: [], kbEvent: key };
      byKb.set(key, c);
      clusters.push(c);
    }
    c.items.push(it);
  }
  const rest: EventItem[] = [];
  for (const it of items) {
    if (it.event.kbEvent || !it.event.positive) {
      if (!it.event.kbEvent) rest.push(it);
      continue;
    }
    // An event-layer mention is the named event when its trigger touches the name or sits right beside it.
    // A mention dated by brackets after another name ("the A (1956) and B (1962) crises") is that name's event.
    const ownDate = (n: EventItem) => !it.event.dateOf || (it.event.dateOf.start < n.event.end && n.event.start < it.event.dateOf.end);
    const host = named.find(
      (n) =>
        n.view === it.view &&
        !n.event.referential &&
        n.event.cls === it.event.cls &&
        Math.max(n.event.start - it.event.end, it.event.start - n.event.end) <= 30 &&
        ownDate(n),
    );
    if (host) byKb.get(host.event.kbEvent!)!.items.push(it);
    else rest.push(it);
  }
  // Union–find over the unnamed mentions.
  const parent = rest.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const words = rest.map((r) => {
    const s = sentenceSpan(r.view, r.event.start);
    return stems(r.view.text.slice(s.start, s.end));
  });
  for (let i = 0; i < rest.length; i++) {
    for (let j = i + 1; j < rest.length; j++) {
      const a = rest[i]!.event;
      const b = rest[j]!.event;
      if (a.cls !== b.cls || a.cls === 'other' || !a.positive || !b.positive) continue;
      const ea = entitiesOf(a);
      const eb = entitiesOf(b);
      if (![...ea].some((x) => eb.has(x))) continue;
      const sim = jaccard(words[i]!, words[j]!);
      const disjoint = a.interval && b.interval && gap(a.interval, b.interval) > 0;
      if (disjoint ? sim < minSimDisjoint || gap(a.interval!, b.interval!) > maxGap || rest[i]!.view === rest[j]!.view : sim < minSim) continue;
      parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, EventItem[]>();
  rest.forEach((r, i) => {
    if (!r.event.positive) return;
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });
  for (const g of groups.values()) clusters.push({ items: g });
  return clusters;
}

/** The support record of one clustered mention. */
function supportOf(it: EventItem): EventSupport {
  const s = sentenceSpan(it.view, it.event.start);
  const sup: EventSupport = {
    source: it.view.id,
    annotation: it.event.id,
    edtf: it.event.inherited ? '' : (it.event.edtf ?? ''),
    text: it.view.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim(),
    start: it.event.start,
    end: it.event.end,
  };
  if (it.event.interval && !it.event.inherited) sup.interval = intervalToIso(it.event.interval);
  return sup;
}

/** Result of turning clusters into corpus events: the records and the mentions whose dates dissent. */
export interface AssembledEvents {
  events: CorpusEvent[];
  /** Per event id: the dated mentions whose interval cannot overlap the merged one. */
  dissent: Map<string, { agreeing: EventItem[]; dissenting: EventItem[]; kbInterval?: DayInterval }>;
  /** Per event id: each supporting mention's participants with their roles (for the actor graph). */
  roles: Map<string, MentionRoles[]>;
}

/** The participants of one supporting mention, with their roles (`kb` when the KB lists them without roles). */
export interface MentionRoles {
  source: string;
  annotation: string;
  participants: Array<{ role: string; entity: string }>;
}

/**
 * Turns clusters into corpus event records: label, merged interval (intersection of the agreeing
 * dated mentions, and of the KB date when the event is a KB event), support per source.
 */
export function assembleEvents(clusters: readonly EventCluster[], index: KbIndex): AssembledEvents {
  const events: CorpusEvent[] = [];
  const dissent: AssembledEvents['dissent'] = new Map();
  const roles: AssembledEvents['roles'] = new Map();
  for (const c of clusters) {
    const kbEv = c.kbEvent ? index.kb.eventById.get(c.kbEvent) : undefined;
    const kbInterval = kbEv ? (index.eventInterval(kbEv) ?? undefined) : undefined;
    const dated = c.items.filter((i) => i.event.interval && !i.event.inherited).map((i) => ({ interval: i.event.interval!, item: i }));
    let agreeing: EventItem[];
    let dissenting: EventItem[];
    let interval: DayInterval | null;
    if (kbInterval) {
      // The record's date is the reference: sources that cannot meet it dissent.
      agreeing = dated.filter((d) => d.interval.earliest <= kbInterval.latest && kbInterval.earliest <= d.interval.latest).map((d) => d.item);
      dissenting = dated.filter((d) => !agreeing.includes(d.item)).map((d) => d.item);
      interval = mergeWithin(kbInterval, agreeing.map((i) => i.event.interval!));
    } else {
      const merged = mergeIntervals(dated);
      agreeing = merged.agreeing;
      dissenting = merged.dissenting;
      interval = merged.interval;
    }
    const first = [...c.items].sort((a, b) => (a.view.id + String(a.event.start).padStart(9, '0')).localeCompare(b.view.id + String(b.event.start).padStart(9, '0')))[0]!;
    const participants = [...new Set(c.items.flatMap((i) => i.event.participants.map((p) => p.entity).filter((x): x is string => Boolean(x))))].sort();
    const agents = [...new Set(c.items.flatMap((i) => i.event.participants.filter((p) => p.role === 'agent').map((p) => p.entity).filter((x): x is string => Boolean(x))))].sort();
    const cls = kbEv?.class ?? first.event.cls;
    const trigger = first.view.text.slice(first.event.start, first.event.end);
    const s = sentenceSpan(first.view, first.event.start);
    const label =
      kbEv?.name ??
      labelEvent(
        trigger,
        first.event.participants.map((p) => ({ role: p.role, name: p.entity ? index.nameOf(p.entity) : p.text.trim() })).filter((p) => p.name),
        first.view.text.slice(s.start, s.end),
        first.event.start - s.start,
      );
    const id = `event:${hashContent(c.kbEvent ?? `${first.view.id}|${first.event.id}`, 12)}`;
    const ev: CorpusEvent = {
      id,
      class: cls,
      label,
      edtf: interval ? intervalToEdtf(interval) : '',
      support: c.items.map(supportOf),
      participants,
      agents,
      sources: [...new Set(c.items.map((i) => i.view.id))].sort(),
      conflicts: [],
    };
    if (interval) ev.interval = intervalToIso(interval);
    if (c.kbEvent) ev.kbEvent = c.kbEvent;
    events.push(ev);
    dissent.set(id, { agreeing, dissenting, kbInterval });
    roles.set(
      id,
      c.items.map((i) => ({
        source: i.view.id,
        annotation: i.event.id,
        // A named KB event lists who took part, not on which side.
        participants: i.event.participants.filter((p) => p.entity).map((p) => ({ role: i.event.kbEvent ? 'kb' : p.role, entity: p.entity! })),
      })),
    );
  }
  return { events: events.sort((a, b) => sortKey(a).localeCompare(sortKey(b)) || a.id.localeCompare(b.id)), dissent, roles };
}

/** Sort key of an event by date: open starts first, undated last. */
function sortKey(e: CorpusEvent): string {
  return e.interval ? (e.interval.earliest ?? '0000') : '9999';
}

/**
 * The date of a KB-anchored event: the intersection of the record's interval and the agreeing
 * sources' intervals when they share a day; when the sources each meet the record but not one
 * another (one says October, another November of a two-week event), the record's interval cut to
 * the sources' hull. Never wider than the record, never inverted.
 */
export function mergeWithin(record: DayInterval, sources: readonly DayInterval[]): DayInterval {
  let lo = record.earliest;
  let hi = record.latest;
  for (const i of sources) {
    lo = Math.max(lo, i.earliest);
    hi = Math.min(hi, i.latest);
  }
  if (lo <= hi) return { earliest: lo, latest: hi };
  const hullLo = Math.min(...sources.map((i) => i.earliest));
  const hullHi = Math.max(...sources.map((i) => i.latest));
  return { earliest: Math.max(record.earliest, hullLo), latest: Math.min(record.latest, hullHi) };
}
