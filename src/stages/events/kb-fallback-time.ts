import type { Annotation, Json } from '../../core/types.ts';
import { yearOfEdtf } from '../../core/time.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { SentenceView } from './read-layers.ts';

/** "that year", "later that year", "the same year", "earlier that year": the year of the reference time. */
const SAME_YEAR = /^(?:(?:later|earlier|early|late)\s+(?:in\s+)?)?(?:that|the\s+same)\s+year$/i;

/**
 * A year for "that year" when the text gives it no earlier date (a fragment that opens "The
 * speech also led to the revolts that broke out later that year"): the year of the dated
 * knowledge-base event named nearest in the same paragraph (before the expression first, else
 * after it), since that event is what the paragraph's time hangs on. The timex must be one the
 * timex stage left unresolved (no EDTF). Marked `relation: 'kb-fallback'` and `anchorEvent`;
 * undefined when no such event is named.
 */
export function sameYearFallback(s: SentenceView, sentences: readonly SentenceView[], text: string, kb: KnowledgeBase | undefined): Record<string, Json | undefined> | undefined {
  if (!kb) return undefined;
  const x = s.timexes.find((t) => (t.attrs.edtf === null || t.attrs.edtf === undefined) && SAME_YEAR.test(text.slice(t.start, t.end).trim()));
  if (!x) return undefined;
  const dated = (m: Annotation) => {
    const id = m.attrs.entity;
    const ev = typeof id === 'string' ? kb.eventById.get(id) : undefined;
    return ev && yearOfEdtf(ev.date) !== undefined ? ev : undefined;
  };
  const pool = sentences.filter((o) => o.paragraph === s.paragraph && o.section?.id === s.section?.id).flatMap((o) => o.mentions.filter((m) => dated(m)));
  const before = pool.filter((m) => m.end <= x.start).sort((a, b) => b.end - a.end)[0];
  const after = pool.filter((m) => m.start >= x.end).sort((a, b) => a.start - b.start)[0];
  const m = before ?? after;
  const ev = m ? dated(m) : undefined;
  if (!ev) return undefined;
  const y = String(yearOfEdtf(ev.date)).padStart(4, '0');
  return { edtf: y, timex: x.id, inherited: false, relation: 'kb-fallback', anchorEvent: ev.id, interval: { earliest: `${y}-01-01`, latest: `${y}-12-31` } };
}
