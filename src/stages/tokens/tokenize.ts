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

// Order matters: URLs, dotted abbreviations, numbers, words, then single symbols. Sticky: `tokenize`
// skips white space itself and tests at each token start, reading the end from `lastIndex` (a test
// allocates no match array). Every non-white-space character starts a match, none starts at white space.
const TOKEN = new RegExp(
  [
    String.raw`https?:\/\/[^\s<>"”]+[^\s<>"”.,;:!?)\]]`, // URL without trailing punctuation
    String.raw`(?:\p{L}\.){2,}`, // U.S., M.V.
    String.raw`\p{N}+(?:[.,:]\p{N}+)*(?:st|nd|rd|th|s)?(?![\p{L}])`, // 1,500 20th 1960s 09:00
    String.raw`\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*\.?`, // words, hyphenated, with a candidate final period
    String.raw`\.{3}|[-‐–—]{2,}`, // ellipsis, long dashes
    String.raw`[^\s]`, // any other single character
  ].join('|'),
  'uy',
);

const MARKS = /\p{M}+/gu;
const SINGLE_QUOTES = /[’‘`´]/g;
const DOUBLE_QUOTES = /[“”«»„]/g;
const DASHES = /[‐–—]/g;

/** True if every character is printable ASCII other than a backtick (0x20–0x7e, not 0x60). */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x60) return false;
  }
  return true;
}

/** True if `s` has an ASCII capital letter (A–Z). */
function hasAsciiCapital(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/**
 * Strings shorter than this are returned as they are by `normalizeToken` when already folded. (The engine
 * copies a short slice of a text but makes a longer one a view that keeps the whole text alive: a norm
 * should not hold its document's text.)
 */
const SHARED_NORM_LENGTH = 13;

/** Folds case, diacritics and typographic quotes for matching. */
export function normalizeToken(s: string): string {
  // Plain ASCII needs only case folding (and a backtick as apostrophe): the common, fast case. A short
  // lower-case word is its own norm (`toLowerCase` would make a copy of it).
  if (isPlainAscii(s)) return s.length < SHARED_NORM_LENGTH && !hasAsciiCapital(s) ? s : s.toLowerCase();
  return s.normalize('NFD').replace(MARKS, '').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, '-').toLowerCase();
}

const DOTTED = /^(?:\p{L}\.){2,}$/u;
const LONE_CAPITAL = /^\p{Lu}$/u;
const PUNCTUATION = /^[\p{P}]+$/u;
const STARTS_WITH_NUMBER = /^\p{N}/u;
const STARTS_WITH_LETTER = /^\p{L}/u;

// ASCII fast paths for the first-character tests; the Unicode classes decide the rest.
function startsWithNumber(s: string, c0: number): boolean {
  return c0 < 128 ? c0 >= 48 && c0 <= 57 : STARTS_WITH_NUMBER.test(s);
}
function startsWithLetter(s: string, c0: number): boolean {
  return c0 < 128 ? (c0 | 32) >= 97 && (c0 | 32) <= 122 : STARTS_WITH_LETTER.test(s);
}

/** True if `s` ends in a possessive "'s" or "’s" (either case of s), as `/['’]s$/i` tests. */
function endsInPossessive(s: string): boolean {
  const n = s.length;
  if (n < 2) return false;
  const last = s.charCodeAt(n - 1);
  const apostrophe = s.charCodeAt(n - 2);
  return (last === 115 || last === 83) && (apostrophe === 39 || apostrophe === 0x2019);
}

/**
 * Receives the tokens of `scanTokens` one by one: span (shifted by the offset), kind and norm. (A sink
 * instead of a list of `TokenSpan` records: the tokens stage makes its annotations straight from it.)
 */
export interface TokenSink {
  token(start: number, end: number, kind: TokenSpan['kind'], norm: string): void;
}

/** Hands the token `surface` (the text from `start` to `end`) to `sink`, offsets shifted by `offset`. */
function pushToken(sink: TokenSink, offset: number, start: number, end: number, kind: TokenSpan['kind'], surface: string): void {
  sink.token(start + offset, end + offset, kind, normalizeToken(surface));
}

/** A sink that collects `TokenSpan` records (for `tokenize`). */
class SpanList implements TokenSink {
  readonly out: TokenSpan[] = [];
  token(start: number, end: number, kind: TokenSpan['kind'], norm: string): void {
    this.out.push({ start, end, kind, norm });
  }
}

/** True for the characters of the regular-expression class `\s` (white space and line terminators). */
function isWhiteSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Splits text into tokens. A word keeps a final period only when it is an abbreviation or an
 * initial ("Dr.", "I."); possessive endings ("Stalin's") are separate tokens; hyphenated words
 * ("Sino-Soviet") stay whole. Offsets are relative to `offset` (default 0).
 */
export function tokenize(text: string, offset = 0): TokenSpan[] {
  const list = new SpanList();
  scanTokens(text, offset, list);
  return list.out;
}

/** `tokenize`, handing each token to `sink` in text order instead of returning a list. */
export function scanTokens(text: string, offset: number, sink: TokenSink): void {
  const abbreviations = loadAbbreviations();
  for (let start = 0; start < text.length; ) {
    if (isWhiteSpace(text.charCodeAt(start))) {
      start++;
      continue;
    }
    TOKEN.lastIndex = start;
    TOKEN.test(text);
    const wholeEnd = TOKEN.lastIndex;
    const whole = text.slice(start, wholeEnd);
    const c0 = whole.charCodeAt(0);
    if (startsWithNumber(whole, c0)) {
      pushToken(sink, offset, start, wholeEnd, 'NUM', whole);
    } else if (startsWithLetter(whole, c0) && !(whole.includes('.') && DOTTED.test(whole)) && !whole.startsWith('http')) {
      // a dotted abbreviation ("U.S.") needs a period; most words have none
      let s = whole;
      let end = wholeEnd;
      if (s.endsWith('.')) {
        const bare = s.slice(0, -1);
        if (!(LONE_CAPITAL.test(bare) || abbreviations.has(bare.toLowerCase()))) {
          s = bare;
          end--;
        }
      }
      if (s.length > 2 && endsInPossessive(s)) {
        pushToken(sink, offset, start, end - 2, 'WORD', s.slice(0, -2));
        pushToken(sink, offset, end - 2, end, 'WORD', s.slice(-2));
      } else pushToken(sink, offset, start, end, 'WORD', s);
      if (end < wholeEnd) pushToken(sink, offset, end, wholeEnd, 'PUNCT', '.');
    } else if (whole.startsWith('http') || DOTTED.test(whole)) {
      pushToken(sink, offset, start, wholeEnd, 'WORD', whole);
    } else pushToken(sink, offset, start, wholeEnd, PUNCTUATION.test(whole) ? 'PUNCT' : 'SYM', whole);
    start = wholeEnd;
  }
}
