import { readFileSync } from 'node:fs';
import { FUNCTION_WORDS } from '../../core/function-words.ts';
import type { Span } from '../../core/types.ts';
import { FeatureIndex, NestedFeatureIndex, WordIdFeatureIndex } from '../../models/features.ts';
import { sigmoid, softmaxInPlace, type LinearModel } from '../../models/linear.ts';
import { unpackLinearModel, type StoredLinearModel } from '../../models/serialize.ts';
import { tokenRange, type RhetoricDoc } from './doc.ts';
import { addEmbeddingScores, EMBEDDINGS_FILE, embeddingRows, embeddingScratch, loadWordVectors, spanEmbedding, type EmbeddingRows, type EmbeddingScratch, type WordVectors } from './embeddings.ts';
import { TOKEN_VECTOR_PREFIXES, tokenVectorScores } from './token-vectors.ts';
import { mixWithinSentences, sentenceNetLogits, sentenceNetProbabilities, shiftBySentences, tokenNetLogits, unpackTokenNet, type StoredTokenNet, type TokenNet } from './token-net.ts';
import { lexiconLookup, type LexiconLookup, type TechniqueLexicons } from './lexicon.ts';
import { addSpanBagScores } from './span-bag.ts';
import { forEachWordValue, newWordCache, type WordCache } from './word-table.ts';
import { addSpanNetScores, unpackSpanNets, type SpanNet, type StoredSpanNets } from './span-net.ts';
import { bucket, emitSentenceFeatures, emitSentenceShapeFeatures, emitSpanFeatures, emitStackFeatures, emitTokenFeatures, POSITION_TEMPLATES, QUOTE, sentenceFacts, sentenceWordValue, shapePair, splogit, tokenShape, type EmitFeature } from './features.ts';

/** How token probabilities become spans. */
export interface DecodeParams {
  /** A token is inside a span when its smoothed probability reaches this. */
  threshold: number;
  /** Runs separated by at most this many tokens are joined. */
  gap: number;
  /** Weight of the neighbours' probabilities in smoothing (0 = none). */
  smooth: number;
  /** Spans with fewer word tokens are dropped. */
  minWords: number;
  /** Trim function words (`edge-words.json`) from span edges (gain decoding: spans never start or end on one). */
  trimEdges?: boolean;
  /** Never join or extend a span across a sentence end (`.`, `!`, `?`, `;`) inside a line. */
  splitSentences?: boolean;
  /** A run is kept only if some token's smoothed probability reaches this (hysteresis; 0 = off). */
  peak?: number;
  /** Spans with more word tokens are cut into pieces of at most this many tokens (0 = no cap). */
  maxWords?: number;
  /**
   * When above 0, spans are chosen by expected gain instead of by threshold (see
   * `decodeSpansByGain`): each span costs this much against its mean probability.
   */
  spanCost?: number;
  /** Gain decoding: worth of each expected propaganda character a span covers (its recall). */
  coverGain?: number;
  /** Gain decoding: two spans of a sentence need a token with a probability below this between them (default 1: any token). */
  gapBelow?: number;
  /** Gain decoding: the longest span, in tokens (default 40). */
  maxTokens?: number;
  /** Gain decoding: chosen spans of one sentence at most this many characters apart are joined (default 0: none). */
  joinChars?: number;
  /**
   * Gain decoding: two spans of a sentence part must be more than this many characters apart
   * (default 0). Gold spans of PTC train are rarely that close (joining those within 20
   * characters costs the gold 0.6 F1 against itself), while pieces of one phrase are.
   */
  minGapChars?: number;
  /**
   * Never emit a span made only of function words (`function-words.json`) and punctuation, such as
   * a lone "on" or "the" between two real spans (gain decoding: such spans are never considered).
   */
  contentOnly?: boolean;
}

/** The shipped rhetoric model as stored in `data/models/rhetoric.json`. */
export interface StoredRhetoricModel {
  version: string;
  /** Sentence model: does a sentence hold propaganda (its probability feeds the token model). */
  sent: StoredLinearModel;
  si: StoredLinearModel;
  tc: StoredLinearModel;
  /** Optional second pass over the token probabilities (stacking). */
  stack?: StoredLinearModel;
  /** Optional token network (`token-net.ts`) whose logits are mixed with the token model's. */
  net?: StoredTokenNet;
  /** Optional sentence network (`token-net.ts`, trained sentence-level; `mix` = its weight) that moves each sentence's token probabilities (see `shiftBySentences`). */
  sentNet?: StoredTokenNet;
  /**
   * With `sentNet`: its probabilities replace the sentence model's as the sentence probability the
   * token model and the token network read (`all`, `true` in older files; `SI_SENT_FEED=1`), or the
   * token network alone (`net`; `SI_SENT_FEED=net`); see `detectRhetoric`.
   */
  sentFeed?: 'all' | 'net' | true;
  decode: DecodeParams;
  /** Per-technique marker words used by the technique model's features (see `lexicon.ts`). */
  lexicon?: TechniqueLexicons;
  /** The word-vector file (in `data/models`) the embedding features use (see `embeddings.ts`). */
  embeddings?: string;
  /** Task TC: offsets added to Repetition's log-probability per repeat category of a given span (see `classify-given.ts`). */
  tcRepeat?: Record<string, number>;
  /** Optional convolutional span networks (`span-net.ts`) whose mean logits, times their mix, are added to the technique model's. */
  tcNet?: StoredSpanNets;
  /**
   * The naive Bayes mixed into the technique model (`tc-bayes.ts`): its Laplace alpha and weight, for
   * the record only — it is already folded into `tc`'s weights and bias, so nothing reads it at run time.
   */
  tcBayes?: { alpha: number; weight: number };
}

/** A loaded linear model with its feature index and labels. */
export interface LoadedLinear {
  model: LinearModel;
  index: FeatureIndex;
  labels: string[];
  /** For the technique model: the lexicons its features were trained with. */
  lexicon?: LexiconLookup;
  /** For the technique model: the word vectors its features were trained with (loaded on first use). */
  vectors?: () => WordVectors;
  /** For the technique model, task TC: Repetition offsets per repeat category (see `classify-given.ts`). */
  repeat?: Record<string, number>;
  /** For the technique model: span networks mixed into its logits (see `addSpanNetScores`). */
  net?: { nets: SpanNet[]; mix: number };
}

