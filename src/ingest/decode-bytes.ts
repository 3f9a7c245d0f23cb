import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { Message } from '../core/types.ts';

/** A decoded text with the encoding used and what had to be guessed. */
export interface Decoded {
  text: string;
  /** Encoding name as iconv-lite spells it, e.g. `utf-8`, `windows-1251`, `koi8-r`, `utf-16le`. */
  encoding: string;
  /** Length of a byte-order mark that was skipped. */
  bomLength: number;
  messages: Message[];
}

const CYRILLIC_SINGLE_BYTE = ['windows-1251', 'koi8-r', 'iso-8859-5', 'ibm866'];

/**
 * Decodes raw bytes to a string: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is
 * UTF-8; otherwise chardet guesses a single-byte encoding (windows-1251, KOI8-R, …) and an info
 * message says so. Bytes that fit nothing are decoded as UTF-8 with replacement characters and a
 * warning. Never throws.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const messages: Message[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3), 3, messages);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le', messages);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be', messages);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', bomLength: 0, messages };
  } catch {
    // not valid UTF-8: fall through to a guess
  }
  // mostly-valid UTF-8 (a truncated tail, a few stray bytes) is UTF-8 with damage, not another code page
  if (isTruncatedUtf8(bytes) || looksLikeDamagedUtf8(bytes)) return decodeUtf8(bytes, 0, messages);
  const guess = guessEncoding(bytes);
  if (guess) {
    messages.push({
      reason: `not valid UTF-8; decoded as ${guess.name} (guessed, confidence ${guess.confidence}%)`,
      severity: guess.confidence >= 50 ? 'info' : 'warning',
      rule: 'decode:guessed-encoding',
      source: 'ingest',
    });
    return { text: iconv.decode(Buffer.from(bytes), guess.name), encoding: guess.name, bomLength: 0, messages };
  }
  return decodeUtf8(bytes, 0, messages);
}

/** Decodes UTF-8 leniently, with a warning counting replacement characters if it was invalid. */
function decodeUtf8(bytes: Uint8Array, bomLength: number, messages: Message[]): Decoded {
  const text = new TextDecoder('utf-8').decode(bytes);
  let valid = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    valid = false;
  }
  if (!valid) {
    const bad = (text.match(/\uFFFD/g) ?? []).length;
    const truncated = isTruncatedUtf8(bytes);
    messages.push({
      reason: truncated
        ? 'the input ends inside a UTF-8 character (truncated file?); the last character was replaced'
        : `invalid UTF-8: ${bad} byte sequence(s) replaced with U+FFFD`,
      severity: 'warning',
      rule: truncated ? 'decode:truncated' : 'decode:invalid-utf8',
      source: 'ingest',
    });
  }
  return { text, encoding: 'utf-8', bomLength, messages };
}

/** True when the bytes hold well-formed multi-byte UTF-8 sequences and only a few invalid bytes. */
function looksLikeDamagedUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 1 << 20));
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  const multi = (text.match(/[^\p{ASCII}\uFFFD]/gu) ?? []).length;
  return multi >= 1 && bad <= Math.max(2, multi / 20);
}

/** True when all of the bytes but an incomplete final sequence are valid UTF-8. */
function isTruncatedUtf8(bytes: Uint8Array): boolean {
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
      return (bytes[bytes.length - cut]! & 0xc0) === 0xc0;
    } catch {
      // keep cutting
    }
  }
  return false;
}

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', messages: Message[]): Decoded {
  if (bytes.length % 2 !== 0) {
    messages.push({ reason: `odd number of bytes in ${encoding} input (truncated?)`, severity: 'warning', rule: 'decode:truncated', source: 'ingest' });
  }
  const raw = iconv.decode(Buffer.from(bytes.subarray(2)), encoding);
  // A lone surrogate is not a character: it would make the text invalid in JSON-LD and TEI exports.
  let lone = 0;
  const text = raw.replace(LONE_SURROGATE, () => (lone++, '\uFFFD'));
  if (lone > 0) messages.push({ reason: `invalid ${encoding}: ${lone} unpaired surrogate(s) replaced with U+FFFD`, severity: 'warning', rule: 'decode:invalid-utf16', source: 'ingest' });
  return { text, encoding, bomLength: 2, messages };
}

/**
 * Guesses a single-byte encoding with chardet. Among Cyrillic code pages the one whose decoding
 * reads most like running text (mostly lower-case letters) wins, since chardet confuses
 * windows-1251 and KOI8-R on short inputs.
 */
export function guessEncoding(bytes: Uint8Array): { name: string; confidence: number } | undefined {
  const candidates = chardet.analyse(bytes).filter((c) => c.name !== 'UTF-8' && iconv.encodingExists(c.name));
  const top = candidates[0];
  if (!top) return undefined;
  const name = top.name.toLowerCase();
  const cyrillic = candidates.some((c) => CYRILLIC_SINGLE_BYTE.includes(c.name.toLowerCase())) || /cyr|1251|koi8/.test(name);
  if (!cyrillic) return { name, confidence: top.confidence };
  const sample = Buffer.from(bytes.subarray(0, 65536));
  let best = { name, confidence: top.confidence, score: -1 };
  for (const enc of ['windows-1251', 'koi8-r']) {
    const score = lowerCyrillicShare(iconv.decode(sample, enc));
    const conf = candidates.find((c) => c.name.toLowerCase() === enc)?.confidence ?? top.confidence;
    if (score > best.score) best = { name: enc, confidence: conf, score };
  }
  return { name: best.name, confidence: best.confidence };
}

/** Share of Cyrillic letters that are lower case: high for running Russian text. */
function lowerCyrillicShare(text: string): number {
  const all = text.match(/[\u0400-\u04ff]/g)?.length ?? 0;
  if (all === 0) return 0;
  const lower = text.match(/[\u0430-\u044f\u0451]/g)?.length ?? 0;
  return lower / all;
}
