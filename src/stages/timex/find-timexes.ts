/**
 * The core finder of the timex stage: text in, temporal expressions out, each typed (TIMEX3),
 * valued (TIMEX3 value, EDTF, day interval) and anchored (document date, the narrative's moving
 * reference time, or a knowledge-base event). Pure: no clock, no I/O beyond the cached rule file.
 */
import { dayNumber, dayToIso, type DayInterval } from '../../core/time.ts';
import {
  dayPoint,
  parseIsoPoint,
  pointEdtf,
  pointInterval,
  pointValue,
  shiftPoint,
  truncatePoint,
  unitGranularity,
  weekdayOf,
  yearsEdtf,
  type Point,
} from './calendar.ts';
import type { KbEvent } from '../../kb/types.ts';
import { findOrdinalEvent, findPersonEvent, indexKbForTime, resolveOwner, type KbTimeIndex } from './kb-anchor.ts';
import { escapeForRegExp, loadTimexRules, type TimexRules } from './load-rules.ts';
import { matchRules, type Candidate } from './match-rules.ts';
import { governingTense, nearestTenseCue } from './tense.ts';
import type { FindTimexOptions, IsoInterval, Timex, TimexAnchor, TimexType } from './types.ts';

/** Per-call resolution state: document date and the narrative's reference time per region. */
interface Context {
  text: string;
  rules: TimexRules;
  opts: FindTimexOptions;
  kbIndex: KbTimeIndex | null;
  dct: Point | null;
  /** Last explicit absolute time mentioned (moves as the text moves). */
  ref: { point: Point; text: string; start: number } | null;
  /** Last quarter mentioned (news reports compare quarters). */
  lastQuarter: Point | null;
  /** KB events named so far, latest last ("after the war" picks the last war). */
  kbMentioned: KbEvent[];
  /** Most explicit years lie well before the document date. */
  historicalText: boolean;
  candidates: Candidate[];
  index: number;
}

type G = Record<string, string | undefined>;

const lc = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Number from a word ("four", "a couple of") or digits; "X" when vague. */
function numberOf(g: G, rules: TimexRules): number | 'X' | null {
  if (g.num) return Number(g.num.replace(/,/g, ''));
  if (g.number) {
    const v = rules.vocab.number?.get(lc(g.number));
    if (v === undefined) return null;
    return v === 'X' ? 'X' : Number(v);
  }
  return null;
}

/** A fractional count in a smaller unit: half a century → 50 years, half a year → 6 months. */
function wholeUnits(n: number, unit: string): [number, string] {
  if (Number.isInteger(n)) return [n, unit];
  const down: Record<string, [number, string]> = { CE: [100, 'Y'], DE: [10, 'Y'], Y: [12, 'M'], M: [30, 'D'], W: [7, 'D'] };
  const d = down[unit];
  return d ? [Math.round(n * d[0]), d[1]] : [Math.round(n), unit];
}

/** TIMEX3 mod of an approximator right before a span ("about two weeks" → APPROX); TimeML keeps it outside the span. */
function approxBefore(ctx: Context, start: number): string | undefined {
  const m = /(\p{L}+(?:\s+\p{L}+)?)\s+$/u.exec(ctx.text.slice(Math.max(0, start - 16), start));
  if (!m) return undefined;
  const two = lc(m[1]);
  const v = ctx.rules.vocab.approx?.get(two) ?? ctx.rules.vocab.approx?.get(two.split(' ').pop() ?? '');
  return typeof v === 'string' ? v : undefined;
}

/** TIMEX3 duration value of n units (`P4Y`, `PT3H`, `PXM`). */
function durationValue(n: number | 'X', unit: string): string {
  if (unit === 'DE' && n !== 'X') return `P${n * 10}Y`;
  if (unit === 'CE' && n !== 'X') return `P${n * 100}Y`;
  if (unit === 'HC') return n === 'X' ? 'PXY' : `P${n * 50}Y`;
  if (unit === 'GEN') return n === 'X' ? 'PXY' : `P${n * 25}Y`;
  if (unit === 'ML') return n === 'X' ? 'PXML' : `P${n * 1000}Y`;
  if (unit === '2W') return 'P2W';
  const timeUnit = unit === 'H' || unit === 'TM' || unit === 'S';
  const u = unit === 'TM' ? 'M' : unit;
  if (n !== 'X' && !Number.isInteger(n)) {
    // TimeML writes the whole units and the rest in the next smaller unit: 2 1/2 years = P2Y6M, 5 1/2 hours = PT5H30M
    const down: Record<string, [number, string]> = { Y: [12, 'M'], M: [30, 'D'], D: [24, 'H'], W: [7, 'D'], H: [60, 'M'], TM: [60, 'S'] };
    const d = down[unit];
    if (d) {
      const whole = Math.floor(n);
      const rest = Math.round((n - whole) * d[0]);
      const big = unit === 'TM' ? 'M' : unit;
      const timeBig = unit === 'H' || unit === 'TM';
      const timeRest = timeBig || d[1] === 'H';
      if (whole === 0) return `P${timeRest ? 'T' : ''}${rest}${d[1]}`;
      if (timeBig) return `PT${whole}${big}${rest}${d[1]}`;
      return timeRest ? `P${whole}${big}T${rest}${d[1]}` : `P${whole}${big}${rest}${d[1]}`;
    }
  }
  return `P${timeUnit ? 'T' : ''}${n}${u}`;
}

/** The sentence around a span (up to the nearest sentence punctuation or line break). */
function sentenceAround(ctx: Context, start: number, end: number): string {
  const t = ctx.text;
  let a = start;
  while (a > 0 && !/[.!?\n]/.test(t[a - 1]!)) a--;
  let b = end;
  while (b < t.length && !/[.!?\n]/.test(t[b]!)) b++;
  return t.slice(a, b);
}

/** True when the verb governing a span speaks of the future ("will meet Friday", "is expected to close in May"). */
function futureTense(ctx: Context, start: number, end: number): boolean {
  return governingTense(ctx.text, start, end, ctx.rules) === 'future';
}

/**
 * True when undated months and weekdays should follow the narrative rather than the document date:
 * there is no document date, or the text is a historical one (most of its explicit years lie well
 * before the document date) and the reference time is too.
 */
function historical(ctx: Context): boolean {
  if (!ctx.ref) return false;
  if (!ctx.dct) return true;
  return ctx.historicalText && ctx.ref.point.y <= ctx.dct.y - 2;
}

/**
 * True when fewer than half of the explicit years of a text lie near its document date (news reports
 * stay near it). Weekdays and words like "yesterday" count as near: only a report speaks of its own
 * days that way.
 */
function isHistoricalText(candidates: readonly Candidate[], dct: Point | null): boolean {
  if (!dct) return true;
  let near = 0;
  let all = 0;
  for (const c of candidates) {
    if (c.rule.kind === 'weekday' || c.rule.kind === 'deictic') {
      near++;
      all++;
      continue;
    }
    const y = c.groups.year ?? c.groups.decadeFull;
    if (!y || y.length !== 4) continue;
    all++;
    if (Number(y) >= dct.y - 2 && Number(y) <= dct.y + 1) near++;
  }
  return all > 0 && near / all < 0.5;
}

const SIGNAL_RE = new WeakMap<TimexRules, RegExp | null>();

/** A word or phrase of vocab `signal` ending right at the end of a string (null when the rule file has none). */
function signalRegExp(rules: TimexRules): RegExp | null {
  let re = SIGNAL_RE.get(rules);
  if (re === undefined) {
    const keys = [...(rules.vocab.signal?.keys() ?? [])].sort((a, b) => b.length - a.length).map(escapeForRegExp);
    re = keys.length ? new RegExp(`(?:^|[^\\p{L}])(${keys.join('|')})\\s+$`, 'iu') : null;
    SIGNAL_RE.set(rules, re);
  }
  return re;
}

/** The temporal preposition right before a span, if any: "since 1944" → after. */
function signalBefore(ctx: Context, start: number): Timex['signal'] {
  const before = ctx.text.slice(Math.max(0, start - 14), start);
  const m = signalRegExp(ctx.rules)?.exec(before);
  if (!m) return undefined;
  const relation = ctx.rules.vocab.signal?.get(m[1]!.toLowerCase());
  return typeof relation === 'string' ? { text: m[1]!, relation } : undefined;
}

