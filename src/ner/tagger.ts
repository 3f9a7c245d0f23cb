/**
 * BIO tagging with an averaged-perceptron weight table addressed by hashed features: greedy left to
 * right, or with the second-order Viterbi search of `viterbi.ts` for models trained with it (the
 * model's `decoder`). The same features and decoders are used in training (with a mutable weight
 * store) and at run time (with a loaded model), so scores match.
 */
import { markHeads, markNames, markNamesInto, type NameLookup } from './names.ts';
import { Slabs } from './slabs.ts';
import { stackFeatures } from './stacking.ts';
import { StringTable } from './string-table.ts';
import { ViterbiSearch, type ViterbiScores } from './viterbi.ts';
import { aggHashes, aggregateDocument, BOS, combine, describeDocument, EOS, FEATURE_FLAGS, hashString, nameListHashes, neighbourHashes, NEXT, NO_SCORES, NEXT2, packedMarks, PREV, PREV2, SentencePool, shapeContextHashes, staticHashes, T, WordFacts, wordHashes, type DocumentInfo, type SentenceInfo, type WordContexts } from './features.ts';
import { TripleCache } from './triple-cache.ts';

/** The tag set, IOB2 over the four CoNLL types. Index 0 is `O`. */
export const NER_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;

/** Tag-history index of the sentence start (one past the last tag). */
export const START = NER_TAGS.length;

/** Anything that can score hashed features: adds per-tag weights into `out`. */
export interface WeightLookup {
  /** Adds the weights of the feature with hash `h` to `out` (length = tag count); unknown features add nothing. */
  addFeature(h: number, out: Float64Array): void;
  /** Optional hashed name list whose matches become features (see `names.ts`). */
  names?: NameLookup;
  /** Optional external name list (a general gazetteer, not from the training annotations), typed like `names`. */
  ext?: NameLookup;
  /** Optional geographic gazetteer: place names whose type bits are population tiers (see `bench/ner-recipe.ts`). */
  geo?: NameLookup;
  /** Optional word classes: folded-word hash → class bits (lexicon classes). */
  classes?: ReadonlyMap<number, number>;
  /** Tagging passes the model was trained for (2: two-stage, `stacking.ts`); absent: 1. */
  passes?: number;
  /** Decoder the model was trained with: 'viterbi' (`viterbi.ts`) or greedy (absent). */
  decoder?: 'greedy' | 'viterbi';
}

/** Marks a described sentence with the lookup's name lists and word classes (in place). */
export function annotateSentence(s: SentenceInfo, lists: { names?: NameLookup; ext?: NameLookup; geo?: NameLookup; classes?: ReadonlyMap<number, number> }): SentenceInfo {
  if (lists.names) {
    s.names = markNames(s, lists.names);
    if (FEATURE_FLAGS.head) s.head = markHeads(s, lists.names);
  }
  if (lists.ext) s.ext = markNames(s, lists.ext);
  if (lists.geo) s.geo = markNames(s, lists.geo);
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
  tagWordHashes(s.fold[i]!, s.shape[i]!, t1, out);
  memoryHashes(s, i, memory, out);
}

/** Hashes of the previous tag `t1` with the word (folded hash `f`) and with its shape `sh`: per word type and tag. */
export function tagWordHashes(f: number, sh: number, t1: number, out: number[]): void {
  const th = TAG_HASHES[t1]!;
  out.push(combine(combine(T.t1w, th), f), combine(combine(T.t1sh, th), sh));
}

