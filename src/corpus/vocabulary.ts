import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeRegex } from '../core/regex.ts';

/** Word lists the corpus checks use (`data/corpus/checks.json`). */
export interface CheckVocabulary {
  titleEquivalents: string[][];
  titleModifiers: string[];
  retrospectiveCues: string[];
  actionVerbs: string[];
  deathCues: string[];
  childAge: number;
  membershipPatterns: { join: string[]; member: string[] };
  numberUnits: Record<string, string[]>;
  approximators: { about: string[] };
  /** Verbs by which a person performs a named event ("delivered the speech"). */
  performVerbs: string[];
  /** Membership statuses that are not full membership. */
  nonMemberStatuses: string[];
}

/** Path of the bundled vocabulary file. */
export const VOCABULARY_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'corpus', 'checks.json');

let cached: CheckVocabulary | undefined;

/** Loads (once) the check vocabulary from `data/corpus/checks.json`. */
export function loadCheckVocabulary(): CheckVocabulary {
  cached ??= JSON.parse(readFileSync(VOCABULARY_FILE, 'utf8')) as CheckVocabulary;
  return cached;
}

export { escapeRegex };

/** A case-insensitive regex alternation of phrases, longest first, bounded by non-letters. */
export function phraseRegex(phrases: readonly string[], flags = 'giu'): RegExp {
  const alts = [...new Set(phrases)].sort((a, b) => b.length - a.length).map(escapeRegex);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, flags);
}