/** The rhetoric model ready to use. */
export interface RhetoricModel {
  version: string;
  sent: LoadedLinear;
  si: LoadedLinear;
  tc: LoadedLinear;
  stack?: LoadedLinear;
  /** Token network and its mixing weight (see `mixWithinSentences`). */
  net?: { net: TokenNet; mix: number };
  /** Sentence network and its weight (see `shiftBySentences`). */
  sentNet?: { net: TokenNet; mix: number };
  /** The sentence network's probabilities feed both token models (`all`) or the token network alone (`net`); see `StoredRhetoricModel.sentFeed`. */
  sentFeed?: 'all' | 'net';
  decode: DecodeParams;
}

/** A detected span with its span confidence and technique ranking. */
export interface RhetoricSpan extends Span {
  confidence: number;
  techniques: Array<{ technique: string; p: number }>;
}

const MODEL_URL = new URL('../../../data/models/rhetoric.json', import.meta.url);
const EDGE_WORDS = new Set((JSON.parse(readFileSync(new URL('./edge-words.json', import.meta.url), 'utf8')) as { words: string[] }).words);

/** True when a token is a content word: it holds a letter or digit and is not a function word (`function-words.json`). */
export function isContentToken(token: { text: string; norm: string }): boolean {
  return hasWordChar(token.text) && !FUNCTION_WORDS.has(token.norm);
}
let cached: RhetoricModel | null = null;

/** Turns a stored linear model into a loaded one. */
export function loadLinear(stored: StoredLinearModel): LoadedLinear {
  const { model, features, labels } = unpackLinearModel(stored);
  return { model, index: new FeatureIndex(features), labels };
}

/**
 * Reads the shipped model once (lazily) from `data/models/rhetoric.json`, or from the file named by
 * the `ANNALIST_RHETORIC_MODEL` environment variable (a model built with `RHETORIC_OUT=…`).
 */
export function loadRhetoricModel(): RhetoricModel {
  if (!cached) {
    const stored = JSON.parse(readFileSync(process.env.ANNALIST_RHETORIC_MODEL || MODEL_URL, 'utf8')) as StoredRhetoricModel;
    const tc: LoadedLinear = { ...loadLinear(stored.tc), lexicon: stored.lexicon ? lexiconLookup(stored.lexicon) : undefined, vectors: vectorsOf(stored.embeddings), repeat: stored.tcRepeat, net: stored.tcNet ? unpackSpanNets(stored.tcNet) : undefined };
    cached = { version: stored.version, sent: loadLinear(stored.sent), si: loadLinear(stored.si), tc, stack: stored.stack ? loadLinear(stored.stack) : undefined, net: stored.net ? unpackTokenNet(stored.net) : undefined, sentNet: stored.sentNet ? unpackTokenNet(stored.sentNet) : undefined, ...(stored.sentFeed && stored.sentNet ? { sentFeed: stored.sentFeed === 'net' ? 'net' : 'all' } : {}), decode: stored.decode };
  }
  return cached;
}

/** The lazy loader of the word vectors a stored model names (only `embeddings-100d.bin` is known). */
function vectorsOf(name: string | undefined): (() => WordVectors) | undefined {
  if (!name) return undefined;
  if (name !== EMBEDDINGS_FILE) throw new Error(`rhetoric model wants unknown word vectors ${name}`);
  return loadWordVectors;
}

const embeddingRowsCache = new WeakMap<LoadedLinear, EmbeddingRows>();
function embeddingRowsOf(m: LoadedLinear, dims: number): EmbeddingRows {
  let r = embeddingRowsCache.get(m);
  if (!r) {
    const nested = nestedIndex(m);
    embeddingRowsCache.set(m, (r = embeddingRows(dims, (prefix, a) => nested.get(prefix, a))));
  }
  return r;
}

const nestedCache = new WeakMap<LoadedLinear, NestedFeatureIndex>();
function nestedIndex(m: LoadedLinear): NestedFeatureIndex {
  let n = nestedCache.get(m);
  if (!n) nestedCache.set(m, (n = new NestedFeatureIndex(m.index)));
  return n;
}

const wordIdCache = new WeakMap<LoadedLinear, WordIdFeatureIndex>();
function wordIdIndex(m: LoadedLinear): WordIdFeatureIndex {
  let n = wordIdCache.get(m);
  if (!n) wordIdCache.set(m, (n = new WordIdFeatureIndex(m.index)));
  return n;
}

/**
 * A model's word-pair features `(prefix, a, b)` by the word ids of `WordIdFeatureIndex`, in an
 * open-addressing hash table: the same rows as its `pairLookup` (feature names are unique, so each
 * pair has one row), found in about one probe instead of a binary search over the first word's pairs.
 */
export interface PairTable {
  mask: number;
  first: Int32Array;
  second: Int32Array;
  /** The feature row of each slot, -1 for an empty slot. */
  row: Int32Array;
}
const pairTables = new WeakMap<LoadedLinear, Map<string, PairTable>>();
/** The pair table of a model's `(prefix, a, b)` features (built once per model and prefix). */
export function pairTable(m: LoadedLinear, prefix: string): PairTable {
  let byPrefix = pairTables.get(m);
  if (!byPrefix) pairTables.set(m, (byPrefix = new Map()));
  let t = byPrefix.get(prefix);
  if (t) return t;
  const ix = wordIdIndex(m);
  const entries: number[] = [];
  m.index.names.forEach((name, row) => {
    const parts = name.split('\t');
    if (parts.length < 3 || parts[0] !== prefix) return;
    entries.push(ix.wordId(parts[1]!), ix.wordId(parts.slice(2).join('\t')), row);
  });
  let size = 16;
  while (size < entries.length) size *= 2; // at most 1/3 full (3 numbers per pair)
  t = { mask: size - 1, first: new Int32Array(size), second: new Int32Array(size), row: new Int32Array(size).fill(-1) };
  for (let e = 0; e < entries.length; e += 3) {
    let h = pairHash(entries[e]!, entries[e + 1]!) & t.mask;
    while (t.row[h]! >= 0) h = (h + 1) & t.mask;
    t.first[h] = entries[e]!;
    t.second[h] = entries[e + 1]!;
    t.row[h] = entries[e + 2]!;
  }
  byPrefix.set(prefix, t);
  return t;
}
function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 7;
}
/** The row of the feature (`a`, `b`) in a pair table (word ids; -1 when absent or when an id is -1). */
export function pairRowOf(t: PairTable, a: number, b: number): number {
  if (a < 0 || b < 0) return -1;
  let h = pairHash(a, b) & t.mask;
  for (;;) {
    const r = t.row[h]!;
    if (r < 0) return -1;
    if (t.first[h] === a && t.second[h] === b) return r;
    h = (h + 1) & t.mask;
  }
}

