/**
 * Greedy left-to-right BIO tagging with an averaged-perceptron weight table addressed by hashed
 * features. The same decoder is used in training (with a mutable weight store) and at run time (with
 * a loaded model), so features match.
 */
import { markNames, type NameList } from './names.ts';
import { aggHashes, aggregateDocument, combine, describeDocument, FEATURE_FLAGS, foldedHash, describeSentence, hashString, NEIGHBOUR_TEMPLATES, staticHashes, T, wordHashes, BOS, EOS, type DocumentInfo, type SentenceInfo } from './features.ts';

/** The tag set, IOB2 over the four CoNLL types. Index 0 is `O`. */
export const NER_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;

/** Tag-history index of the sentence start (one past the last tag). */
export const START = NER_TAGS.length;

/** Anything that can score hashed features: adds per-tag weights into `out`. */
export interface WeightLookup {
  /** Adds the weights of the feature with hash `h` to `out` (length = tag count); unknown features add nothing. */
  addFeature(h: number, out: Float64Array): void;
  /** Optional hashed name list whose matches become features (see `names.ts`). */
  names?: NameList;
  /** Optional external name list (a general gazetteer, not from the training annotations), typed like `names`. */
  ext?: NameList;
  /** Optional word classes: folded-word hash → class bits (lexicon classes). */
  classes?: ReadonlyMap<number, number>;
}

/** Marks a described sentence with the lookup's name lists and word classes (in place). */
export function annotateSentence(s: SentenceInfo, lists: { names?: NameList; ext?: NameList; classes?: ReadonlyMap<number, number> }): SentenceInfo {
  if (lists.names) s.names = markNames(s, lists.names);
  if (lists.ext) s.ext = markNames(s, lists.ext);
  if (lists.classes) for (let i = 0; i < s.tokens.length; i++) s.cls[i] = lists.classes.get(s.fold[i]!) ?? 0;
  return s;
}

/** Whether `tag` may follow `prev` in IOB2 (an I- tag continues a same-typed B- or I-). */
export function allowedAfter(prev: string, tag: string): boolean {
  if (!tag.startsWith('I-')) return true;
  return prev.length > 2 && prev.slice(2) === tag.slice(2);
}

/** ALLOWED[prev * 9 + tag], prev = START for the sentence start. */
const ALLOWED = new Uint8Array((START + 1) * START);
for (let p = 0; p <= START; p++) for (let t = 0; t < START; t++) ALLOWED[p * START + t] = allowedAfter(p === START ? '<s>' : NER_TAGS[p]!, NER_TAGS[t]!) ? 1 : 0;

/** Hash of each tag name (and of "<s>" at index START), the parts of history features. */
export const TAG_HASHES = [...NER_TAGS.map((t) => hashString(t)), hashString('<s>')];

/** Entity type index of a tag for the document memory: 0 O, 1 PER, 2 ORG, 3 LOC, 4 MISC. */
const TYPE_OF_TAG = [0, 1, 1, 2, 2, 3, 3, 4, 4];

/** Document memory: folded-word hash → type index last predicted for that capitalized word in the document. */
export type DocMemory = Map<number, number>;

/** Hashes of the features that depend only on the two previous tags, appended to `out`. */
export function tagPairHashes(t1: number, t2: number, out: number[]): void {
  out.push(combine(T.t1, TAG_HASHES[t1]!), combine(combine(T.t2t1, TAG_HASHES[t2]!), TAG_HASHES[t1]!));
}

/** Hashes of features that depend on the previous tag together with the word, and on the document memory. */
export function historyHashes(s: SentenceInfo, i: number, t1: number, memory: DocMemory, out: number[]): void {
  const f = s.fold[i]!;
  const sh = s.shape[i]!;
  const th = TAG_HASHES[t1]!;
  out.push(combine(combine(T.t1w, th), f), combine(combine(T.t1sh, th), sh));
  if (s.cap[i]) {
    const m = memory.get(f);
    if (m !== undefined) out.push(combine(T.dm, m), combine(combine(T.dmsh, m), sh));
  }
}

/** Records the predicted types of a tagged sentence in the document memory. */
export function rememberSentence(s: SentenceInfo, tags: ArrayLike<number>, memory: DocMemory): void {
  for (let i = 0; i < s.tokens.length; i++) if (s.cap[i]) memory.set(s.fold[i]!, TYPE_OF_TAG[tags[i]!]!);
}

/** Index of the best-scoring tag allowed after tag index `prev` (START at the sentence start). */
export function bestTag(scores: Float64Array, prev: number): number {
  let best = 0;
  let bestScore = -Infinity;
  const row = prev * START;
  for (let k = 0; k < START; k++) {
    if (!ALLOWED[row + k]) continue;
    if (scores[k]! > bestScore) {
      bestScore = scores[k]!;
      best = k;
    }
  }
  return best;
}

/** Adds the weights of `n` feature hashes from `feats` into `out`. */
export function addScores(weights: WeightLookup, feats: ArrayLike<number>, n: number, out: Float64Array): void {
  for (let j = 0; j < n; j++) weights.addFeature(feats[j]!, out);
}

