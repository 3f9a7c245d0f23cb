/**
 * One record per token annotation (span, surface text, lower-cased form, sentence index), made once per
 * token layer and shared by the stages that read tokens this way (`mentions` and `link` read the same
 * token layer of a source one after the other): a memo keyed by the layer's array, checked against the
 * text and the token count, so that the second stage does not cut and lower-case every token again.
 */
import type { Annotation } from '../../core/types.ts';

/** A token as the mention and link stages read it. */
export interface TokenRecord {
  start: number;
  end: number;
  /** The surface text. */
  text: string;
  /** The lower-cased form (the token's `norm` attribute when it has one). */
  norm: string;
  /** Sentence index (the token's `sentence` attribute, 0 when absent). */
  sentence: number;
}

/** The records of the last token layers read, by layer (a weak key: the records go with the layer). */
const memo = new WeakMap<readonly Annotation[], { text: string; records: TokenRecord[] }>();

/** The records of a token layer over `text` (see the module comment); the array is shared: callers only read it. */
export function tokenRecords(text: string, tokens: readonly Annotation[]): TokenRecord[] {
  const known = memo.get(tokens);
  if (known !== undefined && known.text === text && known.records.length === tokens.length) return known.records;
  // pushed into a literal (not `new Array(n)`): one packed array kind for every document, empty or not
  const out: TokenRecord[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const given = t.attrs.norm;
    // a lower-case word is its own norm: share the string instead of cutting a copy
    const surface = typeof given === 'string' && given.length === t.end - t.start && text.startsWith(given, t.start) ? given : text.slice(t.start, t.end);
    out.push({ start: t.start, end: t.end, text: surface, norm: String(given ?? surface.toLowerCase()), sentence: Number(t.attrs.sentence ?? 0) });
  }
  memo.set(tokens, { text, records: out });
  return out;
}