/** The model's word ids of the document's token norms (-1 for words no feature uses). */
function tokenWordIds(doc: RhetoricDoc, index: WordIdFeatureIndex): Int32Array {
  const out = new Int32Array(doc.tokens.length);
  let cache = wordIdWordCache.get(index);
  if (!cache) wordIdWordCache.set(index, (cache = newWordCache<number>()));
  // One lookup per distinct norm of the process (the document lists each norm's positions).
  forEachWordValue(doc, cache, (norm) => index.wordId(norm), (id, at) => {
    for (let j = 0; j < at.length; j++) out[at[j]!] = id;
  });
  return out;
}
const wordIdWordCache = new WeakMap<WordIdFeatureIndex, WordCache<number>>();

/**
 * Class probabilities of a linear model for features given by an emitter, looked up through the
 * nested index (no feature-name strings built).
 */
export function predictEmitted(m: LoadedLinear, run: (emit: EmitFeature) => void, addScores?: (z: Float64Array) => void): Float64Array {
  const k = m.model.classes;
  const z = new Float64Array(k);
  for (let c = 0; c < k; c++) z[c] = m.model.bias[c]!;
  const nested = nestedIndex(m);
  const w = m.model.weights;
  run((value, prefix, a, b) => {
    const f = nested.get(prefix, a, b);
    if (f < 0) return;
    for (let c = 0; c < k; c++) z[c] += w[f * k + c]! * value;
  });
  addScores?.(z);
  if (k === 1) {
    z[0] = sigmoid(z[0]!);
    return z;
  }
  return softmaxInPlace(z);
}

/**
 * Probability that each sentence of the document holds a propaganda span, through the generic
 * feature lookup. `sentenceProbabilities` computes the same faster.
 */
export function sentenceProbabilitiesGeneric(doc: RhetoricDoc, sent: LoadedLinear): Float64Array {
  const out = new Float64Array(doc.sentences.length);
  for (let s = 0; s < out.length; s++) out[s] = predictEmitted(sent, (emit) => emitSentenceFeatures(doc, s, emit))[0]!;
  return out;
}

/**
 * Probability that each sentence of the document holds a propaganda span. The word and bigram
 * features are found through word ids (the sums run in the order of `emitSentenceFeatures`, so the
 * result equals `sentenceProbabilitiesGeneric` exactly).
 */
export function sentenceProbabilities(doc: RhetoricDoc, sent: LoadedLinear): Float64Array {
  if (sent.model.classes !== 1) return sentenceProbabilitiesGeneric(doc, sent);
  const out = new Float64Array(doc.sentences.length);
  const ix = wordIdIndex(sent);
  const nested = nestedIndex(sent);
  const ids = tokenWordIds(doc, ix);
  const wordRow = ix.unaryLookup('w');
  const bigrams = pairTable(sent, 'b');
  const biasRow = nested.get('bias');
  const w = sent.model.weights;
  let z = 0;
  const addNamed = (value: number, prefix: string, a?: string, b?: string) => {
    const f = nested.get(prefix, a, b);
    if (f >= 0) z += w[f]! * value;
  };
  for (let s = 0; s < out.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    z = sent.model.bias[0]!;
    if (biasRow >= 0) z += w[biasRow]! * 1;
    const v = sentenceWordValue(doc, s);
    for (let i = a; i < b; i++) {
      let f = wordRow(ids[i]!);
      if (f >= 0) z += w[f]! * v;
      if (i + 1 < b) {
        f = pairRowOf(bigrams, ids[i]!, ids[i + 1]!);
        if (f >= 0) z += w[f]! * v;
      }
    }
    emitSentenceShapeFeatures(doc, s, addNamed);
    out[s] = sigmoid(z);
  }
  return out;
}

/**
 * Probability that each token of the document lies inside a propaganda span, given the
 * sentence probabilities (see `sentenceProbabilities`). The features of `emitTokenFeatures` other
 * than words are added by `addTokenShapeScores` (equal sums in the same order), or with
 * `viaEmitter` (and for models with word-list features) through the emitter itself.
 */