/** Hashes of the document memory of a capitalized token: the type last predicted for its word, alone and × shape. */
export function memoryHashes(s: SentenceInfo, i: number, memory: DocMemory, out: number[]): void {
  if (!s.cap[i]) return;
  const m = memory.get(s.fold[i]!);
  if (m !== undefined) out.push(combine(T.dm, m), combine(combine(T.dmsh, m), s.shape[i]!));
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

/** Summed scores cached per word type: 7 parts of one score per tag (see `scoresOf`). */
const WORD_SCORES = 7 * START;

/** The empty score block that marks the scores of a `WordEntry` as unset. */
const NO_POOL = new Int32Array(0);

/** Word types per block of the score pool (`Caches.pool`): about 1 MB a block. */
const POOL_WORDS = 4096;

/** The empty history-score row that marks the Viterbi cache of a `WordEntry` as unset. */
const NO_HIST = new Float64Array(0);

/**
 * A word type as the tagger caches it per model: `WordFacts` with its word classes, and where its
 * summed scores are. The caches assume `FEATURE_FLAGS` stay as they were when a model was first used.
 */
class WordEntry extends WordFacts {
  /** The block of the model's score pool that holds the word type's summed scores (`Caches.pool`); `NO_POOL` until its first part is computed. */
  pool: Int32Array = NO_POOL;
  /** Offset of the word type's `WORD_SCORES` summed scores in `pool`; -1 until its first part is computed. */
  slot = -1;
  /** Bits of the parts of its scores computed so far (see `scoresOf`). */
  scoreParts = 0;
  /** The Viterbi decoder's previous-tag × word scores after each previous tag (see `histOf`); `NO_HIST` until set. */
  hist: Float64Array = NO_HIST;
  /** Bits of the rows of `hist` computed so far (bit t1: the row after previous tag t1). */
  histRows = 0;
  /** A caller's own value for this word type and the key it belongs to (see `WordType`). */
  memo: unknown = undefined;
  memoKey: unknown = undefined;
}

/**
 * A word type of a model's word cache as `tagDocumentTyped` hands it out: a slot where the caller keeps
 * a value of its own for the word (`memo`) under a key of its choosing (`memoKey`, e.g. the gazetteer
 * the value was worked out for), so that a token's text is looked up once for the tagger and the caller
 * together. The slot lives as long as the word stays in the cache.
 */
export interface WordType {
  memo: unknown;
  memoKey: unknown;
}

/** Per-model run-time caches: word types, and the summed scores of each tag pair and sentence boundary. */
interface Caches {
  words: StringTable<WordEntry>;
  /**
   * The summed scores of the word types, `WORD_SCORES` per word from its `slot`, in blocks of
   * `POOL_WORDS` words: the block being handed out (`poolUsed` entries so far; a full block is left to
   * the words that use it, and a new one begun, so that nothing is ever copied) — no typed array per
   * word to allocate and to go through.
   */
  pool: Int32Array;
  poolUsed: number;
  pairs: (Int32Array | undefined)[];
  /** All tag-pair scores as one table for the Viterbi decoder (see `pairTableOf`), once used. */
  pairTable: Float64Array | null;
  /** Scores of the sentence boundary in each neighbour role. */
  boundary: Int32Array[];
  /** Summed scores of the context features of a token's shape with its neighbours' shapes (`shapeContextHashes`), by the three shapes. */
  shapes: TripleCache;
  /** Summed scores of the name-list features (`nameListHashes`), by the three lists' marks about a token (`packedMarks`) and its capitalization. */
  lists: TripleCache;
}
const caches = new WeakMap<WeightLookup, Caches>();

/** The buffers of the word types' Viterbi rows (`histOf`, see `slabs.ts`): they live as long as the word caches. */
const wordSlabs = new Slabs();

/** Most word types cached per model (the cache is emptied, between documents, once it has grown past this). */
const MAX_WORDS = 100_000;

/** Empties the word caches of a model when they have grown past `MAX_WORDS` (between documents: no entry is in use). */
function boundWordCaches(c: Caches): void {
  if (c.words.size < MAX_WORDS) return;
  c.words.clear();
  c.pool = new Int32Array(POOL_WORDS * WORD_SCORES);
  c.poolUsed = 0;
}

/** Slots (as a power of two) of the shape-context cache and of the name-list cache (see `Caches`). */
const SHAPE_SLOTS_BITS = 13;
const LIST_SLOTS_BITS = 12;

function cachesOf(weights: WeightLookup): Caches {
  let c = caches.get(weights);
  if (!c) {
    const boundary = [PREV, NEXT, PREV2, NEXT2].map((role) => {
      const v = new Int32Array(START);
      scratch.length = 0;
      neighbourHashes(role, null, scratch);
      storeScores(weights, scratch, v, 0);
      return v;
    });
    caches.set(
      weights,
      (c = {
        // room for the word types of a few hundred documents before the first doubling
        words: new StringTable(1 << 15),
        pool: new Int32Array(POOL_WORDS * WORD_SCORES),
        poolUsed: 0,
        pairs: [],
        pairTable: null,
        boundary,
        shapes: new TripleCache(SHAPE_SLOTS_BITS, START),
        lists: new TripleCache(LIST_SLOTS_BITS, START),
      }),
    );
  }
  return c;
}

const scratch: number[] = [];
const vec = new Float64Array(START);

/** The cached entry of word type `w` (created on first sight, scores still unset). */
function entryOf(weights: WeightLookup, c: Caches, w: string): WordEntry {
  let e = c.words.get(w);
  if (!e) {
    e = new WordEntry(w);
    // as int32 (the same bits for every bit test): the field keeps one number representation
    e.cls = (weights.classes?.get(e.fold) ?? 0) | 0;
    c.words.set(w, e);
  }
  return e;
}

/**
 * Feature hashes of the run-time scoring steps: each step appends its list after the ones before (from
 * `hashesStart()`), and the array is cut back to `HASHES_BASE` entries (never read) once it is long.
 * Emptying an array (`length = 0`), or cutting it to less than about half its capacity, drops its
 * storage, so that every later push would allocate it again (garbage for every token scored); cut back
 * to `HASHES_BASE` of a capacity below `2 × HASHES_BASE`, the array keeps its storage for good.
 */
const HASHES_BASE = 3072;
/** Room for the hashes of the steps after the base (a step appends far fewer than the last 256). */
const HASHES_ROOM = 512;
const hashes: number[] = [];
for (let k = 0; k < HASHES_BASE + HASHES_ROOM; k++) hashes.push(0.5);
hashes.length = HASHES_BASE;

/** Where the next list of hashes begins in `hashes` (cutting it back first when it has grown long). */
function hashesStart(): number {
  if (hashes.length > HASHES_BASE + HASHES_ROOM - 256) hashes.length = HASHES_BASE;
  return hashes.length;
}

/** Adds the weights of the hashes from index `from` to the end of `hashes` into `out`. */
function addHashes(weights: WeightLookup, from: number, out: Float64Array): void {
  for (let j = from; j < hashes.length; j++) weights.addFeature(hashes[j]!, out);
}

/** Summed scores of the hashes from index `from` to the end of `hashes`, stored at `offset` of `into`. */
function storeHashes(weights: WeightLookup, from: number, into: Int32Array, offset: number): void {
  vec.fill(0);
  addHashes(weights, from, vec);
  for (let k = 0; k < START; k++) into[offset + k] = vec[k]!;
}

/** Summed scores of one list of feature hashes, stored at `offset` of `into`. */
function storeScores(weights: WeightLookup, feats: number[], into: Int32Array, offset: number): void {
  vec.fill(0);
  addScores(weights, feats, feats.length, vec);
  for (let k = 0; k < START; k++) into[offset + k] = vec[k]!;
}

/** Offsets in a word type's cached scores: its previous-tag features after `O` and at the sentence start. */
const AFTER_O = 5 * START;
const AFTER_START = 6 * START;

/** The offset of word type `e`'s scores in its block `e.pool`, both handed out (a new block begun when the current one is full) on first use. */
function slotOf(c: Caches, e: WordEntry): number {
  if (e.slot >= 0) return e.slot;
  if (c.poolUsed + WORD_SCORES > c.pool.length) {
    c.pool = new Int32Array(POOL_WORDS * WORD_SCORES);
    c.poolUsed = 0;
  }
  e.pool = c.pool;
  e.slot = c.poolUsed;
  c.poolUsed += WORD_SCORES;
  return e.slot;
}

/**
 * The offset in `e.pool` of the word type's summed scores, each part computed once, the first time it
 * is needed: part 0 its own features with its previous-tag features (`tagWordHashes`) after `O` and
 * after the sentence start (offsets `AFTER_O`, `AFTER_START`); part role + 1 its features as PREV,
 * NEXT, PREV2, NEXT2 neighbour (offset (role + 1) × 9). A word seen only beside the tokens scored
 * never pays for its own features. Read `e.pool` after the call: it is set on the first.
 */
function scoresOf(weights: WeightLookup, c: Caches, e: WordEntry, w: string, part: number): number {
  const bit = 1 << part;
  const at = slotOf(c, e);
  if ((e.scoreParts & bit) !== 0) return at;
  let from = hashesStart();
  if (part === 0) {
    wordHashes(w, hashes, e.cls, e);
    storeHashes(weights, from, e.pool, at);
    from = hashesStart();
    tagWordHashes(e.fold, e.shape, 0, hashes);
    storeHashes(weights, from, e.pool, at + AFTER_O);
    from = hashesStart();
    tagWordHashes(e.fold, e.shape, START, hashes);
    storeHashes(weights, from, e.pool, at + AFTER_START);
  } else {
    // the roles PREV, NEXT, PREV2, NEXT2 are 0–3
    neighbourHashes(part - 1, e, hashes);
    storeHashes(weights, from, e.pool, at + part * START);
  }
  e.scoreParts |= bit;
  return at;
}

/** Adds `b` (from `offset`) into `a` element-wise (the nine tags written out: no loop to count and test). */
function addInto(a: Float64Array, b: Int32Array, offset = 0): void {
  a[0]! += b[offset]!;
  a[1]! += b[offset + 1]!;
  a[2]! += b[offset + 2]!;
  a[3]! += b[offset + 3]!;
  a[4]! += b[offset + 4]!;
  a[5]! += b[offset + 5]!;
  a[6]! += b[offset + 6]!;
  a[7]! += b[offset + 7]!;
  a[8]! += b[offset + 8]!;
}

/**
 * The state of one `tagDocument` call that its scoring steps share (one class, so every step sees one
 * shape): the weights and their caches, the document facts and memory, and the score buffers.
 */
class TagRun {
  /** Feature hashes of the token being scored (reused). */
  readonly feats: number[] = [];
  /** Scores of the token that do not depend on the tag history. */
  readonly stat = new Float64Array(START);
  /** `stat` plus the history scores: the token's final scores. */
  readonly scores = new Float64Array(START);
  /** Types last predicted for capitalized words of the document. */
  readonly memory: DocMemory = new Map();

  constructor(
    readonly weights: WeightLookup,
    readonly c: Caches,
    readonly doc: DocumentInfo,
  ) {}
}

/**
 * An empty token list of the same array kind as a non-empty one (an empty `[]` has another hidden
 * class than a list of strings).
 */
const NO_TOKENS: string[] = [''];
NO_TOKENS.pop();

/**
 * The sentences as packed lists of strings, copied: callers build token lists in several ways (with
 * holes, e.g. from `map` over a list with holes, or empty), and each other array kind would send every
 * compiled tagger function back to the interpreter once.
 */
function tokenListsOf(sentences: readonly (readonly string[])[]): (readonly string[])[] {
  const lists: (readonly string[])[] = [];
  for (let k = 0; k < sentences.length; k++) {
    const tokens = sentences[k]!;
    if (tokens.length === 0) {
      lists.push(NO_TOKENS);
      continue;
    }
    const copy: string[] = [];
    for (let i = 0; i < tokens.length; i++) copy.push(tokens[i]!);
    lists.push(copy);
  }
  return lists;
}

/** The cached word entry of each token of each sentence. */
function entriesOf(weights: WeightLookup, c: Caches, sentences: readonly (readonly string[])[]): WordEntry[][] {
  const entries: WordEntry[][] = [];
  for (let k = 0; k < sentences.length; k++) {
    const tokens = sentences[k]!;
    const es: WordEntry[] = [];
    for (let i = 0; i < tokens.length; i++) es.push(entryOf(weights, c, tokens[i]!));
    entries.push(es);
  }
  return entries;
}

/** The tagger's sentence descriptions, reused from one document to the next (released when a document is done). */
const sentencePool = new SentencePool();

/**
 * Described and annotated sentences (as `annotateSentence` marks them, in place), with the word
 * classes of their cached entries; from `sentencePool`, valid until its next release.
 */
function sentenceInfosOf(weights: WeightLookup, sentences: readonly (readonly string[])[], entries: readonly WordEntry[][]): SentenceInfo[] {
  const infos: SentenceInfo[] = [];
  for (let k = 0; k < sentences.length; k++) {
    const es = entries[k]!;
    const s = sentencePool.describe(sentences[k]!, es);
    if (weights.names) {
      markNamesInto(s, weights.names, s.names);
      if (FEATURE_FLAGS.head) s.head.set(markHeads(s, weights.names));
    }
    if (weights.ext) markNamesInto(s, weights.ext, s.ext);
    if (weights.geo) markNamesInto(s, weights.geo, s.geo);
    for (let i = 0; i < es.length; i++) s.cls[i] = es[i]!.cls;
    infos.push(s);
  }
  return infos;
}

/** Adds the cached scores of token `j` as the neighbour in `role` into `r.stat`, or of the sentence boundary when `ok` is false. */
function addNeighbour(r: TagRun, s: SentenceInfo, es: readonly WordEntry[], j: number, ok: boolean, role: number): void {
  if (!ok) {
    addInto(r.stat, r.c.boundary[role]!);
    return;
  }
  const e = es[j]!;
  const at = scoresOf(r.weights, r.c, e, s.tokens[j]!, role + 1);
  addInto(r.stat, e.pool, at + (role + 1) * START);
}

/** The summed scores of a word type's context-aggregation features in the document, computed once. */
function aggScoresOf(weights: WeightLookup, agg: WordContexts): Int32Array {
  if (agg.scores !== NO_SCORES) return agg.scores;
  const v = new Int32Array(START);
  const from = hashesStart();
  aggHashes(agg, hashes);
  storeHashes(weights, from, v, 0);
  return (agg.scores = v);
}

/**
 * Adds the scores of token `i`'s context features (see `shapeContextHashes`, `nameListHashes`) into
 * `r.stat`: each group's summed scores cached by the few numbers it depends on.
 */
function addContext(r: TagRun, s: SentenceInfo, i: number): void {
  const c = r.c;
  const n = s.tokens.length;
  const sh = s.shape[i]!;
  const psh = i > 0 ? s.shape[i - 1]! : BOS;
  const nsh = i + 1 < n ? s.shape[i + 1]! : EOS;
  let at = c.shapes.find(psh, sh, nsh);
  if (at < 0) {
    at = c.shapes.claim(psh, sh, nsh);
    const from = hashesStart();
    shapeContextHashes(psh, sh, nsh, hashes);
    storeHashes(r.weights, from, c.shapes.rows, at);
  }
  addInto(r.stat, c.shapes.rows, at);
  // the name lists: most tokens carry no marks (no features); the capitalization code fits 7 bits
  const gz = packedMarks(s.names, i, n);
  const gx = packedMarks(s.ext, i, n);
  const gg = packedMarks(s.geo, i, n);
  if ((gz | gx | gg) === 0) return;
  const cap = s.cap[i]! + 2 * (s.allCaps ? 1 : 0);
  if (cap > 127) {
    const from = hashesStart();
    nameListHashes(s, i, hashes);
    addHashes(r.weights, from, r.stat);
    return;
  }
  const key = gz | (cap << 24);
  at = c.lists.find(key, gx, gg);
  if (at < 0) {
    at = c.lists.claim(key, gx, gg);
    const from = hashesStart();
    nameListHashes(s, i, hashes);
    storeHashes(r.weights, from, c.lists.rows, at);
  }
  addInto(r.stat, c.lists.rows, at);
}

/** Scores of token `i` that do not depend on the tag history, into `r.stat` (with its stacking features `stack`, if any). */
function scoreStatic(r: TagRun, s: SentenceInfo, es: readonly WordEntry[], i: number, stack: readonly number[] | null): void {
  const n = es.length;
  const from = hashesStart();
  staticHashes(s, i, r.doc, hashes, true, false);
  if (stack) for (let k = 0; k < stack.length; k++) hashes.push(stack[k]!);
  r.stat.fill(0);
  addHashes(r.weights, from, r.stat);
  addContext(r, s, i);
  // the word's own features and those of its four neighbours: summed once per word type
  const e = es[i]!;
  const at = scoresOf(r.weights, r.c, e, s.tokens[i]!, 0);
  addInto(r.stat, e.pool, at);
  addNeighbour(r, s, es, i - 1, i > 0, PREV);
  addNeighbour(r, s, es, i + 1, i + 1 < n, NEXT);
  addNeighbour(r, s, es, i - 2, i > 1, PREV2);
  addNeighbour(r, s, es, i + 2, i + 2 < n, NEXT2);
  // context aggregation: the same for every occurrence of the word in the document, summed once
  if (!s.cap[i] || !FEATURE_FLAGS.agg || !r.doc.agg) return;
  const agg = r.doc.agg.get(s.fold[i]!);
  if (agg) addInto(r.stat, aggScoresOf(r.weights, agg));
}

/** The summed scores of the tag-pair features for previous tags `t1`, `t2`, computed once per model. */
function pairScoresOf(weights: WeightLookup, c: Caches, t1: number, t2: number, feats: number[]): Int32Array {
  const pairKey = t2 * (START + 1) + t1;
  let pair = c.pairs[pairKey];
  if (pair) return pair;
  pair = new Int32Array(START);
  feats.length = 0;
  tagPairHashes(t1, t2, feats);
  storeScores(weights, feats, pair, 0);
  c.pairs[pairKey] = pair;
  return pair;
}

/** `r.stat` plus the scores of the history features for previous tags `t1`, `t2`, into `r.scores`. */
function scoreWithHistory(r: TagRun, s: SentenceInfo, e: WordEntry, i: number, t1: number, t2: number): void {
  const scores = r.scores;
  const feats = r.feats;
  scores.set(r.stat);
  feats.length = 0;
  // the previous tag with the word: cached per word type after O and at the sentence start
  if (t1 === 0) addInto(scores, e.pool, e.slot + AFTER_O);
  else if (t1 === START) addInto(scores, e.pool, e.slot + AFTER_START);
  else tagWordHashes(e.fold, e.shape, t1, feats);
  memoryHashes(s, i, r.memory, feats);
  addScores(r.weights, feats, feats.length, scores);
  addInto(scores, pairScoresOf(r.weights, r.c, t1, t2, feats));
}

/** Tags one described sentence greedily (with the sentence's stacking features `stack`, if any); returns its tag indices. */
function tagSentence(r: TagRun, s: SentenceInfo, es: readonly WordEntry[], fast: boolean, stack: readonly (readonly number[] | null)[] | null): Uint8Array {
  const n = es.length;
  const tags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t1 = i > 0 ? tags[i - 1]! : START;
    const t2 = i > 1 ? tags[i - 2]! : START;
    // fast path: a token without capitals or digits does not start a name ("of" may continue one)
    if (fast && (t1 === 0 || t1 === START) && !es[i]!.nameish) continue;
    scoreStatic(r, s, es, i, stack ? stack[i]! : null);
    scoreWithHistory(r, s, es[i]!, i, t1, t2);
    tags[i] = bestTag(r.scores, t1);
  }
  return tags;
}

