/**
 * English closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries), read once
 * from the rhetoric stage's list (`src/stages/rhetoric/function-words.json`), and the subset whose
 * capital can only come from their place at the start of a sentence or in a headline ("After", "Is"):
 * without the titles and the words that are also given names or months ("Mr", "Will", "May", "Can").
 */
import { readFileSync } from 'node:fs';

const file = JSON.parse(readFileSync(new URL('../stages/rhetoric/function-words.json', import.meta.url), 'utf8')) as { words: string[] };

/** Words that may be capitalized as names or titles although the list has them. */
const NAME_LIKE = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'etc', 'will', 'may', 'can', 'own', 'same', 'like', 'per', 'via']);

/** Every closed-class word of the list, lower case (clitics such as "'s" included). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(file.words);

/** Closed-class words that are never names or titles: capitalized only by position. */
export const POSITIONAL_CAPITALS: ReadonlySet<string> = new Set(file.words.filter((w) => !NAME_LIKE.has(w) && !w.startsWith("'")));
