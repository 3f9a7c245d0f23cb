/**
 * Calendar points of the timex stage: a partial date at some granularity, with conversions to
 * TIMEX3 values, EDTF strings and day intervals, and shifting by calendar units.
 */
import { calendarInterval, dayNumber, dayToIso, type DayInterval } from '../../core/time.ts';
import type { TimexGranularity } from './types.ts';

/** A partial calendar date. Fields beyond the granularity are ignored. */
export interface Point {
  gran: TimexGranularity;
  y: number;
  m?: number;
  d?: number;
  /** ISO week number (the `y` of a week point is its ISO week-year). */
  w?: number;
  q?: number;
  /** Half of a year, 1 or 2. */
  half?: number;
  /** Season code `SP` `SU` `FA` `WI`. */
  s?: string;
  /** Time of day `HH:MM` or part of day `MO` `AF` `EV` `NI`. */
  t?: string;
}

const SEASON_EDTF: Record<string, number> = { SP: 21, SU: 22, FA: 23, WI: 24 };
const SEASON_MONTHS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 14] };

const pad = (n: number, w = 2): string => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(w, '0');

/** Day of week 1 (Monday) … 7 (Sunday) of a day number. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (4)
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO week-year and week number of a day number. */
export function isoWeekOf(day: number): { y: number; w: number } {
  const thursday = day - weekdayOf(day) + 4;
  const y = new Date(thursday * 86_400_000).getUTCFullYear();
  const w = Math.floor((thursday - dayNumber(y, 1, 1)) / 7) + 1;
  return { y, w };
}

/** Day number of the Monday of an ISO week. */
export function mondayOfIsoWeek(y: number, w: number): number {
  const jan4 = dayNumber(y, 1, 4);
  return jan4 - weekdayOf(jan4) + 1 + (w - 1) * 7;
}