export function tokenProbabilities(doc: RhetoricDoc, si: LoadedLinear, sentenceProbs: Float64Array, viaEmitter = false): Float64Array {
  const out = new Float64Array(doc.tokens.length).fill(si.model.bias[0]!);
  const w = si.model.weights;
  const nested = nestedIndex(si);
  // The word bigrams (the first features of each token) through word ids.
  const ix = wordIdIndex(si);
  const ids = tokenWordIds(doc, ix);
  const before = pairTable(si, 'b-');
  const after = pairTable(si, 'b+');
  const start = ix.wordId('<s>');
  const end = ix.wordId('</s>');
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    for (let i = a; i < b; i++) {
      let f = pairRowOf(before, i - 1 >= a ? ids[i - 1]! : start, ids[i]!);
      if (f >= 0) out[i] += w[f]! * 1;
      f = pairRowOf(after, ids[i]!, i + 1 < b ? ids[i + 1]! : end);
      if (f >= 0) out[i] += w[f]! * 1;
    }
  }
  const perSentence = new Float64Array(doc.sentences.length);
  if (viaEmitter || hasTokenLexicon(si)) {
    emitTokenFeatures(doc, (i, value, prefix, a, b) => {
      const f = nested.get(prefix, a, b);
      if (f < 0) return;
      if (i >= 0) out[i] += w[f]! * value;
      else perSentence[-1 - i] += w[f]! * value;
    }, sentenceProbs, false, false, hasTokenLexicon(si));
  } else addTokenShapeScores(doc, si, sentenceProbs, out, perSentence);
  for (let i = 0; i < out.length; i++) out[i] += perSentence[doc.tokenSentence[i]!]!;
  // Word-at-offset features: weights looked up once per distinct word.
  const T = POSITION_TEMPLATES.length;
  const weightsOf = (word: string): Float64Array => {
    const v = new Float64Array(T);
    for (let k = 0; k < T; k++) {
      const f = nested.get(POSITION_TEMPLATES[k]![0], word);
      if (f >= 0) v[k] = w[f]!;
    }
    // The word's own suffix feature rides on its offset-0 slot.
    if (word.length > 4) {
      const f = nested.get('suf', word.slice(-3));
      if (f >= 0) v[0]! += w[f]!;
    }
    return v;
  };
  // Each token's weight vector, found once per distinct norm of the process.
  const rowOf: Float64Array[] = new Array<Float64Array>(doc.tokens.length);
  let byId = positionWeightWords.get(si);
  if (!byId) positionWeightWords.set(si, (byId = newWordCache()));
  forEachWordValue(doc, byId, weightsOf, (v, at) => {
    for (let j = 0; j < at.length; j++) rowOf[at[j]!] = v;
  });
  const startRow = weightsOf('<s>');
  const endRow = weightsOf('</s>');
  const offsets = POSITION_TEMPLATES.map((t) => t[1]);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    for (let i = a; i < b; i++) {
      let z = out[i]!;
      for (let k = 0; k < T; k++) {
        const j = i + offsets[k]!;
        z += (j < a ? startRow : j >= b ? endRow : rowOf[j]!)[k]!;
      }
      out[i] = z;
    }
  }
  addTokenVectorScores(doc, si, out);
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]!);
  return out;
}

/** Token shapes (`tokenShape`) by small process-wide ids, so that the shape features are found by array index. */
const shapeIds = new Map<string, number>();
const shapeNames: string[] = [];
function shapeId(shape: string): number {
  let id = shapeIds.get(shape);
  if (id === undefined) {
    shapeIds.set(shape, (id = shapeNames.length));
    shapeNames.push(shape);
  }
  return id;
}
/** Shape ids above this are looked up by name (`tokenShape` has about ten shapes). */
const MAX_SHAPES = 32;
const POS_NAMES = ['first', 'last', 'early', 'mid', 'late'] as const;
/** `bucket` edges of the `rep` token feature (see `emitTokenFeatures`). */
const REP_EDGES = [1, 2, 4];

/** A token model's rows of the per-token features of `emitTokenFeatures` (-2: not looked up yet). */
interface ShapeRows {
  sh: Int32Array;
  /** `sh3` by (left shape or `<s>` = MAX_SHAPES) × shape × (right shape or none = MAX_SHAPES). */
  sh3: Int32Array;
  rep: Int32Array;
  inq: number;
  pos: Int32Array;
}
const shapeRowsCache = new WeakMap<LoadedLinear, ShapeRows>();
function shapeRowsOf(si: LoadedLinear): ShapeRows {
  let r = shapeRowsCache.get(si);
  if (!r) {
    const nested = nestedIndex(si);
    const S = MAX_SHAPES + 1;
    r = {
      sh: new Int32Array(S).fill(-2),
      sh3: new Int32Array(S * S * S).fill(-2),
      rep: Int32Array.from([1, 2, 4, 5], (n) => nested.get('rep', bucket(n, REP_EDGES))),
      inq: nested.get('inq'),
      pos: Int32Array.from(POS_NAMES, (name) => nested.get('pos', name)),
    };
    shapeRowsCache.set(si, r);
  }
  return r;
}

/**
 * Adds the features of `emitTokenFeatures` (inference form: no word-at-offset, suffix or bigram
 * features, sentence-wide ones once per sentence into `perSentence`) to the token logits `out`,
 * without its word lists: the same features, values and order of additions, with the per-token
 * ones (`sh`, `sh3`, `rep`, `inq`, `pos`) found through shape ids and small tables instead of one
 * name lookup each. `model-fast.test.ts` pins the result to the emitter's exactly.
 */
