import type { Span } from './types.ts';
import { AnnalistError } from './errors.ts';

/** How `snapToTokens` treats a span whose edges fall inside tokens. */
export type SnapMode = 'strict' | 'contract' | 'expand';

/**
 * Snaps a character span to token edges, as spaCy's `char_span` does.
 * `strict` returns null unless both edges are token edges; `contract` keeps only tokens wholly
 * inside; `expand` grows to cover every token it touches. Tokens must be sorted and disjoint.
 */
export function snapToTokens(span: Span, tokens: readonly Span[], mode: SnapMode = 'strict'): Span | null {
  const touched = tokens.filter((t) => t.start < span.end && span.start < t.end);
  if (touched.length === 0) return null;
  const first = touched[0]!;
  const last = touched[touched.length - 1]!;
  if (mode === 'expand') return { start: Math.min(first.start, span.start), end: Math.max(last.end, span.end) };
  if (mode === 'strict') {
    return first.start === span.start && last.end === span.end ? { start: span.start, end: span.end } : null;
  }
  const inside = touched.filter((t) => t.start >= span.start && t.end <= span.end);
  if (inside.length === 0) return null;
  return { start: inside[0]!.start, end: inside[inside.length - 1]!.end };
}

/** True when two half-open spans share at least one character. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `outer` contains `inner` entirely. */
export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Throws a catalog error if a span does not fit a text of the given length. */
export function assertSpan(span: Span, textLength: number): void {
  if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.end >= span.start && span.end <= textLength)) {
    throw new AnnalistError('BAD_SPAN', `[${span.start}, ${span.end}) over ${textLength}`);
  }
}

/** Sorts spans by start, then longer first. Returns a new array. */
export function sortSpans<T extends Span>(spans: readonly T[]): T[] {
  return [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Index of the first item whose `start` is ≥ `pos` in items sorted by start (binary search); `items.length` if none. */
export function firstStartingFrom(items: ReadonlyArray<{ readonly start: number }>, pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last item whose `start` is ≤ `pos` in items sorted by start (binary search); -1 if none. */
export function lastStartingAtOrBefore(items: ReadonlyArray<{ readonly start: number }>, pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
