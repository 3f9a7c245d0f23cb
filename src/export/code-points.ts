/**
 * Offset conversion between UTF-16 code units (what Annalist spans use) and Unicode code points
 * (what W3C TextPositionSelector counts). Astral characters (emoji, U+1F600…) are two units, one code point.
 */

/** True when `i` falls between the two halves of a surrogate pair in `text`. */
export function splitsSurrogatePair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const hi = text.charCodeAt(i - 1);
  const lo = text.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** Moves a UTF-16 offset that splits a surrogate pair back to the pair's start; clamps to `[0, text.length]`. */
export function snapToCodePoint(text: string, i: number): number {
  const c = Math.max(0, Math.min(text.length, i));
  return splitsSurrogatePair(text, c) ? c - 1 : c;
}

/**
 * Builds a converter from UTF-16 offsets to code-point offsets over `text` (one pass, then O(log n) per call).
 * An offset inside a surrogate pair counts as the pair's start.
 */
export function makeCodePointCounter(text: string): (utf16: number) => number {
  // UTF-16 offsets of the low halves of surrogate pairs, ascending: each one before an offset takes one away.
  const lows: number[] = [];
  for (let i = 1; i < text.length; i++) if (splitsSurrogatePair(text, i)) lows.push(i);
  return (utf16: number) => {
    const u = snapToCodePoint(text, utf16);
    let lo = 0;
    let hi = lows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lows[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return u - lo;
  };
}

/** Converts a code-point offset over `text` back to a UTF-16 offset (clamped to the text). */
export function codePointToUtf16(text: string, codePoint: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < codePoint) {
    i += splitsSurrogatePair(text, i + 1) ? 2 : 1;
    cp++;
  }
  return i;
}
