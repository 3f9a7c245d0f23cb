import type { DayInterval } from '../core/time.ts';
import { lastStartingAtOrBefore } from '../core/spans.ts';
import type { AnalyzedSource, Annotation, Json } from '../core/types.ts';
import { edtfToInterval, isoToInterval, widenApproximate } from './edtf-interval.ts';
import { findDates } from './find-dates.ts';
import type { KbIndex } from './kb-index.ts';

/** A sentence of a source view. */
export interface ViewSentence {
  start: number;
  end: number;
}

/** An entity mention (from the mention layer, or the fallback alias scan). */
export interface ViewMention {
  id: string;
  start: number;
  end: number;
  text: string;
  entity?: string;
  label: string;
}

/** A dated expression (from the timex layer, or the fallback date finder). */
export interface ViewTimex {
  id: string;
  start: number;
  end: number;
  text: string;
  edtf: string;
  /** Interval for reasoning, already widened when approximate. */
  interval: DayInterval;
  approximate: boolean;
}

/** An event participant as the event layer gives it. */
export interface ViewParticipant {
  role: string;
  entity?: string;
  text: string;
}

/** An event mention (from the event layer, or a mention of a named KB event). */
export interface ViewEvent {
  id: string;
  /** Span of the trigger (event layer) or of the event's name. */
  start: number;
  end: number;
  cls: string;
  participants: ViewParticipant[];
  interval?: DayInterval;
  edtf?: string;
  approximate: boolean;
  /** True when the date was inherited from the narrative rather than stated with the event. */
  inherited: boolean;
  positive: boolean;
  asserted: boolean;
  /** KB event this mention names, if any. */
  kbEvent?: string;
  /** True when the named event is only a reference point ("veterans of …", "the anniversary of …"). */
  referential?: boolean;
  /** Sentence index. */
  sentence: number;
  /** The name its date is bracketed after ("Hungary (1956)"): the date is that name's. */
  dateOf?: { start: number; end: number };
}

/** What the corpus checks read of one analyzed source, normalized and with layer fallbacks. */
export interface SourceView {
  id: string;
  title: string;
  text: string;
  sentences: ViewSentence[];
  mentions: ViewMention[];
  timexes: ViewTimex[];
  events: ViewEvent[];
  /** Layers that were missing and filled by fallbacks. */
  fallbacks: string[];
  /** The reader comments of the source: span and commenter (user name). */
  comments: Array<{ start: number; end: number; author: string }>;
}

/**
 * Who says what a source says at a position, for a conflict's explanation: the source quoted by its
 * title, or, inside a reader comment, the commenter on it (`balkanwatcher's comment on "Title"`).
 */
export function voiceOf(view: SourceView, pos: number): string {
  const c = view.comments.find((x) => x.start <= pos && pos < x.end);
  return c ? `${c.author}'s comment on "${view.title}"` : `"${view.title}"`;
}

const IGNORED_SECTIONS = new Set(['chrome', 'reference', 'credit']);

/** Splits text into sentences at `.`, `!`, `?` and blank lines (fallback when no sentence layer). */
export function splitSentencesFallback(text: string): ViewSentence[] {
  const out: ViewSentence[] = [];
  let start = 0;
  const re = /[.!?]+["'”’)]*(?=\s+["'“‘(]?[\p{Lu}\d])|\n\s*\n|\n(?=[^\n]{0,80}\n)/gu;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    // "J. F. Kennedy", "Dr. Smith": no split after a single capital or a short abbreviation.
    const before = text.slice(Math.max(0, m.index - 4), m.index + 1);
    if (/(?:^|[\s.])(?:\p{Lu}|Dr|Mr|Mrs|Ms|St|Gen|Col|Lt|No|vs)\.$/u.test(before)) continue;
    if (text.slice(start, end).trim()) out.push(trim(text, start, end));
    start = end;
  }
  if (text.slice(start).trim()) out.push(trim(text, start, text.length));
  return out;
}

