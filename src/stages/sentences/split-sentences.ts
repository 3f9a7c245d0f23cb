import type { Span } from '../../core/types.ts';
import { loadAbbreviations } from '../text/abbreviations.ts';

/** A sentence span with the paragraph it starts in. */
export interface SentenceSpan extends Span {
  paragraph: number;
}

const INITIALS_ONLY = /^(?:\p{Lu}\.\s?){1,3}$/u;
const CLOSERS = '"\'”’»)]';
const OPENERS = '"\'“‘«([';
// A bullet or dash list marker at the start of a line begins its own sentence.
const BULLET = /^[ \t]*(?:[•·▪◦‣*-]|\d+[.)])[ \t]+/;
const LEADING_OPENERS = /^[("'“‘«[]+/;
const LONE_CAPITAL = /^\p{Lu}$/u;
const DOTTED_LETTERS = /^(?:\p{L}\.)+\p{L}$/u;
const WHITE_SPACE = /\s+/;
const SPACE = /\s/;
const BLANK = /^\s*$/;
const LEADING_SPACE = /^\s*/;
const CAPITAL_OR_DIGIT = /[\p{Lu}\p{N}]/u;
const STARTS_LOWER = /^\p{Ll}/u;
const TRAILING_CLOSERS = new RegExp(`[${CLOSERS}]+$`);
const ENDS_CLAUSE = /[.!?…:;]$/;
// Terminal punctuation, closers, white space, then the next character (global: callers reset lastIndex).
const PARAGRAPH_BOUNDARY = /([.!?…]+)([”’"'»)\]]*)(\s+)(?=(\S))/gu;

/** True if the word before a period is an abbreviation or an initial ("I.", "M.V.", "Dr."). */
function isAbbreviation(word: string, abbreviations: Set<string>): boolean {
  const w = word.replace(LEADING_OPENERS, '');
  if (LONE_CAPITAL.test(w)) return true; // "I. B. Tito": a lone capital is an initial
  if (DOTTED_LETTERS.test(w)) return true; // "M.V", "U.S", "e.g"
  return abbreviations.has(w.toLowerCase());
}

/**
 * Splits one paragraph (no newlines inside) into sentence spans relative to its start.
 * A boundary is terminal punctuation (. ! ? … and runs of them), optional closing quotes or brackets,
 * whitespace, then something that can start a sentence (capital, digit, opening quote, bullet).
 */
function splitParagraph(text: string, abbreviations: Set<string>): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const re = PARAGRAPH_BOUNDARY;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const punct = m[1]!;
    const next = m[4]!;
    const end = m.index + punct.length + m[2]!.length;
    const before = text.slice(start, m.index).split(WHITE_SPACE).pop() ?? '';
    if (punct === '.' && isAbbreviation(before, abbreviations)) continue;
    // "..." or "…" followed by a lower-case word continues the sentence.
    const startsSentence = CAPITAL_OR_DIGIT.test(next) || OPENERS.includes(next) || next === '•' || next === '-' || next === '–' || next === '—';
    if (!startsSentence) continue;
    if (BLANK.test(text.slice(start, end))) continue;
    spans.push({ start, end });
    start = m.index + m[0].length;
  }
  let end = text.length;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  if (end > start) spans.push({ start, end });
  return spans;
}

/**
 * Splits text into sentences. Works paragraph by paragraph (a paragraph is a line); a paragraph that
 * ends without terminal punctuation and is followed (after blank lines) by one starting in lower case
 * is the same sentence, broken by the page ("only with the\n\n\nname of …"). Bullets start sentences;
 * leading and trailing whitespace is trimmed from every span. Offsets are absolute within `text`.
 */
export function splitSentences(text: string, region: Span = { start: 0, end: text.length }): SentenceSpan[] {
  const abbreviations = loadAbbreviations();
  const out: SentenceSpan[] = [];
  const lines: Span[] = [];
  let pos = region.start;
  while (pos < region.end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > region.end) nl = region.end;
    lines.push({ start: pos, end: nl });
    pos = nl + 1;
  }
  let paragraph = -1;
  let carry: SentenceSpan | undefined; // an unfinished last sentence waiting for its continuation
  let glueNext = false; // the next paragraph continues `carry` whatever its first letter
  for (const line of lines) {
    const raw = text.slice(line.start, line.end);
    if (BLANK.test(raw)) continue;
    paragraph++;
    const bullet = BULLET.exec(raw);
    const offset = line.start + (bullet ? bullet[0].length : 0) + (LEADING_SPACE.exec(bullet ? raw.slice(bullet[0].length) : raw)?.[0].length ?? 0);
    const body = text.slice(offset, line.end);
    const spans = splitParagraph(body, abbreviations).map((s) => ({ start: s.start + offset, end: s.end + offset, paragraph }));
    if (spans.length === 0) continue;
    // A paragraph of bare initials ("M.V.") is a fragment the page cut out of the sentence around it:
    // glue it to the sentence before and the one after.
    if (INITIALS_ONLY.test(body.trim()) && out.length > 0 && !bullet) {
      const prev = out[out.length - 1]!;
      prev.end = spans[spans.length - 1]!.end;
      carry = prev;
      glueNext = true;
      continue;
    }
    if (carry && (glueNext || STARTS_LOWER.test(text.slice(spans[0]!.start))) && !bullet) {
      carry.end = spans[0]!.end;
      spans[0] = carry;
      out.pop();
    }
    glueNext = false;
    out.push(...spans);
    const last = spans[spans.length - 1]!;
    const tail = text.slice(last.start, last.end).replace(TRAILING_CLOSERS, '');
    carry = ENDS_CLAUSE.test(tail) ? undefined : last;
  }
  return out;
}
