import type { DayInterval } from '../core/time.ts';

/** One dated statement to merge. */
export interface DatedItem<T> {
  interval: DayInterval;
  item: T;
}

/** Result of merging the dates several sources give one event. */
export interface MergedInterval<T> {
  /** Intersection of the largest group of mutually compatible intervals, or null when nothing is dated. */
  interval: DayInterval | null;
  /** Items in the agreeing group. */
  agreeing: T[];
  /** Items whose interval cannot overlap the merged one: each is a contradiction, never averaged in. */
  dissenting: T[];
}

/**
 * Merges dated statements soundly: when all intervals share a day the result is their
 * intersection; otherwise the largest group sharing a common day is kept (ties: the earliest such
 * day) and the rest are reported as dissenting. Approximate dates must be widened by the caller.
 */
export function mergeIntervals<T>(items: readonly DatedItem<T>[]): MergedInterval<T> {
  if (items.length === 0) return { interval: null, agreeing: [], dissenting: [] };
  // Sweep: the day covered by most intervals; everything covering it mutually overlaps.
  const points = items.flatMap((d) => [
    { at: d.interval.earliest, delta: 1 },
    { at: d.interval.latest + 1, delta: -1 },
  ]);
  points.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let depth = 0;
  let best = -1;
  let bestAt = 0;
  for (const p of points) {
    depth += p.delta;
    if (depth > best) {
      best = depth;
      bestAt = p.at;
    }
  }
  const agreeing = items.filter((d) => d.interval.earliest <= bestAt && bestAt <= d.interval.latest);
  const dissenting = items.filter((d) => !(d.interval.earliest <= bestAt && bestAt <= d.interval.latest));
  const interval = {
    earliest: Math.max(...agreeing.map((d) => d.interval.earliest)),
    latest: Math.min(...agreeing.map((d) => d.interval.latest)),
  };
  return { interval, agreeing: agreeing.map((d) => d.item), dissenting: dissenting.map((d) => d.item) };
}

/** True when two intervals share at least one day. */
export function intervalsOverlap(a: DayInterval, b: DayInterval): boolean {
  return a.earliest <= b.latest && b.earliest <= a.latest;
}
