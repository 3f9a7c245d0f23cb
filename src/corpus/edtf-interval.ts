import { calendarInterval, dayToIso, type DayInterval } from '../core/time.ts';
import type { IsoInterval } from './types.ts';

/** Day number standing for an open start (`../1953`): earlier than any real date. */
export const OPEN_START = -1_000_000;
/** Day number standing for an open end (`1958/..`): later than any real date. */
export const OPEN_END = 1_000_000;

/** True when an interval's start is open (unknown, unbounded), not a real day. */
export function isOpenStart(i: DayInterval): boolean {
  return i.earliest <= OPEN_START / 2;
}

/** True when an interval's end is open (unknown, unbounded), not a real day. */
export function isOpenEnd(i: DayInterval): boolean {
  return i.latest >= OPEN_END / 2;
}

/** A day interval with whether its endpoints are approximate or uncertain. */
export interface FuzzyInterval extends DayInterval {
  approximate: boolean;
}

/** Parses one EDTF date (`1956`, `1956-02`, `1956-02-25`, `195X`, `19XX`, with `~ ? %`) to its day interval. */
function parseDate(s: string): FuzzyInterval | null {
  const approximate = /[~?%]/.test(s);
  const m = /^(-?\d{2}[\dX]{2})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(s.replace(/[~?%]/g, ''));
  if (!m) return null;
  const yearText = m[1]!;
  if (yearText.includes('X')) {
    const lo = Number(yearText.replace(/X/g, '0'));
    const hi = Number(yearText.replace(/X/g, '9'));
    return { earliest: calendarInterval(lo).earliest, latest: calendarInterval(hi).latest, approximate };
  }
  const year = Number(yearText);
  const month = m[2] ? Number(m[2]) : undefined;
  // EDTF seasons 21–24: spring…winter as three-month spans.
  if (month !== undefined && month >= 21 && month <= 24) {
    const first = (month - 21) * 3 + 3;
    return { earliest: calendarInterval(year, first).earliest, latest: calendarInterval(year, first + 2).latest, approximate };
  }
  const day = m[3] ? Number(m[3]) : undefined;
  return { ...calendarInterval(year, month, day), approximate };
}

/**
 * The day interval an EDTF string can mean: a date, a decade (`196X`), an interval `A/B`,
 * open ends `../B` and `A/..`, or a set `[A,B]` (its hull). Returns null when unparseable.
 */
export function edtfToInterval(edtf: string | undefined): FuzzyInterval | null {
  if (!edtf) return null;
  const s = edtf.trim().replace(/^\[|\]$|^\{|\}$/g, '');
  if (s.includes('/')) {
    const [a, b] = s.split('/');
    const lo = a && a !== '..' ? parseDate(a) : null;
    const hi = b && b !== '..' ? parseDate(b) : null;
    if (!lo && !hi) return null;
    return {
      earliest: lo ? lo.earliest : OPEN_START,
      latest: hi ? hi.latest : OPEN_END,
      approximate: Boolean(lo?.approximate || hi?.approximate),
    };
  }
  if (s.includes(',') || s.includes('..')) {
    const parts = s.split(/,|\.\./).map((p) => parseDate(p.trim())).filter((p): p is FuzzyInterval => p !== null);
    if (parts.length === 0) return null;
    return { earliest: Math.min(...parts.map((p) => p.earliest)), latest: Math.max(...parts.map((p) => p.latest)), approximate: parts.some((p) => p.approximate) };
  }
  return parseDate(s);
}

/**
 * Day interval of an ISO `{earliest, latest}` pair (as the timex layer and corpus records write it);
 * a `null` side is open (`OPEN_START` / `OPEN_END`). Null when both sides are missing.
 */
export function isoToInterval(iso: { earliest?: unknown; latest?: unknown } | undefined | null): DayInterval | null {
  if (!iso) return null;
  const a = typeof iso.earliest === 'string' ? edtfToInterval(iso.earliest) : null;
  const b = typeof iso.latest === 'string' ? edtfToInterval(iso.latest) : null;
  if (!a && !b) return null;
  if ((typeof iso.earliest === 'string' && !a) || (typeof iso.latest === 'string' && !b)) return null;
  return { earliest: a ? a.earliest : OPEN_START, latest: b ? b.latest : OPEN_END };
}