/** Reference for anaphoric expressions: narrative time, else the document date. */
function anaphoricBase(ctx: Context): { point: Point; anchor: TimexAnchor; confidence: number } | null {
  if (ctx.ref) return { point: ctx.ref.point, anchor: { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` }, confidence: 0.75 };
  if (ctx.dct) return { point: ctx.dct, anchor: { kind: 'document', ref: pointValue(ctx.dct) }, confidence: 0.5 };
  return null;
}

/**
 * True when the verb governing a match is in the present or a plain future ("is set for April",
 * "will meet in May"): the sentence speaks from the document's time, not the narrative's. A future
 * seen from the past (vocab `pastFutureCue`: "would") does not count.
 */
function speaksOfNow(ctx: Context, c: Candidate): boolean {
  if (!ctx.dct) return false;
  const cue = nearestTenseCue(ctx.text, c.start, c.end, ctx.rules);
  if (!cue || cue.tense === 'past') return false;
  return !ctx.rules.lists.pastFutureCue?.has(lc(cue.word));
}

/** Extra distance, in months, of a later month read without a future-tense verb. */
const FUTURE_MONTH_COST = 2.5;

/** Year for a date without one ("Oct. 23", "in May"): a coordinated sibling, the narrative, or the document. */
function inferYear(ctx: Context, c: Candidate, month?: number): { y: number; anchor: TimexAnchor; confidence: number } | null {
  // "August 5 and September 10, 1969": borrow the year of the next coordinated date
  const next = ctx.candidates[ctx.index + 1];
  if (next && /^\s*(?:[-–—,]|and|or|to|through|until|till)\s*(?:early\s+|late\s+|mid-?)?\s*$/i.test(ctx.text.slice(c.end, next.start)) && next.groups.year) {
    return { y: Number(next.groups.year), anchor: { kind: 'timex', ref: `${ctx.text.slice(next.start, next.end)}@${next.start}` }, confidence: 0.85 };
  }
  if (ctx.ref && historical(ctx) && !speaksOfNow(ctx, c)) {
    return { y: ctx.ref.point.y, anchor: { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` }, confidence: 0.7 };
  }
  if (ctx.dct) {
    let y = ctx.dct.y;
    if (month !== undefined && ctx.dct.m !== undefined) {
      // news: the nearest such month to the document date, leaning to the past unless the governing
      // verb looks ahead (reports mostly look back: "in March", said in November, is the March before)
      const tense = governingTense(ctx.text, c.start, c.end, ctx.rules);
      let best = Infinity;
      for (const cand of [ctx.dct.y - 1, ctx.dct.y, ctx.dct.y + 1]) {
        const diff = cand * 12 + month - (ctx.dct.y * 12 + ctx.dct.m);
        const future = tense === 'future';
        const cost = Math.abs(diff) + (diff > 0 && !future ? FUTURE_MONTH_COST : 0) + (diff < 0 && future ? 2.5 : 0);
        if (cost < best) {
          best = cost;
          y = cand;
        }
      }
    }
    return { y, anchor: { kind: 'document', ref: pointValue(ctx.dct) }, confidence: 0.8 };
  }
  if (ctx.ref) return { y: ctx.ref.point.y, anchor: { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` }, confidence: 0.6 };
  return null;
}

/** Everything a normalizer decides about one match. */
interface Resolved {
  type: TimexType;
  value: string;
  point?: Point;
  mod?: string;
  edtf?: string | null;
  interval?: DayInterval | { earliest: number | null; latest: number | null } | null;
  anchor: TimexAnchor;
  confidence: number;
  /** Moves the narrative reference time. */
  setsRef?: boolean;
  note?: string;
  parts?: Array<{ start: number; end: number; type: TimexType; value: string; point?: Point; mod?: string }>;
  /** TimeML's own reading when it differs (see `Timex.timeml`). */
  timeml?: Timex['timeml'];
  /** Drop this match after all. */
  reject?: boolean;
  /** Dates only the clause the expression introduces (see `Timex.scope`). */
  scope?: 'clause';
  /** A coordination read as separate expressions ("the 90th and the 100th anniversary of X"). */
  split?: Array<{ start: number; end: number; res: Resolved }>;
}

const NONE: TimexAnchor = { kind: 'none' };

/** Resolved value of a point with an anchor. */
function fromPoint(point: Point, anchor: TimexAnchor, confidence: number, mod?: string, setsRef = false): Resolved {
  return { type: 'DATE', value: pointValue(point), point, mod, anchor, confidence, setsRef };
}

/** A match with no usable reference time: kept, marked unresolved. */
function unresolved(type: TimexType, value: string, note: string): Resolved {
  return { type, value, edtf: null, interval: null, anchor: NONE, confidence: 0.3, note };
}

function modOf(g: G, rules: TimexRules): string | undefined {
  const m = g.mod ?? g.relMod;
  if (!m) return undefined;
  const k = lc(m).replace(/-$/, '');
  const v = rules.vocab.mod?.get(k) ?? rules.vocab.mod?.get(`${k}-`) ?? (k === 'earlier' ? 'START' : k === 'later' ? 'END' : undefined);
  return typeof v === 'string' ? v : undefined;
}

function monthOf(g: G, rules: TimexRules, key = 'month'): number | undefined {
  if (key === 'month' && g.monthNum) return Number(g.monthNum);
  const w = g[key];
  if (!w) return undefined;
  const v = rules.vocab.month?.get(lc(w)) ?? rules.vocab.month?.get(`${lc(w)}.`);
  return typeof v === 'number' ? v : undefined;
}

function seasonOf(g: G, rules: TimexRules): string | undefined {
  const v = g.season ? rules.vocab.season?.get(lc(g.season)) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** date: explicit or partial calendar dates. */
function resolveDate(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  const mod = modOf(g, r);
  let year = g.year ? Number(g.year) : undefined;
  if (year !== undefined && g.year!.length === 2) year += year < 30 ? 2000 : 1900;
  if (g.spelledCentury || g.spelledMillennium) {
    // "nineteen ninety-six", "the year two thousand"
    const tens = Number(r.vocab.tens?.get(lc(g.tens)) ?? 0);
    const ones = Number(r.vocab.ones?.get(lc(g.ones ?? g.ones2)) ?? 0);
    year = g.spelledMillennium ? 2000 + ones : (lc(g.spelledCentury) === 'nineteen' ? 1900 : 1800) + tens + ones;
    g.year = String(year);
  }
  const month = monthOf(g, r);
  const day = g.day ? Number.parseInt(g.day, 10) : undefined;
  const season = seasonOf(g, r);
  const id = c.rule.id;
  if (season === 'FA' && /^fall$/i.test(ctx.text.slice(c.start, c.end)) && !/\b(?:the|last|this|next|in|that)\s+$/i.test(ctx.text.slice(Math.max(0, c.start - 6), c.start))) {
    return { ...unresolved('DATE', '', ''), reject: true };
  }
  if (id === 'year-range-short' && year !== undefined) {
    const y2 = Math.floor(year / 100) * 100 + Number(g.year2short);
    if (y2 <= year) return { ...unresolved('DATE', '', ''), reject: true };
    const a = { gran: 'year' as const, y: year };
    const b = { gran: 'year' as const, y: y2 };
    return {
      type: 'DATE', value: pointValue(a), anchor: NONE, confidence: 0.9, setsRef: true, point: b,
      edtf: yearsEdtf(year, y2, false), interval: { earliest: pointInterval(a).earliest, latest: pointInterval(b).latest },
      parts: [{ start: c.start, end: c.start + 4, type: 'DATE', value: pointValue(a), point: a }, { start: c.start + 5, end: c.end, type: 'DATE', value: pointValue(b), point: b }],
    };
  }
  if (g.qperiod && year !== undefined && ctx.lastQuarter) {
    // "the 1988 period" in a quarterly report: the quarter being reported, in that year
    return fromPoint({ gran: 'quarter', y: year, q: ctx.lastQuarter.q }, NONE, 0.7);
  }
  let anchor: TimexAnchor = NONE;
  let confidence = 0.95;
  if (year === undefined) {
    const inf = inferYear(ctx, c, month);
    if (!inf) return unresolved('DATE', month ? `XXXX-${String(month).padStart(2, '0')}${day ? `-${String(day).padStart(2, '0')}` : ''}` : season ? `XXXX-${season}` : 'XXXX', 'no year in the text before it and no document date');
    year = inf.y;
    anchor = inf.anchor;
    confidence = inf.confidence;
  }
  if (id === 'month-range-year' && month !== undefined) {
    const m2 = monthOf(g, r, 'month2');
    const a: Point = { gran: 'month', y: year, m: month };
    const b: Point = { gran: 'month', y: year, m: m2 ?? month };
    const dash = ctx.text.slice(c.start, c.end).search(/[-–—]/);
    return {
      type: 'DATE', value: pointValue(b), point: b, anchor, confidence, setsRef: true,
      edtf: `${pointEdtf(a)}/${pointEdtf(b)}`, interval: { earliest: pointInterval(a).earliest, latest: pointInterval(b).latest },
      parts: [
        { start: c.start, end: c.start + dash, type: 'DATE', value: pointValue(a), point: a },
        { start: c.start + dash + 1 + (/\s/.test(ctx.text[c.start + dash + 1]!) ? 1 : 0), end: c.end, type: 'DATE', value: pointValue(b), point: b },
      ],
    };
  }
  let point: Point;
  if (season) point = { gran: 'season', y: year, s: season };
  else if (month !== undefined && day !== undefined) point = { gran: 'day', y: year, m: month, d: day };
  else if (month !== undefined) point = { gran: 'month', y: year, m: month };
  else point = { gran: 'year', y: year };
  if (day !== undefined && (day < 1 || day > 31)) return { ...unresolved('DATE', '', ''), reject: true };
  return fromPoint(point, anchor, confidence, mod, g.year !== undefined);
}

/** decade: "the 1960s", "the early 60s", "the sixties", "the 1930s-1950s", "the turn of the 1950s and 1960s". */
function resolveDecade(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const mod = modOf(g, ctx.rules);
  let d: number | undefined;
  if (g.decadeFull) d = Number(g.decadeFull) / 10;
  else {
    const short = g.decadeShort ? Number(g.decadeShort) / 10 : Number(ctx.rules.vocab.decadeWord?.get(lc(g.decadeWord)) ?? NaN);
    if (!Number.isFinite(short)) return { ...unresolved('DATE', '', ''), reject: true };
    // "the 60s": the latest such decade not after the document date (or the year 2000 when unknown)
    const baseY = ctx.dct?.y ?? 2000;
    let century = Math.floor(baseY / 100);
    if (century * 100 + short * 10 > baseY) century -= 1;
    d = century * 10 + short;
  }
  if (g.decadeFull2) {
    const d2 = Number(g.decadeFull2) / 10;
    const a: Point = { gran: 'decade', y: d };
    const b: Point = { gran: 'decade', y: d2 };
    if (c.rule.id === 'turn-of-decades') {
      const y = d2 * 10;
      return {
        type: 'DATE', value: String(y), mod: 'APPROX', point: { gran: 'year', y }, anchor: NONE, confidence: 0.8, setsRef: true,
        edtf: yearsEdtf(y - 1, y, true), interval: { earliest: dayNumber(y - 1, 1, 1), latest: dayNumber(y + 1, 1, 1) - 1 },
      };
    }
    const text = ctx.text.slice(c.start, c.end);
    const dash = text.search(/[-–—]/);
    const firstStart = c.start + text.search(/[0-9]/);
    return {
      type: 'DATE', value: pointValue(a), point: b, anchor: NONE, confidence: 0.9, setsRef: true,
      edtf: yearsEdtf(d * 10, d2 * 10 + 9, false), interval: { earliest: pointInterval(a).earliest, latest: pointInterval(b).latest },
      parts: [
        { start: firstStart, end: c.start + dash, type: 'DATE', value: pointValue(a), point: a },
        { start: c.start + dash + 1, end: c.end, type: 'DATE', value: pointValue(b), point: b },
      ],
    };
  }
  return fromPoint({ gran: 'decade', y: d }, NONE, 0.9, mod, true);
}

/** century: "the 20th century", "the early nineteenth century". */
function resolveCentury(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const n = g.centuryNum ? Number.parseInt(g.centuryNum, 10) : Number(ctx.rules.vocab.centuryOrdinal?.get(lc(g.centuryOrdinal)) ?? NaN);
  if (!Number.isFinite(n) || n < 1) return { ...unresolved('DATE', '', ''), reject: true };
  if (c.rule.id === 'turn-of-century') {
    const y = n * 100 - 100;
    return {
      type: 'DATE', value: String(y), mod: 'APPROX', point: { gran: 'year', y }, anchor: NONE, confidence: 0.8, setsRef: true,
      edtf: yearsEdtf(y - 1, y, true), interval: { earliest: dayNumber(y - 1, 1, 1), latest: dayNumber(y + 1, 1, 1) - 1 },
    };
  }
  return fromPoint({ gran: 'century', y: n - 1 }, NONE, 0.9, modOf(g, ctx.rules), true);
}

/** The quarter a news report speaks of: the last one mentioned, else the last one completed. */
function reportingQuarter(ctx: Context): Point | null {
  if (ctx.lastQuarter) return ctx.lastQuarter;
  if (!ctx.dct) return null;
  const q = truncatePoint(ctx.dct, 'quarter');
  return shiftPoint(q, -1, 'Q');
}

/** quarter and half: "the third quarter", "fiscal 1989 second quarter", "the year-ago quarter". */
function resolveQuarter(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  if (c.rule.kind === 'half' || g.halfOrd) {
    const h = Number(r.vocab.ordinal?.get(lc(g.halfOrd)) ?? NaN);
    if (h !== 1 && h !== 2) return { ...unresolved('DATE', '', ''), reject: true };
    const y = g.year ? Number(g.year) : (ctx.dct?.y ?? ctx.ref?.point.y);
    if (y === undefined) return unresolved('DATE', `XXXX-H${h}`, 'no year known');
    return fromPoint({ gran: 'half', y, half: h }, g.year ? NONE : { kind: 'document', ref: ctx.dct ? pointValue(ctx.dct) : undefined }, 0.8);
  }
  if (g.quarterOrd) {
    const q = Number(r.vocab.ordinal?.get(lc(g.quarterOrd)) ?? NaN);
    if (!(q >= 1 && q <= 4)) return { ...unresolved('DATE', '', ''), reject: true };
    let y = g.year ? Number(g.year) : undefined;
    let anchor: TimexAnchor = NONE;
    if (y === undefined && g.rel && ctx.dct) {
      y = ctx.dct.y + Number(r.vocab.deicticRel?.get(lc(g.rel)) ?? 0);
      anchor = { kind: 'document', ref: pointValue(ctx.dct) };
    }
    if (y === undefined) {
      if (!ctx.dct) return unresolved('DATE', `XXXX-Q${q}`, 'no year known');
      const cur = truncatePoint(ctx.dct, 'quarter');
      y = ctx.dct.y;
      if (q > (cur.q ?? 1) && !futureTense(ctx, c.start, c.end)) y -= 1;
      anchor = { kind: 'document', ref: pointValue(ctx.dct) };
    }
    const p: Point = { gran: 'quarter', y, q };
    ctx.lastQuarter = p;
    return fromPoint(p, anchor, 0.85);
  }
  const base = reportingQuarter(ctx);
  if (!base) return unresolved('DATE', 'XXXX-QX', 'no document date');
  // vocab quarterRel: a shift from the quarter being reported, or the document's own quarter
  // ("the current quarter"), or the last one completed before it ("the latest quarter")
  const rel = r.vocab.quarterRel?.get(lc(g.qrel));
  let p = base;
  if (typeof rel === 'number') p = shiftPoint(base, rel, 'Q');
  else if (rel === 'current' && ctx.dct) p = truncatePoint(ctx.dct, 'quarter');
  else if (rel === 'completed' && ctx.dct) p = shiftPoint(truncatePoint(ctx.dct, 'quarter'), -1, 'Q');
  // "the 1988 quarter": the reported quarter of that year
  p = { gran: 'quarter', y: g.year ? Number(g.year) : p.y, q: p.q };
  return fromPoint(p, { kind: 'document', ref: ctx.dct ? pointValue(ctx.dct) : undefined }, 0.7);
}

/** The weekday nearest a base day, looking back (or ahead when the sentence speaks of the future). */
function nearestWeekday(base: number, wd: number, dir: -1 | 0 | 1, strictly: boolean): number {
  const cur = weekdayOf(base);
  if (dir >= 0 && (dir === 1 || false)) {
    let diff = (wd - cur + 7) % 7;
    if (diff === 0 && strictly) diff = 7;
    return base + diff;
  }
  let diff = (cur - wd + 7) % 7;
  if (diff === 0 && strictly) diff = 7;
  return base - diff;
}

/** weekday: "Friday", "last Monday", "Wednesday night". */
function resolveWeekday(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  const wd = Number(r.vocab.weekday?.get(lc(g.weekday)) ?? NaN);
  if (!Number.isFinite(wd)) return { ...unresolved('DATE', '', ''), reject: true };
  const text = lc(ctx.text.slice(c.start, c.end));
  const pod = g.partOfDay ? r.vocab.partOfDay?.get(lc(g.partOfDay)) : undefined;
  const useRef = ctx.ref !== null && ctx.ref.point.gran === 'day' && historical(ctx);
  const basePoint = useRef ? ctx.ref!.point : ctx.dct;
  if (!basePoint) return unresolved(pod ? 'TIME' : 'DATE', `XXXX-WXX-${wd}`, 'no date to count weekdays from');
  const base = pointInterval(basePoint).earliest;
  let day: number;
  // "last Monday" / "в прошлый понедельник": the rel group read through vocab deicticRel
  const relV = g.rel ? r.vocab.deicticRel?.get(lc(g.rel)) : undefined;
  if (text.startsWith('last ') || (typeof relV === 'number' && relV < 0)) day = nearestWeekday(base, wd, -1, true);
  else if (text.startsWith('next ') || (typeof relV === 'number' && relV > 0)) day = nearestWeekday(base, wd, 1, true);
  else if (text.startsWith('this ') || relV === 0) day = base - weekdayOf(base) + wd;
  else day = nearestWeekday(base, wd, futureTense(ctx, c.start, c.end) ? 1 : -1, useRef === true);
  const dp = dayPoint(day);
  const anchor: TimexAnchor = useRef ? { kind: 'narrative', ref: `${ctx.ref!.text}@${ctx.ref!.start}` } : { kind: 'document', ref: pointValue(basePoint) };
  if (typeof pod === 'string') {
    // "Wednesday night" is valued with its part of day (2000-01-05TNI); the corpora mostly type it DATE
    return { type: 'DATE', value: pointValue({ ...dp, gran: 'time', t: pod }), point: dp, anchor, confidence: 0.75 };
  }
  return fromPoint(dp, anchor, 0.8, modOf(g, r));
}

/** deictic: "today", "yesterday", "tonight", "this morning". */
function resolveDeictic(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  const word = lc(g.deictic ?? g.deicticDay);
  const shift = Number(r.vocab.deictic?.get(word) ?? 0);
  const podWord = g.partOfDay ? lc(g.partOfDay) : /night|tonight/.test(word) ? 'night' : /morning|afternoon|evening/.exec(word)?.[0];
  const pod = podWord ? r.vocab.partOfDay?.get(podWord) : undefined;
  if (!ctx.dct) return unresolved(pod ? 'TIME' : 'DATE', 'XXXX-XX-XX', `"${ctx.text.slice(c.start, c.end)}" needs a document date; none is known`);
  const dp = dayPoint(pointInterval(ctx.dct).earliest + shift);
  const anchor: TimexAnchor = { kind: 'document', ref: pointValue(ctx.dct) };
  // "tonight" is a DATE in TimeBank; "this morning" a TIME
  if (typeof pod === 'string' && word !== 'tonight') return { type: 'TIME', value: pointValue({ ...dp, gran: 'time', t: pod }), point: dp, anchor, confidence: 0.85 };
  return fromPoint(dp, anchor, 0.9, modOf(g, r));
}

const CAL_UNIT: Record<string, string> = { week: 'W', weekend: 'WE', month: 'M', year: 'Y', quarter: 'Q', century: 'CE', decade: 'DE', day: 'D' };

/** Unit code of a calendar-unit word: vocab `calUnit` (inflected forms: "году" → Y), else the English defaults. */
function calUnitOf(rules: TimexRules, word: string): string | undefined {
  const v = rules.vocab.calUnit?.get(word);
  return typeof v === 'string' ? v : CAL_UNIT[word];
}

/** deicticRel: "last year", "this week", "next month", "last May", "last fall", "June last year". */
function resolveDeicticRel(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  const relWord = lc(g.rel ?? g.rel2);
  const rel = Number(r.vocab.deicticRel?.get(relWord) ?? 0);
  const unitWord = lc(g.calUnit);
  const unit = calUnitOf(r, unitWord);
  // "the past year", "the last month": a span of time ending now (TimeML DURATION)
  if (unit && /^the (past|last|coming)$/.test(relWord) && unit !== 'WE') {
    return { type: 'DURATION', value: durationValue(1, unit), anchor: ctx.dct ? { kind: 'document', ref: pointValue(ctx.dct) } : NONE, confidence: 0.7, edtf: null, interval: null };
  }
  if (!ctx.dct) return unresolved('DATE', 'XXXX', `"${ctx.text.slice(c.start, c.end)}" needs a document date; none is known`);
  const anchor: TimexAnchor = { kind: 'document', ref: pointValue(ctx.dct) };
  const mod = modOf(g, r);
  if (unit) {
    if (unit === 'WE') {
      // "the weekend" said on a weekday is the one just past, unless the sentence looks ahead
      const dctDay = pointInterval(ctx.dct).earliest;
      const past = !relWord && weekdayOf(dctDay) <= 5 && !futureTense(ctx, c.start, c.end);
      const wk = shiftPoint(ctx.dct, past ? -1 : rel, 'W');
      return { type: 'DATE', value: `${pointValue(wk)}-WE`, point: wk, anchor, confidence: 0.8 };
    }
    const p = shiftPoint(ctx.dct, rel, unit);
    return fromPoint(p, anchor, 0.9, mod);
  }
  const month = monthOf(g, r);
  if (month !== undefined) {
    let y = ctx.dct.y;
    const m0 = ctx.dct.m ?? 1;
    if (g.rel2) y += rel;
    else if (rel < 0 && month >= m0) y -= 1;
    else if (rel > 0 && month <= m0) y += 1;
    // "last Oct. 23": the day too
    const day = g.day ? Number.parseInt(g.day, 10) : undefined;
    if (day !== undefined && day >= 1 && day <= 31) return fromPoint({ gran: 'day', y, m: month, d: day }, anchor, 0.85, mod);
    return fromPoint({ gran: 'month', y, m: month }, anchor, 0.85, mod);
  }
  const season = seasonOf(g, r);
  if (season) {
    let y = ctx.dct.y + (rel < 0 ? -1 : rel > 0 ? 1 : 0);
    // "last fall" said in December is this year's fall
    if (rel < 0 && (ctx.dct.m ?? 1) >= 12 && season !== 'WI') y = ctx.dct.y;
    return fromPoint({ gran: 'season', y, s: season }, anchor, 0.8, mod);
  }
  return { ...unresolved('DATE', '', ''), reject: true };
}

/** anaphoric: "the following year", "that day", "later that year", "the same time". */
function resolveAnaphoric(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  const rel = Number(r.vocab.anaphoricRel?.get(lc(g.rel)) ?? 0);
  const unitWord = lc(g.calUnit);
  const base = anaphoricBase(ctx);
  if (!base) return unresolved('DATE', 'XXXX', 'no earlier date in the text and no document date');
  const season = r.vocab.season?.get(unitWord);
  if (typeof season === 'string') {
    const p: Point = { gran: 'season', y: base.point.y + rel, s: season };
    return fromPoint(p, base.anchor, base.confidence, modOf(g, r), true);
  }
  const unit = calUnitOf(r, unitWord);
  if (!unit) {
    // "that time", "the same period": the reference time itself
    return { ...fromPoint(base.point, base.anchor, base.confidence * 0.8), setsRef: false };
  }
  if (rel === 0 && unit === 'D' && base.point.gran !== 'day') return unresolved('DATE', 'XXXX-XX-XX', 'the reference time has no day');
  const p = rel === 0 ? truncatePoint(base.point, unitGranularity(unit)) : shiftPoint(base.point, rel, unit);
  return fromPoint(p, base.anchor, base.confidence, modOf(g, r), true);
}

/** TimeML's DURATION reading of "three days later": the count and unit alone, when the shift word (before or after them) is in `durationSignal`. */
function signalDuration(ctx: Context, c: Candidate, n: number | 'X', unit: string): Timex['timeml'] {
  const dirWord = c.groups.dir;
  if (!dirWord || !ctx.rules.lists.durationSignal?.has(lc(dirWord))) return undefined;
  const span = ctx.text.slice(c.start, c.end);
  let start = c.start;
  let end = c.end;
  if (span.startsWith(dirWord)) {
    // "через четыре года": the shift word leads
    start += dirWord.length;
    while (start < end && /\s/.test(ctx.text[start]!)) start++;
  } else {
    end = c.start + span.lastIndexOf(dirWord);
    while (end > c.start && /\s/.test(ctx.text[end - 1]!)) end--;
  }
  if (end <= start) return undefined;
  return { start, end, type: 'DURATION', value: durationValue(n, unit) };
}

/** shift: "four years later", "two weeks ago", "a year earlier". */
function resolveShift(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  let n = numberOf(g, r) ?? 1;
  // "a minute and a half later", "two and a half years ago"
  if ((g.andHalf || g.andHalf2) && typeof n === 'number') n += 0.5;
  const unit = String(r.vocab.unit?.get(lc(g.unit)) ?? 'Y');
  const dirWord = lc(g.dir);
  const dir = Number(r.vocab.direction?.get(dirWord) ?? (dirWord.startsWith('after') ? 1 : -1));
  // vocab deicticDir: shift words that count from the document date ("ago"), not the narrative
  const deictic = ctx.rules.lists.deicticDir ? ctx.rules.lists.deicticDir.has(dirWord) : dirWord === 'ago' || dirWord === 'hence' || dirWord === 'from now';
  const base = deictic
    ? ctx.dct ? { point: ctx.dct, anchor: { kind: 'document', ref: pointValue(ctx.dct) } as TimexAnchor, confidence: 0.85 } : null
    : anaphoricBase(ctx);
  const approx = g.approx ? r.vocab.approx?.get(lc(g.approx)) : undefined;
  const mod = typeof approx === 'string' ? approx : g.orSo ? 'APPROX' : undefined;
  if (!base) return unresolved('DATE', dir < 0 ? 'PAST_REF' : 'FUTURE_REF', deictic ? `"${ctx.text.slice(c.start, c.end)}" needs a document date; none is known` : 'no reference time');
  if (n === 'X') {
    const lo = shiftPoint(base.point, dir * 2, unit);
    const hi = shiftPoint(base.point, dir * 9, unit);
    const [a, b] = dir < 0 ? [hi, lo] : [lo, hi];
    const iv = { earliest: pointInterval(a).earliest, latest: pointInterval(b).latest };
    return { type: 'DATE', value: dir < 0 ? 'PAST_REF' : 'FUTURE_REF', anchor: base.anchor, confidence: base.confidence * 0.7, edtf: `${pointEdtf(a)}~/${pointEdtf(b)}~`, interval: iv, timeml: signalDuration(ctx, c, 'X', unit) };
  }
  if (unit === 'H' || unit === 'TM' || unit === 'S') {
    return { type: 'TIME', value: pointValue({ ...truncatePoint(base.point, 'day'), gran: 'time', t: 'XX:XX' }), anchor: base.anchor, confidence: 0.5, point: truncatePoint(base.point, 'day'), timeml: signalDuration(ctx, c, n, unit) };
  }
  if (unit === 'Y' && n === 1 && dir < 0 && ctx.dct && (ctx.lastQuarter || /quarter/i.test(sentenceAround(ctx, c.start, c.end)))) {
    // "profit rose from a year earlier" in a quarterly report: the same quarter a year before
    const q = reportingQuarter(ctx);
    if (q) return fromPoint(shiftPoint(q, -4, 'Q'), base.anchor, base.confidence * 0.9, mod);
  }
  const [k, u] = wholeUnits(n, unit);
  // "fifty years ago this month", "ten years ago today": the same month or day, that many units back
  const within = deictic && g.thisUnit ? (/today/i.test(g.thisUnit) ? 'day' : 'month') : undefined;
  if (within && typeof n === 'number' && Number.isInteger(n) && (u === 'Y' || u === 'M')) {
    const q = shiftKeepingGranularity(truncatePoint(base.point, within), dir * k, u);
    return { ...fromPoint(q, base.anchor, base.confidence, mod), setsRef: false, timeml: signalDuration(ctx, c, n, unit) };
  }
  const p = shiftPoint(base.point, dir * k, u);
  return { ...fromPoint(p, base.anchor, base.confidence, mod), setsRef: !deictic, timeml: signalDuration(ctx, c, n, unit) };
}

/** duration: "three years", "the past two months", "a 10-year", "several weeks"; "in two years" counts from the narrative. */
function resolveDuration(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  let n: number | 'X' | null = numberOf(g, r);
  let unitWord = lc(g.unit);
  if (g.vagueUnit) {
    unitWord = lc(g.vagueUnit);
    n = 'X';
  }
  const unit = String(r.vocab.unit?.get(unitWord) ?? r.vocab.unitAdj?.get(unitWord) ?? '');
  if (!unit) return { ...unresolved('DURATION', '', ''), reject: true };
  const durRel = lc(g.durRel);
  const after = ctx.text.slice(c.end, c.end + 4);
  // "three-quarters of the vote", "a quarter of the shares": fractions, not time
  if (unit === 'Q' && /^\s*of\b/.test(after)) return { ...unresolved('DURATION', '', ''), reject: true };
  // "$5 a day", "7% a year", "twice a week": rates, which TimeML leaves untagged
  if (/^an?\s/i.test(ctx.text.slice(c.start, c.end)) && /(?:[0-9%]|\b(?:times|percent|cents?|dollars?))\s*$/i.test(ctx.text.slice(Math.max(0, c.start - 24), c.start))) {
    return { ...unresolved('DURATION', '', ''), reject: true };
  }
  if (n === null) n = /^(many|several|few|recent)$/.test(durRel) || /s$/.test(unitWord) ? 'X' : 1;
  // "2 1/2 years": the fraction belongs to the count
  if ((g.halfFrac || g.andHalf || g.andHalf2) && typeof n === 'number') n += 0.5;
  const spanApprox = g.spanApprox ? ctx.rules.vocab.approx?.get(lc(g.spanApprox)) : undefined;
  const mod = typeof spanApprox === 'string' ? spanApprox : g.orSo ? 'APPROX' : approxBefore(ctx, c.start);
  const value = durationValue(n, unit);
  if (unit === 'WE' && n === 1 && !durRel) return { type: 'DURATION', value: 'P1WE', anchor: NONE, confidence: 0.6, edtf: null, interval: null };
  const res: Resolved = { type: 'DURATION', value, mod, anchor: NONE, confidence: 0.85, edtf: null, interval: null };
  const gran = unitGranularity(unit);
  const unitOk = n !== 'X' && gran !== 'time';
  if (unitOk && /^(past|last|previous|preceding)$/.test(durRel) && ctx.dct) {
    const end = truncatePoint(ctx.dct, 'day');
    const startP = shiftPoint(end, -(n as number), unit);
    res.interval = { earliest: pointInterval(startP).earliest, latest: pointInterval(end).latest };
    res.edtf = `${pointEdtf(truncatePoint(startP, gran))}/${pointEdtf(truncatePoint(end, gran))}`;
    res.anchor = { kind: 'document', ref: pointValue(ctx.dct) };
  } else if (unitOk && /^(next|coming)$/.test(durRel) && ctx.dct) {
    const endP = shiftPoint(ctx.dct, n as number, unit);
    res.interval = { earliest: pointInterval(ctx.dct).earliest, latest: pointInterval(endP).latest };
    res.edtf = `${pointEdtf(truncatePoint(ctx.dct, gran))}/${pointEdtf(endP)}`;
    res.anchor = { kind: 'document', ref: pointValue(ctx.dct) };
  } else if (unitOk && c.rule.kind === 'durationFromRef' && ctx.ref) {
    // "in two years" after a dated event: within two years of the narrative's time
    const endP = shiftPoint(ctx.ref.point, n as number, unit);
    const startP = ctx.ref.point;
    res.interval = { earliest: pointInterval(startP).earliest, latest: pointInterval(endP).latest };
    res.edtf = `${pointEdtf(startP)}/${pointEdtf(endP)}`;
    res.anchor = { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` };
    res.confidence = 0.6;
  } else if (unitOk && /^(following|next|subsequent)$/.test(durRel) && ctx.ref && historical(ctx)) {
    // "over the next 25 years" in a historical narrative: from the narrative's time on
    const endP = shiftPoint(ctx.ref.point, n as number, unit);
    const startP = ctx.ref.point;
    res.interval = { earliest: pointInterval(startP).earliest, latest: pointInterval(endP).latest };
    res.edtf = `${pointEdtf(startP)}/${pointEdtf(endP)}`;
    res.anchor = { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` };
  }
  const clause = unitOk ? clauseOffset(ctx, c, n as number, unit, mod) : undefined;
  return clause ? { ...res, ...clause } : res;
}

/** Years and months per unit code, for shifts that keep a date's own precision. */
const MONTHS_OF: Record<string, number> = { Y: 12, M: 1, Q: 3, HC: 600, DE: 120, CE: 1200 };

/** Shifts a point by whole units keeping its own precision (`1956-02-14` − 3 years → `1953-02-14`, not `1953`). */
function shiftKeepingGranularity(p: Point, n: number, unit: string): Point {
  const months = MONTHS_OF[unit];
  if (months === undefined || !Number.isInteger(n) || p.m === undefined || (p.gran !== 'day' && p.gran !== 'month')) return shiftPoint(p, n, unit);
  const total = p.y * 12 + (p.m - 1) + n * months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  // 29 February three years on is the last day of that February
  const d = p.d === undefined ? undefined : Math.min(p.d, dayNumber(y, m + 1, 1) - dayNumber(y, m, 1));
  return { ...p, y, m, ...(d === undefined ? {} : { d }) };
}

/** Start of the sentence around a position (after the nearest sentence punctuation or line break). */
function sentenceStart(ctx: Context, pos: number): number {
  const spans = ctx.opts.sentences;
  const hit = spans?.find((s) => s.start <= pos && pos < s.end);
  if (hit) return hit.start;
  let a = pos;
  while (a > 0 && !/[.!?\n]/.test(ctx.text[a - 1]!)) a--;
  return a;
}

/**
 * "On D, less than three years after X came to power, …": a duration followed by "after"/"before"
 * and a clause (no date) measures from the clause's event to D, the date stated earlier in the same
 * sentence, so it dates that event: after → X in `D−N/D` (bound "less than", "nearly" …; vocab
 * `approx`), `../D−N` ("more than", "at least"), about `D−N` (no bound, marked `~`); before → the
 * mirror after D. Undefined when the sentence states no date before the duration.
 */
function clauseOffset(ctx: Context, c: Candidate, n: number, unit: string, mod: string | undefined): Partial<Resolved> | undefined {
  const m = /^\s+(after|before)\s+(?=\p{L})/iu.exec(ctx.text.slice(c.end, c.end + 12));
  if (!m || !ctx.ref || ctx.ref.start < sentenceStart(ctx, c.start)) return undefined;
  // "three years after 1950" is a shift of that date, not a clause
  const next = ctx.candidates[ctx.index + 1];
  if (next && next.start === c.end + m[0].length) return undefined;
  const dir = lc(m[1]) === 'after' ? -1 : 1;
  const d = ctx.ref.point;
  const far = shiftKeepingGranularity(d, dir * n, unit);
  const [a, b] = dir < 0 ? [far, d] : [d, far];
  const anchor: TimexAnchor = { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` };
  const ivA = pointInterval(a);
  const ivB = pointInterval(b);
  const farIv = pointInterval(far);
  if (mod === 'LESS_THAN' || mod === 'EQUAL_OR_LESS') {
    return { edtf: `${pointEdtf(a)}/${pointEdtf(b)}`, interval: { earliest: ivA.earliest, latest: ivB.latest }, anchor, confidence: 0.6, scope: 'clause' };
  }
  if (mod === 'MORE_THAN' || mod === 'EQUAL_OR_MORE') {
    return dir < 0
      ? { edtf: `../${pointEdtf(far)}`, interval: { earliest: null, latest: farIv.latest }, anchor, confidence: 0.6, scope: 'clause' }
      : { edtf: `${pointEdtf(far)}/..`, interval: { earliest: farIv.earliest, latest: null }, anchor, confidence: 0.6, scope: 'clause' };
  }
  return { edtf: `${pointEdtf(far)}~`, interval: farIv, anchor, confidence: 0.55, scope: 'clause' };
}