function addTokenShapeScores(doc: RhetoricDoc, si: LoadedLinear, sentenceProbs: Float64Array, out: Float64Array, perSentence: Float64Array): void {
  const toks = doc.tokens;
  const n = toks.length;
  const w = si.model.weights;
  const nested = nestedIndex(si);
  const R = shapeRowsOf(si);
  const S = MAX_SHAPES + 1;
  const shapes = new Int32Array(n);
  for (let i = 0; i < n; i++) shapes[i] = shapeId(tokenShape(toks[i]!.text));
  const addSentence = (s: number, value: number, prefix: string) => {
    const f = nested.get(prefix);
    if (f >= 0) perSentence[s] += w[f]! * value;
  };
  let factsOf = -1;
  let inQuote = false;
  for (let i = 0; i < n; i++) {
    const s = doc.tokenSentence[i]!;
    if (s !== factsOf) {
      const facts = sentenceFacts(doc, s);
      factsOf = s;
      inQuote = false;
      addSentence(s, 1, 'bias');
      addSentence(s, 1, `slen=${facts.length}`);
      if (facts.bang) addSentence(s, 1, 's!');
      if (facts.question) addSentence(s, 1, 's?');
      if (facts.quote) addSentence(s, 1, 'sq');
      if (s === 0) addSentence(s, 1, 'title');
      addSentence(s, 1, `sp=${Math.min(9, Math.floor(sentenceProbs[s]! * 10))}`);
      addSentence(s, splogit(sentenceProbs[s]!), 'splogit');
    }
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    const w0 = toks[i]!.norm;
    const sh = shapes[i]!;
    const shName = shapeNames[sh]!;
    const left = i > a ? shapes[i - 1]! : MAX_SHAPES;
    const right = i + 1 < b ? shapes[i + 1]! : MAX_SHAPES;
    let f: number;
    // (`MAX_SHAPES` stands for the sentence edge, so a real shape id must lie below it.)
    if (sh < MAX_SHAPES && (i <= a || left < MAX_SHAPES) && (i + 1 >= b || right < MAX_SHAPES)) {
      f = R.sh[sh]!;
      if (f === -2) R.sh[sh] = f = nested.get('sh', shName);
      if (f >= 0) out[i] += w[f]! * 1;
      const k = (left * S + sh) * S + right;
      f = R.sh3[k]!;
      if (f === -2) R.sh3[k] = f = nested.get('sh3', i > a ? shapeNames[left]! : '<s>', i + 1 < b ? shapePair(shName, shapeNames[right]!) : shName);
      if (f >= 0) out[i] += w[f]! * 1;
    } else {
      f = nested.get('sh', shName);
      if (f >= 0) out[i] += w[f]! * 1;
      f = nested.get('sh3', i > a ? shapeNames[left]! : '<s>', i + 1 < b ? shapePair(shName, shapeNames[right]!) : shName);
      if (f >= 0) out[i] += w[f]! * 1;
    }
    if (w0.length >= 4 && shName !== 'd' && shName !== 'p') {
      const c = doc.normCounts.get(w0) ?? 1;
      f = R.rep[c <= 1 ? 0 : c <= 2 ? 1 : c <= 4 ? 2 : 3]!;
      if (f >= 0) out[i] += w[f]! * 1;
    }
    if (QUOTE.has(w0)) inQuote = !inQuote;
    else if (inQuote && R.inq >= 0) out[i] += w[R.inq]! * 1;
    const pos = (i - a) / Math.max(1, b - a);
    f = R.pos[i === a ? 0 : i === b - 1 ? 1 : pos < 0.33 ? 2 : pos < 0.66 ? 3 : 4]!;
    if (f >= 0) out[i] += w[f]! * 1;
  }
}

/** Per token model: whether it has word-list features (`emitTokenLexiconFeatures`: `lv`, `lv3`, `lvn`, `lvs`, `lh`, `lw`); older models have none. */
const tokenLexiconCache = new WeakMap<LoadedLinear, boolean>();
function hasTokenLexicon(si: LoadedLinear): boolean {
  let h = tokenLexiconCache.get(si);
  if (h === undefined) tokenLexiconCache.set(si, (h = si.index.names.some((n) => /^(lv|lv3|lvn|lvs|lh|lw)(\t|$)/.test(n))));
  return h;
}

/** Per token model: each word's word-at-offset weights (see `tokenProbabilities`), reused across documents (bounded by the word table). */
const positionWeightWords = new WeakMap<LoadedLinear, WordCache<Float64Array>>();

/** The token model's word-vector weights, one row per prefix of `TOKEN_VECTOR_PREFIXES`, or null when it has none. */
const tokenVectorWeightsCache = new WeakMap<LoadedLinear, Float64Array[] | null>();
function tokenVectorWeights(si: LoadedLinear, dims: number): Float64Array[] | null {
  let r = tokenVectorWeightsCache.get(si);
  if (r === undefined) {
    const nested = nestedIndex(si);
    let found = false;
    r = TOKEN_VECTOR_PREFIXES.map((prefix) =>
      Float64Array.from({ length: dims }, (_, k) => {
        const f = nested.get(prefix, String(k));
        if (f < 0) return 0;
        found = true;
        return si.model.weights[f]!;
      }),
    );
    if (!found) r = null;
    tokenVectorWeightsCache.set(si, r);
  }
  return r;
}

/** Per token model: each word's word-vector scores, reused across documents (bounded by the word table). */
const wordScoreCache = new WeakMap<LoadedLinear, WordCache<[number, number, number] | null>>();

/** Adds the token model's word-vector feature scores (`token-vectors.ts`) to the logits `z`, when it has such features. */
function addTokenVectorScores(doc: RhetoricDoc, si: LoadedLinear, z: Float64Array): void {
  if (!hasTokenVectors(si)) return;
  const vectors = loadWordVectors();
  const [own, context, sentence] = tokenVectorWeights(si, vectors.dims)!;
  let byWord = wordScoreCache.get(si);
  if (!byWord) wordScoreCache.set(si, (byWord = newWordCache()));
  const scores = tokenVectorScores(doc, vectors, own!, context!, sentence!, byWord);
  for (let i = 0; i < z.length; i++) z[i]! += scores[i]!;
}

/** True when the token model has word-vector features (then the word vectors are loaded on first use). */
const hasVectorsCache = new WeakMap<LoadedLinear, boolean>();
function hasTokenVectors(si: LoadedLinear): boolean {
  let h = hasVectorsCache.get(si);
  if (h === undefined) {
    const nested = nestedIndex(si);
    h = TOKEN_VECTOR_PREFIXES.some((prefix) => Array.from({ length: 1024 }, (_, k) => nested.get(prefix, String(k))).some((f) => f >= 0));
    hasVectorsCache.set(si, h);
  }
  return h;
}

/**
 * Second-pass token probabilities from the first pass's (see `emitStackFeatures`), through the
 * generic feature lookup. `stackProbabilities` computes the same faster.
 */
export function stackProbabilitiesGeneric(doc: RhetoricDoc, first: Float64Array, sentenceProbs: Float64Array, stack: LoadedLinear): Float64Array {
  const out = new Float64Array(first.length).fill(stack.model.bias[0]!);
  const w = stack.model.weights;
  const nested = nestedIndex(stack);
  emitStackFeatures(doc, first, sentenceProbs, (i, value, prefix, a, b) => {
    const f = nested.get(prefix, a, b);
    if (f >= 0) out[i] += w[f]! * value;
  });
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(out[i]!);
  return out;
}

