import { readFileSync } from 'node:fs';

/** The stance lexicon (`sentiment-lexicon.json` beside this file). */
export interface StanceLexicon {
  positive: Record<string, number>;
  negative: Record<string, number>;
  negators: string[];
  /** Techniques that count against their target even without an evaluative word. */
  negativeTechniques: string[];
  /** Techniques whose polarity comes from the evaluative words inside them. */
  charged: string[];
  /** Prefixes of verbs whose evaluation falls on their object ("critics condemn him"). */
  objectVerbs?: string[];
}

/** A compiled lexicon: exact words, prefixes (from `word*`) and phrases. */
export interface CompiledLexicon {
  exact: Map<string, number>;
  prefixes: Array<[string, number]>;
  phrases: Array<[string[], number]>;
  negators: Set<string>;
  negativeTechniques: Set<string>;
  charged: Set<string>;
  objectVerbs: string[];
}

let cached: CompiledLexicon | null = null;

/** Compiles a lexicon: signed weights (praise > 0, condemnation < 0). */
export function compileLexicon(lex: StanceLexicon): CompiledLexicon {
  const exact = new Map<string, number>();
  const prefixes: Array<[string, number]> = [];
  const phrases: Array<[string[], number]> = [];
  const add = (entries: Record<string, number>, sign: number) => {
    for (const [w, v] of Object.entries(entries)) {
      if (w.includes(' ')) phrases.push([w.split(' '), sign * v]);
      else if (w.endsWith('*')) prefixes.push([w.slice(0, -1), sign * v]);
      else exact.set(w, sign * v);
    }
  };
  add(lex.positive, 1);
  add(lex.negative, -1);
  return { exact, prefixes, phrases, negators: new Set(lex.negators), negativeTechniques: new Set(lex.negativeTechniques), charged: new Set(lex.charged), objectVerbs: lex.objectVerbs ?? [] };
}

/** The shipped lexicon, read once. */
export function loadStanceLexicon(): CompiledLexicon {
  if (!cached) cached = compileLexicon(JSON.parse(readFileSync(new URL('./sentiment-lexicon.json', import.meta.url), 'utf8')) as StanceLexicon);
  return cached;
}

/** Signed weight of one lower-cased word, or 0 when the lexicon does not know it. */
export function wordPolarity(lex: CompiledLexicon, word: string): number {
  const e = lex.exact.get(word);
  if (e !== undefined) return e;
  for (const [p, v] of lex.prefixes) if (word.startsWith(p)) return v;
  return 0;
}
