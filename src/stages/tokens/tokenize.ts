import { loadAbbreviations } from '../text/abbreviations.ts';

/** A token span with its coarse shape and normalized form. */
export interface TokenSpan {
  start: number;
  end: number;
  /** `WORD`, `NUM`, `PUNCT` or `SYM`. */
  kind: 'WORD' | 'NUM' | 'PUNCT' | 'SYM';
  /** Lower case, diacritics and typographic quotes folded. */
  norm: string;
}

// Order matters: URLs, dotted abbreviations, numbers, words, then single symbols.
const TOKEN = new RegExp(
  [
    String.raw`https?:\/\/[^\s<>"”]+[^\s<>"”.,;:!?)\]]`, // URL without trailing punctuation
    String.raw`(?:\p{L}\.){2,}`, // U.S., M.V.
    String.raw`\p{N}+(?:[.,:]\p{N}+)*(?:st|nd|rd|th|s)?(?![\p{L}])`, // 1,500 20th 1960s 09:00
    String.raw`\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*\.?`, // words, hyphenated, with a candidate final period
    String.raw`\.{3}|[-‐–—]{2,}`, // ellipsis, long dashes
    String.raw`[^\s]`, // any other single character
  ].join('|'),
  'gu',
);

/** Folds case, diacritics and typographic quotes for matching. */
export function normalizeToken(s: string): string {
  // Plain ASCII needs only case folding (and a backtick as apostrophe): the common, fast case.
  if (/^[\x20-\x5f\x61-\x7e]*$/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[‐–—]/g, '-')
    .toLowerCase();
}

const DOTTED = /^(?:\p{L}\.){2,}$/u;

// ASCII fast paths for the first-character tests; the Unicode classes decide the rest.
const startsWithNumber = (s: string, c0: number): boolean => (c0 < 128 ? c0 >= 48 && c0 <= 57 : /^\p{N}/u.test(s));
const startsWithLetter = (s: string, c0: number): boolean => (c0 < 128 ? (c0 | 32) >= 97 && (c0 | 32) <= 122 : /^\p{L}/u.test(s));

/**
 * Splits text into tokens. A word keeps a final period only when it is an abbreviation or an
 * initial ("Dr.", "I."); possessive endings ("Stalin's") are separate tokens; hyphenated words
 * ("Sino-Soviet") stay whole. Offsets are relative to `offset` (default 0).
 */
export function tokenize(text: string, offset = 0): TokenSpan[] {
  const abbreviations = loadAbbreviations();
  const out: TokenSpan[] = [];
  const push = (start: number, end: number, kind: TokenSpan['kind']) =>
    out.push({ start: start + offset, end: end + offset, kind, norm: normalizeToken(text.slice(start, end)) });
  for (const m of text.matchAll(TOKEN)) {
    let s = m[0];
    const start = m.index;
    const c0 = s.charCodeAt(0);
    if (startsWithNumber(s, c0)) {
      push(start, start + s.length, 'NUM');
      continue;
    }
    // a dotted abbreviation ("U.S.") needs a period; most words have none
    if (startsWithLetter(s, c0) && !(s.includes('.') && DOTTED.test(s)) && !s.startsWith('http')) {
      let end = start + s.length;
      if (s.endsWith('.')) {
        const bare = s.slice(0, -1);
        if (!(/^\p{Lu}$/u.test(bare) || abbreviations.has(bare.toLowerCase()))) {
          s = bare;
          end--;
        }
      }
      const poss = /['’]s$/i.exec(s);
      if (poss && s.length > 2) {
        push(start, end - 2, 'WORD');
        push(end - 2, end, 'WORD');
        if (end < start + m[0].length) push(end, start + m[0].length, 'PUNCT');
        continue;
      }
      push(start, end, 'WORD');
      if (end < start + m[0].length) push(end, start + m[0].length, 'PUNCT');
      continue;
    }
    if (s.startsWith('http') || DOTTED.test(s)) {
      push(start, start + s.length, 'WORD');
      continue;
    }
    push(start, start + s.length, /^[\p{P}]+$/u.test(s) ? 'PUNCT' : 'SYM');
  }
  return out;
}
