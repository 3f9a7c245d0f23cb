import type { Annotation } from '../../core/types.ts';
import { readDataJson, type TriggerMatch } from './lexicon.ts';
import { isDating } from './pick-time.ts';
import type { SentenceView, TokenView } from './read-layers.ts';

/** The aspectual part of `data/events/date-owners.json`. */
interface AspectualFile {
  determiners: string[];
  timeNouns: string[];
  aspectualVerbs: string[];
  aspectualSkip: string[];
  aspectualReach: number;
}

let vocab: { verbs: Set<string>; skip: Set<string>; not: Set<string>; reach: number } | undefined;

/** Loads (once) the aspectual vocabulary. */
function loadVocab() {
  if (!vocab) {
    const f = readDataJson<AspectualFile>('events/date-owners.json');
    vocab = { verbs: new Set(f.aspectualVerbs), skip: new Set(f.aspectualSkip), not: new Set([...f.determiners, ...f.timeNouns]), reach: f.aspectualReach };
  }
  return vocab;
}

/** Pronouns and other words that are no event noun as the subject of "began". */
const NOT_EVENTS = new Set(['it', 'he', 'she', 'they', 'we', 'i', 'you', 'who', 'this', 'there', 'what', 'all', 'one']);

/** A noun whose beginning or end a sentence dates: the subject noun, the aspectual verb and the date. */
export interface AspectualEvent {
  noun: TokenView;
  verb: TokenView;
  timex: Annotation;
}

/**
 * Finds nouns that an aspectual verb dates ("the thaw that began after the Congress", "the
 * blockade ended in May 1949"): an aspectual verb (`aspectualVerbs`) not followed by "to" or an
 * -ing form ("began to write" is about the writing), whose subject is the word before it (past a
 * relative pronoun or auxiliary), a plain lower-case word that is no pronoun, determiner or time
 * noun and lies in no trigger and no name, and which a dating time expression follows within
 * `aspectualReach` tokens. Such a noun names a process the text dates by its start or end.
 */
export function findAspectual(s: SentenceView, triggers: readonly TriggerMatch[], text: string): AspectualEvent[] {
  const v = loadVocab();
  const out: AspectualEvent[] = [];
  const { tokens } = s;
  tokens.forEach((verb, i) => {
    if (!v.verbs.has(verb.norm)) return;
    const next = tokens[i + 1]?.norm ?? '';
    if (next === 'to' || /ing$/.test(next)) return;
    let k = i - 1;
    while (k >= 0 && v.skip.has(tokens[k]!.norm)) k--;
    const noun = tokens[k];
    if (!noun || !/^\p{Ll}+$/u.test(text.slice(noun.start, noun.end)) || v.not.has(noun.norm) || NOT_EVENTS.has(noun.norm)) return;
    if (triggers.some((m) => m.from <= k && k < m.to)) return;
    if (s.mentions.some((m) => m.start <= noun.start && noun.end <= m.end)) return;
    const timex = s.timexes.find((x) => {
      if (!isDating(x) || x.start < verb.end) return false;
      const gap = tokens.filter((t) => t.start >= verb.end && t.end <= x.start).length;
      return gap <= v.reach;
    });
    if (timex) out.push({ noun, verb, timex });
  });
  return out;
}
