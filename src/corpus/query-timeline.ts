import type { Store } from '../store/store.ts';
import { edtfToInterval, isoToInterval } from './edtf-interval.ts';
import type { Conflict, CorpusEvent, IsoInterval } from './types.ts';

/** Filters for the timeline and the graph: a time window (EDTF or ISO dates), an entity, a source. */
export interface CorpusQuery {
  /** Earliest date of the window (`1956`, `1956-02`, `1956-02-25`). */
  from?: string;
  /** Latest date of the window (its whole year/month/day counts). */
  to?: string;
  /** Entity id: only events or edges it takes part in. */
  entity?: string;
  /** Source id or unique prefix: only what that source supports. */
  source?: string;
}

/** The corpus timeline: dated real-world events in order, with the conflicts that touch them. */
export interface Timeline {
  events: CorpusEvent[];
  conflicts: Conflict[];
}

/** True when an ISO interval meets the query's window (an undated item meets only an open window). */
export function inWindow(interval: IsoInterval | undefined, q: CorpusQuery): boolean {
  if (!q.from && !q.to) return true;
  if (!interval) return false;
  const from = edtfToInterval(q.from);
  const to = edtfToInterval(q.to);
  const iv = isoToInterval(interval);
  if (!iv) return false;
  const a = iv.earliest;
  const b = iv.latest;
  return (!from || b >= from.earliest) && (!to || a <= to.latest);
}

/** True when a source id matches a query's source (exact id or prefix). */
export function sourceMatches(id: string, source: string | undefined): boolean {
  return !source || id === source || id.startsWith(source);
}

/**
 * Filters corpus events and conflicts by window, entity and source. Events are sorted by their
 * earliest date (undated last); with a source filter an event keeps only that source's support.
 * Conflicts are those linked to a kept event, plus those about the entity or quoting the source.
 */
export function filterTimeline(events: readonly CorpusEvent[], conflicts: readonly Conflict[], q: CorpusQuery = {}): Timeline {
  const kept = events
    .filter((e) => inWindow(e.interval, q))
    .filter((e) => !q.entity || e.participants.includes(q.entity))
    .filter((e) => !q.source || e.sources.some((s) => sourceMatches(s, q.source)))
    .map((e) => (q.source ? { ...e, support: e.support.filter((s) => sourceMatches(s.source, q.source)) } : e))
    .sort((a, b) => (a.interval?.earliest ?? '9999').localeCompare(b.interval?.earliest ?? '9999') || a.label.localeCompare(b.label));
  const ids = new Set(kept.map((e) => e.id));
  const unfiltered = !q.from && !q.to && !q.entity && !q.source;
  const related = conflicts.filter(
    (c) =>
      unfiltered ||
      (c.event && ids.has(c.event)) ||
      (!c.event && (!q.entity || c.entity === q.entity) && (!q.source || c.evidence.some((e) => sourceMatches(e.source, q.source))) && (q.entity || q.source)),
  );
  return { events: kept, conflicts: related };
}

/** The corpus timeline from a store, filtered by window, entity and source (see `filterTimeline`). */
export function queryTimeline(store: Store, q: CorpusQuery = {}): Timeline {
  return filterTimeline(store.getCorpus<CorpusEvent>('event'), store.getCorpus<Conflict>('conflict'), q);
}