/** Shrinks a span past surrounding whitespace. */
function trim(text: string, start: number, end: number): ViewSentence {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Reads an `{earliest, latest}` or EDTF from annotation attrs into a widened day interval. */
function timeOf(attrs: Record<string, Json | undefined>): { interval?: DayInterval; edtf?: string; approximate: boolean } {
  const edtf = typeof attrs.edtf === 'string' ? attrs.edtf : undefined;
  const approximate = /[~?%]/.test(edtf ?? '') || (typeof attrs.mod === 'string' && /APPROX|ABOUT|EQUAL_OR|LESS|MORE/.test(attrs.mod));
  const iv = isoToInterval(attrs.interval as { earliest?: unknown; latest?: unknown } | undefined) ?? edtfToInterval(edtf);
  if (!iv) return { edtf, approximate };
  return { interval: widenApproximate({ ...iv, approximate }), edtf, approximate };
}

/**
 * Builds the view of one analyzed source the checks read: sentences, entity mentions, dates and
 * event mentions, leaving out site chrome, references and credit lines. Layers that are absent are
 * filled by simple fallbacks (sentence split, KB alias scan, explicit-date finder) and listed in
 * `fallbacks`. Named KB events found in the text are added as event mentions.
 */
export function buildSourceView(doc: AnalyzedSource, index: KbIndex): SourceView {
  const ignored = doc.sections.filter((s) => IGNORED_SECTIONS.has(s.kind));
  const kept = (a: { start: number; end: number }) => !ignored.some((s) => a.start >= s.start && a.end <= s.end);
  const layer = (name: string): Annotation[] => doc.annotations.filter((a) => a.layer === name && kept(a)).sort((a, b) => a.start - b.start);
  const fallbacks: string[] = [];

  let sentences: ViewSentence[] = layer('sentence').map((a) => ({ start: a.start, end: a.end }));
  if (sentences.length === 0) {
    fallbacks.push('sentence');
    sentences = splitSentencesFallback(doc.text).filter(kept);
  }

  let mentions: ViewMention[] = layer('mention').map((a) => ({
    id: a.id,
    start: a.start,
    end: a.end,
    text: doc.text.slice(a.start, a.end),
    entity: typeof a.attrs.entity === 'string' ? a.attrs.entity : undefined,
    label: a.label,
  }));
  if (mentions.length === 0 && !doc.annotations.some((a) => a.layer === 'mention') && index.aliasRegex) {
    fallbacks.push('mention');
    mentions = [...doc.text.matchAll(index.aliasRegex)]
      .map((m) => ({ id: `scan:${m.index}`, start: m.index, end: m.index + m[0].length, text: m[0], entity: index.aliasToEntity.get(m[0]), label: 'MISC' }))
      .filter(kept);
  }

  const mentionSpans = doc.annotations.filter((a) => a.layer === 'mention');
  // "Meanwhile", "at that time": narrative guesses, not dates a sentence states.
  const weak = (a: Annotation) => {
    const anchor = (a.attrs.anchor as { kind?: string } | undefined)?.kind;
    const confidence = typeof a.attrs.confidence === 'number' ? a.attrs.confidence : 1;
    return anchor === 'narrative' && (a.attrs.granularity === 'unknown' || confidence < 0.6);
  };
  let timexes: ViewTimex[] = layer('timex')
    // A date implied by a bare name ("Stalingrad" → the battle) is not a date the text states;
    // "a few months after Stalin's death" is.
    .filter(
      (a) =>
        (a.label === 'DATE' || a.label === 'TIME') &&
        !weak(a) &&
        !((a.attrs.anchor as { kind?: string } | undefined)?.kind === 'kb-event' && mentionSpans.some((m) => m.start <= a.start && a.end <= m.end)),
    )
    .flatMap((a) => {
      const t = timeOf(a.attrs);
      if (!t.interval) return [];
      return [{ id: a.id, start: a.start, end: a.end, text: doc.text.slice(a.start, a.end), edtf: t.edtf ?? '', interval: t.interval, approximate: t.approximate }];
    });
  if (!doc.annotations.some((a) => a.layer === 'timex')) {
    fallbacks.push('timex');
    timexes = findDates(doc.text)
      .filter(kept)
      .map((d) => ({ id: `date:${d.start}`, start: d.start, end: d.end, text: doc.text.slice(d.start, d.end), edtf: d.edtf, interval: widenApproximate({ ...d.interval, approximate: d.approximate }), approximate: d.approximate }));
  }

  const sentenceAt = (pos: number) => sentenceIndexAt(sentences, pos);
  const timexById = new Map(doc.annotations.filter((a) => a.layer === 'timex').map((a) => [a.id, a]));
  const events: ViewEvent[] = layer('event').map((a) => {
    const time = (a.attrs.time ?? {}) as Record<string, Json | undefined>;
    let t = timeOf(time);
    // "founded on 14 May 1955, nine days after West Germany joined": that date is not the joining's.
    const tx = typeof time.timex === 'string' ? timexById.get(time.timex) : undefined;
    const trig = a.attrs.trigger as { start?: number; end?: number } | undefined;
    const span = typeof trig?.start === 'number' && typeof trig.end === 'number' ? { start: trig.start, end: trig.end } : { start: a.start, end: a.end };
    if (tx && RELATIVE_CUE.test(doc.text.slice(Math.min(tx.end, span.end), Math.max(tx.start, span.start)))) t = { approximate: false };
    if (tx && ((tx.attrs.anchor as { kind?: string } | undefined)?.kind === 'kb-event' || weak(tx))) t = { approximate: false };
    // A date from another sentence is the narrative's, not one this sentence states.
    const own = sentences[sentenceIndexAt(sentences, span.start)];
    if (tx && own && (tx.start < own.start || tx.end > own.end)) t = { approximate: false };
    const holder = tx && t.interval ? bracketOwner(mentions, doc.text, tx) : undefined;
    const parts = Array.isArray(a.attrs.participants) ? (a.attrs.participants as Array<Record<string, Json>>) : [];
    return {
      id: a.id,
      start: span.start,
      end: span.end,
      cls: a.label,
      participants: parts.map((p) => ({ role: String(p.role ?? 'other'), entity: typeof p.entity === 'string' ? p.entity : undefined, text: String(p.text ?? '') })),
      interval: t.interval,
      edtf: t.edtf,
      approximate: t.approximate,
      inherited: time.inherited === true,
      positive: a.attrs.polarity !== 'negative',
      asserted: a.attrs.modality === undefined || a.attrs.modality === 'asserted',
      sentence: sentenceAt(a.start),
      ...(holder ? { dateOf: { start: holder.start, end: holder.end } } : {}),
    };
  });
  if (!doc.annotations.some((a) => a.layer === 'event')) fallbacks.push('event');

  const comments = doc.sections.flatMap((x) => (x.kind === 'comment' && x.author ? [{ start: x.start, end: x.end, author: x.author }] : []));
  const view: SourceView = { id: doc.id, title: sourceTitle(doc), text: doc.text, sentences, mentions, timexes, events, fallbacks, comments };
  view.events.push(...findNamedEvents(view, index, kept));
  return view;
}

/**
 * The mention a date is bracketed right after ("the Suez (1956) and Caribbean (1962) crises": 1962
 * is the Caribbean crisis's date), or undefined when the date is not in such brackets.
 */
export function bracketOwner<M extends { start: number; end: number }>(mentions: readonly M[], text: string, date: { start: number; end: number }): M | undefined {
  return mentions.find((m) => m.end <= date.start && date.start - m.end <= 3 && /^\s?\(\s?$/.test(text.slice(m.end, date.start)));
}

/** Index of the sentence containing a position (or the last one starting before it), -1 if none. */
export function sentenceIndexAt(sentences: readonly ViewSentence[], pos: number): number {
  return lastStartingAtOrBefore(sentences, pos);
}

/** The sentence span around a position (the whole text when there are no sentences). */
export function sentenceSpan(view: SourceView, pos: number): ViewSentence {
  const i = sentenceIndexAt(view.sentences, pos);
  const s = view.sentences[i];
  return s && pos < s.end ? s : { start: Math.max(0, pos - 200), end: Math.min(view.text.length, pos + 200) };
}

/**
 * The date a position in the text is about: the nearest dated expression in the same sentence,
 * or undefined when the sentence gives none. Dates inside another clause's parentheses count too:
 * the checks only fire when the intervals cannot meet, so a loose pick costs recall, not precision.
 */
export function dateNear(view: SourceView, pos: number, end = pos, maxDistance = Infinity): ViewTimex | undefined {
  const s = sentenceSpan(view, pos);
  let best: ViewTimex | undefined;
  let bestDist = Infinity;
  for (const t of view.timexes) {
    if (t.start < s.start || t.end > s.end) continue;
    // The span itself is not its own date; a date with "after"/"before" between is about something else.
    if (t.start < end && pos < t.end) continue;
    const between = view.text.slice(Math.min(t.end, end), Math.max(t.start, pos));
    if (RELATIVE_CUE.test(between) || between.includes(';')) continue;
    const dist = t.end <= pos ? pos - t.end : t.start >= end ? t.start - end : 0;
    if (dist > maxDistance) continue;
    // "the Suez (1956) and Caribbean (1962) crises": a date bracketed after another name is that name's.
    const owner = bracketOwner(view.mentions, view.text, t);
    if (owner && (owner.end <= pos || owner.start >= end)) continue;
    // "the thesis of 1948": a date after "of" dates the noun before it, unless that noun is the span itself.
    const ofNoun = /(\p{L}+)\s+of\s+(?:the\s+)?$/iu.exec(view.text.slice(Math.max(0, t.start - 30), t.start));
    if (ofNoun && !TIME_NOUN.test(ofNoun[1]!) && !(t.start >= end && t.start - end <= 8)) continue;
    if (dist < bestDist) {
      best = t;
      bestDist = dist;
    }
  }
  return best;
}

/** Nouns that a date after "of" belongs to without dating anything else ("the spring of 1954"). */
const TIME_NOUN = /^(?:spring|summer|autumn|fall|winter|year|years|month|months|end|beginning|start|middle|half|part|course|turn|days|weeks|january|february|march|april|may|june|july|august|september|october|november|december)$/i;

/** Words that make a date relative to something else ("nine days after", "two years before"). */
const RELATIVE_CUE = /\b(?:after|before|later|earlier|ago|since|until|prior to|following)\b/i;

/** Words before an event's name that use it as a reference point, not as what the sentence dates. */
const REFERENCE_CUE = /\b(?:veterans?|anniversary|memory|memorial|survivors?|lessons|legacy|history|museum|eve|aftermath|wake|since|after|before|following|until|like|as in)\s+(?:of\s+|to\s+)?(?:the\s+)?(?:\p{Lu}\p{L}*\s+){0,2}$/iu;

/** Mentions of named KB events in the text, as event mentions dated by their sentence. */
function findNamedEvents(view: SourceView, index: KbIndex, kept: (a: { start: number; end: number }) => boolean): ViewEvent[] {
  const found: Array<{ start: number; end: number; ids: string[] }> = [];
  for (const m of view.mentions) {
    if (m.entity && index.kb.eventById.has(m.entity)) found.push({ start: m.start, end: m.end, ids: [m.entity] });
  }
  if (index.eventRegex) {
    for (const m of view.text.matchAll(index.eventRegex)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (!kept(span) || found.some((f) => f.start < span.end && span.start < f.end)) continue;
      const ids = index.eventAliasToIds.get(m[0].toLowerCase()) ?? [];
      if (ids.length) found.push({ ...span, ids });
    }
  }
  return found.flatMap((f) => {
    // "veterans of the Second World War", "since the Thaw": the name is a reference point, undated here.
    const referential = REFERENCE_CUE.test(view.text.slice(Math.max(0, f.start - 50), f.start));
    // "the 20th Congress" may name several KB events; the date in the sentence picks one.
    const date = referential ? undefined : dateNear(view, f.start, f.end, 30);
    let id = f.ids[0]!;
    if (f.ids.length > 1) {
      const fit = f.ids.filter((x) => {
        const iv = index.eventInterval(index.kb.eventById.get(x)!);
        return iv && date && iv.earliest <= date.interval.latest && date.interval.earliest <= iv.latest;
      });
      if (fit.length !== 1) return [];
      id = fit[0]!;
    }
    const ev = index.kb.eventById.get(id)!;
    return [
      {
        id: `kb-alias:${f.start}`,
        start: f.start,
        end: f.end,
        cls: ev.class,
        participants: ev.participants.map((p) => ({ role: 'agent', entity: p, text: index.nameOf(p) })),
        interval: date?.interval,
        edtf: date?.edtf,
        approximate: date?.approximate ?? false,
        inherited: false,
        positive: true,
        asserted: true,
        kbEvent: id,
        referential,
        sentence: sentenceIndexAt(view.sentences, f.start),
      },
    ];
  });
}

/**
 * The name to quote a source by: its title, else the base name of its file or URL path (never the
 * full path), else its id.
 */
export function sourceTitle(doc: { id: string; meta: Record<string, Json | undefined> }): string {
  const title = typeof doc.meta.title === 'string' ? doc.meta.title.replace(/\s+/g, ' ').trim() : '';
  if (title) return title;
  const path = typeof doc.meta.path === 'string' ? doc.meta.path : typeof doc.meta.url === 'string' ? doc.meta.url : '';
  const base = path.replace(/[?#].*$/, '').replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  return base || doc.id;
}