const SET_ADVERB: Record<string, string> = {
  daily: 'P1D', weekly: 'P1W', monthly: 'P1M', quarterly: 'P3M', annually: 'P1Y', yearly: 'P1Y', hourly: 'PT1H',
  nightly: 'P1D', biweekly: 'P2W', bimonthly: 'P2M', semiannually: 'P6M', 'semi-annually': 'P6M',
};

/** set: "every day", "each Thursday", "weekly", "twice a year", "Tuesdays". */
function resolveSet(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  const set = (value: string): Resolved => ({ type: 'SET', value, anchor: NONE, confidence: 0.8, edtf: null, interval: null });
  if (g.setAdv) {
    const adv = lc(g.setAdv);
    const m = /(?:twice|once) a (day|week|month|year)/.exec(adv);
    if (m) return set(durationValue(1, String(r.vocab.unit?.get(m[1]!) ?? 'D')));
    const v = r.vocab.setAdverb?.get(adv);
    return set(typeof v === 'string' ? v : (SET_ADVERB[adv] ?? 'P1D'));
  }
  if (g.pluralWeekday) return set(`XXXX-WXX-${String(r.vocab.weekday?.get(lc(g.pluralWeekday).replace(/s$/, '')) ?? 'X')}`);
  if (g.weekday) return set(`XXXX-WXX-${String(r.vocab.weekday?.get(lc(g.weekday)) ?? 'X')}`);
  const month = monthOf(g, r);
  if (month !== undefined) return set(`XXXX-${String(month).padStart(2, '0')}`);
  const season = seasonOf(g, r);
  if (season) return set(`XXXX-${season}`);
  const unit = String(r.vocab.unit?.get(lc(g.unit)) ?? '');
  if (!unit) return { ...set(''), reject: true };
  const n = g.num ? (/^\d+$/.test(g.num) ? Number(g.num) : lc(g.num) === 'other' ? 2 : Number(r.vocab.number?.get(lc(g.num)) ?? 1)) : 1;
  return set(durationValue(n, unit));
}

