import type { Annotation } from '../../core/types.ts';
import { readDataJson } from './lexicon.ts';
import type { SentenceView } from './read-layers.ts';

/** The part of `data/events/date-owners.json` read here. */
interface ObjectPrepositionsFile {
  objectPrepositions: string[];
}

let objectPreps: Set<string> | undefined;

/** Past participles that do not end in -ed. */
const IRREGULAR = new Set(['led', 'made', 'given', 'taken', 'driven', 'overthrown', 'brought', 'caught', 'held', 'sent', 'set', 'shaken', 'shown', 'struck', 'written', 'won', 'begun', 'broken', 'chosen', 'done', 'seen', 'thrown', 'torn', 'built', 'fought', 'lost', 'paid', 'said', 'told', 'found', 'known', 'kept', 'spent', 'put']);
/** Words that make a verb form finite or passive rather than a reduced relative ("was committed"). */
const AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'had', 'has', 'have', 'who', 'which', 'that']);
/** Prepositions that may open a time expression without being part of it. */
const TIME_PREPS = new Set(['in', 'on', 'at', 'during', 'since', 'from', 'until', 'after', 'before', 'throughout', 'between']);
/** Longest noun phrase, in tokens, between the preposition and the participle. */
const MAX_NP = 4;

/** True for a token that reads as a past participle ("committed", "held", "overthrown"). */
export function isParticiple(norm: string): boolean {
  return /^\p{L}{3,}ed$/u.test(norm) || IRREGULAR.has(norm);
}

/**
 * The participle a date hangs on in a reduced relative clause after a prepositional object:
 * "accused the mayor of the crimes committed during the strike" → "committed". That date tells
 * when the participle's event happened, not when a verb before it did. Undefined when the date is
 * not so placed ("he committed crimes during the strike", "crimes were committed in 1937").
 */
export function reducedRelativeOf(s: SentenceView, x: Annotation): { start: number; end: number } | undefined {
  objectPreps ??= new Set(readDataJson<ObjectPrepositionsFile>('events/date-owners.json').objectPrepositions);
  const i = s.tokens.findIndex((t) => t.start >= x.start);
  if (i < 1) return undefined;
  let j = i - 1;
  if (TIME_PREPS.has(s.tokens[j]!.norm)) j--;
  const participle = s.tokens[j];
  if (!participle || !isParticiple(participle.norm)) return undefined;
  for (let k = j - 1; k >= 0 && j - k <= MAX_NP + 1; k--) {
    const w = s.tokens[k]!.norm;
    if (objectPreps.has(w)) return k < j - 1 ? { start: participle.start, end: participle.end } : undefined;
    if (AUXILIARIES.has(w) || !/^[\p{L}'’-]+$/u.test(w)) return undefined;
  }
  return undefined;
}