/** Point of a day number. */
export function dayPoint(day: number): Point {
  const d = new Date(day * 86_400_000);
  return { gran: 'day', y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** Parses an ISO date or datetime (`YYYY`, `YYYY-MM`, `YYYY-MM-DD…`) into a point, or null. */
export function parseIsoPoint(s: string | undefined): Point | null {
  const m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec((s ?? '').trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) return { gran: 'day', y, m: Number(m[2]), d: Number(m[3]) };
  if (m[2]) return { gran: 'month', y, m: Number(m[2]) };
  return { gran: 'year', y };
}

/** First day number a point covers. */
function firstDay(p: Point): number {
  return pointInterval(p).earliest;
}

/** Day interval of a point, narrowed by a TIMEX3 mod (START, MID, END) where it applies. */
export function pointInterval(p: Point, mod?: string): DayInterval {
  const third = (iv: DayInterval, marks: [number, number, number, number]): DayInterval => {
    const len = iv.latest - iv.earliest + 1;
    if (mod === 'START') return { earliest: iv.earliest, latest: iv.earliest + Math.round(len * marks[0]) - 1 };
    if (mod === 'MID') return { earliest: iv.earliest + Math.round(len * marks[1]), latest: iv.earliest + Math.round(len * marks[2]) - 1 };
    if (mod === 'END') return { earliest: iv.earliest + Math.round(len * marks[3]), latest: iv.latest };
    return iv;
  };
  switch (p.gran) {
    case 'century': {
      const y0 = p.y * 100;
      const iv = { earliest: dayNumber(y0, 1, 1), latest: dayNumber(y0 + 100, 1, 1) - 1 };
      return third(iv, [1 / 3, 1 / 3, 2 / 3, 2 / 3]);
    }
    case 'decade': {
      const y0 = p.y * 10;
      // gold convention: early = 0–3, mid = 4–6, late = 7–9
      if (mod === 'START') return { earliest: dayNumber(y0, 1, 1), latest: dayNumber(y0 + 4, 1, 1) - 1 };
      if (mod === 'MID') return { earliest: dayNumber(y0 + 4, 1, 1), latest: dayNumber(y0 + 7, 1, 1) - 1 };
      if (mod === 'END') return { earliest: dayNumber(y0 + 7, 1, 1), latest: dayNumber(y0 + 10, 1, 1) - 1 };
      return { earliest: dayNumber(y0, 1, 1), latest: dayNumber(y0 + 10, 1, 1) - 1 };
    }
    case 'year':
      return third(calendarInterval(p.y), [1 / 3, 1 / 3, 2 / 3, 2 / 3]);
    case 'half':
      return { earliest: dayNumber(p.y, p.half === 2 ? 7 : 1, 1), latest: dayNumber(p.y, p.half === 2 ? 13 : 7, 1) - 1 };
    case 'quarter': {
      const m0 = ((p.q ?? 1) - 1) * 3 + 1;
      return third({ earliest: dayNumber(p.y, m0, 1), latest: dayNumber(p.y, m0 + 3, 1) - 1 }, [1 / 3, 1 / 3, 2 / 3, 2 / 3]);
    }
    case 'season': {
      const [a, b] = SEASON_MONTHS[p.s ?? 'SU'] ?? [6, 8];
      return third({ earliest: dayNumber(p.y, a, 1), latest: dayNumber(p.y, b + 1, 1) - 1 }, [1 / 3, 1 / 3, 2 / 3, 2 / 3]);
    }
    case 'month': {
      const iv = calendarInterval(p.y, p.m ?? 1);
      if (mod === 'START') return { earliest: iv.earliest, latest: iv.earliest + 9 };
      if (mod === 'MID') return { earliest: iv.earliest + 10, latest: iv.earliest + 19 };
      if (mod === 'END') return { earliest: iv.earliest + 20, latest: iv.latest };
      return iv;
    }
    case 'week': {
      const mon = mondayOfIsoWeek(p.y, p.w ?? 1);
      return { earliest: mon, latest: mon + 6 };
    }
    default: {
      const n = dayNumber(p.y, p.m ?? 1, p.d ?? 1);
      return { earliest: n, latest: n };
    }
  }
}

/** TIMEX3 value of a point: `1956-02-25`, `1956-02`, `1956`, `195`, `19`, `1989-Q3`, `1990-W33`, `1998-FA`. */
export function pointValue(p: Point): string {
  const y = pad(p.y, 4);
  switch (p.gran) {
    case 'century':
      return pad(p.y, 2);
    case 'decade':
      return pad(p.y, 3);
    case 'year':
      return y;
    case 'half':
      return `${y}-H${p.half ?? 1}`;
    case 'quarter':
      return `${y}-Q${p.q ?? 1}`;
    case 'season':
      return `${y}-${p.s ?? 'SU'}`;
    case 'month':
      return `${y}-${pad(p.m ?? 1)}`;
    case 'week':
      return `${y}-W${pad(p.w ?? 1)}`;
    case 'time':
      return `${y}-${pad(p.m ?? 1)}-${pad(p.d ?? 1)}T${p.t ?? 'XX'}`;
    default:
      return `${y}-${pad(p.m ?? 1)}-${pad(p.d ?? 1)}`;
  }
}

/** EDTF of an interval of day numbers; day-exact endpoints. */
export function intervalEdtf(iv: DayInterval, approximate = false): string {
  const q = approximate ? '~' : '';
  return `${dayToIso(iv.earliest)}${q}/${dayToIso(iv.latest)}${q}`;
}

/** EDTF of a year interval (`1960/1963`), `~` when approximate. */
export function yearsEdtf(a: number, b: number, approximate: boolean): string {
  const q = approximate ? '~' : '';
  return `${pad(a, 4)}${q}/${pad(b, 4)}${q}`;
}

/**
 * EDTF of a point. Decades and centuries with START/MID/END become year intervals
 * (early 60s = `1960/1963`, mid = `1964/1966`, late = `1967/1969`, approximate); other mods keep the
 * stated granularity (the interval carries the narrowing).
 */
export function pointEdtf(p: Point, mod?: string): string {
  const y = pad(p.y, 4);
  const approx = mod === 'APPROX' ? '~' : '';
  switch (p.gran) {
    case 'century':
    case 'decade': {
      if (mod === 'START' || mod === 'MID' || mod === 'END') {
        const iv = pointInterval(p, mod);
        return yearsEdtf(new Date(iv.earliest * 86_400_000).getUTCFullYear(), new Date(iv.latest * 86_400_000).getUTCFullYear(), true);
      }
      return p.gran === 'decade' ? `${pad(p.y, 3)}X${approx}` : `${pad(p.y, 2)}XX${approx}`;
    }
    case 'year':
      return `${y}${approx}`;
    case 'half':
      return `${y}-${p.half === 2 ? 41 : 40}${approx}`;
    case 'quarter':
      return `${y}-${32 + (p.q ?? 1)}${approx}`;
    case 'season':
      return `${y}-${SEASON_EDTF[p.s ?? 'SU'] ?? 22}${approx}`;
    case 'month':
      return `${y}-${pad(p.m ?? 1)}${approx}`;
    case 'week':
      return intervalEdtf(pointInterval(p));
    default:
      return `${y}-${pad(p.m ?? 1)}-${pad(p.d ?? 1)}${approx}`;
  }
}

/** Coarsens a point to a granularity (day → month → year …). */
export function truncatePoint(p: Point, gran: TimexGranularity): Point {
  const day = firstDay(p);
  const dp = dayPoint(day);
  switch (gran) {
    case 'century':
      return { gran, y: Math.floor(dp.y / 100) };
    case 'decade':
      return { gran, y: Math.floor(dp.y / 10) };
    case 'year':
      return { gran, y: p.gran === 'week' ? p.y : dp.y };
    case 'quarter':
      return { gran, y: dp.y, q: Math.floor(((dp.m ?? 1) - 1) / 3) + 1 };
    case 'half':
      return { gran, y: dp.y, half: (dp.m ?? 1) <= 6 ? 1 : 2 };
    case 'month':
      return { gran, y: dp.y, m: dp.m };
    case 'week':
      return { gran, ...isoWeekOf(day) };
    default:
      return { ...dp, gran: 'day' };
  }
}

/** Calendar unit codes the shifter knows. */
export type ShiftUnit = 'D' | 'W' | 'M' | 'Q' | 'Y' | 'DE' | 'CE' | 'H' | 'WE' | 'SE';

/** Granularity a shift by a unit yields ("two months ago" → a month). */
export function unitGranularity(unit: string): TimexGranularity {
  // "a decade ago" names a year, not a decade
  const g: Record<string, TimexGranularity> = { D: 'day', WE: 'week', W: 'week', M: 'month', Q: 'quarter', Y: 'year', DE: 'year', CE: 'year', HC: 'year', H: 'time', TM: 'time', S: 'time' };
  return g[unit] ?? 'day';
}

/** Shifts a point by n units and returns a point at the unit's granularity (or the point's, if coarser). */
export function shiftPoint(p: Point, n: number, unit: string): Point {
  const gran = unitGranularity(unit);
  const start = firstDay(p);
  const dp = dayPoint(start);
  let day = start;
  const addMonths = (k: number): number => {
    const total = dp.y * 12 + (dp.m! - 1) + k;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    const maxD = calendarInterval(y, m).latest - calendarInterval(y, m).earliest + 1;
    return dayNumber(y, m, Math.min(dp.d!, maxD));
  };
  if (unit === 'D') day = start + n;
  else if (unit === 'W' || unit === 'WE') day = start + 7 * n;
  else if (unit === 'M') day = addMonths(n);
  else if (unit === 'Q') day = addMonths(3 * n);
  else if (unit === 'Y') day = addMonths(12 * n);
  else if (unit === 'HC') day = addMonths(600 * n);
  else if (unit === 'DE') day = addMonths(120 * n);
  else if (unit === 'CE') day = addMonths(1200 * n);
  else if (unit === 'H') day = start + Math.trunc(n / 24);
  const rank: TimexGranularity[] = ['time', 'day', 'week', 'month', 'season', 'quarter', 'half', 'year', 'decade', 'century'];
  const target = rank.indexOf(p.gran) > rank.indexOf(gran) && p.gran !== 'week' ? p.gran : gran;
  return truncatePoint(dayPoint(day), target === 'time' ? 'day' : target);
}
