/** A pdfjs text item (the fields the PDF reader uses). */
export interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
  fontName?: string;
}

/** A piece of a line's text with its offset in the raw text layer. */
export interface PdfPart {
  text: string;
  raw: number;
}

/** One visual line of a PDF page: geometry, font and text pieces mapped to the raw text layer. */
export interface PdfLine {
  page: number;
  /** Left and right edge, baseline (PDF points, y grows upwards). */
  x0: number;
  x1: number;
  y: number;
  /** Font size of the line's largest run. */
  size: number;
  /** True when every run with letters is in a bold font. */
  bold: boolean;
  parts: PdfPart[];
  /** The line's text (parts joined, trimmed). */
  text: string;
}

/**
 * Groups one page's text items into lines and writes the page's raw text layer: item strings in
 * content order, `\n` after an item with `hasEOL` or before an item on a new baseline (the text
 * layer as pdfjs gives it). `rawBase` is the page's offset in the concatenated raw layer of the
 * document; `boldFonts` names the pdfjs font ids known to be bold. Returns the lines and the
 * page's raw text.
 */
export function groupPdfLines(items: readonly PdfTextItem[], page: number, rawBase: number, boldFonts: ReadonlySet<string> = new Set()): { lines: PdfLine[]; raw: string } {
  let raw = '';
  const lines: PdfLine[] = [];
  let cur: { items: Array<{ it: PdfTextItem; raw: number }> } | undefined;
  let lastY: number | undefined;
  const flush = () => {
    if (cur) {
      const line = toLine(cur.items, page, boldFonts);
      if (line) lines.push(line);
    }
    cur = undefined;
  };
  for (const it of items) {
    const y = it.transform?.[5];
    if (lastY !== undefined && y !== undefined && Math.abs(y - lastY) > 1) {
      if (!raw.endsWith('\n')) raw += '\n';
      flush();
    }
    cur ??= { items: [] };
    cur.items.push({ it, raw: rawBase + raw.length });
    raw += it.str ?? '';
    if (it.hasEOL) {
      raw += '\n';
      flush();
    }
    if (y !== undefined) lastY = y;
  }
  flush();
  return { lines, raw };
}

function toLine(items: ReadonlyArray<{ it: PdfTextItem; raw: number }>, page: number, boldFonts: ReadonlySet<string>): PdfLine | undefined {
  const parts: PdfPart[] = [];
  let x0 = Infinity;
  let x1 = -Infinity;
  let y = 0;
  let size = 0;
  let lettered = 0;
  let boldLettered = 0;
  let prevEnd: number | undefined;
  for (const { it, raw } of items) {
    const str = it.str ?? '';
    if (!str) continue;
    const t = it.transform ?? [1, 0, 0, 1, 0, 0];
    const s = Math.hypot(t[2] ?? 0, t[3] ?? 1) || 1;
    const x = t[4] ?? 0;
    // two runs with a visible gap but no space item between them: a word space
    if (prevEnd !== undefined && x - prevEnd > s * 0.2 && !/\s$/.test(parts[parts.length - 1]?.text ?? ' ') && !/^\s/.test(str)) parts.push({ text: ' ', raw: -1 });
    parts.push({ text: str, raw });
    if (str.trim()) {
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x + (it.width ?? 0));
      y = t[5] ?? 0;
      size = Math.max(size, s);
    }
    if (/\p{L}/u.test(str)) {
      lettered++;
      if (it.fontName && boldFonts.has(it.fontName)) boldLettered++;
    }
    prevEnd = x + (it.width ?? 0);
  }
  const text = parts.map((p) => p.text).join('').trim();
  if (!text) return undefined;
  return { page, x0, x1, y, size: Math.round(size * 10) / 10, bold: lettered > 0 && boldLettered === lettered, parts, text };
}
