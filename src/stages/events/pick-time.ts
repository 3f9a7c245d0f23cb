import type { Annotation, Json, Section } from '../../core/types.ts';
import { dateOwner } from './date-owner.ts';
import type { SentenceView } from './read-layers.ts';
import { splitClauses } from './split-clauses.ts';

/**
 * True when a timex can date an event: it has an EDTF value that is not a bare duration. A
 * duration anchored in the narrative ("over the next 25 years" → `1961/1986`) is an interval and dates.
 */
export function isDating(x: Annotation): boolean {
  const edtf = x.attrs.edtf;
  if (typeof edtf !== 'string' || edtf === '' || edtf.startsWith('P') || x.label === 'SET') return false;
  return x.label !== 'DURATION' || edtf.includes('/');
}

/**
 * The `time` attribute of an event built from a timex. A signal opens the interval of a point
 * date the way TimeML reads it: "since 1944" → `1944/..`, "by 1979" → `../1979` (not for
 * inherited times: a later sentence is not "since" the date).
 */
export function timeFromTimex(x: Annotation, inherited: boolean): Record<string, Json | undefined> {
  let edtf = x.attrs.edtf as string;
  const interval = x.attrs.interval && typeof x.attrs.interval === 'object' && !Array.isArray(x.attrs.interval) ? { ...(x.attrs.interval as Record<string, Json>) } : undefined;
  const signal = x.attrs.signal as { text?: string; relation?: string } | undefined;
  if (!inherited && signal && !edtf.includes('/')) {
    if (signal.relation === 'after') {
      edtf = `${edtf}/..`;
      if (interval) interval.latest = null;
    } else if (signal.relation === 'before' && /^by$/i.test(String(signal.text))) {
      edtf = `../${edtf}`;
      if (interval) interval.earliest = null;
    }
  }
  const t: Record<string, Json | undefined> = { edtf, timex: x.id, inherited };
  if (typeof x.attrs.value === 'string') t.value = x.attrs.value;
  if (interval) t.interval = interval;
  return t;
}

/**
 * Picks the timex dating a trigger inside its sentence: the nearest one in the trigger's own clause
 * (ties go to the one before it); else, the nearest before the trigger in a main clause (dates
 * carry forward, never backward across clauses, and a relative clause keeps its date: "X, who died
 * in 1953, wrote …"). A timex that contains the trigger is its anchor, not its date ("after the
 * war": the war is not dated by itself), and a date hung on another noun by "of"/"from" is that
 * noun's ("approved the thesis of 1948": not the approval's date). Returns undefined if none: the
 * narrative time applies.
 */
export function pickSentenceTime(s: SentenceView, trigger: { start: number; end: number }): Annotation | undefined {
  // "the thesis of 1948": a date hung on another noun dates that noun, not this trigger
  const ownedElsewhere = (x: Annotation) => {
    const owner = dateOwner(s, x);
    return owner !== undefined && (owner.end <= trigger.start || owner.start >= trigger.end);
  };
  const dating = s.timexes.filter((x) => isDating(x) && !(x.start <= trigger.start && trigger.end <= x.end) && !ownedElsewhere(x));
  if (dating.length === 0) return undefined;
  const { ids, subordinate } = splitClauses(s.tokens, s.timexes);
  const clauseOf = (pos: number) => {
    const i = s.tokens.findIndex((t) => t.end > pos);
    return ids[i < 0 ? ids.length - 1 : i] ?? 0;
  };
  const tc = clauseOf(trigger.start);
  const dist = (x: Annotation) => (x.end <= trigger.start ? trigger.start - x.end : x.start >= trigger.end ? x.start - trigger.end + 0.5 : 0);
  const nearest = (pool: Annotation[]) => [...pool].sort((a, b) => dist(a) - dist(b))[0];
  const same = dating.filter((x) => clauseOf(x.start) === tc);
  if (same.length) return nearest(same);
  return nearest(dating.filter((x) => x.end <= trigger.start && !subordinate.has(clauseOf(x.start))));
}

/** True when two sections belong to the same narrative (the article, or one comment). */
function sameNarrative(a: Section | undefined, b: Section | undefined): boolean {
  const isComment = (s: Section | undefined) => s?.kind === 'comment';
  if (isComment(a) || isComment(b)) return a?.id === b?.id;
  return true;
}

/**
 * The narrative reference time before a sentence: the last DATE timex that ends before it, within
 * the same narrative (the article body, or the same comment). Undefined when the text has none yet.
 */
export function pickNarrativeTime(sentences: readonly SentenceView[], index: number): Annotation | undefined {
  const here = sentences[index]!;
  for (let i = index - 1; i >= 0; i--) {
    const s = sentences[i]!;
    if (!sameNarrative(s.section, here.section)) continue;
    const dating = s.timexes.filter((x) => x.label === 'DATE' && isDating(x));
    if (dating.length) return dating[dating.length - 1];
  }
  return undefined;
}
