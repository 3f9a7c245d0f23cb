// Test fixture shared by the link-rule tests: tokens of one-line sentences and mentions at names.
import { tokenize } from '../tokens/tokenize.ts';

/** A token with its sentence number, as the link rules read them. */
export interface FixtureToken {
  start: number;
  end: number;
  text: string;
  norm: string;
  sentence: number;
}

/** A mention at one occurrence of a name, linked to the given entity. */
export interface FixtureMention {
  start: number;
  end: number;
  label: string;
  entity: string;
  name: string;
}

/**
 * Tokens of `text` (a new sentence after each `.`, `!` or `?`) and a mention at every occurrence of
 * each `[name, entity, label]`.
 */
export function tokensAndMentions(text: string, names: Array<[string, string, string]>): { tokens: FixtureToken[]; mentions: FixtureMention[] } {
  let sentence = 0;
  const tokens = tokenize(text).map((t) => {
    const tok = { start: t.start, end: t.end, text: text.slice(t.start, t.end), norm: t.norm, sentence };
    if (/^[.!?]$/.test(tok.text)) sentence++;
    return tok;
  });
  const mentions = names.flatMap(([name, entity, label]) =>
    [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({ start: m.index, end: m.index + name.length, label, entity, name })),
  );
  return { tokens, mentions };
}