/** The stack model's weights as tables over deciles (0–9), `<s>` (10) and `</s>` (11). */
interface StackTables {
  bias: number;
  lg: number;
  t: Record<'p0' | 'p-1' | 'p+1' | 'p-2' | 'p+2' | 'wmax' | 'wmean' | 'smax' | 'sp', Float64Array>;
  cross: Float64Array;
}
const stackCache = new WeakMap<LoadedLinear, StackTables>();
const STACK_KEYS = ['p0', 'p-1', 'p+1', 'p-2', 'p+2', 'wmax', 'wmean', 'smax', 'sp'] as const;

function stackTables(stack: LoadedLinear): StackTables {
  let t = stackCache.get(stack);
  if (t) return t;
  const nested = nestedIndex(stack);
  const w = stack.model.weights;
  const at = (prefix: string, a?: string, b?: string) => {
    const f = nested.get(prefix, a, b);
    return f >= 0 ? w[f]! : 0;
  };
  const names = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '<s>', '</s>'];
  const tables = {} as StackTables['t'];
  for (const k of STACK_KEYS) tables[k] = Float64Array.from(names, (n) => at(k, n));
  const cross = new Float64Array(100);
  for (let x = 0; x < 10; x++) for (let y = 0; y < 10; y++) cross[x * 10 + y] = at('p0|smax', names[x], names[y]);
  t = { bias: stack.model.bias[0]! + at('bias'), lg: at('lg'), t: tables, cross };
  stackCache.set(stack, t);
  return t;
}

/** Second-pass token probabilities from the first pass's (see `emitStackFeatures`). */
export function stackProbabilities(doc: RhetoricDoc, first: Float64Array, sentenceProbs: Float64Array, stack: LoadedLinear): Float64Array {
  const T = stackTables(stack);
  const d = (p: number) => Math.min(9, Math.max(0, Math.floor(p * 10)));
  const out = new Float64Array(first.length);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    let smax = 0;
    for (let i = a; i < b; i++) smax = Math.max(smax, first[i]!);
    const sm = d(smax);
    const base = T.bias + T.t.sp[d(sentenceProbs[s]!)]! + T.t.smax[sm]!;
    for (let i = a; i < b; i++) {
      const p = first[i]!;
      let z = base + T.lg * Math.log(Math.max(1e-4, p) / Math.max(1e-4, 1 - p)) + T.t.p0[d(p)]! + T.cross[d(p) * 10 + sm]!;
      z += T.t['p-1'][i - 1 >= a ? d(first[i - 1]!) : 10]!;
      z += T.t['p+1'][i + 1 < b ? d(first[i + 1]!) : 11]!;
      z += T.t['p-2'][i - 2 >= a ? d(first[i - 2]!) : 10]!;
      z += T.t['p+2'][i + 2 < b ? d(first[i + 2]!) : 11]!;
      let wmax = 0;
      let wsum = 0;
      let n = 0;
      for (let j = Math.max(a, i - 3); j < Math.min(b, i + 4); j++) {
        wmax = Math.max(wmax, first[j]!);
        wsum += first[j]!;
        n++;
      }
      z += T.t.wmax[d(wmax)]! + T.t.wmean[d(wsum / n)]!;
      out[i] = sigmoid(z);
    }
  }
  return out;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * `WORDLIKE.test(text)` with an ASCII fast path: an ASCII letter or digit first decides yes, a
 * one-character ASCII token (punctuation) no; anything else goes to the regular expression.
 */
