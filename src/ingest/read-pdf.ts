import type { Message } from '../core/types.ts';
import { layoutPlainText } from './layout/layout-plain-text.ts';
import type { ReaderResult } from './reader.ts';
import { normalizeText } from './text-builder.ts';

interface TextItem {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
}

/**
 * Reads a PDF's text layer with pdfjs-dist (legacy build, no worker, no font loading): lines
 * from text items (`hasEOL`, or a vertical jump), pages separated by a blank line, then the
 * plain-text layout rules. Metadata from the document info (Title, Author, CreationDate).
 * A PDF with no text layer (a scan) or a damaged file gives an error message, not a throw.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReaderResult> {
  const messages: Message[] = [];
  const meta: ReaderResult['meta'] = {};
  const pages: string[] = [];
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
        pages.push(itemsToText(content.items as TextItem[]));
      }
    } finally {
      await doc.destroy();
    }
  } catch (err) {
    messages.push({ reason: `cannot read PDF: ${(err as Error).message}`, severity: 'error', rule: 'pdf:unreadable', source: 'ingest' });
  }
  const raw = pages.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
  if (!raw && messages.length === 0) messages.push({ reason: 'the PDF has no text layer (a scan?)', severity: 'error', rule: 'ingest:no-text', source: 'ingest' });
  const { text, sourceMap } = normalizeText(raw);
  const layout = layoutPlainText(text);
  return { text, sourceMap, sections: layout.sections, meta: { ...layout.meta, ...meta }, messages };
}

/** Joins text items into lines: an item with `hasEOL` or on a new baseline starts a new line. */
function itemsToText(items: readonly TextItem[]): string {
  let out = '';
  let lastY: number | undefined;
  for (const it of items) {
    const y = it.transform?.[5];
    if (lastY !== undefined && y !== undefined && Math.abs(y - lastY) > 1 && !out.endsWith('\n')) out += '\n';
    out += it.str ?? '';
    if (it.hasEOL) out += '\n';
    if (y !== undefined) lastY = y;
  }
  return out;
}
