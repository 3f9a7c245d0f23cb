import type { Claim } from './claim.ts';
import { endsWithPunctuation, wordCount, type Line } from './lines.ts';
import { loadLayoutRules } from './rules.ts';

/** Longest line that can still be a heading. */
const MAX_HEADING_CHARS = 120;
const MAX_HEADING_WORDS = 14;
/** Longest first line that can still be the title. */
const MAX_TITLE_CHARS = 200;

/**
 * Finds wikitext headings (`==Title==`, level = number of `=`), also when the page glued the
 * following paragraph onto the same line; the heading section covers the words inside the
 * markup and the rest of the line is left to the body rules (`rest` gives where it starts).
 */
export function findWikiHeadings(lines: readonly Line[], taken: ReadonlySet<number>): Array<Claim & { rest?: number }> {
  const claims: Array<Claim & { rest?: number }> = [];
  for (const line of lines) {
    if (line.blank || taken.has(line.n)) continue;
    const m = /^(={1,6})(?!=)\s*(.*?\S)\s*\1(?!=)\s*(.*)$/u.exec(line.text);
    if (!m) continue;
    const inner = m[2]!;
    const innerStart = line.start + line.text.indexOf(inner, m[1]!.length);
    const claim: Claim & { rest?: number } = { kind: 'heading', start: innerStart, end: innerStart + inner.length, lines: [line.n], attrs: { level: m[1]!.length, rule: 'headings:wikitext' } };
    if (m[3]) claim.rest = line.end - m[3].length;
    claims.push(claim);
  }
  return claims;
}

/** True when a line reads as a title or heading: short, starts with a capital, digit or quote, no closing punctuation. */
export function isTitleLike(text: string, maxChars = MAX_HEADING_CHARS, maxWords = MAX_HEADING_WORDS): boolean {
  if (text.length > maxChars || wordCount(text) > maxWords) return false;
  if (!/^["'“‘«(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  if (!/\p{L}/u.test(text)) return false;
  // "… only with the": a line cut mid-sentence ends on a function word, a heading does not
  const last = text.split(/\s+/u).pop()!.toLowerCase();
  if (loadLayoutRules().headingStopEnds.has(last)) return false;
  return !endsWithPunctuation(text);
}

/**
 * Finds the title: the first content line when it is title-like (it may end with "?" or "!"),
 * stands alone (a blank line after it) and more text follows.
 */
export function findTitle(lines: readonly Line[], taken: ReadonlySet<number>): Claim[] {
  const idx = lines.findIndex((l) => !l.blank && !taken.has(l.n));
  if (idx < 0) return [];
  const line = lines[idx]!;
  const next = lines[idx + 1];
  if (!next || !next.blank) return [];
  if (!lines.slice(idx + 1).some((l) => !l.blank && !taken.has(l.n))) return [];
  const text = line.text.replace(/[?!]+$/u, '');
  if (!isTitleLike(text, MAX_TITLE_CHARS, 30)) return [];
  return [{ kind: 'title', start: line.start, end: line.end, lines: [line.n], attrs: { rule: 'headings:first-line' } }];
}

/**
 * Finds headings in paragraph text: title-like lines with a blank line before and after, body
 * text before them (so not the document's first line) and a paragraph after them. Level 2.
 */
export function findPlainHeadings(lines: readonly Line[], taken: ReadonlySet<number>): Claim[] {
  const claims: Claim[] = [];
  // next non-blank line after each line, computed once (a scan per candidate would be quadratic)
  const nextContent: Array<Line | undefined> = new Array(lines.length);
  for (let i = lines.length - 1, next: Line | undefined; i >= 0; i--) {
    nextContent[i] = next;
    if (!lines[i]!.blank) next = lines[i];
  }
  let seenContent = false;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!;
    const before: boolean = seenContent || !lines[i - 1]!.blank;
    seenContent = before;
    if (line.blank || taken.has(line.n)) continue;
    if (!lines[i - 1]!.blank || !lines[i + 1]!.blank) continue;
    if (line.indent > 0 && /^[•·▪●◦‣\-–—*]/u.test(line.text)) continue;
    if (!before || !isTitleLike(line.text)) continue;
    const next = nextContent[i];
    // a heading introduces a paragraph, not another short line (a list, a poem, a signature)
    if (!next || taken.has(next.n) || isTitleLike(next.text)) continue;
    claims.push({ kind: 'heading', start: line.start, end: line.end, lines: [line.n], attrs: { level: 2, rule: 'headings:short-line' } });
  }
  return claims;
}
