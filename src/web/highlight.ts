/**
 * Splits a text range into segments at every annotation boundary, so overlapping annotations of
 * several layers can be drawn as flat, non-nested spans (each knowing every annotation covering it).
 */

/** An annotation as far as segmentation cares. */
export interface Spanned {
  start: number;
  end: number;
}

/** A piece of text with the annotations covering all of it. */
export interface Segment<T extends Spanned> {
  start: number;
  end: number;
  covering: T[];
}

/** Cuts `[from, to)` into segments at annotation boundaries; zero-width annotations are ignored. */
export function segmentRange<T extends Spanned>(from: number, to: number, annotations: readonly T[]): Array<Segment<T>> {
  const inside = annotations.filter((a) => a.end > from && a.start < to && a.end > a.start);
  const cuts = new Set<number>([from, to]);
  for (const a of inside) {
    cuts.add(Math.max(from, a.start));
    cuts.add(Math.min(to, a.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...inside].sort((a, b) => a.start - b.start);
  const out: Array<Segment<T>> = [];
  let active: T[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    while (next < byStart.length && byStart[next]!.start <= s) active.push(byStart[next++]!);
    active = active.filter((a) => a.end > s);
    out.push({ start: s, end: e, covering: active.filter((a) => a.start <= s && a.end >= e) });
  }
  return out;
}