/** Whether token `i` may be part of a name for the fast Viterbi path: it or one of the two tokens before it may start one. */
export function openToken(nameish: (i: number) => boolean, i: number): boolean {
  return nameish(i) || (i > 0 && nameish(i - 1)) || (i > 1 && nameish(i - 2));
}

/** Reusable score buffers of the Viterbi decoder. */
const vx: ViterbiScores = { n: 0, local: new Float64Array(0), prev: [], pair: new Float64Array(0), forced: new Uint8Array(0) };

/** Sizes the Viterbi buffers for `n` tokens. */
function viterbiBuffers(n: number): ViterbiScores {
  if (vx.forced.length < n) {
    const m = Math.max(n, 2 * vx.forced.length, 64);
    vx.local = new Float64Array(m * START);
    vx.forced = new Uint8Array(m);
  }
  vx.n = n;
  return vx;
}

/** The tag-pair scores of every (t1, t2) history as one table for `decodeViterbi`, computed once per model. */
function pairTableOf(weights: WeightLookup, c: Caches): Float64Array {
  if (c.pairTable) return c.pairTable;
  const table = new Float64Array((START + 1) * (START + 1) * START);
  const feats: number[] = [];
  for (let t1 = 0; t1 <= START; t1++) {
    for (let t2 = 0; t2 <= START; t2++) {
      const v = pairScoresOf(weights, c, t1, t2, feats);
      for (let t = 0; t < START; t++) table[(t1 * (START + 1) + t2) * START + t] = v[t]!;
    }
  }
  return (c.pairTable = table);
}

