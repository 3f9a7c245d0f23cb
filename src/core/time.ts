/**
 * Time values shared by the timex stage, events and the corpus checks.
 * Intervals are in whole days since 1970-01-01 (UTC), inclusive on both ends.
 */

/** Inclusive day interval: earliest and latest possible day. */
export interface DayInterval {
  earliest: number;
  latest: number;
}

/** A normalized time value: what the text says (EDTF) and what it can mean (interval). */
export interface TimeValue {
  /** EDTF (ISO 8601-2) string, e.g. `1956-02-25`, `196X`, `1964/1966~`. */
  edtf: string;
  /** TimeML TIMEX3 value, e.g. `1956-02-25`, `P4Y`, `PRESENT_REF`. */
  timex3?: string;
  interval?: DayInterval;
  granularity?: 'day' | 'month' | 'season' | 'year' | 'decade' | 'century' | 'unknown';
}

const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01 UTC) of a calendar date; month is 1-based. */
export function dayNumber(year: number, month = 1, day = 1): number {
  // setting year, month and day together lets month 13 roll into the next year (a plain Date.UTC
  // would read years 0-99 as 1900-1999)
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / MS_PER_DAY);
}

/** Calendar date `YYYY-MM-DD` of a day number. */
export function dayToIso(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const ys = y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
  return `${ys}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The day interval covering a whole year, month (1-based) or day. */
export function calendarInterval(year: number, month?: number, day?: number): DayInterval {
  if (month === undefined) return { earliest: dayNumber(year, 1, 1), latest: dayNumber(year + 1, 1, 1) - 1 };
  if (day === undefined) return { earliest: dayNumber(year, month, 1), latest: dayNumber(year, month + 1, 1) - 1 };
  const n = dayNumber(year, month, day);
  return { earliest: n, latest: n };
}

/** Intersection of two intervals, or null when they are disjoint. */
export function intersectIntervals(a: DayInterval, b: DayInterval): DayInterval | null {
  const earliest = Math.max(a.earliest, b.earliest);
  const latest = Math.min(a.latest, b.latest);
  return earliest <= latest ? { earliest, latest } : null;
}

/** The year an EDTF date or interval starts in (`1953-03-05` → 1953, `1956/1964` → 1956); undefined when it has none. */
export function yearOfEdtf(edtf: string | undefined): number | undefined {
  const m = edtf ? /^-?(\d{4})/.exec(edtf) : null;
  return m ? Number(m[1]) : undefined;
}
