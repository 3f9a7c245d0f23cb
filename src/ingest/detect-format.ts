import { extname } from 'node:path';

/** Formats the readers understand, plus `binary` for anything that is not text. */
export type Format = 'text' | 'html' | 'markdown' | 'mediawiki' | 'pdf' | 'binary';

/** The detected format and how it was decided. */
export interface Detection {
  format: Format;
  /** `magic`, `extension`, `content`, or `default`. */
  by: 'magic' | 'extension' | 'content' | 'default';
  /** For `binary`: what the bytes look like (`zip`, `png`, `nul-bytes`, …). */
  kind?: string;
}

const EXTENSIONS: Record<string, Format> = {
  '.txt': 'text', '.text': 'text', '.log': 'text',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.shtml': 'html',
  '.md': 'markdown', '.markdown': 'markdown', '.mdown': 'markdown',
  '.wiki': 'mediawiki', '.wikitext': 'mediawiki', '.mediawiki': 'mediawiki', '.mw': 'mediawiki',
  '.pdf': 'pdf',
};

const MAGIC: Array<[string, number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['sqlite', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
];

/**
 * Detects a document's format from magic bytes first (PDF, archives, images), then a NUL-byte
 * binary check, then the file extension, then the content (HTML tags, wikitext markup, Markdown
 * headings and links); plain text otherwise.
 */
export function detectFormat(bytes: Uint8Array, path = ''): Detection {
  for (const [kind, sig] of MAGIC) {
    if (sig.every((b, i) => bytes[i] === b)) return kind === 'pdf' ? { format: 'pdf', by: 'magic' } : { format: 'binary', by: 'magic', kind };
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && looksBinary(bytes)) return { format: 'binary', by: 'content', kind: 'control-bytes' };
  const byExt = EXTENSIONS[extname(path).toLowerCase()];
  if (byExt && byExt !== 'text' && byExt !== 'pdf') return { format: byExt, by: 'extension' };
  const head = utf16 ? '' : new TextDecoder('utf-8').decode(bytes.subarray(0, 8192));
  const sniffed = sniffText(head);
  if (sniffed) return { format: sniffed, by: 'content' };
  return byExt ? { format: byExt, by: 'extension' } : { format: 'text', by: 'default' };
}

/** True when the first 8 KB hold NUL bytes or many control characters. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Content sniffing for text that is really HTML, wikitext or Markdown. */
export function sniffText(head: string): Format | undefined {
  const start = head.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^<\?xml[^>]*>\s*<html/.test(start)) return 'html';
  if ((head.match(/<(p|div|span|body|head|a|br|h[1-6])[\s>/]/gi) ?? []).length >= 5) return 'html';
  // wikitext: several [[links]], {{templates}} or '''bold''' (visible == headings == alone are a scraped page, read as text)
  const wiki = (head.match(/\[\[[^\]\n]+\]\]|\{\{[^}\n]+\}\}|'''[^'\n]+'''/g) ?? []).length;
  if (wiki >= 3) return 'mediawiki';
  const md = (head.match(/^#{1,6} \S|^```|\]\([^)\s]+\)|^\s*[-*] \S/gm) ?? []).length;
  if ((head.match(/^#{1,6} \S/gm) ?? []).length >= 1 && md >= 2) return 'markdown';
  return undefined;
}
