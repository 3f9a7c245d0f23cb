import type { Annotation } from '../../core/types.ts';
import { readDataJson } from './lexicon.ts';
import type { SentenceView, TokenView } from './read-layers.ts';

/** Participant vocabularies (`data/events/participants.json`). */
export interface ParticipantWords {
  prepositions: string[];
  subjectPronouns: { personal: string[]; plural: string[] };
  objectPronouns: { personal: string[]; plural: string[] };
  relativePronouns: string[];
  subordinators: string[];
  helperPhrases: string[];
}

let words: ParticipantWords | undefined;

/** The participant vocabularies, read once from `data/events/participants.json`. */
export function participantWords(): ParticipantWords {
  words ??= readDataJson<ParticipantWords>('events/participants.json');
  return words;
}

/** Determiners skipped when looking at the word before a mention. */
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'this', 'that', 'these', 'those']);

/** The word before a position in a token list, skipping determiners ("by the Harbour Police" → "by"). */
export function wordBefore(tokens: readonly TokenView[], pos: number): string {
  let i = tokens.findIndex((t) => t.end > pos) - 1;
  if (i < -1) i = tokens.length - 1;
  while (i >= 0 && DETERMINERS.has(tokens[i]!.norm)) i--;
  return tokens[i]?.norm ?? '';
}

/** How many sentences back a pronoun's antecedent is looked for. */
const LOOKBACK = 3;

/**
 * Resolves a third-person pronoun at `pos` of sentence `index` to an earlier mention: for "he",
 * "she", "him", "her" a person, for "they", "them" a group, organisation or country. Prefers the
 * part of the same sentence before the pronoun (nearest first), then earlier sentences of the same
 * section, where the leftmost mention not governed by a preposition (the likely subject) wins.
 * Undefined when nothing fits within a few sentences.
 */
export function resolvePronoun(sentences: readonly SentenceView[], index: number, pos: number, pronoun: string): Annotation | undefined {
  const w = participantWords();
  const personal = w.subjectPronouns.personal.includes(pronoun) || w.objectPronouns.personal.includes(pronoun);
  const fits = (m: Annotation) => (personal ? m.label === 'PER' : ['GRP', 'ORG', 'LOC'].includes(m.label));
  const preps = new Set(w.prepositions);
  const here = sentences[index];
  if (!here) return undefined;
  const before = here.mentions.filter((m) => m.end <= pos && fits(m) && !preps.has(wordBefore(here.tokens, m.start)));
  if (before.length) return before.reduce((a, b) => (b.end > a.end || (b.end === a.end && b.start < a.start) ? b : a));
  for (let i = index - 1; i >= 0 && i >= index - LOOKBACK; i--) {
    const s = sentences[i]!;
    if (s.section?.id !== here.section?.id && (s.section?.kind === 'comment' || here.section?.kind === 'comment')) break;
    const cands = s.mentions.filter((m) => fits(m) && !preps.has(wordBefore(s.tokens, m.start)));
    if (cands.length) return cands.reduce((a, b) => (b.start < a.start || (b.start === a.start && b.end > a.end) ? b : a));
  }
  return undefined;
}