export function hasWordChar(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 128) {
    const l = c | 32;
    if ((l >= 97 && l <= 122) || (c >= 48 && c <= 57)) return true;
    if (text.length === 1) return false;
  }
  return WORDLIKE.test(text);
}
const EDGE_PUNCT = /^[^\p{L}\p{N}"]/u;

/**
 * True when token `i` (inside the sentence's token range `[a, b)`) ends a sentence inside a line:
 * `!`, `?`, `;`, or a `.` not after a one-letter token (initials, "U.S.") and not followed by a
 * lower-case word.
 */
export function endsSentence(doc: RhetoricDoc, i: number, a: number, b: number): boolean {
  const t = doc.tokens[i]!.text;
  if (t === '!' || t === '?' || t === ';') return true;
  if (t !== '.') return false;
  if (i > a && doc.tokens[i - 1]!.text.length === 1) return false;
  const next = i + 1 < b ? doc.tokens[i + 1]!.text : '';
  return !/^\p{Ll}/u.test(next);
}

/**
 * Turns token probabilities into spans: smooth, threshold, join close runs within a sentence
 * (never across a sentence end when `splitSentences`), keep runs whose peak reaches `peak`, trim
 * punctuation (and with `trimEdges` function words) at the edges, cut spans longer than `maxWords`.
 * Confidence is the mean probability of the span's tokens.
 */
export function decodeSpans(doc: RhetoricDoc, probs: Float64Array, params: DecodeParams): Array<Span & { confidence: number }> {
  if ((params.spanCost ?? 0) > 0) return decodeSpansByGain(doc, probs, params);
  const out: Array<Span & { confidence: number }> = [];
  const toks = doc.tokens;
  const isEdge = (t: number) => EDGE_PUNCT.test(toks[t]!.text) || (params.trimEdges === true && EDGE_WORDS.has(toks[t]!.norm));
  const emitSpan = (s0: number, e0: number) => {
    let s = s0;
    let e = e0;
    while (s < e && isEdge(s)) s++;
    while (e > s && isEdge(e - 1)) e--;
    let words = 0;
    let content = params.contentOnly !== true;
    let sum = 0;
    for (let t = s; t < e; t++) {
      if (hasWordChar(toks[t]!.text)) words++;
      if (!content && isContentToken(toks[t]!)) content = true;
      sum += probs[t]!;
    }
    if (e > s && words >= params.minWords && content) out.push({ start: toks[s]!.start, end: toks[e - 1]!.end, confidence: sum / (e - s) });
  };
  for (let si = 0; si < doc.sentences.length; si++) {
    const a = doc.sentenceTokenStart[si]!;
    const b = doc.sentenceTokenStart[si + 1]!;
    const n = b - a;
    const sm = new Float64Array(n);
    const on: boolean[] = [];
    const stop: boolean[] = [];
    for (let i = a; i < b; i++) {
      const l = i > a ? probs[i - 1]! : probs[i]!;
      const r = i + 1 < b ? probs[i + 1]! : probs[i]!;
      const p = (1 - params.smooth) * probs[i]! + (params.smooth / 2) * (l + r);
      sm[i - a] = p;
      stop.push(params.splitSentences === true && endsSentence(doc, i, a, b));
      on.push(p >= params.threshold && !stop[i - a]);
    }
    let i = 0;
    while (i < n) {
      if (!on[i]) {
        i++;
        continue;
      }
      let j = i + 1;
      for (;;) {
        while (j < n && on[j]) j++;
        let k = j;
        while (k < n && !on[k] && !stop[k] && k - j < params.gap) k++;
        if (k < n && on[k] && k > j) j = k;
        else break;
      }
      let peak = 0;
      for (let t = i; t < j; t++) peak = Math.max(peak, sm[t]!);
      if (peak >= (params.peak ?? 0)) {
        const cap = params.maxWords ?? 0;
        if (cap > 0 && j - i > cap) {
          // Cut into near-equal pieces of at most `cap` tokens.
          const pieces = Math.ceil((j - i) / cap);
          const size = Math.ceil((j - i) / pieces);
          for (let s = i; s < j; s += size) emitSpan(a + s, a + Math.min(j, s + size));
        } else emitSpan(a + i, a + j);
      }
      i = j;
    }
  }
  return out;
}

/**
 * Turns token probabilities into spans by maximising, per sentence part (split at sentence ends
 * inside a line), the summed gain of non-overlapping spans that start and end on words and leave
 * at least one token between them. The gain of a span is its expected precision under the task's
 * scorer (mean smoothed probability of its characters) minus `spanCost`, plus `coverGain` × its
 * expected propaganda characters (its share of recall): a linearisation of span-level F1, which
 * averages precision over found spans but recall over gold ones. With `gapBelow` < 1, two spans of
 * a sentence part need a token of lower probability between them, and with `minGapChars` more than that many
 * characters (see `bestSpans`); with `contentOnly` a span must hold a content word (`isContentToken`). Found spans at most `joinChars`
 * characters apart are then joined. Exact dynamic programme, O(tokens × `maxTokens`).
 * Confidence is the mean probability of the span's tokens.
 */
export function decodeSpansByGain(doc: RhetoricDoc, probs: Float64Array, params: DecodeParams): Array<Span & { confidence: number }> {
  const toks = doc.tokens;
  const cost = params.spanCost ?? 0;
  const gain = params.coverGain ?? 0;
  const maxLen = params.maxTokens ?? 40;
  const joinChars = params.joinChars ?? 0;
  const ranges: Array<[number, number]> = [];
  const sm = new Float64Array(toks.length);
  // Tokens a span may start or end on: words, and with `trimEdges` no function word.
  // (Plain loops: typed-array `from` with a mapping function is several times slower.)
  const n = toks.length;
  const isWord = new Uint8Array(n);
  // With `contentOnly`, a span must hold a content word (null: any span may).
  const content = params.contentOnly === true ? new Uint8Array(n) : null;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const trim = params.trimEdges === true;
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    const word = hasWordChar(t.text);
    isWord[i] = word && !(trim && EDGE_WORDS.has(t.norm)) ? 1 : 0;
    if (content) content[i] = word && !FUNCTION_WORDS.has(t.norm) ? 1 : 0;
    starts[i] = t.start;
    ends[i] = t.end;
  }
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    for (let i = a; i < b; i++) {
      const l = i > a ? probs[i - 1]! : probs[i]!;
      const r = i + 1 < b ? probs[i + 1]! : probs[i]!;
      sm[i] = (1 - params.smooth) * probs[i]! + (params.smooth / 2) * (l + r);
    }
    let from = a;
    for (let e = a; e <= b; e++) {
      if (e < b && !endsSentence(doc, e, a, b)) continue;
      const found: Array<[number, number]> = [];
      bestSpans(starts, ends, isWord, content, sm, from, e, cost, gain, maxLen, params.gapBelow ?? 1, params.minGapChars ?? 0, found);
      for (let k = found.length - 1; k >= 0; k--) {
        const [x, y] = found[k]!;
        const last = ranges[ranges.length - 1];
        if (last && doc.tokenSentence[last[1] - 1] === s && toks[x]!.start - toks[last[1] - 1]!.end <= joinChars) last[1] = y;
        else ranges.push([x, y]);
      }
      from = e + 1;
    }
  }
  return ranges.map(([x, y]) => {
    let sum = 0;
    for (let t = x; t < y; t++) sum += probs[t]!;
    return { start: toks[x]!.start, end: toks[y - 1]!.end, confidence: sum / (y - x) };
  });
}

/** Reused work arrays of `bestSpans` (grown as needed; the decoding is synchronous). */
interface BestSpanScratch {
  /** Best value of the tokens before j when a span may start at j (1-based local index). */
  free: Float64Array;
  /** The span end behind `free[j]` (0: no span before). */
  freeArg: Int32Array;
  /** Best value with a span ending at j. */
  end: Float64Array;
  endStart: Int32Array;
  /** First local index after j holding a token below `gapBelow` (n + 1: none). */
  nextLow: Int32Array;
  /** Span ends that become usable as predecessors at j: list heads and links. */
  head: Int32Array;
  link: Int32Array;
}
let scratch: BestSpanScratch | null = null;
function scratchFor(size: number): BestSpanScratch {
  if (!scratch || scratch.free.length < size + 2) {
    const m = Math.max(size + 2, 256);
    scratch = { free: new Float64Array(m), freeArg: new Int32Array(m), end: new Float64Array(m), endStart: new Int32Array(m), nextLow: new Int32Array(m), head: new Int32Array(m), link: new Int32Array(m) };
  }
  return scratch;
}

/**
 * The best spans (token ranges, last first) of the tokens `[from, to)` for `decodeSpansByGain`.
 * Two spans must be separated by at least one token whose probability is below `gapBelow`, and by
 * more than `minGapChars` characters, so a probable phrase is never cut into pieces (which the
 * scorer's per-span precision would reward). A span ending at token e may precede a span starting
 * at k once both hold; that moment only moves forward with k, so each end is filed under the
 * first start it allows and the best predecessor value is a running maximum.
 */
