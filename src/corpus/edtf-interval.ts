import { calendarInterval, dayToIso, type DayInterval } from '../core/time.ts';
import type { IsoInterval } from './types.ts';

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
      earliest: lo ? lo.earliest : -1_000_000,
      latest: hi ? hi.latest : 1_000_000,
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

/** Day interval of an ISO `{earliest, latest}` pair (as the timex layer writes it). */
export function isoToInterval(iso: { earliest?: unknown; latest?: unknown } | undefined | null): DayInterval | null {
  if (!iso || typeof iso.earliest !== 'string' || typeof iso.latest !== 'string') return null;
  const a = edtfToInterval(iso.earliest);
  const b = edtfToInterval(iso.latest);
  return a && b ? { earliest: a.earliest, latest: b.latest } : null;
}

/** ISO `{earliest, latest}` of a day interval, open ends clamped to the years 0001 and 9999. */
export function intervalToIso(i: DayInterval): IsoInterval {
  const clamp = (n: number) => Math.max(-719_162, Math.min(2_932_896, n));
  return { earliest: dayToIso(clamp(i.earliest)), latest: dayToIso(clamp(i.latest)) };
}

/** A short human form of a day interval: `1956-02-25`, `1956-02`, `1956`, or `1955-01-01…1957-12-31`. */
export function describeInterval(i: DayInterval): string {
  const { earliest: a, latest: b } = intervalToIso(i);
  if (i.earliest <= -700_000) return `by ${b}`;
  if (i.latest >= 2_900_000) return `from ${a}`;
  if (a === b) return a;
  if (a.endsWith('-01') && a.slice(0, 7) === b.slice(0, 7) && dayToIso(i.latest + 1).endsWith('-01')) return a.slice(0, 7);
  if (a.endsWith('-01-01') && b.endsWith('-12-31') && a.slice(0, 4) === b.slice(0, 4)) return a.slice(0, 4);
  if (a.endsWith('-01-01') && b.endsWith('-12-31')) return `${a.slice(0, 4)}–${b.slice(0, 4)}`;
  return `${a}…${b}`;
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
