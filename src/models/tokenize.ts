/** A word or punctuation token with its UTF-16 span and a lower-cased, quote-folded form. */
export interface WordToken {
  start: number;
  end: number;
  text: string;
  norm: string;
}

// Words keep inner apostrophes and hyphens ("don't", "so-called"); every other non-space char is a token.
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** Folds typographic quotes and dashes and lower-cases a token. */
export function normalizeToken(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’´`]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-');
}

/**
 * Splits a text (or the part `[from, to)` of it) into word and punctuation tokens.
 * Reads only the string; offsets are UTF-16 positions in the whole text.
 */
export function tokenizeWords(text: string, from = 0, to = text.length): WordToken[] {
  const out: WordToken[] = [];
  const slice = text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = TOKEN_RE.exec(slice)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0], norm: normalizeToken(m[0]) });
  }
  return out;
}
