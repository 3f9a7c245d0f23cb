/**
 * Two-stage prediction aggregation (Ratinov & Roth 2009, "two-stage prediction aggregation"; Krishnan &
 * Manning 2006): a first tagging pass over the whole document, then features of each capitalized token
 * from the types that pass gave to the *other* occurrences of the same word and of the same capitalized
 * sequence, to the first mention of the word, and to a longer predicted name that contains the word
 * elsewhere. A second pass of the tagger adds these features. In training the first-pass tags come from
 * jackknifed models (each document tagged by a model that did not see it), so they are as wrong as
 * they would be on unseen text.
 */
import { combine, hashString, type SentenceInfo } from './features.ts';

/** Template seeds of the stacking features. */
export const ST = {
  maj: hashString('st-maj='),
  all: hashString('st-all='),
  any: hashString('st-any='),
  first: hashString('st-first='),
  long: hashString('st-long='),
  seq: hashString('st-seq='),
  seqAll: hashString('st-seq-all='),
} as const;

/** Entity type index of a tag index of `NER_TAGS`: 0 O, 1 PER, 2 ORG, 3 LOC, 4 MISC. */
const TYPE_OF_TAG = [0, 1, 1, 2, 2, 3, 3, 4, 4];

/** Most predicted names remembered per word (for `st-long`). */
const MAX_SPANS = 8;

/** A predicted multi-token name: where it is, its length and type. */
interface Span {
  s: number;
  from: number;
  to: number;
  type: number;
}

/** First-pass facts of one capitalized word type in a document. */
interface WordStats {
  counts: Int32Array;
  firstS: number;
  firstI: number;
  firstType: number;
  spans: Span[];
}

/** Majority index of `counts` after taking one away from `own` (-1 when nothing is left); lowest index wins ties. */
function majorityWithout(counts: Int32Array, own: number): { best: number; total: number; kinds: number; mask: number } {
  let best = -1;
  let bestN = 0;
  let total = 0;
  let kinds = 0;
  let mask = 0;
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t]! - (t === own ? 1 : 0);
    if (n <= 0) continue;
    total += n;
    kinds++;
    mask |= 1 << t;
    if (n > bestN) {
      bestN = n;
      best = t;
    }
  }
  return { best, total, kinds, mask };
}

/** The capitalized run around token `i` as [from, to) (consecutive capitalized tokens), from `SentenceInfo.capRun`. */
function capRunOf(s: SentenceInfo, i: number): [number, number] {
  let from = i;
  while (from > 0 && s.capRun[from - 1]) from--;
  let to = i + 1;
  while (to < s.tokens.length && s.capRun[to]) to++;
  return [from, to];
}

/** Hash of the folded tokens `[from, to)` of a sentence. */
function seqHash(s: SentenceInfo, from: number, to: number): number {
  let h = ST.seq;
  for (let k = from; k < to; k++) h = combine(h, s.fold[k]!);
  return h;
}

/**
 * The stacking feature hashes of every token of a document, given the first pass's tag indices
 * (`NER_TAGS` order) per sentence: one array per sentence, each token's hashes or null (most tokens:
 * only capitalized tokens get features). Pure; deterministic.
 */
export function stackFeatures(sentences: readonly SentenceInfo[], tags: readonly ArrayLike<number>[]): (number[] | null)[][] {
  const words = new Map<number, WordStats>();
  const runs = new Map<number, Int32Array>();
  // pass over the document: types of the capitalized words and runs, predicted multi-token names
  sentences.forEach((s, si) => {
    const t = tags[si]!;
    const n = s.tokens.length;
    for (let i = 0; i < n; i++) {
      if (!s.cap[i]) continue;
      const type = TYPE_OF_TAG[t[i]!]!;
      let w = words.get(s.fold[i]!);
      if (!w) words.set(s.fold[i]!, (w = { counts: new Int32Array(5), firstS: si, firstI: i, firstType: type, spans: [] }));
      w.counts[type]!++;
      if (s.capRun[i] >= 16 && (i === 0 || !s.capRun[i - 1])) {
        const [from, to] = capRunOf(s, i);
        const h = seqHash(s, from, to);
        let c = runs.get(h);
        if (!c) runs.set(h, (c = new Int32Array(5)));
        c[type]!++;
      }
    }
    for (let i = 0; i < n; ) {
      const tag = t[i]!;
      if (tag === 0 || tag % 2 === 0) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && t[j] === tag + 1) j++;
      if (j - i >= 2) {
        const span = { s: si, from: i, to: j, type: TYPE_OF_TAG[tag]! };
        for (let k = i; k < j; k++) {
          const w = s.cap[k] ? words.get(s.fold[k]!) : undefined;
          if (w && w.spans.length < MAX_SPANS && !w.spans.includes(span)) w.spans.push(span);
        }
      }
      i = j;
    }
  });
  return sentences.map((s, si) => {
    const t = tags[si]!;
    const n = s.tokens.length;
    const out: (number[] | null)[] = new Array<number[] | null>(n).fill(null);
    for (let i = 0; i < n; i++) {
      if (!s.cap[i]) continue;
      const w = words.get(s.fold[i]!)!;
      const own = TYPE_OF_TAG[t[i]!]!;
      const feats: number[] = [];
      const m = majorityWithout(w.counts, own);
      if (m.best >= 0) {
        feats.push(combine(ST.maj, m.best), combine(ST.any, m.mask));
        if (m.kinds === 1) feats.push(combine(ST.all, m.best * 4 + Math.min(m.total, 3)));
      }
      if (w.firstS !== si || w.firstI !== i) feats.push(combine(ST.first, w.firstType));
      let best: Span | undefined;
      for (const sp of w.spans) {
        if (sp.s === si && sp.from <= i && i < sp.to) continue;
        if (!best || sp.to - sp.from > best.to - best.from) best = sp;
      }
      if (best) feats.push(combine(ST.long, best.type));
      if (s.capRun[i] >= 16) {
        const [from, to] = capRunOf(s, i);
        const c = runs.get(seqHash(s, from, to));
        const r = c ? majorityWithout(c, TYPE_OF_TAG[t[from]!]!) : undefined;
        if (r && r.best >= 0) {
          const pos = i === from ? 0 : 1;
          feats.push(combine(combine(ST.seq, r.best), pos));
          if (r.kinds === 1) feats.push(combine(combine(ST.seqAll, r.best), pos));
        }
      }
      if (feats.length) out[i] = feats;
    }
    return out;
  });
}
