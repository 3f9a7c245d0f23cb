import type { Source } from '../core/types.ts';
import { hashContent } from '../core/hash.ts';

/** Where the raw bytes came from. */
export interface ReadOptions {
  /** File path, URL, or `-` for stdin. Used for the stable source key and format detection. */
  path?: string;
}

/**
 * Reads raw bytes into a Source: decodes, detects the format, normalizes the text and marks
 * sections. Never throws on bad input: problems become messages on the source.
 * (Minimal plain-text reader; the ingest module replaces this with format-specific readers.)
 */
export function readDocument(bytes: Uint8Array, opts: ReadOptions = {}): Source {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/\r\n?/g, '\n');
  const path = opts.path ?? '-';
  return {
    id: hashContent(bytes),
    key: hashContent(path),
    meta: { format: 'text', encoding: 'utf-8', path, rawLength: bytes.length },
    text,
    sourceMap: [[0, 0]],
    sections: [{ id: 'sec-0', kind: 'body', start: 0, end: text.length }],
    messages: [],
  };
}
