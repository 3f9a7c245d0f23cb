import type { Span } from '../../core/types.ts';
import { tokenRange, type RhetoricDoc } from './doc.ts';
import { classifySpan, type LoadedLinear } from './model.ts';
import type { PtcLabel } from './ptc.ts';

/**
 * Where a given span stands among the given spans of its article with the same wording (its words,
 * lower case, punctuation left out; spans at the same offsets count once): `later2` / `later3` /
 * `later4` when an earlier span has the wording and 2, 3 or ≥ 4 spans share it, `first4` for the
 * first of ≥ 4; `null` otherwise. Annotators mark a repeated wording's later mentions as Repetition
 * far more often than its first (PTC train: 66 % of later mentions, 81 % when ≥ 4 share it).
 */
export type RepeatCategory = 'later2' | 'later3' | 'later4' | 'first4';

/** The categories `repeatCategory` can return, in a fixed order. */
export const REPEAT_CATEGORIES: readonly RepeatCategory[] = ['later2', 'later3', 'later4', 'first4'];

const WORD = /^[\p{L}\p{N}]/u;

/** The wording of a span: its word tokens' norms joined by spaces ('' when it has no word). */
function wordingOf(doc: RhetoricDoc, span: Span): string {
  const [a, b] = tokenRange(doc, span);
  const words: string[] = [];
  for (let i = a; i < b; i++) if (WORD.test(doc.tokens[i]!.norm)) words.push(doc.tokens[i]!.norm);
  return words.join(' ');
}

/**
 * The repeat category of each span of `spans` (all given spans of one article), in input order; see
 * `RepeatCategory`. Reads the document and spans; returns a new array.
 */
export function repeatCategories(doc: RhetoricDoc, spans: readonly Span[]): Array<RepeatCategory | null> {
  const wording = spans.map((s) => wordingOf(doc, s));
  // Distinct starts of each wording (spans at the same offsets count once).
  const starts = new Map<string, number[]>();
  spans.forEach((s, i) => {
    const w = wording[i]!;
    if (!w) return;
    const list = starts.get(w) ?? [];
    if (!list.includes(s.start)) list.push(s.start);
    starts.set(w, list);
  });
  return spans.map((s, i) => {
    const list = starts.get(wording[i]!);
    if (!list || list.length < 2) return null;
    const n = list.length;
    const later = list.some((x) => x < s.start);
    if (!later) return n >= 4 ? 'first4' : null;
    return n >= 4 ? 'later4' : n === 3 ? 'later3' : 'later2';
  });
}

/** Logit offsets added to Repetition per repeat category (tuned on train by `tuneRepeatOffsets`). */
export type RepeatOffsets = Partial<Record<RepeatCategory, number>>;

/** The technique ranking of a span after adding `offset` to Repetition's log-probability, most probable first. */
export function rerankForRepeat(ranked: ReadonlyArray<{ technique: string; p: number }>, offset: number): Array<{ technique: string; p: number }> {
  if (!offset) return [...ranked];
  const z = ranked.map((r) => ({ technique: r.technique, z: Math.log(Math.max(1e-12, r.p)) + (r.technique === 'Repetition' ? offset : 0) }));
  const m = Math.max(...z.map((r) => r.z));
  const sum = z.reduce((s, r) => s + Math.exp(r.z - m), 0);
  return z.map((r) => ({ technique: r.technique, p: Math.exp(r.z - m) / sum })).sort((x, y) => y.p - x.p);
}

/**
 * Task TC: names the technique of each given span. The article's given spans are each span's
 * peers; a span listed k times (several techniques) gets its k most probable techniques. With
 * `offsets` (or the model's own `repeat` offsets), Repetition is favoured for later mentions of a
 * wording given several times (see `RepeatCategory`).
 * Reads documents and rows; returns new rows in input-group order.
 */
export function classifyGivenSpans(docs: ReadonlyMap<string, RhetoricDoc>, rows: readonly PtcLabel[], tc: LoadedLinear, offsets: RepeatOffsets | undefined = tc.repeat): PtcLabel[] {
  const out: PtcLabel[] = [];
  for (const { group, ranked, category } of rankGivenSpans(docs, rows, tc)) {
    const final = category && offsets?.[category] ? rerankForRepeat(ranked, offsets[category]) : ranked;
    group.forEach((r, i) => out.push({ ...r, technique: final[i % final.length]!.technique }));
  }
  return out;
}

/** One distinct given span (all rows at its offsets), its technique ranking and repeat category. */
export interface RankedGivenSpan {
  doc: RhetoricDoc;
  group: PtcLabel[];
  ranked: Array<{ technique: string; p: number }>;
  category: RepeatCategory | null;
}

/** Ranks the techniques of each distinct given span (rows grouped by article and offsets, in input order). */
export function rankGivenSpans(docs: ReadonlyMap<string, RhetoricDoc>, rows: readonly PtcLabel[], tc: LoadedLinear): RankedGivenSpan[] {
  const byArticle = new Map<string, PtcLabel[]>();
  for (const r of rows) {
    const list = byArticle.get(r.article);
    if (list) list.push(r);
    else byArticle.set(r.article, [r]);
  }
  const out: RankedGivenSpan[] = [];
  for (const [article, list] of byArticle) {
    const doc = docs.get(article);
    if (!doc) continue;
    const groups = new Map<string, PtcLabel[]>();
    for (const r of list) {
      const k = `${r.start}:${r.end}`;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
    const firsts = [...groups.values()].map((g) => g[0]!);
    const categories = repeatCategories(doc, firsts);
    [...groups.values()].forEach((g, i) => out.push({ doc, group: g, ranked: classifySpan(doc, g[0]!, tc, list), category: categories[i]! }));
  }
  return out;
}

/** The Repetition offsets tried by `tuneRepeatOffsets`. */
const OFFSET_GRID = [-1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4];

/**
 * Chooses, per repeat category, the Repetition offset (from a fixed grid; ties go to the smallest
 * change) that names the most gold techniques right among the given spans of that category —
 * meant for out-of-fold rankings of training spans. Reads the ranked spans; returns a new record
 * (categories whose best offset is 0 are left out).
 */
export function tuneRepeatOffsets(spans: readonly RankedGivenSpan[]): RepeatOffsets {
  const out: RepeatOffsets = {};
  for (const cat of REPEAT_CATEGORIES) {
    const mine = spans.filter((s) => s.category === cat);
    let best = -1;
    let bestOffset = 0;
    for (const offset of [...OFFSET_GRID].sort((x, y) => Math.abs(x) - Math.abs(y))) {
      let right = 0;
      for (const s of mine) right += matches(s.group, rerankForRepeat(s.ranked, offset));
      if (right > best) {
        best = right;
        bestOffset = offset;
      }
    }
    if (bestOffset) out[cat] = bestOffset;
  }
  return out;
}

/** How many gold techniques of a group its predictions name (multisets, as the task's scorer matches them). */
function matches(group: readonly PtcLabel[], ranked: ReadonlyArray<{ technique: string }>): number {
  const gold = group.map((r) => r.technique);
  let n = 0;
  group.forEach((_, i) => {
    const k = gold.indexOf(ranked[i % ranked.length]!.technique);
    if (k >= 0) {
      gold.splice(k, 1);
      n++;
    }
  });
  return n;
}