/**
 * The word type's previous-tag × word scores after each previous tag 0–9 (9: sentence start), cached
 * per word type and row: the rows after `O` and the sentence start are copied from part 0 of
 * `scoresOf` (which must have run for the word), a row after a name tag is computed the first time
 * `live` (the search's live previous tags, see `ViterbiSearch.liveTags`) holds that tag. Rows not yet
 * computed hold zeros and are never read.
 */
function histOf(weights: WeightLookup, c: Caches, e: WordEntry, live: number): Float64Array {
  let v = e.hist;
  if (v === NO_HIST) {
    v = e.hist = wordSlabs.float64((START + 1) * START);
    const sc = e.pool;
    const at = e.slot;
    for (let t = 0; t < START; t++) {
      v[t] = sc[at + AFTER_O + t]!;
      v[START * START + t] = sc[at + AFTER_START + t]!;
    }
    e.histRows = 1 | (1 << START);
  }
  const todo = live & ~e.histRows;
  if (todo === 0) return v;
  for (let t1 = 1; t1 < START; t1++) {
    if ((todo & (1 << t1)) === 0) continue;
    const from = hashesStart();
    tagWordHashes(e.fold, e.shape, t1, hashes);
    vec.fill(0);
    addHashes(weights, from, vec);
    v.set(vec, t1 * START);
  }
  e.histRows |= todo;
  return v;
}

