import { createRequire } from 'node:module';

/** The part of the `edtf` package we use (it ships no types). */
type EdtfParse = (s: string) => { min: number; max: number };

const require = createRequire(import.meta.url);
const loaded = require('edtf') as unknown;
const parse = (typeof loaded === 'function' ? loaded : (loaded as { default: EdtfParse }).default) as EdtfParse;

/**
 * Checks an EDTF string with the `edtf` package and returns its covered days as ISO dates, or null
 * when it does not parse. Open sides (`../1959-11`, `1944/..`) are checked side by side, since the
 * package rejects them, and come back as null.
 */
export function checkEdtf(s: string): { earliest: string | null; latest: string | null } | null {
  // the edtf grammar (nearley) is slow and the same few strings recur in every document: memoize
  const known = memo.get(s);
  if (known !== undefined) return known === null ? null : { ...known };
  const out = parseEdtf(s);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(s, out);
  return out === null ? null : { ...out };
}

type Days = { earliest: string | null; latest: string | null };

const MEMO_LIMIT = 10_000;
const memo = new Map<string, Days | null>();

function parseEdtf(s: string): Days | null {
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  try {
    if (s.startsWith('../')) return { earliest: null, latest: iso(parse(s.slice(3)).max) };
    if (s.endsWith('/..')) return { earliest: iso(parse(s.slice(0, -3)).min), latest: null };
    const d = parse(s);
    return { earliest: iso(d.min), latest: iso(d.max) };
  } catch {
    return null;
  }
}
