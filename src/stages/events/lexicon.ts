import { readFileSync } from 'node:fs';
import { inflectNoun, inflectVerb } from './inflect.ts';

/** One trigger phrase of the lexicon, as a token sequence. */
export interface TriggerEntry {
  tokens: string[];
  class: string;
  /** `verb` forms can be passive participles; `noun` are event nouns; `phrase` as written. */
  pos: 'verb' | 'noun' | 'phrase';
  /** True for past/participle verb forms ("arrested", "met"): candidates for the passive. */
  participle: boolean;
}

/** Trigger lexicon indexed by first token, longest entries first. */
export type TriggerLexicon = Map<string, TriggerEntry[]>;

interface TriggerFile {
  irregular: Record<string, string[]>;
  entries: Array<{ class: string; verbs: string[]; nouns: string[]; phrases: string[] }>;
  exclude: string[];
}

/** Splits a phrase into tokens the way the token layer does for words and apostrophes. */
export function phraseTokens(phrase: string): string[] {
  return phrase.toLowerCase().match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|n't|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Reads a JSON data file relative to the repository's `data/` folder. */
export function readDataJson<T>(relative: string): T {
  return JSON.parse(readFileSync(new URL(`../../../data/${relative}`, import.meta.url), 'utf8')) as T;
}

/**
 * Builds the trigger lexicon from `data/events/triggers.json` (or the given file content):
 * verbs are inflected, nouns pluralized, excluded surface forms dropped; the first class listed wins.
 */
export function buildTriggerLexicon(file: TriggerFile = readDataJson<TriggerFile>('events/triggers.json')): TriggerLexicon {
  const exclude = new Set(file.exclude);
  const seen = new Set<string>();
  const lex: TriggerLexicon = new Map();
  const add = (surface: string, cls: string, pos: TriggerEntry['pos'], participle: boolean) => {
    if (exclude.has(surface) || seen.has(surface)) return;
    seen.add(surface);
    const tokens = phraseTokens(surface);
    if (tokens.length === 0) return;
    let list = lex.get(tokens[0]!);
    if (!list) lex.set(tokens[0]!, (list = []));
    list.push({ tokens, class: cls, pos, participle });
  };
  for (const e of file.entries) for (const p of e.phrases) add(p, e.class, 'phrase', false);
  for (const e of file.entries) {
    for (const v of e.verbs) {
      const f = inflectVerb(v, file.irregular);
      for (const s of f.past) add(s, e.class, 'verb', true);
      for (const s of f.present) add(s, e.class, 'verb', false);
    }
    for (const n of e.nouns) for (const s of inflectNoun(n)) add(s, e.class, 'noun', false);
  }
  for (const list of lex.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return lex;
}

/** A trigger found in a token sequence: token range `[from, to)` and its lexicon entry. */
export interface TriggerMatch {
  from: number;
  to: number;
  entry: TriggerEntry;
}

/** Finds non-overlapping triggers in a token sequence, longest match first, left to right. */
export function findTriggers(norms: readonly string[], lex: TriggerLexicon): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  for (let i = 0; i < norms.length; ) {
    const cands = lex.get(norms[i]!) ?? [];
    const hit = cands.find((c) => c.tokens.every((t, k) => norms[i + k] === t));
    if (hit) {
      out.push({ from: i, to: i + hit.tokens.length, entry: hit });
      i += hit.tokens.length;
    } else i++;
  }
  return out;
}
