import type { Message, Source, SourceMeta } from '../core/types.ts';
import { hashContent } from '../core/hash.ts';
import { decodeBytes } from './decode-bytes.ts';
import { detectFormat, type Detection } from './detect-format.ts';
import { readHtml } from './read-html.ts';
import { readMarkdown } from './read-markdown.ts';
import { readMediawiki } from './read-mediawiki.ts';
import { readPdf } from './read-pdf.ts';
import { readText } from './read-text.ts';
import type { ReaderResult } from './reader.ts';
import { sourceKeyPath } from './source-key.ts';

/** Where the raw bytes came from. */
export interface ReadOptions {
  /** File path, URL, or `-` for stdin. Used for the stable source key and format detection. */
  path?: string;
  /** Force a format instead of detecting it. */
  format?: Detection['format'];
  /** The folder the user asked to ingest when the file was found by walking it (sets the key). */
  root?: string;
}

/**
 * Reads raw bytes into a Source: decodes (BOM, UTF-8, UTF-16, guessed windows-1251/KOI8-R),
 * detects the format, runs the format's reader (text layout rules, HTML, Markdown, wikitext)
 * and fills in metadata. `id` is the hash of the raw bytes, `key` the hash of `sourceKeyPath`
 * (the path relative to `opts.root`, else the base name), so a changed file is a new version of
 * the same source and a moved corpus folder keeps its sources. The text map points into the decoded input.
 * Synchronous, so PDF is not read here (use `readAnyDocument`): it gets an error message.
 * Never throws on bad input: problems become messages (severity `error` = nothing readable).
 */
export function readDocument(bytes: Uint8Array, opts: ReadOptions = {}): Source {
  const path = opts.path ?? '-';
  const detection: Detection = opts.format ? { format: opts.format, by: 'extension' } : safeDetect(bytes, path);
  if (detection.format === 'pdf') {
    return keyed(assemble(bytes, path, detection, undefined, emptyResult([{ reason: 'PDF needs the asynchronous reader (readAnyDocument)', severity: 'error', rule: 'ingest:pdf-sync', source: 'ingest' }])), path, opts.root);
  }
  return keyed(readDecoded(bytes, path, detection), path, opts.root);
}

/** Reads any supported document, PDF included (PDF reading is asynchronous). Never throws on bad input. */
export async function readAnyDocument(bytes: Uint8Array, opts: ReadOptions = {}): Promise<Source> {
  const path = opts.path ?? '-';
  const detection: Detection = opts.format ? { format: opts.format, by: 'extension' } : safeDetect(bytes, path);
  if (detection.format !== 'pdf') return keyed(readDecoded(bytes, path, detection), path, opts.root);
  let result: ReaderResult;
  try {
    result = await readPdf(bytes);
  } catch (err) {
    result = emptyResult([{ reason: `cannot read PDF: ${(err as Error).message}`, severity: 'error', rule: 'pdf:unreadable', source: 'ingest' }]);
  }
  return keyed(assemble(bytes, path, detection, undefined, result), path, opts.root);
}

/** Sets the stable key from the path relative to the ingest root (see `sourceKeyPath`). */
function keyed(source: Source, path: string, root?: string): Source {
  return { ...source, key: hashContent(sourceKeyPath(path, root)) };
}

function safeDetect(bytes: Uint8Array, path: string): Detection {
  try {
    return detectFormat(bytes, path);
  } catch {
    return { format: 'text', by: 'default' };
  }
}

function readDecoded(bytes: Uint8Array, path: string, detection: Detection): Source {
  if (bytes.length === 0) {
    return assemble(bytes, path, detection, undefined, emptyResult([{ reason: 'the file is empty', severity: 'error', rule: 'ingest:empty', source: 'ingest' }]));
  }
  if (detection.format === 'binary') {
    const what = detection.kind && detection.kind !== 'control-bytes' ? ` (${detection.kind})` : '';
    return assemble(bytes, path, detection, undefined, emptyResult([{ reason: `not a text document: binary content${what}, unknown format`, severity: 'error', rule: 'ingest:unknown-format', source: 'ingest' }]));
  }
  let decoded: ReturnType<typeof decodeBytes>;
  try {
    decoded = decodeBytes(bytes);
  } catch (err) {
    return assemble(bytes, path, detection, undefined, emptyResult([{ reason: `cannot decode: ${(err as Error).message}`, severity: 'error', rule: 'decode:failed', source: 'ingest' }]));
  }
  let result: ReaderResult;
  try {
    result = runReader(detection.format, decoded.text);
  } catch (err) {
    // a reader bug must not lose the document: fall back to plain text with a message
    result = readText(decoded.text);
    result.messages.push({ reason: `${detection.format} reader failed (${(err as Error).message}); read as plain text`, severity: 'warning', rule: 'ingest:reader-failed', source: 'ingest' });
  }
  result.messages.unshift(...decoded.messages);
  if (!result.text.replace(/[\s\uFFFD]+/g, '') && !result.messages.some((m) => m.severity === 'error')) {
    const reason = result.text.includes('\uFFFD') ? 'the document holds no readable text (only bytes that do not decode)' : 'the document holds no text (only whitespace)';
    result.messages.push({ reason, severity: 'error', rule: 'ingest:no-text', source: 'ingest' });
  }
  return assemble(bytes, path, detection, decoded.encoding, result);
}

function runReader(format: Detection['format'], text: string): ReaderResult {
  switch (format) {
    case 'html':
      return readHtml(text);
    case 'markdown':
      return readMarkdown(text);
    case 'mediawiki':
      return readMediawiki(text);
    default:
      return readText(text);
  }
}

function emptyResult(messages: Message[]): ReaderResult {
  return { text: '', sourceMap: [[0, 0]], sections: [], meta: {}, messages };
}

/** Builds the Source record from a reader's result. */
function assemble(bytes: Uint8Array, path: string, detection: Detection, encoding: string | undefined, r: ReaderResult): Source {
  const meta: SourceMeta = { format: detection.format, path, rawLength: bytes.length };
  if (encoding) meta.encoding = encoding;
  for (const [k, v] of Object.entries(r.meta)) if (v) meta[k] = v;
  if (!meta.language) {
    const lang = guessLanguage(r.text);
    if (lang) meta.language = lang;
  }
  return {
    id: hashContent(bytes),
    key: hashContent(path),
    meta,
    text: r.text,
    sourceMap: r.sourceMap,
    sections: r.sections,
    messages: r.messages,
  };
}

/** `ru` when most letters are Cyrillic, `en` when most are Latin; undefined for little text. */
function guessLanguage(text: string): string | undefined {
  let cyr = 0;
  let lat = 0;
  for (let i = 0, n = Math.min(text.length, 5000); i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x400 && c <= 0x4ff) cyr++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) lat++;
  }
  if (cyr + lat < 50) return undefined;
  return cyr > lat ? 'ru' : 'en';
}
