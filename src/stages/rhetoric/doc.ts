import type { Span } from '../../core/types.ts';
import { normalizeToken, tokenizeWords, type WordToken } from '../../models/tokenize.ts';

/** A text prepared for the rhetoric models: tokens, sentences and article-level counts. */
export interface RhetoricDoc {
  text: string;
  tokens: WordToken[];
  sentences: Span[];
  /** Sentence index of each token. */
  tokenSentence: Int32Array;
  /** First token index of each sentence, plus one past the last token at the end. */
  sentenceTokenStart: Int32Array;
  /** How often each token norm occurs in the whole text (repetition). */
  normCounts: Map<string, number>;
  /** Token indices of each token norm, ascending. */
  positions: Map<string, number[]>;
}

/** Splits a text into non-empty lines: PTC articles give one sentence per line. */
export function splitLines(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      if (text.slice(start, i).trim()) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

/**
 * The token pattern of `tokenizeWords` (`src/models/tokenize.ts`), sticky: it is tried at the first
 * non-space character, where one of its branches always matches, so no match array is built.
 * `prepareDoc`'s tokens are pinned to `tokenizeWords`' in `doc.test.ts`.
 */
const TOKEN_AT = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/uy;
const SPACE_AT = /\s/y;

/** `normalizeToken` of each token text seen, so the same word is normalized once per process (bounded). */
const norms = new Map<string, string>();
const MAX_NORMS = 200_000;
function normOf(text: string): string {
  let n = norms.get(text);
  if (n === undefined) {
    if (norms.size >= MAX_NORMS) norms.clear();
    norms.set(text, (n = normalizeToken(text)));
  }
  return n;
}

/**
 * Appends the tokens of `text[from, to)` to `out`, as `tokenizeWords(text, from, to)` would (the
 * same offsets, texts and norms), without slicing the sentence or building match arrays. Returns
 * false, having appended only part, when it cannot be sure of giving the same tokens: a token of
 * the whole text runs past `to`, or a position falls inside a surrogate pair.
 */
function tokenizeInto(text: string, from: number, to: number, out: WordToken[]): boolean {
  let p = from;
  for (;;) {
    // Skip white space (\s: ASCII 9–13 and 32, or a non-ASCII white-space character, all in the BMP).
    while (p < to) {
      const c = text.charCodeAt(p);
      if (c === 32 || (c >= 9 && c <= 13)) p++;
      else if (c < 128) break;
      else {
        SPACE_AT.lastIndex = p;
        if (SPACE_AT.test(text)) p++;
        else break;
      }
    }
    if (p >= to) return true;
    const c = text.charCodeAt(p);
    if (c >= 0xdc00 && c <= 0xdfff) return false;
    TOKEN_AT.lastIndex = p;
    if (!TOKEN_AT.test(text)) return false;
    const e = TOKEN_AT.lastIndex;
    if (e > to) return false;
    const t = text.slice(p, e);
    out.push({ start: p, end: e, text: t, norm: normOf(t) });
    p = e;
  }
}

/**
 * Tokenizes a text within the given sentence spans (default: its non-empty lines) and counts
 * token norms. Reads only the text; returns a new record.
 */
export function prepareDoc(text: string, sentences: readonly Span[] = splitLines(text)): RhetoricDoc {
  const tokens: WordToken[] = [];
  const sentenceTokenStart = new Int32Array(sentences.length + 1);
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    const first = tokens.length;
    sentenceTokenStart[si] = first;
    if (s.start < 0 || s.end > text.length || !tokenizeInto(text, s.start, s.end, tokens)) {
      tokens.length = first;
      for (const t of tokenizeWords(text, s.start, s.end)) tokens.push(t);
    }
  }
  sentenceTokenStart[sentences.length] = tokens.length;
  const tokenSentence = new Int32Array(tokens.length);
  for (let si = 0; si < sentences.length; si++) tokenSentence.fill(si, sentenceTokenStart[si]!, sentenceTokenStart[si + 1]!);
  const normCounts = new Map<string, number>();
  const positions = new Map<string, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const norm = tokens[i]!.norm;
    const p = positions.get(norm);
    if (p) p.push(i);
    else positions.set(norm, [i]);
  }
  // The same entries, in the same (first-occurrence) order, as counting token by token.
  positions.forEach((p, norm) => normCounts.set(norm, p.length));
  return {
    text,
    tokens,
    sentences: [...sentences],
    tokenSentence,
    sentenceTokenStart,
    normCounts,
    positions,
  };
}

/** Index of the first token ending after `start` and one past the last token starting before `end`. */
export function tokenRange(doc: RhetoricDoc, span: Span): [number, number] {
  const toks = doc.tokens;
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  let j = lo;
  while (j < toks.length && toks[j]!.start < span.end) j++;
  return [lo, j];
}
