import type { PdfLine } from './pdf-lines.ts';

/** A paragraph rebuilt from PDF lines; `heading` is set when its font marks it as a heading. */
export interface PdfParagraph {
  lines: PdfLine[];
  heading?: { level: number };
}

/**
 * Rebuilds paragraphs from the lines of a whole PDF (all pages, in reading order). A paragraph
 * ends before a line when: the font changes (size or bold), the gap between baselines is clearly
 * larger than the usual leading, the line is indented against the one before, or the line before
 * ends so far short of the right margin that the next line's first word would have fitted there.
 * Across a page break only the indent and short-line rules apply; a line ending in a hyphen after
 * a letter never ends a paragraph by its length. Lines set larger than the body
 * font, or bold when the body is not, become headings (level by size rank, bold body size last).
 */
export function buildPdfParagraphs(lines: readonly PdfLine[]): PdfParagraph[] {
  if (lines.length === 0) return [];
  const body = bodyStyle(lines);
  const leading = usualLeading(lines, body.size);
  const right = rightMargins(lines, body.size);
  const headingSizes = [...new Set(lines.filter((l) => l.size > body.size * 1.1).map((l) => l.size))].sort((a, b) => b - a);
  const headingOf = (l: PdfLine): { level: number } | undefined => {
    if (l.size > body.size * 1.1) return { level: headingSizes.indexOf(l.size) + 1 };
    if (l.bold && !body.bold && l.text.length < 120) return { level: headingSizes.length + 1 };
    return undefined;
  };
  const out: PdfParagraph[] = [];
  let cur: PdfParagraph | undefined;
  for (const line of lines) {
    const heading = headingOf(line);
    const prev = cur?.lines[cur.lines.length - 1];
    if (!cur || !prev || endsParagraph(prev, line, leading, right, Boolean(heading) || Boolean(cur.heading))) {
      cur = heading ? { lines: [line], heading } : { lines: [line] };
      out.push(cur);
    } else cur.lines.push(line);
  }
  return out;
}

/** Whether `line` starts a new paragraph after `prev`. */
function endsParagraph(prev: PdfLine, line: PdfLine, leading: number, right: Map<number, number>, headingInvolved: boolean): boolean {
  if (Math.abs(prev.size - line.size) > 0.5 || prev.bold !== line.bold) return true;
  const samePage = prev.page === line.page;
  const size = line.size;
  if (samePage) {
    const gap = prev.y - line.y;
    // a jump upwards is a new column: treat like a page break
    if (gap > 0 && gap > leading * 1.35 + 0.5) return true;
  }
  // a multi-line heading continues while the lines follow each other closely
  if (headingInvolved) return !samePage;
  if (line.x0 > prev.x0 + size * 0.8) return true;
  // "inter-" at a line end: the word goes on below, whatever the line's length
  if (/\p{L}[-\u00ad]$/u.test(prev.text)) return false;
  const margin = right.get(prev.page) ?? prev.x1;
  const firstWord = /^\S+/.exec(line.text)?.[0] ?? '';
  const avgChar = (line.x1 - line.x0) / Math.max(1, line.text.length);
  // the next line's first word (and a space) would have fitted on the line before: it ended there
  return margin - prev.x1 > (firstWord.length + 1) * avgChar + size * 0.5;
}

/** The most common font size (weighted by characters) and whether that text is bold. */
function bodyStyle(lines: readonly PdfLine[]): { size: number; bold: boolean } {
  const weight = new Map<string, number>();
  for (const l of lines) weight.set(`${l.size}|${l.bold}`, (weight.get(`${l.size}|${l.bold}`) ?? 0) + l.text.length);
  const [best] = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const [size, bold] = best.split('|');
  return { size: Number(size), bold: bold === 'true' };
}

/** The median baseline distance between consecutive body-size lines on the same page. */
function usualLeading(lines: readonly PdfLine[], size: number): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page === b.page && a.size === size && b.size === size && a.y > b.y) gaps.push(a.y - b.y);
  }
  if (gaps.length === 0) return size * 1.2;
  gaps.sort((x, y) => x - y);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/**
 * The right margin per page: the farthest right end of the body lines, taken over the whole
 * document when a page has too few lines to tell (a page of one short line is not full).
 */
function rightMargins(lines: readonly PdfLine[], size: number): Map<number, number> {
  const perPage = new Map<number, number[]>();
  for (const l of lines) if (Math.abs(l.size - size) <= 0.5) perPage.set(l.page, [...(perPage.get(l.page) ?? []), l.x1]);
  const all = [...perPage.values()].flat();
  const docRight = all.reduce((m, x) => Math.max(m, x), 0);
  const out = new Map<number, number>();
  for (const [page, ends] of perPage) out.set(page, ends.length >= 3 ? ends.reduce((m, x) => Math.max(m, x), 0) : docRight);
  for (const l of lines) if (!out.has(l.page)) out.set(l.page, docRight);
  return out;
}
