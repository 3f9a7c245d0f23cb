import { sentenceSpan, voiceOf, type SourceView } from '../source-view.ts';
import type { Conflict } from '../types.ts';
import { escapeRegex, type CheckVocabulary } from '../vocabulary.ts';
import { makeConflict, sentenceEvidence, type CheckContext } from './common.ts';

/** A count stated in a sentence: a unit and the range of values the wording allows. */
export interface StatedNumber {
  unit: string;
  low: number;
  high: number;
  text: string;
  start: number;
  end: number;
}

const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, hundred: 100, thousand: 1000,
};

/** Value of a number written in digits ("1,200") or a simple word ("thirty"). */
function numberValue(s: string): number {
  const w = WORDS[s.toLowerCase()];
  return w ?? Number(s.replace(/[,\s]/g, ''));
}

/**
 * Counts with a unit in a stretch of text ("31 soldiers", "about 200 killed", "killed 58"),
 * each with the range its qualifier allows ("about" ±20 %, "more than" open above, "up to" below).
 */
export function findNumbers(text: string, offset: number, vocab: CheckVocabulary): StatedNumber[] {
  const unitOf = new Map<string, string>();
  for (const [unit, words] of Object.entries(vocab.numberUnits)) for (const w of words) unitOf.set(w.toLowerCase(), unit);
  const units = [...unitOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
  const quals = vocab.approximators.about.map(escapeRegex).join('|');
  const num = `\\d{1,3}(?:,\\d{3})+|\\d+|${Object.keys(WORDS).join('|')}`;
  const re = new RegExp(`(?<![\\p{L}\\d])(?:(?<q>${quals})\\s+)?(?<n>${num})\\s+(?:[\\p{L}-]+\\s+){0,2}?(?<u>${units})(?![\\p{L}])`, 'giu');
  const out: StatedNumber[] = [];
  for (const m of text.matchAll(re)) {
    const n = numberValue(m.groups!.n!);
    if (!Number.isFinite(n) || (n >= 1500 && n <= 2099 && /^\d{4}$/.test(m.groups!.n!))) continue;
    const q = (m.groups!.q ?? '').toLowerCase();
    let [low, high] = [n, n];
    if (/over|more than|at least/.test(q)) high = Infinity;
    else if (/up to|fewer than|less than|under/.test(q)) low = 0;
    else if (/nearly|almost/.test(q)) low = Math.floor(n * 0.85);
    else if (/of$|several/.test(q)) [low, high] = [n, n * 100];
    else if (q) [low, high] = [Math.floor(n * 0.8), Math.ceil(n * 1.2)];
    out.push({ unit: unitOf.get(m.groups!.u!.toLowerCase())!, low, high, text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out;
}

/**
 * Number mismatch: two sources give counts of the same unit (killed, wounded, troops…) for the same
 * real-world event whose allowed ranges cannot overlap.
 */
export function checkNumberMismatch(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  const views = new Map(ctx.views.map((v) => [v.id, v]));
  // One pair of statements is one conflict, even when two clusters hold both.
  const reportedSpans = new Set<string>();
  for (const ev of ctx.events) {
    if (ev.sources.length < 2) continue;
    const stated: Array<StatedNumber & { view: SourceView }> = [];
    const seen = new Set<string>();
    for (const s of ev.support) {
      const view = views.get(s.source);
      if (!view) continue;
      const span = sentenceSpan(view, s.start);
      const key = `${view.id}:${span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const n of findNumbers(view.text.slice(span.start, span.end), span.start, ctx.vocab)) stated.push({ ...n, view });
    }
    const reported = new Set<string>();
    for (let i = 0; i < stated.length; i++) {
      for (let j = i + 1; j < stated.length; j++) {
        const a = stated[i]!;
        const b = stated[j]!;
        if (a.view === b.view || a.unit !== b.unit || (a.low <= b.high && b.low <= a.high)) continue;
        const key = `${a.unit}|${[a.view.id, b.view.id].sort().join('|')}`;
        const spans = [`${a.view.id}:${a.start}`, `${b.view.id}:${b.start}`].sort().join('|');
        if (reported.has(key) || reportedSpans.has(spans)) continue;
        reported.add(key);
        reportedSpans.add(spans);
        out.push(
          makeConflict(
            'number-mismatch',
            'medium',
            `Two sources give different counts (${a.unit}) for the same event (${ev.label}): ${voiceOf(a.view, a.start)} says "${a.text}", ${voiceOf(b.view, b.start)} says "${b.text}".`,
            [sentenceEvidence(a.view, a.start, a.end), sentenceEvidence(b.view, b.start, b.end)],
            [{ type: 'source', source: b.view.id, text: `${b.view.title}: ${b.text}` }],
            { event: ev.id },
          ),
        );
      }
    }
  }
  return out;
}