/** The tagger's incremental Viterbi search (one per process: tagging is synchronous). */
const search = new ViterbiSearch();

/**
 * The fast path of the Viterbi decoder (see `tagSentenceViterbi`), in summed weight units: `value`,
 * how far the best history ending in a name tag may be behind the best history for a token that could
 * only continue a name to be scored; `beam`, how far any history may be behind to stay in the search.
 * `Infinity` for both: exact search.
 */
export const VITERBI_FAST_GAP = { value: 4000, beam: 16000 };

/**
 * Tags one described sentence with the Viterbi decoder. Tokens farther than two tokens from a capital
 * or digit are `O` whatever `fast` says: the decoder was trained so (`trainNerModels`). With `fast`, a
 * token without capitals or digits is also `O` when every history ending in a name tag is more than
 * `VITERBI_FAST_GAP.value` behind the best one (as the greedy fast path skips such a token after `O`),
 * and histories more than `VITERBI_FAST_GAP.beam` behind the best one are dropped.
 */
function tagSentenceViterbi(r: TagRun, s: SentenceInfo, es: readonly WordEntry[], fast: boolean, stack: readonly (readonly number[] | null)[] | null): Uint8Array {
  const n = es.length;
  const tags = new Uint8Array(n);
  const x = viterbiBuffers(n);
  x.pair = pairTableOf(r.weights, r.c);
  search.begin(n);
  const gap = VITERBI_FAST_GAP.value;
  for (let i = 0; i < n; i++) {
    const e = es[i]!;
    let forced = !(e.nameish || (i > 0 && es[i - 1]!.nameish) || (i > 1 && es[i - 2]!.nameish));
    if (!forced && fast && !e.nameish && search.entityGap() > gap) forced = true;
    if (!forced) {
      scoreStatic(r, s, es, i, stack ? stack[i]! : null);
      const from = hashesStart();
      memoryHashes(s, i, r.memory, hashes);
      addHashes(r.weights, from, r.stat);
      x.local.set(r.stat, i * START);
      x.prev[i] = histOf(r.weights, r.c, e, search.liveTags());
    }
    search.step(x, i, forced, fast ? VITERBI_FAST_GAP.beam : Infinity);
  }
  search.end(n, tags);
  return tags;
}

