import type { Span } from '../../core/types.ts';
import { tokenizeWords, type WordToken } from '../../models/tokenize.ts';

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
 * Tokenizes a text within the given sentence spans (default: its non-empty lines) and counts
 * token norms. Reads only the text; returns a new record.
 */
export function prepareDoc(text: string, sentences: readonly Span[] = splitLines(text)): RhetoricDoc {
  const tokens: WordToken[] = [];
  const tokSent: number[] = [];
  const sentStart: number[] = [];
  sentences.forEach((s, si) => {
    sentStart.push(tokens.length);
    for (const t of tokenizeWords(text, s.start, s.end)) {
      tokens.push(t);
      tokSent.push(si);
    }
  });
  sentStart.push(tokens.length);
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
    tokenSentence: Int32Array.from(tokSent),
    sentenceTokenStart: Int32Array.from(sentStart),
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