/** time: "10:30 a.m.", "3 p.m. Friday", "noon", "seven o'clock". */
function resolveTime(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const r = ctx.rules;
  let t: string;
  const noonV = g.noon ? r.vocab.noonTime?.get(lc(g.noon)) : undefined;
  if (g.noon) t = typeof noonV === 'string' ? noonV : lc(g.noon) === 'midnight' ? '24:00' : '12:00';
  else {
    let h = /^\d+$/.test(g.hour ?? '') ? Number(g.hour) : Number(r.vocab.number?.get(lc(g.hour)) ?? NaN);
    if (!Number.isFinite(h)) return { ...unresolved('TIME', '', ''), reject: true };
    // vocab ampm maps other languages' words ("вечера") to am/pm
    const ampmV = g.ampm ? r.vocab.ampm?.get(lc(g.ampm)) : undefined;
    const ampm = typeof ampmV === 'string' ? ampmV : lc(g.ampm).replace(/\./g, '');
    if (ampm === 'pm' && h < 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
    t = `${String(h).padStart(2, '0')}:${g.minute ?? '00'}`;
  }
  let day: Point | null = null;
  let anchor: TimexAnchor = NONE;
  if (g.weekday || g.deictic || (g.month && g.day)) {
    const sub = g.weekday ? resolveWeekday(ctx, c) : g.deictic ? resolveDeictic(ctx, c) : resolveDate(ctx, c);
    if (sub.point) day = truncatePoint(sub.point, 'day');
    anchor = sub.anchor;
  } else if (ctx.ref && ctx.ref.point.gran === 'day') {
    day = ctx.ref.point;
    anchor = { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` };
  } else if (ctx.dct) {
    day = ctx.dct;
    anchor = { kind: 'document', ref: pointValue(ctx.dct) };
  }
  if (!day) return { type: 'TIME', value: `XXXX-XX-XXT${t}`, anchor: NONE, confidence: 0.5, edtf: null, interval: null, note: 'no day known' };
  const p: Point = { ...truncatePoint(day, 'day'), gran: 'time', t };
  return { type: 'TIME', value: pointValue(p), point: truncatePoint(day, 'day'), anchor, confidence: 0.8 };
}

/**
 * ref: "now", "currently", "recently", "the future", "soon": TimeML *_REF; in a historical narrative,
 * relative to its time ("soon" → `D/..`, "recently" → the year before D, approximate: `D−1Y~/D`).
 */
function resolveRef(ctx: Context, c: Candidate): Resolved {
  const word = lc(c.groups.ref);
  const value = String(ctx.rules.vocab.ref?.get(word) ?? 'PRESENT_REF');
  const narrativeWords = ctx.rules.lists.refNarrative ?? new Set<string>();
  const useNarrative = narrativeWords.has(word) && historical(ctx);
  const basePoint = useNarrative ? ctx.ref!.point : ctx.dct;
  const anchor: TimexAnchor = useNarrative
    ? { kind: 'narrative', ref: `${ctx.ref!.text}@${ctx.ref!.start}` }
    : ctx.dct ? { kind: 'document', ref: pointValue(ctx.dct) } : NONE;
  if (!basePoint) return { type: 'DATE', value, anchor: NONE, confidence: 0.4, edtf: null, interval: null, note: `"${word}" needs a document date; none is known` };
  const iv = pointInterval(basePoint);
  const e = pointEdtf(basePoint);
  if (value === 'PAST_REF' && useNarrative && c.rule.kind === 'ref') {
    // "recently" told at a past reference time D: within about a year before D (`D−1Y~/D`), not all of history
    const from = shiftKeepingGranularity(basePoint, -1, 'Y');
    return { type: 'DATE', value, anchor, confidence: 0.6, edtf: `${pointEdtf(from)}~/${e}`, interval: { earliest: pointInterval(from).earliest, latest: iv.latest } };
  }
  if (value === 'PAST_REF') return { type: 'DATE', value, anchor, confidence: 0.7, edtf: `../${e}`, interval: { earliest: null, latest: iv.latest } };
  if (value === 'FUTURE_REF') return { type: 'DATE', value, anchor, confidence: 0.7, edtf: `${e}/..`, interval: { earliest: iv.earliest, latest: null } };
  return { type: 'DATE', value, anchor, confidence: 0.8, edtf: e, interval: iv };
}

/** How many days before a date "the eve of" it reaches. */
const EVE_DAYS = 14;

/** Applies an event-anchored expression's preposition, anniversary, "eve" and offset to an event date. */
function applyEventParts(ctx: Context, g: G, date: Point, anchor: TimexAnchor): Resolved {
  const r = ctx.rules;
  let p = date;
  const anniv = g.annivNum ? Number.parseInt(g.annivNum, 10) : g.annivOrd ? Number(r.vocab.ordinal?.get(lc(g.annivOrd)) ?? NaN) : 0;
  if (anniv > 0) p = { ...p, y: p.y + anniv };
  if (lc(g.eveOf) === 'eve' || lc(g.prep).includes('eve')) {
    if (p.gran !== 'day') return { ...fromPoint(p, anchor, 0.7, 'APPROX'), edtf: `${pointEdtf(p)}~`, setsRef: true };
    // "on the eve of" a day: TimeML's value is the day before, but in narrative prose the phrase means
    // the days just before it, so the EDTF is the month(s) of the EVE_DAYS before, approximate
    const day = pointInterval(p).earliest;
    const first = truncatePoint(dayPoint(day - EVE_DAYS), 'month');
    const last = truncatePoint(dayPoint(day - 1), 'month');
    const edtf = pointValue(first) === pointValue(last) ? `${pointEdtf(last)}~` : `${pointEdtf(first)}~/${pointEdtf(last)}~`;
    return { ...fromPoint(dayPoint(day - 1), anchor, 0.7, 'APPROX'), edtf, interval: { earliest: day - EVE_DAYS, latest: day - 1 }, setsRef: true };
  }
  const prep = String(r.vocab.anchorPrep?.get(lc(g.prep)) ?? 'during');
  const n = numberOf(g, r);
  const unit = g.unit ? String(r.vocab.unit?.get(lc(g.unit)) ?? '') : '';
  if (n !== null && unit) {
    const dir = prep === 'before' ? -1 : 1;
    if (n === 'X') {
      // "a few months after": somewhere two to nine units on, stated at the next coarser granularity
      const lo = shiftPoint(p, dir * 1, unit);
      const hi = shiftPoint(p, dir * 6, unit);
      const [a, b] = dir < 0 ? [hi, lo] : [lo, hi];
      const coarse = unit === 'D' || unit === 'W' ? 'month' : unit === 'M' ? 'year' : 'decade';
      const q = truncatePoint(a, coarse);
      const iv = { earliest: pointInterval(a).earliest, latest: pointInterval(b).latest };
      const same = pointValue(truncatePoint(a, coarse)) === pointValue(truncatePoint(b, coarse));
      return { type: 'DATE', value: pointValue(q), point: q, anchor, confidence: 0.6, setsRef: true, edtf: same ? `${pointEdtf(q)}~` : `${pointEdtf(a)}~/${pointEdtf(b)}~`, interval: iv };
    }
    const shifted = shiftPoint(p, dir * n, unit);
    return { ...fromPoint(shifted, anchor, 0.75), setsRef: true };
  }
  const e = pointEdtf(p);
  const iv = pointInterval(p);
  if (prep === 'after') return { type: 'DATE', value: pointValue(p), point: p, mod: 'AFTER', anchor, confidence: 0.8, setsRef: true, edtf: `${e}/..`, interval: { earliest: iv.earliest, latest: null } };
  if (prep === 'before') return { type: 'DATE', value: pointValue(p), point: p, mod: 'BEFORE', anchor, confidence: 0.8, setsRef: true, edtf: `../${e}`, interval: { earliest: null, latest: iv.latest } };
  return { ...fromPoint(p, anchor, 0.8), setsRef: true };
}

/** Which end of an event an edge word names ("the start of", "the end of"): vocab `eventEdge`; undefined without one. */
function edgeOf(ctx: Context, word: string | undefined): 'start' | 'end' | undefined {
  if (!word) return undefined;
  const side = ctx.rules.vocab.eventEdge?.get(lc(word));
  return side === 'start' || side === 'end' ? side : undefined;
}

/** Parses a KB event's EDTF date (or the start/end of an interval) into a point. */
function kbEventPoint(date: string, side: 'start' | 'end' = 'start'): Point | null {
  const parts = date.split('/');
  return parseIsoPoint(side === 'start' ? parts[0] : parts[parts.length - 1]);
}

/** event: "after Stalin's death", "the eve of the 90th anniversary of his birth", "after the 20th Congress". */
function resolveEvent(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const kb = ctx.opts.kb;
  const hasTemporalWord = Boolean(g.prep || g.annivNum || g.annivOrd || g.unit || g.eveOf);
  const named = g.kbAlias && ctx.kbIndex ? ctx.kbIndex.eventByAlias.get(lc(g.kbAlias).replace(/^the\s+/, '')) : undefined;
  if (named) ctx.kbMentioned.push(named);
  if (!hasTemporalWord) return { ...unresolved('DATE', '', ''), reject: true };
  if (kb && ctx.kbIndex) {
    if (g.kbAlias) {
      const ev = ctx.kbIndex.eventByAlias.get(lc(g.kbAlias).replace(/^the\s+/, ''));
      const prep = String(ctx.rules.vocab.anchorPrep?.get(lc(g.prep)) ?? 'during');
      const edge = edgeOf(ctx, g.edge);
      const p = ev ? kbEventPoint(ev.date, edge ?? (prep === 'after' && ev.date.includes('/') ? 'end' : 'start')) : null;
      if (ev && p) {
        const res = applyEventParts(ctx, g, p, { kind: 'kb-event', ref: ev.id });
        if (prep === 'during' && !edge && ev.date.includes('/') && !g.annivNum && !g.annivOrd && !g.unit) {
          const a = kbEventPoint(ev.date, 'start')!;
          const b = kbEventPoint(ev.date, 'end')!;
          return { ...res, edtf: ev.date, interval: { earliest: pointInterval(a).earliest, latest: pointInterval(b).latest } };
        }
        return res;
      }
    } else if (g.owner && g.eventNoun) {
      const cls = String(ctx.rules.vocab.eventNoun?.get(lc(g.eventNoun)) ?? '');
      const owner = g.owner2 && (ctx.rules.lists.possPronoun ?? new Set()).has(lc(g.owner)) ? g.owner2 : g.owner;
      const ids = resolveOwner(owner, cls, ctx.text, c.start, ctx.kbIndex, ctx.rules.lists.possPronoun ?? new Set());
      // anniversaries count from the officially celebrated date when the KB has one (an event of the
      // class whose subtype is vocab anniversaryClass); everything else from the actual date
      const officialSub = String(ctx.rules.vocab.anniversaryClass?.get(cls) ?? '');
      const anniversary = Boolean(g.annivNum || g.annivOrd);
      const ev = ids.length ? findPersonEvent(ctx.kbIndex, ids, cls, (e) => (anniversary && e.subtype === officialSub ? 0 : e.subtype === officialSub && officialSub ? 2 : 1)) : undefined;
      if (ev) ctx.kbMentioned.push(ev);
      const p = ev ? kbEventPoint(ev.date) : null;
      if (ev && p && g.annivCoord && (g.annivNum2 || g.annivOrd2)) {
        // "the eve of the 90th anniversary and the 100th anniversary of his birth": two dates
        const text = ctx.text.slice(c.start, c.end);
        const cut = c.start + text.indexOf(g.annivCoord) ;
        const second = cut + g.annivCoord.search(/the/);
        const anchor: TimexAnchor = { kind: 'kb-event', ref: ev.id };
        return {
          ...applyEventParts(ctx, g, p, anchor),
          split: [
            { start: c.start, end: cut, res: applyEventParts(ctx, g, p, anchor) },
            // "on the eve of the 90th and the 100th anniversary": the eve governs both
            { start: second, end: c.end, res: applyEventParts(ctx, { annivNum: g.annivNum2, annivOrd: g.annivOrd2, eveOf: g.eveOf, prep: g.prep }, p, anchor) },
          ],
        };
      }
      if (ev && p) return applyEventParts(ctx, g, p, { kind: 'kb-event', ref: ev.id });
    }
  }
  return { type: 'DATE', value: 'XXXX', anchor: NONE, confidence: 0.3, edtf: null, interval: null, note: `no dated event in the knowledge base for "${ctx.text.slice(c.start, c.end)}"` };
}

/** eventPair: "between the 20th and 22nd congresses". */
function resolveEventPair(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  if (!ctx.kbIndex) return unresolved('DATE', 'XXXX', 'no knowledge base to date the events');
  const a = findOrdinalEvent(ctx.kbIndex, g.o1 ?? '', g.pairNoun ?? '');
  const b = findOrdinalEvent(ctx.kbIndex, g.o2 ?? '', g.pairNoun ?? '');
  const pa = a ? kbEventPoint(a.date, 'end') : null;
  const pb = b ? kbEventPoint(b.date, 'start') : null;
  if (!a || !b || !pa || !pb) return unresolved('DATE', 'XXXX', `no dated events in the knowledge base for "${ctx.text.slice(c.start, c.end)}"`);
  return {
    type: 'DATE', value: pointValue(pa), point: pb, anchor: { kind: 'kb-event', ref: `${a.id}/${b.id}` }, confidence: 0.75, setsRef: true,
    edtf: `${pointEdtf(pa)}/${pointEdtf(pb)}`, interval: { earliest: pointInterval(pa).earliest, latest: pointInterval(pb).latest },
  };
}

/** The last KB event named whose name or alias has a head noun ("the war" → the last war named). */
function lastEventWithHead(ctx: Context, head: string): KbEvent | undefined {
  const stem = head.replace(/s$/, '');
  const re = new RegExp(`(?<![\\p{L}])${stem}`, 'iu');
  for (let i = ctx.kbMentioned.length - 1; i >= 0; i--) {
    const ev = ctx.kbMentioned[i]!;
    if ([ev.name, ...(ev.aliases ?? [])].some((a) => re.test(a))) return ev;
  }
  return undefined;
}

/** eventDefinite: "after the war", "before the start of the congress": the last such KB event named. */
function resolveEventDefinite(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const ev = lastEventWithHead(ctx, lc(g.eventHead));
  if (!ev) return { ...unresolved('DATE', '', ''), reject: true };
  const prep = String(ctx.rules.vocab.anchorPrep?.get(lc(g.prep)) ?? 'during');
  const edge = edgeOf(ctx, g.edge);
  const side = edge ?? (prep === 'after' ? 'end' : 'start');
  const p = kbEventPoint(ev.date, side);
  if (!p) return { ...unresolved('DATE', '', ''), reject: true };
  const res = applyEventParts(ctx, { prep: g.prep }, p, { kind: 'kb-event', ref: ev.id });
  if (prep === 'during' && !edge && ev.date.includes('/')) {
    const b = kbEventPoint(ev.date, 'end')!;
    return { ...res, edtf: ev.date, interval: { earliest: pointInterval(p).earliest, latest: pointInterval(b).latest } };
  }
  return { ...res, confidence: 0.6 };
}

/**
 * discourse: "after that", "by then", "meanwhile": relative to the narrative's reference time. The
 * relation comes from vocab `discourse`: `after` opens the interval from the reference time (left
 * open: the next date in the text is no safe upper bound), `before` closes it there, `meanwhile`
 * ("meanwhile", "in the meantime") opens a parallel thread that runs from the reference time on
 * (D/..), anything else is the reference time itself.
 */
function resolveDiscourse(ctx: Context, c: Candidate): Resolved {
  const rel = String(ctx.rules.vocab.discourse?.get(lc(c.groups.discourse)) ?? 'during');
  if (!ctx.ref) return { ...unresolved('DATE', '', ''), reject: true };
  const p = ctx.ref.point;
  const anchor: TimexAnchor = { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` };
  const iv = pointInterval(p);
  const e = pointEdtf(p);
  if (rel === 'meanwhile') return { type: 'DATE', value: pointValue(p), anchor, confidence: 0.5, edtf: `${e}/..`, interval: { earliest: iv.earliest, latest: null } };
  if (rel === 'after') return { type: 'DATE', value: pointValue(p), mod: 'AFTER', anchor, confidence: 0.55, edtf: `${e}/..`, interval: { earliest: iv.earliest, latest: null } };
  if (rel === 'before') return { type: 'DATE', value: pointValue(p), mod: 'BEFORE', anchor, confidence: 0.55, edtf: `../${e}`, interval: { earliest: null, latest: iv.latest } };
  return { type: 'DATE', value: pointValue(p), anchor, confidence: 0.55, edtf: e, interval: iv };
}

/** anaphoricPlural: "the following years", "the next few months": a vague stretch after the reference time. */
function resolveAnaphoricPlural(ctx: Context, c: Candidate): Resolved {
  const unitWord = lc(c.groups.calUnit).replace(/s$/, '');
  const unit = calUnitOf(ctx.rules, unitWord) ?? 'Y';
  const value = durationValue('X', unit);
  const rel = lc(c.groups.rel);
  if (!ctx.ref || !historical(ctx) || rel === 'coming') return { type: 'DURATION', value, anchor: NONE, confidence: 0.7, edtf: null, interval: null };
  const gran = unitGranularity(unit);
  const a = truncatePoint(ctx.ref.point, gran);
  const b = shiftPoint(a, 2, unit);
  return {
    type: 'DURATION', value, anchor: { kind: 'narrative', ref: `${ctx.ref.text}@${ctx.ref.start}` }, confidence: 0.5,
    edtf: `${pointEdtf(a)}~/${pointEdtf(b)}~`, interval: { earliest: pointInterval(a).earliest, latest: pointInterval(b).latest },
  };
}

/** holiday: "Christmas", "last Thanksgiving", "New Year's Day 1990". */
function resolveHoliday(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const code = String(ctx.rules.vocab.holiday?.get(lc(g.holiday)) ?? '');
  const m = /^(\d{2})-(\d{2}|(MO|TU|WE|TH|FR|SA|SU)([1-5L]))$/.exec(code);
  if (!m) return { ...unresolved('DATE', '', ''), reject: true };
  const month = Number(m[1]);
  let y = g.year ? Number(g.year) : undefined;
  let anchor: TimexAnchor = NONE;
  if (y === undefined) {
    const inf = inferYear(ctx, c, month);
    if (!inf) return unresolved('DATE', `XXXX-${m[1]}`, 'no year known');
    y = inf.y + (lc(g.rel) === 'last' && ctx.dct && month >= (ctx.dct.m ?? 1) ? -1 : lc(g.rel) === 'next' && ctx.dct && month <= (ctx.dct.m ?? 1) ? 1 : 0);
    anchor = inf.anchor;
  }
  let day: number;
  if (!m[3]) day = Number(m[2]);
  else {
    // nth (or last) weekday of the month: Thanksgiving = fourth Thursday of November
    const wd = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].indexOf(m[3]) + 1;
    const first = dayNumber(y, month, 1);
    const firstWd = first + ((wd - weekdayOf(first) + 7) % 7);
    if (m[4] === 'L') {
      const last = dayNumber(y, month + 1, 1) - 1;
      day = last - ((weekdayOf(last) - wd + 7) % 7) - first + 1;
    } else day = firstWd + 7 * (Number(m[4]) - 1) - first + 1;
  }
  return fromPoint({ gran: 'day', y, m: month, d: day }, anchor, 0.85, undefined, g.year !== undefined);
}

/** unitEnd: "the end of the year", "year-end", "the beginning of the month": the current unit with a mod. */
function resolveUnitEnd(ctx: Context, c: Candidate): Resolved {
  const g = c.groups;
  const unit = calUnitOf(ctx.rules, lc(g.calUnit ?? g.calUnitEnd)) ?? 'Y';
  const edge = lc(g.edge ?? g.edge2);
  const mod = edge === 'end' ? 'END' : edge === 'middle' ? 'MID' : 'START';
  const base = unitBase(ctx);
  if (!base) return unresolved('DATE', 'XXXX', 'no reference time');
  return fromPoint(truncatePoint(base.point, unitGranularity(unit)), base.anchor, base.confidence, mod);
}

/** Reference for "the year", "year-end": in a news report the document's own year, in a historical text the narrative's. */
function unitBase(ctx: Context): { point: Point; anchor: TimexAnchor; confidence: number } | null {
  if (ctx.dct && !historical(ctx)) return { point: ctx.dct, anchor: { kind: 'document', ref: pointValue(ctx.dct) }, confidence: 0.6 };
  return anaphoricBase(ctx);
}

/** True when words of `periodEndCue` follow a span: "the year ended March 31" names a stretch of time, not a calendar year. */
function endsPeriod(ctx: Context, end: number): boolean {
  const cues = ctx.rules.lists.periodEndCue;
  if (!cues) return false;
  const m = /^\s+(\p{L}+(?:\s+\p{L}+)?)/u.exec(ctx.text.slice(end, end + 24));
  if (!m) return false;
  const words = lc(m[1]);
  return cues.has(words) || cues.has(words.split(' ')[0]!);
}

/** theUnit: "the year", "the fiscal year": the year being talked about; "the year ended June 30" is a one-year DURATION. */
function resolveTheUnit(ctx: Context, c: Candidate): Resolved {
  if (endsPeriod(ctx, c.end)) return { type: 'DURATION', value: 'P1Y', anchor: NONE, confidence: 0.7, edtf: null, interval: null };
  const base = unitBase(ctx);
  if (!base) return unresolved('DATE', 'XXXX', 'no reference time');
  return { ...fromPoint(truncatePoint(base.point, 'year'), base.anchor, base.confidence * 0.8), setsRef: false };
}

const NORMALIZERS: Record<string, (ctx: Context, c: Candidate) => Resolved> = {
  holiday: resolveHoliday,
  unitEnd: resolveUnitEnd,
  theUnit: resolveTheUnit,
  eventDefinite: resolveEventDefinite,
  discourse: resolveDiscourse,
  anaphoricPlural: resolveAnaphoricPlural,
  date: resolveDate,
  decade: resolveDecade,
  century: resolveCentury,
  quarter: resolveQuarter,
  half: resolveQuarter,
  weekday: resolveWeekday,
  deictic: resolveDeictic,
  deicticRel: resolveDeicticRel,
  anaphoric: resolveAnaphoric,
  shift: resolveShift,
  duration: resolveDuration,
  durationFromRef: resolveDuration,
  set: resolveSet,
  time: resolveTime,
  ref: resolveRef,
  event: resolveEvent,
  eventPair: resolveEventPair,
};

const isoOrNull = (n: number | null): string | null => (n === null ? null : dayToIso(n));

/** Granularity of a resolved match. */
function granularityOf(res: Resolved): Timex['granularity'] {
  if (res.type === 'DURATION') return 'duration';
  if (res.type === 'SET') return 'set';
  if (res.type === 'TIME') return 'time';
  return res.point?.gran ?? 'unknown';
}

/** Builds the public record of a resolved match. */
function toTimex(ctx: Context, c: Candidate, res: Resolved): Timex {
  let edtf = res.edtf;
  let interval: IsoInterval | null = null;
  if (edtf === undefined) edtf = res.point ? (res.type === 'TIME' ? pointEdtf(truncatePoint(res.point, 'day')) : pointEdtf(res.point, res.mod)) : null;
  if (res.interval !== undefined) interval = res.interval ? { earliest: isoOrNull(res.interval.earliest), latest: isoOrNull(res.interval.latest) } : null;
  else if (res.point) {
    const iv = pointInterval(res.point, res.mod);
    interval = { earliest: dayToIso(iv.earliest), latest: dayToIso(iv.latest) };
  }
  const t: Timex = {
    start: c.start,
    end: c.end,
    text: ctx.text.slice(c.start, c.end),
    type: res.type,
    value: res.value,
    edtf,
    interval,
    granularity: granularityOf(res),
    anchor: res.anchor,
    confidence: Math.round(res.confidence * 100) / 100,
    rule: c.rule.id,
  };
  if (res.mod) t.mod = res.mod;
  if (res.timeml) t.timeml = res.timeml;
  if (res.scope) t.scope = res.scope;
  // "the last day of the congress", "the last year of the war": anchored to what follows, not to
  // the document date, so the deictic reading would be a silent wrong guess
  if (/^the\s/i.test(t.text) && res.anchor.kind === 'document' && /^\s+of\s+\S/.test(ctx.text.slice(c.end, c.end + 40))) {
    t.edtf = null;
    t.interval = null;
    t.value = res.type === 'DURATION' ? t.value : 'XXXX-XX-XX';
    t.anchor = { kind: 'none' };
    t.confidence = Math.min(t.confidence, 0.3);
    res.note = 'anchored to the "of …" phrase that follows, not to the document date';
  }
  // "soon" is an Annalist extension: TimeML annotators mostly leave it untagged
  if (c.rule.extension || (c.groups.ref && ctx.rules.lists.refExtension?.has(lc(c.groups.ref)))) t.extension = true;
  const signal = c.rule.kind === 'event' || c.rule.kind === 'eventPair' ? undefined : signalBefore(ctx, c.start);
  if (signal) t.signal = signal;
  if (res.note) t.note = res.note;
  if (res.parts) {
    t.parts = res.parts.map((p) => ({
      start: p.start, end: p.end, text: ctx.text.slice(p.start, p.end), type: p.type, value: p.value,
      edtf: p.point ? pointEdtf(p.point, p.mod) : null,
      interval: p.point ? { earliest: dayToIso(pointInterval(p.point, p.mod).earliest), latest: dayToIso(pointInterval(p.point, p.mod).latest) } : null,
      granularity: p.point?.gran ?? 'unknown', anchor: res.anchor, confidence: t.confidence, rule: c.rule.id,
    }));
  }
  return t;
}

const RANGE_RE = new WeakMap<TimexRules, { start: RegExp; join: RegExp }>();

/** Words that open a range ("from", "between"; vocab `rangeStart`) and join its ends ("to", "and"; vocab `rangeJoin`). */
function rangeRegExps(rules: TimexRules): { start: RegExp; join: RegExp } {
  let re = RANGE_RE.get(rules);
  if (!re) {
    const alt = (list: Set<string> | undefined, fallback: string[]): string => [...(list ?? fallback)].sort((a, b) => b.length - a.length).map(escapeForRegExp).join('|');
    re = {
      start: new RegExp(`(?:^|[^\\p{L}])(?:${alt(rules.lists.rangeStart, ['from', 'between'])})\\s+$`, 'iu'),
      join: new RegExp(`^\\s+(?:${alt(rules.lists.rangeJoin, ['to', 'through', 'till', 'until', 'and'])})\\s+$`, 'iu'),
    };
    RANGE_RE.set(rules, re);
  }
  return re;
}

/** Joins "1956 – 1964", "from the late 1950s to the mid-1960s", "between May and July 1969" into ranges. */
function joinRanges(text: string, list: Timex[], rules: TimexRules): Timex[] {
  const fromRe = rangeRegExps(rules);
  const out: Timex[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const b = list[i + 1];
    if (b && a.type === 'DATE' && b.type === 'DATE' && a.edtf && b.edtf && !a.parts && !b.parts && a.anchor.kind !== 'kb-event') {
      const gap = text.slice(a.end, b.start);
      const before = text.slice(Math.max(0, a.start - 9), a.start);
      const dash = /^\s*[-–—]\s*$/.test(gap) && /^\d|^(?:early|late|mid|the)/i.test(b.text) && /\d/.test(a.text);
      const fromTo = fromRe.join.test(gap) && fromRe.start.test(before);
      if (dash || fromTo) {
        const start = a.edtf.split('/')[0]!;
        const end = b.edtf.split('/').pop()!;
        out.push({
          ...a,
          end: b.end,
          text: text.slice(a.start, b.end),
          edtf: `${start}/${end}`,
          interval: { earliest: a.interval?.earliest ?? null, latest: b.interval?.latest ?? null },
          parts: [a, b],
          rule: `range(${a.rule},${b.rule})`,
          confidence: Math.min(a.confidence, b.confidence),
        });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/**
 * Finds the temporal expressions of a text. Deictic expressions resolve against `opts.dct` (or the
 * region's date); anaphoric ones against the narrative's reference time (the last explicit date
 * before them); event-anchored ones against `opts.kb`. Unresolvable ones keep `anchor.kind: 'none'`
 * and a `note`. Ranges come back as one expression with `parts`.
 */
export function findTimexes(text: string, opts: FindTimexOptions = {}): Timex[] {
  const rules = loadTimexRules(opts.lang ?? 'en');
  const kbIndex = opts.kb ? indexKbForTime(opts.kb, rules) : null;
  const extra = kbIndex?.aliasRule ? [kbIndex.aliasRule] : [];
  const candidates = matchRules(text, rules, extra, opts.sentences);
  const docDct = parseIsoPoint(opts.dct);
  const ctx: Context = { text, rules, opts, kbIndex, dct: docDct, ref: null, lastQuarter: null, kbMentioned: [], historicalText: isHistoricalText(candidates, docDct), candidates, index: 0 };
  const regions = [...(opts.regions ?? [])].sort((a, b) => a.start - b.start);
  let region: (typeof regions)[number] | undefined;
  const mainRef: { value: Context['ref'] } = { value: null };
  const found: Timex[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    ctx.index = i;
    // entering or leaving a region (a comment) swaps the document date and restarts narrative time
    const inRegion = regions.find((r) => r.start <= c.start && c.start < r.end);
    if (inRegion !== region) {
      if (!region) mainRef.value = ctx.ref;
      region = inRegion;
      ctx.dct = region ? parseIsoPoint(region.dct) : docDct;
      ctx.ref = region ? null : mainRef.value;
      ctx.lastQuarter = null;
    }
    const normalize = NORMALIZERS[c.rule.kind];
    if (!normalize) continue;
    const res = normalize(ctx, c);
    if (res.reject || !res.value) continue;
    if (res.split) {
      for (const part of res.split) found.push(toTimex(ctx, { ...c, start: part.start, end: part.end }, part.res));
      continue;
    }
    const t = toTimex(ctx, c, res);
    found.push(t);
    if (res.setsRef && res.point && res.type === 'DATE') {
      // "the mid-1960s": the narrative moves to the start of the stated part (1964), not the whole decade
      const narrowed = res.mod && /^(START|MID|END)$/.test(res.mod) && (res.point.gran === 'decade' || res.point.gran === 'century')
        ? truncatePoint(dayPoint(pointInterval(res.point, res.mod).earliest), 'year')
        : res.point;
      ctx.ref = { point: narrowed, text: t.text, start: t.start };
    }
  }
  return joinRanges(text, found, rules);
}
