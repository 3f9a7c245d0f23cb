import type { Annotation } from '../../core/types.ts';
import { readDataJson } from './lexicon.ts';
import type { SentenceView, TokenView } from './read-layers.ts';

/** Participant vocabularies (`data/events/participants.json`). */
export interface ParticipantWords {
  prepositions: string[];
  subjectPronouns: { personal: string[]; plural: string[] };
  objectPronouns: { personal: string[]; plural: string[]; neuter?: string[] };
  /** First parts of compound adjectives and the demonym they stand for ("sino" → "chinese"). */
  combiningForms?: Record<string, string>;
  /** Event nouns whose "of" names the one acted on ("the criticism of X"). */
  ofPatientNouns?: string[];
  /** Prepositions and nouns of an instigator phrase with a possessive ("at her suggestion", "on Y's orders"). */
  instigatorPrepositions?: string[];
  instigatorNouns?: string[];
  /** Classes whose neuter object pronoun stands for an organisation ("joined it"). */
  neuterObjectClasses?: string[];
  relativePronouns: string[];
  subordinators: string[];
  helperPhrases: string[];
  /** By event class, prepositions that may introduce a verb trigger's patient ("fought against X"). */
  patientPrepositions: Record<string, string[]>;
  /** Nouns a name may premodify and still be the actor ("Soviet troops"). */
  actorHeads: string[];
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
  if (w.objectPronouns.neuter?.includes(pronoun)) return resolveNeuter(sentences, index, pos);
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

/**
 * Resolves a neuter object pronoun ("joined it") to the nearest organisation named before it: in
 * the same sentence before the pronoun, then in up to three earlier sentences of the section, the
 * last-named first (recency, unlike the subject preference of `resolvePronoun`).
 */
export function resolveNeuter(sentences: readonly SentenceView[], index: number, pos: number): Annotation | undefined {
  const here = sentences[index];
  if (!here) return undefined;
  for (let i = index; i >= 0 && i >= index - LOOKBACK; i--) {
    const s = sentences[i]!;
    if (i < index && s.section?.id !== here.section?.id) break;
    const cands = s.mentions.filter((m) => m.label === 'ORG' && (i < index || m.end <= pos));
    if (cands.length) return cands.reduce((a, b) => (b.end > a.end || (b.end === a.end && b.start < a.start) ? b : a));
  }
  return undefined;
}
