import { findTimexes } from './find-timexes.ts';

/**
 * A document date stated in a dateline: a full calendar date (day, month, year) on one of the
 * first lines of the text, either on a short line of its own or followed by a dash
 * ("MOSCOW, March 5, 2019 — …"). Returns the ISO date and its span, or null.
 */
export function findDateline(text: string): { date: string; start: number; end: number } | null {
  const head = text.slice(0, 400);
  for (const t of findTimexes(head)) {
    if (t.granularity !== 'day' || t.anchor.kind !== 'none' || !t.edtf) continue;
    const lineStart = head.lastIndexOf('\n', t.start - 1) + 1;
    const nl = head.indexOf('\n', t.end);
    const lineEnd = nl < 0 ? head.length : nl;
    const shortLine = lineEnd - lineStart <= 60;
    const dashAfter = /^\s*[-–—]/.test(head.slice(t.end, t.end + 4));
    if (shortLine || dashAfter) return { date: t.edtf, start: t.start, end: t.end };
  }
  return null;
}
