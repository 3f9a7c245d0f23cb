import type { Annotation } from '../../core/types.ts';
import { isDating } from './pick-time.ts';
import type { SentenceView } from './read-layers.ts';

/** Tokens allowed between two dates of one enumeration: "A (1956) and B (1962)", "the 1967 and 1973 wars". */
const JOINERS = new Set([',', 'and', 'or', '(', ')']);
/** At most this many tokens between two enumerated dates. */
const MAX_GAP = 4;

/**
 * The enumeration of dates a timex belongs to, in text order: dates joined only by commas, "and",
 * "or", brackets and mentioned names ("into A (1956), B (1968) and C (1979)", "the 1967 and
 * 1973 wars"). An event dated by one member happened once per member. Returns just `[x]` when
 * the timex stands alone.
 */
export function findDateList(s: SentenceView, x: Annotation): Annotation[] {
  const dates = s.timexes.filter(isDating).sort((a, b) => a.start - b.start);
  const joinable = (a: Annotation, b: Annotation) => {
    const gap = s.tokens.filter((t) => t.start >= a.end && t.end <= b.start);
    return gap.length <= MAX_GAP && gap.every((t) => JOINERS.has(t.norm) || s.mentions.some((m) => m.start <= t.start && t.end <= m.end));
  };
  let i = dates.indexOf(x);
  if (i < 0) return [x];
  let j = i;
  while (i > 0 && joinable(dates[i - 1]!, dates[i]!)) i--;
  while (j < dates.length - 1 && joinable(dates[j]!, dates[j + 1]!)) j++;
  return dates.slice(i, j + 1);
}

/** The mention a bracketed date qualifies: "Hungary (1956)" → Hungary. Undefined otherwise. */
export function bracketedMention(s: SentenceView, x: Annotation): Annotation | undefined {
  const k = s.tokens.findIndex((t) => t.start >= x.start);
  if (k < 1 || s.tokens[k - 1]!.norm !== '(') return undefined;
  const before = s.tokens[k - 2];
  return before ? s.mentions.filter((m) => m.end === before.end).sort((a, b) => a.start - b.start)[0] : undefined;
}
