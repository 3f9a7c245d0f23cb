import { layoutPlainText } from './layout/layout-plain-text.ts';
import type { ReaderResult } from './reader.ts';
import { normalizeText } from './text-builder.ts';

/**
 * Reads plain text (including scraped web pages): normalizes it (NFC, `\n` line breaks) and
 * takes it apart into chrome, title, headings, captions, credits, quotes, comments and body.
 */
export function readText(decoded: string): ReaderResult {
  const { text, sourceMap } = normalizeText(decoded);
  const { sections, meta } = layoutPlainText(text);
  return { text, sourceMap, sections, meta, messages: [] };
}