/** Options of `tagDocument`. */
export interface TagOptions {
  /** Skip scoring tokens without capitals or digits outside a name (they get `O`): about 3× faster. */
  fast?: boolean;
  /** Tagging passes: 2 adds the stacking features of a first pass (`stacking.ts`). Default: the model's `passes`, else 1. */
  passes?: number;
  /** Decoder: greedy or 'viterbi' (`viterbi.ts`). Default: the model's `decoder`, else greedy. */
  decoder?: 'greedy' | 'viterbi';
}

/** Tags every sentence of a document once (in order, with the document memory); returns tag indices. */
function tagPass(r: TagRun, infos: readonly SentenceInfo[], entries: readonly WordEntry[][], fast: boolean, stack: readonly (readonly (readonly number[] | null)[])[] | null, viterbi: boolean): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let k = 0; k < infos.length; k++) {
    const s = infos[k]!;
    const tags = viterbi ? tagSentenceViterbi(r, s, entries[k]!, fast, stack ? stack[k]! : null) : tagSentence(r, s, entries[k]!, fast, stack ? stack[k]! : null);
    rememberSentence(s, tags, r.memory);
    out.push(tags);
  }
  return out;
}

/**
 * Tags one document (a list of tokenized sentences) greedily. Reads the tokens only; returns one IOB2
 * tag per token. `_lexicons` is reserved for external lexicons (none are used by the shipped model).
 */
