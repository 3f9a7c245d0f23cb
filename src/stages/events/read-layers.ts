import type { Annotation, Section } from '../../core/types.ts';
import { lastStartingAtOrBefore } from '../../core/spans.ts';
import type { StageInput } from '../../pipeline/stage.ts';

/** A token as the events and claims stages see it: span, folded form and index in its sentence. */
export interface TokenView {
  start: number;
  end: number;
  /** Lower-cased, typographic quotes folded (the `norm` attr of the token layer). */
  norm: string;
}

/** One sentence with the tokens, mentions and time expressions inside it. */
export interface SentenceView {
  /** Index of the sentence in the sentence layer. */
  index: number;
  start: number;
  end: number;
  /** Section the sentence belongs to, if the source has sections. */
  section?: Section;
  paragraph: number;
  tokens: TokenView[];
  mentions: Annotation[];
  timexes: Annotation[];
}

/** Finds the section containing a position (sections may nest: the innermost, i.e. shortest, wins). */
export function sectionAt(sections: readonly Section[], pos: number): Section | undefined {
  let best: Section | undefined;
  for (const s of sections) {
    if (s.start <= pos && pos < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

/** Folds a token's text to the norm the token layer promises, for tokens that lack `norm`. */
export function foldToken(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"');
}

/**
 * Reads the sentence, token, mention and timex layers of a stage input into per-sentence views,
 * assigning tokens, mentions and timexes to the sentence that contains their start.
 */
export function readSentences(input: StageInput): SentenceView[] {
  const { source } = input;
  const sentences = input.layer('sentence');
  // section by id, the first one listed with that id (what a linear find would return)
  const byId = new Map<string, Section>();
  for (const x of source.sections) if (!byId.has(x.id)) byId.set(x.id, x);
  const views: SentenceView[] = sentences.map((s, index) => ({
    index,
    start: s.start,
    end: s.end,
    section: (typeof s.attrs.section === 'string' ? byId.get(s.attrs.section) : undefined) ?? sectionAt(source.sections, s.start),
    paragraph: typeof s.attrs.paragraph === 'number' ? s.attrs.paragraph : 0,
    tokens: [],
    mentions: [],
    timexes: [],
  }));
  const place = (start: number): SentenceView | undefined => {
    const v = views[lastStartingAtOrBefore(views, start)];
    return v && start < v.end ? v : undefined;
  };
  for (const t of input.layer('token')) {
    const v = place(t.start);
    if (!v) continue;
    const norm = typeof t.attrs.norm === 'string' ? t.attrs.norm : foldToken(source.text.slice(t.start, t.end));
    v.tokens.push({ start: t.start, end: t.end, norm });
  }
  for (const m of input.layer('mention')) place(m.start)?.mentions.push(m);
  for (const x of input.layer('timex')) place(x.start)?.timexes.push(x);
  return views;
}

/** Where an event annotation's trigger starts (the annotation's own start when it has no trigger). */
export function triggerStart(a: Annotation): number {
  return (a.attrs.trigger as { start: number } | undefined)?.start ?? a.start;
}

/** Index of the first token starting at or after `pos`, or `tokens.length`. */
export function tokenIndexAt(tokens: readonly TokenView[], pos: number): number {
  const i = tokens.findIndex((t) => t.end > pos);
  return i < 0 ? tokens.length : i;
}