/** ISO `{earliest, latest}` of a day interval; an open side is `null`, never a far-off sentinel date. */
export function intervalToIso(i: DayInterval): IsoInterval {
  return { earliest: isOpenStart(i) ? null : dayToIso(i.earliest), latest: isOpenEnd(i) ? null : dayToIso(i.latest) };
}

/** The shortest form of a single day: `1956` for 1 January, `1956-02` for the 1st of a month. */
function shortDay(iso: string): string {
  return iso.endsWith('-01-01') ? iso.slice(0, 4) : iso.endsWith('-01') ? iso.slice(0, 7) : iso;
}

/** A short human form of a day interval: `1956-02-25`, `1956-02`, `1956`, `1955–1957`, `from 1958`, `by 1979`. */
export function describeInterval(i: DayInterval): string {
  if (isOpenStart(i) && isOpenEnd(i)) return 'undated';
  if (isOpenStart(i)) return `by ${dayToIso(i.latest)}`;
  if (isOpenEnd(i)) return `from ${shortDay(dayToIso(i.earliest))}`;
  const a = dayToIso(i.earliest);
  const b = dayToIso(i.latest);
  if (a === b) return a;
  if (a.endsWith('-01') && a.slice(0, 7) === b.slice(0, 7) && dayToIso(i.latest + 1).endsWith('-01')) return a.slice(0, 7);
  if (a.endsWith('-01-01') && b.endsWith('-12-31') && a.slice(0, 4) === b.slice(0, 4)) return a.slice(0, 4);
  if (a.endsWith('-01-01') && b.endsWith('-12-31')) return `${a.slice(0, 4)}–${b.slice(0, 4)}`;
  return `${a}…${b}`;
}

/**
 * The EDTF of a day interval for corpus records: a single date or month or year as such
 * (`1956-02-25`, `1956-02`, `1956`), a range `A/B`, and open sides as `..` (`1958/..`, `../1979`).
 */
export function intervalToEdtf(i: DayInterval): string {
  const whole = (iv: DayInterval) => {
    const d = describeInterval(iv);
    return /^\d{4}(?:-\d{2}){0,2}$/.test(d) ? d : undefined;
  };
  const single = !isOpenStart(i) && !isOpenEnd(i) ? whole(i) : undefined;
  if (single) return single;
  // Both ends at the same precision: years (1 Jan … 31 Dec), months (1st … last day) or days.
  const a = isOpenStart(i) ? undefined : dayToIso(i.earliest);
  const b = isOpenEnd(i) ? undefined : dayToIso(i.latest);
  const yearA = !a || a.endsWith('-01-01');
  const yearB = !b || b.endsWith('-12-31');
  const monthA = !a || a.endsWith('-01');
  const monthB = !b || dayToIso(i.latest + 1).endsWith('-01');
  const cut = yearA && yearB ? 4 : monthA && monthB ? 7 : 10;
  const lo = a ? a.slice(0, cut) : '..';
  const hi = b ? b.slice(0, cut) : '..';
  return `${lo}/${hi}`;
}

/**
 * Widens an approximate interval by a margin matching its precision (a day-precise date ±7 days,
 * a month ±1 month, a year or more ±1 year), so "about 1956" can meet "1957".
 */
export function widenApproximate(i: FuzzyInterval): DayInterval {
  if (!i.approximate) return { earliest: i.earliest, latest: i.latest };
  const span = i.latest - i.earliest;
  const margin = span < 1 ? 7 : span < 32 ? 31 : 366;
  return { earliest: i.earliest - margin, latest: i.latest + margin };
}

/**
 * ISO bounds of a record interval for string comparison against a window: an open start becomes
 * `0001-01-01` and an open end `9999-12-31` (comparison only; never store or draw these).
 */
export function comparableIso(iv: IsoInterval): { earliest: string; latest: string } {
  return { earliest: iv.earliest ?? '0001-01-01', latest: iv.latest ?? '9999-12-31' };
}

/**
 * The known part of a record interval as closed ISO bounds, for views that cannot draw an open
 * side: an open side takes the known side's date, so `1958/..` is drawn from 1958, never to a sentinel year.
 */
export function knownIso(iv: IsoInterval): { earliest: string; latest: string } | null {
  const a = iv.earliest ?? iv.latest;
  const b = iv.latest ?? iv.earliest;
  return a && b ? { earliest: a, latest: b } : null;
}