export function tagDocument(weights: WeightLookup, input: readonly (readonly string[])[], _lexicons: object = {}, opts: TagOptions = {}): string[][] {
  return tagDocumentTyped(weights, input, opts).tags;
}

/** `tagDocument`, with the word type of every token (`WordType`, sentence by sentence) beside the tags. */
export function tagDocumentTyped(weights: WeightLookup, input: readonly (readonly string[])[], opts: TagOptions = {}): { tags: string[][]; types: WordType[][] } {
  const c = cachesOf(weights);
  boundWordCaches(c);
  // (descriptions a call that threw left taken are free again: tagging is synchronous, one document at a time)
  sentencePool.release();
  const sentences = tokenListsOf(input);
  const entries = entriesOf(weights, c, sentences);
  const doc: DocumentInfo = describeDocument(sentences, entries);
  const infos = sentenceInfosOf(weights, sentences, entries);
  aggregateDocument(infos, doc);
  const fast = Boolean(opts.fast);
  const viterbi = (opts.decoder ?? weights.decoder) === 'viterbi';
  let all = tagPass(new TagRun(weights, c, doc), infos, entries, fast, null, viterbi);
  if ((opts.passes ?? weights.passes ?? 1) > 1) all = tagPass(new TagRun(weights, c, doc), infos, entries, fast, stackFeatures(infos, all), viterbi);
  const result: string[][] = [];
  for (let k = 0; k < infos.length; k++) {
    const tags = all[k]!;
    const n = tags.length;
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = NER_TAGS[tags[i]!]!;
    result.push(out);
  }
  sentencePool.release();
  return { tags: result, types: entries };
}