/** Per-model run-time caches: summed scores of a word type's own features, and of each tag pair. */
interface Caches {
  word: Map<string, Float64Array>;
  pairs: (Float64Array | undefined)[];
}
const caches = new WeakMap<WeightLookup, Caches>();

function cachesOf(weights: WeightLookup): Caches {
  let c = caches.get(weights);
  if (!c) caches.set(weights, (c = { word: new Map(), pairs: [] }));
  return c;
}

const scratch: number[] = [];
const aggScratch: number[] = [];

/** Summed scores of a word type's own features (cached, bounded). */
function wordScores(weights: WeightLookup, cache: Map<string, Float64Array>, w: string): Float64Array {
  let v = cache.get(w);
  if (!v) {
    if (cache.size > 200_000) cache.clear();
    v = new Float64Array(START);
    scratch.length = 0;
    wordHashes(w, scratch, weights.classes?.get(foldedHash(w)) ?? 0);
    addScores(weights, scratch, scratch.length, v);
    cache.set(w, v);
  }
  return v;
}

/** Adds `b` into `a` element-wise. */
function addInto(a: Float64Array, b: Float64Array): void {
  for (let k = 0; k < a.length; k++) a[k]! += b[k]!;
}

/** Options of `tagDocument`. */
export interface TagOptions {
  /** Skip scoring tokens without capitals or digits outside a name (they get `O`): about 3× faster. */
  fast?: boolean;
}

const NAMEISH = /[\p{Lu}\p{N}]/u;

/**
 * Tags one document (a list of tokenized sentences) greedily. Reads the tokens only; returns one IOB2
 * tag per token. `_lexicons` is reserved for external lexicons (none are used by the shipped model).
 */
export function tagDocument(weights: WeightLookup, sentences: readonly (readonly string[])[], _lexicons: object = {}, opts: TagOptions = {}): string[][] {
  const doc: DocumentInfo = describeDocument(sentences);
  const memory: DocMemory = new Map();
  const scores = new Float64Array(START);
  const c = cachesOf(weights);
  const feats: number[] = [];
  const result: string[][] = [];
  const infos = sentences.map((tokens) => annotateSentence(describeSentence(tokens), weights));
  aggregateDocument(infos, doc);
  const stat = new Float64Array(START);
  /** Scores of token `i` that do not depend on the tag history, into `stat`. */
  const scoreStatic = (s: SentenceInfo, i: number) => {
    const n = s.tokens.length;
    feats.length = 0;
    staticHashes(s, i, doc, feats, true);
    // neighbour words: one table row each, cheaper to look up than to cache
    feats.push(
      combine(NEIGHBOUR_TEMPLATES[0], i > 0 ? s.fold[i - 1]! : BOS),
      combine(NEIGHBOUR_TEMPLATES[1], i + 1 < n ? s.fold[i + 1]! : EOS),
      combine(NEIGHBOUR_TEMPLATES[2], i > 1 ? s.fold[i - 2]! : BOS),
      combine(NEIGHBOUR_TEMPLATES[3], i + 2 < n ? s.fold[i + 2]! : EOS),
    );
    stat.fill(0);
    addScores(weights, feats, feats.length, stat);
    addInto(stat, wordScores(weights, c.word, s.tokens[i]!));
    // context aggregation: the same for every occurrence of the word in the document, summed once
    const agg = s.cap[i] && FEATURE_FLAGS.agg ? doc.agg?.get(s.fold[i]!) : undefined;
    if (agg) {
      if (!agg.scores) {
        agg.scores = new Float64Array(START);
        aggScratch.length = 0;
        aggHashes(agg, aggScratch);
        addScores(weights, aggScratch, aggScratch.length, agg.scores);
      }
      addInto(stat, agg.scores);
    }
  };
  /** `stat` plus the scores of the history features for previous tags `t1`, `t2`, into `scores`. */
  const scoreWithHistory = (s: SentenceInfo, i: number, t1: number, t2: number) => {
    scores.set(stat);
    feats.length = 0;
    historyHashes(s, i, t1, memory, feats);
    addScores(weights, feats, feats.length, scores);
    const pairKey = t2 * (START + 1) + t1;
    let pair = c.pairs[pairKey];
    if (!pair) {
      pair = new Float64Array(START);
      feats.length = 0;
      tagPairHashes(t1, t2, feats);
      addScores(weights, feats, feats.length, pair);
      c.pairs[pairKey] = pair;
    }
    addInto(scores, pair);
  };
  for (const s of infos) {
    const tokens = s.tokens;
    const n = tokens.length;
    const tags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const t1 = i > 0 ? tags[i - 1]! : START;
      const t2 = i > 1 ? tags[i - 2]! : START;
      // fast path: a token without capitals or digits does not start a name ("of" may continue one)
      if (opts.fast && (t1 === 0 || t1 === START) && !NAMEISH.test(tokens[i]!)) {
        tags[i] = 0;
        continue;
      }
      scoreStatic(s, i);
      scoreWithHistory(s, i, t1, t2);
      tags[i] = bestTag(scores, t1);
    }
    rememberSentence(s, tags, memory);
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = NER_TAGS[tags[i]!]!;
    result.push(out);
  }
  return result;
}
