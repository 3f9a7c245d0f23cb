import type { Message, Section } from '../core/types.ts';
import { layoutPlainText } from './layout/layout-plain-text.ts';
import { buildPdfParagraphs } from './pdf/build-pdf-paragraphs.ts';
import { groupPdfLines, type PdfLine, type PdfTextItem } from './pdf/pdf-lines.ts';
import { writePdfText, type PdfText } from './pdf/write-pdf-text.ts';
import type { ReaderResult } from './reader.ts';

/**
 * Reads a PDF's text layer with pdfjs-dist (legacy build, no worker, no font loading): lines
 * from text items (`hasEOL`, or a vertical jump), paragraphs rebuilt from their positions
 * (`buildPdfParagraphs`: leading, indent, short last lines; soft hyphens rejoined), one paragraph
 * per text block, then the plain-text layout rules, with headings from font size and bold where
 * the text layer tells. The source map points into the raw text layer: the item strings of all
 * pages concatenated, `\n` at line ends, `\n\n` between pages. Metadata from the document info
 * (Title, Author, CreationDate). A PDF with no text layer (a scan) or a damaged file gives an
 * error message, not a throw.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReaderResult> {
  const messages: Message[] = [];
  const meta: ReaderResult['meta'] = {};
  const lines: PdfLine[] = [];
  let rawLength = 0;
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
    const doc = await task.promise;
    try {
      const info = (await doc.getMetadata().catch(() => undefined))?.info as Record<string, unknown> | undefined;
      if (typeof info?.Title === 'string' && info.Title.trim()) meta.title = info.Title.trim();
      if (typeof info?.Author === 'string' && info.Author.trim()) meta.author = info.Author.trim();
      const created = typeof info?.CreationDate === 'string' ? /D:(\d{4})(\d{2})(\d{2})/.exec(info.CreationDate) : null;
      if (created) meta.published = `${created[1]}-${created[2]}-${created[3]}`;
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const content = await page.getTextContent();
        const bold = await boldFonts(page, Object.keys(content.styles ?? {}));
        if (p > 1) rawLength += 2; // pages are separated by a blank line in the raw layer
        const layer = groupPdfLines(content.items as PdfTextItem[], p, rawLength, bold);
        rawLength += layer.raw.length;
        lines.push(...layer.lines);
      }
    } finally {
      await doc.destroy();
    }
  } catch (err) {
    messages.push({ reason: `cannot read PDF: ${(err as Error).message}`, severity: 'error', rule: 'pdf:unreadable', source: 'ingest' });
  }
  const built: PdfText = writePdfText(buildPdfParagraphs(lines));
  const { text, sourceMap } = built;
  if (!text.trim() && messages.length === 0) messages.push({ reason: 'the PDF has no text layer (a scan?)', severity: 'error', rule: 'ingest:no-text', source: 'ingest' });
  const layout = layoutPlainText(text);
  return { text, sourceMap, sections: applyFontHeadings(layout.sections, built), meta: { ...layout.meta, ...meta }, messages };
}

/**
 * The ids of a page's fonts that are bold. Only asked when the page uses more than one font:
 * pdfjs knows font names only after building the operator list, which costs time.
 */
async function boldFonts(page: { getOperatorList(): Promise<unknown>; commonObjs: { has(id: string): boolean; get(id: string): unknown } }, fontIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (fontIds.length < 2) return out;
  try {
    await page.getOperatorList();
    for (const id of fontIds) {
      const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string; bold?: boolean } | undefined) : undefined;
      if (font?.bold || /bold|black|heavy|semibold/i.test(font?.name ?? '')) out.add(id);
    }
  } catch {
    // font details are a refinement: without them headings come from sizes and layout rules
  }
  return out;
}

/**
 * Sets section kinds from the fonts: a paragraph in a heading font becomes a `heading` (the first
 * one at the top of the document, in the largest size, the `title`), and when the fonts do mark
 * headings, a layout-rule heading set in the body font goes back to `body`.
 */
function applyFontHeadings(sections: Section[], built: PdfText): Section[] {
  if (built.headings.length === 0) return sections;
  const byStart = new Map(built.headings.map((h) => [`${h.start}:${h.end}`, h]));
  const paragraphs = new Set(built.paragraphs.map((p) => `${p.start}:${p.end}`));
  const top = built.headings[0]!;
  const isTitle = top.start === built.paragraphs[0]?.start && top.level === 1;
  return sections.map((s) => {
    const k = `${s.start}:${s.end}`;
    const h = byStart.get(k);
    if (h) {
      if (h === top && isTitle) return s.kind === 'title' ? s : { ...s, kind: 'title' };
      if (s.kind === 'body' || s.kind === 'title') return { ...s, kind: 'heading', level: h.level };
      return s;
    }
    if (s.kind === 'heading' && paragraphs.has(k)) {
      const { level: _level, ...rest } = s;
      return { ...rest, kind: 'body' };
    }
    return s;
  });
}
