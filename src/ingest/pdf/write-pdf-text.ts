import type { SourceMap } from '../../core/types.ts';
import { TextBuilder } from '../text-builder.ts';
import type { PdfParagraph } from './build-pdf-paragraphs.ts';
import type { PdfPart } from './pdf-lines.ts';

/** The text of rebuilt PDF paragraphs, its map to the raw text layer and where the headings are. */
export interface PdfText {
  text: string;
  sourceMap: SourceMap;
  /** Spans of the paragraphs with heading fonts, in text order. */
  headings: Array<{ start: number; end: number; level: number }>;
  /** Spans of all paragraphs, in text order. */
  paragraphs: Array<{ start: number; end: number }>;
}

/**
 * Writes paragraphs as text, one per block separated by a blank line, lines joined by a space.
 * A line ending in a hyphen after a letter, followed by a line starting with a lower-case letter,
 * is a soft break ("inter-" + "national" → "international") unless the hyphenated word occurs
 * unbroken elsewhere in the document ("well-known"); before an upper-case letter the hyphen is
 * kept with no space ("Soviet-" + "American"). A soft hyphen (U+00AD) at a line end is dropped.
 * The source map anchors every text piece at its offset in the raw text layer.
 */
export function writePdfText(paragraphs: readonly PdfParagraph[]): PdfText {
  const hyphenated = hyphenatedWords(paragraphs);
  const b = new TextBuilder();
  const headings: PdfText['headings'] = [];
  const spans: PdfText['paragraphs'] = [];
  for (const para of paragraphs) {
    b.breakLines(2);
    const start = b.length;
    para.lines.forEach((line, i) => {
      const parts = trimParts(line.parts);
      const next = para.lines[i + 1];
      let cut = 0;
      let joiner = ' ';
      const last = parts[parts.length - 1];
      if (next && last) {
        const nextWord = /^\S+/.exec(next.text)?.[0] ?? '';
        if (last.text.endsWith('\u00ad')) {
          cut = 1;
          joiner = '';
        } else if (/\p{L}-$/u.test(last.text)) {
          const head = /\S+$/.exec(last.text)?.[0] ?? '';
          const word = `${head}${nextWord}`.replace(/[^\p{L}\p{N}-]+$/u, '').toLowerCase();
          joiner = '';
          if (/^\p{Ll}/u.test(nextWord) && !hyphenated.has(word)) cut = 1;
        }
      }
      parts.forEach((p, k) => {
        const text = k === parts.length - 1 && cut ? p.text.slice(0, -cut) : p.text;
        b.append(text, p.raw >= 0 ? p.raw : undefined);
      });
      if (next) b.append(joiner);
    });
    if (b.length === start) continue;
    spans.push({ start, end: b.length });
    if (para.heading) headings.push({ start, end: b.length, level: para.heading.level });
  }
  return { text: b.text(), sourceMap: b.sourceMap(), headings, paragraphs: spans };
}

/** A line's parts without leading and trailing space, offsets kept exact. */
function trimParts(parts: readonly PdfPart[]): PdfPart[] {
  const out = parts.filter((p) => p.text.length > 0).map((p) => ({ ...p }));
  while (out.length && !out[0]!.text.trim()) out.shift();
  while (out.length && !out[out.length - 1]!.text.trim()) out.pop();
  const first = out[0];
  if (first) {
    const lead = first.text.length - first.text.trimStart().length;
    first.text = first.text.slice(lead);
    if (first.raw >= 0) first.raw += lead;
  }
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out;
}

/** Lower-cased words written with a hyphen inside a line ("well-known"), to keep such hyphens at line ends. */
function hyphenatedWords(paragraphs: readonly PdfParagraph[]): Set<string> {
  const out = new Set<string>();
  for (const p of paragraphs) for (const l of p.lines) for (const m of l.text.matchAll(/\p{L}+(?:-\p{L}+)+/gu)) out.add(m[0].toLowerCase());
  return out;
}
