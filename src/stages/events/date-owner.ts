import type { Annotation } from '../../core/types.ts';
import { readDataJson } from './lexicon.ts';
import type { SentenceView } from './read-layers.ts';

/** The vocabulary of `data/events/date-owners.json`. */
interface DateOwnerFile {
  prepositions: string[];
  needDeterminer: string[];
  determiners: string[];
  timeNouns: string[];
}

let vocab: { prepositions: Set<string>; needDeterminer: Set<string>; determiners: Set<string>; timeNouns: Set<string> } | undefined;

/** Loads (once) the date-owner vocabulary. */
function loadVocab() {
  if (!vocab) {
    const f = readDataJson<DateOwnerFile>('events/date-owners.json');
    vocab = { prepositions: new Set(f.prepositions), needDeterminer: new Set(f.needDeterminer), determiners: new Set(f.determiners), timeNouns: new Set(f.timeNouns) };
  }
  return vocab;
}

/**
 * The span of the noun a date is attached to by "of"/"from" ("the thesis of 1948" → thesis,
 * "a letter from 1950" → letter): that date is the noun's, not the date of an event elsewhere in
 * the clause. Undefined when the date stands free, or hangs on a time noun ("the spring of 1954").
 */
export function dateOwner(s: SentenceView, x: Annotation): { start: number; end: number } | undefined {
  const v = loadVocab();
  let k = s.tokens.findIndex((t) => t.start >= x.start) - 1;
  if (k < 0) return undefined;
  if (s.tokens[k]?.norm === 'the') k--;
  const prep = s.tokens[k];
  const head = s.tokens[k - 1];
  if (!prep || !head || !v.prepositions.has(prep.norm) || prep.end > x.start) return undefined;
  if (!/^\p{L}+$/u.test(head.norm) || v.timeNouns.has(head.norm) || v.determiners.has(head.norm)) return undefined;
  if (v.needDeterminer.has(prep.norm)) {
    const before = s.tokens.slice(Math.max(0, k - 4), k - 1);
    if (!before.some((t) => v.determiners.has(t.norm))) return undefined;
    if (s.mentions.some((m) => m.start <= head.start && head.end <= m.end && !(m.start <= x.start && x.end <= m.end))) return undefined;
  }
  return { start: head.start, end: head.end };
}