function bestSpans(starts: Int32Array, ends: Int32Array, isWord: Uint8Array, content: Uint8Array | null, p: Float64Array, from: number, to: number, cost: number, gain: number, maxLen: number, gapBelow: number, minGapChars: number, out: Array<[number, number]>): void {
  const n = to - from;
  if (n <= 0) return;
  const { free, freeArg, end, endStart, nextLow, head, link } = scratchFor(n);
  nextLow[n] = n + 1;
  for (let j = n - 1; j >= 0; j--) nextLow[j] = p[from + j]! < gapBelow ? j + 1 : nextLow[j + 1]!;
  for (let j = 0; j <= n + 1; j++) head[j] = 0;
  free[0] = 0;
  freeArg[0] = 0;
  let best = 0;
  let bestEnd = 0;
  for (let j = 1; j <= n; j++) {
    // The best predecessor of a span starting at j.
    free[j] = free[j - 1]!;
    freeArg[j] = freeArg[j - 1]!;
    for (let e = head[j]!; e > 0; e = link[e]!) {
      if (end[e]! > free[j]!) {
        free[j] = end[e]!;
        freeArg[j] = e;
      }
    }
    end[j] = -Infinity;
    endStart[j] = 0;
    // Token j ends a span [k, j].
    if (!isWord[from + j - 1]) continue;
    const lastEnd = ends[from + j - 1]!;
    // Expected propaganda characters of tokens k+1…j, each with the space before it.
    let inner = 0;
    let hasContent = content === null;
    for (let k = j; k >= 1 && j - k < maxLen; k--) {
      const t = from + k - 1;
      const pk = p[t]!;
      const tStart = starts[t]!;
      const mass = inner + pk * (ends[t]! - tStart);
      if (k > 1) inner += pk * (ends[t]! - ends[t - 1]!);
      if (!hasContent && content![t]) hasContent = true;
      if (!isWord[t] || !hasContent) continue;
      const v = mass / (lastEnd - tStart) - cost + gain * mass + free[k]!;
      if (v > end[j]!) {
        end[j] = v;
        endStart[j] = k;
      }
    }
    if (end[j]! > best) {
      best = end[j]!;
      bestEnd = j;
    }
    // The first start this end allows: after a low token and more than `minGapChars` characters on.
    let k = Math.max(j + 2, nextLow[j]! + 1);
    while (k <= n && starts[from + k - 1]! - lastEnd <= minGapChars) k++;
    if (k <= n) {
      link[j] = head[k]!;
      head[k] = j;
    }
  }
  for (let e = bestEnd; e > 0; ) {
    const k = endStart[e]!;
    out.push([from + k - 1, from + e]);
    e = freeArg[k]!;
  }
}

/** Work arrays of the span embedding in `classifySpan` (its result is read at once, so one set serves every call). */
let embedScratch: EmbeddingScratch | null = null;
function scratchOf(dims: number): EmbeddingScratch {
  if (!embedScratch || embedScratch.mean.length !== dims) embedScratch = embeddingScratch(dims);
  return embedScratch;
}

/**
 * Ranks the techniques for a span, most probable first. `peers` are all spans flagged in the same
 * document (including this one): repeated wording among them points to Repetition.
 */
export function classifySpan(doc: RhetoricDoc, span: Span, tc: LoadedLinear, peers: readonly Span[] = []): Array<{ technique: string; p: number }> {
  const vectors = tc.vectors?.();
  // The bag features (span words, stems, bigrams, 4-grams, sentence words) are added from vectors
  // cached per word and word pair, the embedding features through their precomputed rows (the same
  // sums as `emitSpanFeatures` with vectors, without hundreds of name lookups per span).
  const addScores = (z: Float64Array) => {
    const [a, b] = tokenRange(doc, span);
    const nested = nestedIndex(tc);
    addSpanBagScores(z, doc, a, b, tc.model.weights, (prefix, x, y) => nested.get(prefix, x, y));
    if (!vectors) return;
    const si = a < doc.tokens.length ? doc.tokenSentence[a]! : 0;
    addEmbeddingScores(z, tc.model.weights, embeddingRowsOf(tc, vectors.dims), spanEmbedding(doc, vectors, a, b, si, scratchOf(vectors.dims)));
    if (tc.net) addSpanNetScores(z, tc.net.nets, tc.net.mix, doc, vectors, a, b);
  };
  const p = predictEmitted(tc, (emit) => emitSpanFeatures(doc, span, emit, peers, tc.lexicon, undefined, false), addScores);
  return tc.labels.map((technique, i) => ({ technique, p: p[i]! })).sort((x, y) => y.p - x.p);
}

/**
 * Finds propaganda spans in a prepared document and ranks techniques for each.
 * Reads the document and the model; returns new records sorted by start.
 */
export function detectRhetoric(doc: RhetoricDoc, model: RhetoricModel = loadRhetoricModel()): RhetoricSpan[] {
  const linearSent = sentenceProbabilities(doc, model.sent);
  // The sentence network reads the linear sentence probabilities; with `sentFeed` its own
  // probabilities are then what the token model and the token network read.
  const sentZ = model.sentNet ? sentenceNetLogits(model.sentNet.net, doc, loadWordVectors(), linearSent) : null;
  const fed = model.sentFeed && sentZ ? sentenceNetProbabilities(sentZ) : linearSent;
  const sentenceProbs = model.sentFeed === 'all' ? fed : linearSent;
  const first = tokenProbabilities(doc, model.si, sentenceProbs);
  const within = model.net ? mixWithinSentences(doc, first, tokenNetLogits(model.net.net, doc, loadWordVectors(), fed), model.net.mix) : first;
  const mixed = model.sentNet && sentZ ? shiftBySentences(doc, within, sentZ, model.sentNet.mix) : within;
  const probs = model.stack ? stackProbabilities(doc, mixed, sentenceProbs, model.stack) : mixed;
  const spans = decodeSpans(doc, probs, model.decode);
  return spans.map((s) => ({ ...s, techniques: classifySpan(doc, s, model.tc, spans) }));
}
