/** The words around a mention, as the entity page shows them. */

/** Text before and after a span, and whether each side was cut short. */
export interface SpanContext {
  before: string;
  after: string;
  /** True when `before` does not reach the start of the paragraph. */
  cutBefore: boolean;
  /** True when `after` does not reach the end of the paragraph. */
  cutAfter: boolean;
}

/**
 * About `width` characters either side of `[start, end)`, kept inside the span's paragraph (a blank
 * line ends it, so a heading or the next section does not run into the context) and cut at word
 * boundaries, never inside a word. Line breaks inside the paragraph become spaces.
 */
export function spanContext(text: string, start: number, end: number, width = 60): SpanContext {
  const paraStart = text.lastIndexOf('\n\n', start - 1);
  const lo = paraStart < 0 ? 0 : paraStart + 2;
  const paraEnd = text.indexOf('\n\n', end);
  const hi = paraEnd < 0 ? text.length : paraEnd;
  let before = text.slice(Math.max(lo, start - width), start);
  const cutBefore = start - width > lo;
  // Drop a partial first word: when cut, keep only from the first whitespace on.
  if (cutBefore) before = before.replace(/^\S*\s+/, '');
  let after = text.slice(end, Math.min(hi, end + width));
  const cutAfter = end + width < hi;
  if (cutAfter) after = after.replace(/\s+\S*$/, '');
  const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  return { before: flat(before).replace(/^\s+/, ''), after: flat(after).replace(/\s+$/, ''), cutBefore, cutAfter };
}
