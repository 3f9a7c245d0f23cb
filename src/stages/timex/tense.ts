/**
 * Tense of the verb that governs a time expression, read from cue words near it in its sentence:
 * TimeML resolves a bare weekday or month to the most recent one before the document date in a
 * past-tense sentence and to the next one in a future-tense sentence. The cues are data
 * (`futureCue`, `pastCue`, `presentCue`, `reportCue`, `notPastWords` in the rule file); any other
 * word with an ending of `pastSuffix` ("-ed") counts as a past cue. A reporting verb ("said") governs only an expression
 * right after it ("said Friday"); further away it is the verb of the report, not of the event.
 */
import type { TimexRules } from './load-rules.ts';

/** What the nearest cue says. */
export type Tense = 'past' | 'future';

type CueTense = Tense | 'present';

interface CueRegExps {
  future: RegExp;
  past: RegExp;
  present: RegExp;
  report: RegExp;
  notPast: Set<string>;
}

const CACHE = new WeakMap<TimexRules, CueRegExps>();

/** Alternation of cue phrases (spaces match any whitespace, apostrophes either form), longest first. */
function cueAlternation(words: Iterable<string>): string {
  const list = [...words]
    .sort((a, b) => b.length - a.length)
    .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '\\s+'));
  return list.join('|') || '(?!)';
}

function cueRegExps(rules: TimexRules): CueRegExps {
  let re = CACHE.get(rules);
  if (!re) {
    const edge = (body: string): RegExp => new RegExp(`(?<![\\p{L}'’])(?:${body})(?![\\p{L}])`, 'giu');
    re = {
      future: edge(cueAlternation(rules.lists.futureCue ?? [])),
      // any word with a past-tense ending of vocab pastSuffix ("-ed"; "-л", "-ла" …) is a past cue
      past: edge(`${cueAlternation(rules.lists.pastCue ?? [])}${rules.lists.pastSuffix?.size ? `|\\p{L}{2,}(?:${cueAlternation(rules.lists.pastSuffix)})` : ''}`),
      present: edge(cueAlternation(rules.lists.presentCue ?? [])),
      report: edge(cueAlternation(rules.lists.reportCue ?? [])),
      notPast: rules.lists.notPastWords ?? new Set(),
    };
    CACHE.set(rules, re);
  }
  return re;
}

/** Bounds of the sentence around a span (up to the nearest sentence punctuation or line break). */
function sentenceBounds(text: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 0 && !/[.!?\n;]/.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !/[.!?\n;]/.test(text[b]!)) b++;
  return [a, b];
}

/** Cues after the span weigh this much more per character than cues before it (the verb usually comes first in news). */
const AFTER_PENALTY = 1.5;

/**
 * Tense of the cue nearest to `[start, end)` in its sentence, or null when the sentence has none
 * or the nearest cue is a present-tense one.
 * A future cue wins over a past cue it overlaps ("is expected to").
 */
export function governingTense(text: string, start: number, end: number, rules: TimexRules): Tense | null {
  const cue = nearestTenseCue(text, start, end, rules);
  return cue && cue.tense !== 'present' ? cue.tense : null;
}

/** The tense cue nearest to `[start, end)` in its sentence, with its words; present-tense cues included. */
export function nearestTenseCue(text: string, start: number, end: number, rules: TimexRules): { tense: Tense | 'present'; word: string } | null {
  const re = cueRegExps(rules);
  const [a, b] = sentenceBounds(text, start, end);
  const sentence = text.slice(a, b);
  let best: { tense: CueTense; cost: number; word: string } | null = null;
  const futureSpans: Array<[number, number]> = [];
  const consider = (tense: CueTense, s: number, e: number): void => {
    if (e > start && s < end) return;
    const cost = e <= start ? start - e : (s - end) * AFTER_PENALTY;
    if (!best || cost < best.cost) best = { tense, cost, word: text.slice(s, e) };
  };
  re.future.lastIndex = 0;
  for (const m of sentence.matchAll(re.future)) {
    const s = a + m.index;
    futureSpans.push([s, s + m[0].length]);
    consider('future', s, s + m[0].length);
  }
  for (const m of sentence.matchAll(re.past)) {
    const s = a + m.index;
    const e = s + m[0].length;
    if (re.notPast.has(m[0].toLowerCase())) continue;
    if (futureSpans.some(([fs, fe]) => s < fe && e > fs)) continue;
    consider('past', s, e);
  }
  for (const m of sentence.matchAll(re.present)) consider('present', a + m.index, a + m.index + m[0].length);
  for (const m of sentence.matchAll(re.report)) {
    const e = a + m.index + m[0].length;
    if (e <= start && /^\s*(?:on\s+)?$/i.test(text.slice(e, start))) consider('past', a + m.index, e);
  }
  const found = best as { tense: CueTense; cost: number; word: string } | null;
  return found ? { tense: found.tense, word: found.word } : null;
}
