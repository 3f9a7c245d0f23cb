import { calendarInterval, type DayInterval } from '../core/time.ts';

/** A date found by the fallback date finder. */
export interface FoundDate {
  start: number;
  end: number;
  edtf: string;
  interval: DayInterval;
  approximate: boolean;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';

/** Month number (1-based) of an English month name. */
function monthOf(name: string): number {
  return MONTHS.indexOf(name.toLowerCase()) + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Finds explicit calendar dates in English text (`25 February 1956`, `February 25, 1956`,
 * `November 1959`, `1956`, `the 1950s`, `the mid-1960s`). A fallback for when no timex layer is
 * stored; it does no relative or narrative anchoring.
 */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || b <= s);
  const add = (s: number, e: number, d: Omit<FoundDate, 'start' | 'end'>) => {
    if (!free(s, e)) return;
    taken.push([s, e]);
    out.push({ start: s, end: e, ...d });
  };
  for (const m of text.matchAll(new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'g'))) {
    const [y, mo, d] = [Number(m[3]), monthOf(m[1]!), Number(m[2])];
    add(m.index, m.index + m[0].length, { edtf: `${y}-${pad(mo)}-${pad(d)}`, interval: calendarInterval(y, mo, d), approximate: false });
  }
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'g'))) {
    const [y, mo, d] = [Number(m[3]), monthOf(m[2]!), Number(m[1])];
    add(m.index, m.index + m[0].length, { edtf: `${y}-${pad(mo)}-${pad(d)}`, interval: calendarInterval(y, mo, d), approximate: false });
  }
  for (const m of text.matchAll(new RegExp(`\\b${MONTH}\\s+(?:of\\s+)?(\\d{4})\\b`, 'g'))) {
    const [y, mo] = [Number(m[2]), monthOf(m[1]!)];
    add(m.index, m.index + m[0].length, { edtf: `${y}-${pad(mo)}`, interval: calendarInterval(y, mo), approximate: false });
  }
  for (const m of text.matchAll(/\b(?:(early|mid|late)[- ]?)?(1[5-9]\d0|20[0-2]0)['’]?s\b/gi)) {
    const decade = Number(m[2]);
    const part = m[1]?.toLowerCase();
    const [lo, hi] = part === 'early' ? [0, 3] : part === 'mid' ? [4, 6] : part === 'late' ? [7, 9] : [0, 9];
    add(m.index, m.index + m[0].length, {
      edtf: part ? `${decade + lo}/${decade + hi}` : `${String(decade).slice(0, 3)}X`,
      interval: { earliest: calendarInterval(decade + lo).earliest, latest: calendarInterval(decade + hi).latest },
      approximate: Boolean(part),
    });
  }
  for (const m of text.matchAll(/(?<![\d$€£.,])(1[5-9]\d{2}|20\d{2})(?![\d%]|[.,]\d)/g)) {
    const y = Number(m[1]);
    add(m.index, m.index + m[0].length, { edtf: String(y), interval: calendarInterval(y), approximate: false });
  }
  return out.sort((a, b) => a.start - b.start);
}
