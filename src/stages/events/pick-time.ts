import type { Annotation, Json, Section } from '../../core/types.ts';
import type { SentenceView } from './read-layers.ts';

/** Tokens that separate clauses when choosing the time expression of a trigger. */
const CLAUSE = new Set([';', ':', 'while', 'whereas', 'which', 'but', 'although', 'though']);

/** True when a timex can date an event: it has an EDTF value that is not a bare duration. */
export function isDating(x: Annotation): boolean {
  const edtf = x.attrs.edtf;
  return typeof edtf === 'string' && edtf !== '' && !edtf.startsWith('P') && x.label !== 'SET' && x.label !== 'DURATION';
}

/** The `time` attribute of an event built from a timex. */
export function timeFromTimex(x: Annotation, inherited: boolean): Record<string, Json | undefined> {
  const t: Record<string, Json | undefined> = { edtf: x.attrs.edtf as string, timex: x.id, inherited };
  if (typeof x.attrs.value === 'string') t.value = x.attrs.value;
  if (x.attrs.interval && typeof x.attrs.interval === 'object') t.interval = x.attrs.interval;
  return t;
}

/** Clause number of each token: increases after `;`, `:` and clause-opening conjunctions. */
function clauseIds(s: SentenceView): number[] {
  let c = 0;
  return s.tokens.map((t) => (CLAUSE.has(t.norm) ? ++c : c));
}

/**
 * Picks the timex dating a trigger inside its sentence: one in the same clause first, then any in
 * the sentence, nearest to the trigger (ties go to the one before it). Returns undefined if none.
 */
export function pickSentenceTime(s: SentenceView, trigger: { start: number; end: number }): Annotation | undefined {
  const dating = s.timexes.filter(isDating);
  if (dating.length === 0) return undefined;
  const ids = clauseIds(s);
  const clauseOf = (pos: number) => {
    const i = s.tokens.findIndex((t) => t.end > pos);
    return ids[i < 0 ? ids.length - 1 : i] ?? 0;
  };
  const tc = clauseOf(trigger.start);
  const dist = (x: Annotation) => (x.end <= trigger.start ? trigger.start - x.end : x.start >= trigger.end ? x.start - trigger.end + 0.5 : 0);
  const same = dating.filter((x) => clauseOf(x.start) === tc);
  const pool = same.length ? same : dating;
  return [...pool].sort((a, b) => dist(a) - dist(b))[0];
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
