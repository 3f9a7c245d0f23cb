/**
 * Feature extraction for the statistical name recognizer (`src/ner`). Features are hashed to 32-bit
 * integers without building feature strings: every word is hashed once (FNV-1a over its folded code
 * units), and a feature is `combine(template, part, …)` of precomputed hashes. `featureHash("w-1=", "met")`
 * gives the same number as the extractor for that feature, for tests and hand-built weight tables.
 */

import { findDefinitions } from './definitions.ts';
import { Slabs } from './slabs.ts';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `s`, continuing from state `h`. */
export function mixString(h: number, s: string): number {
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME);
  return h;
}

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  return mixString(FNV_OFFSET, s);
}

/** Order-sensitive combination of two hashes, finished with murmur3's avalanche (low bits usable as a bucket). */
export function combine(a: number, b: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0xcc9e2d51) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Hash of feature `template` over string parts, e.g. `featureHash("w-1=", "met")`; equals what the extractor emits. */
export function featureHash(template: string, ...parts: string[]): number {
  let h = hashString(template);
  for (const p of parts) h = combine(h, hashString(p));
  return h;
}

/** Template seeds (the hash of each template name). */
export const T = {
  w: hashString('w='),
  W: hashString('W='),
  sh: hashString('sh='),
  lsh: hashString('lsh='),
  p: hashString('p='),
  s: hashString('s='),
  len: hashString('len='),
  wm1: hashString('w-1='),
  wp1: hashString('w+1='),
  wm2: hashString('w-2='),
  wp2: hashString('w+2='),
  bias: hashString('b'),
  w1w: hashString('w-1w='),
  ww1: hashString('ww+1='),
  shm1: hashString('sh-1='),
  shp1: hashString('sh+1='),
  sh3: hashString('sh3='),
  first: hashString('first|sh='),
  Wm1: hashString('W-1='),
  Wp1: hashString('W+1='),
  wm1sh: hashString('w-1sh='),
  shwp1: hashString('shw+1='),
  caps: hashString('caps-sent'),
  capsw: hashString('caps-sent|w='),
  capMid: hashString('doc:cap-mid'),
  alsoLower: hashString('doc:also-lower'),
  capOnlyInitial: hashString('doc:cap-only-initial'),
  capSeq: hashString('capseq='),
  capSeqSh: hashString('capseq|sh='),
  gz: hashString('gz='),
  gzBit: hashString('gz-bit='),
  gzBitCap: hashString('gz-bit|cap='),
  gzm1: hashString('gz-1='),
  gzp1: hashString('gz+1='),
  t1: hashString('t1='),
  t2t1: hashString('t2t1='),
  t1w: hashString('t1w='),
  t1sh: hashString('t1sh='),
  dm: hashString('dm='),
  dmsh: hashString('dm|sh='),
  runL: hashString('run-last='),
  runF: hashString('run-first='),
  runLpos: hashString('run-last|pos='),
  runLcls: hashString('run-last-cls='),
  runLc1: hashString('run-last-c64='),
  runFcls: hashString('run-first-cls='),
  gx: hashString('gx='),
  gxBit: hashString('gx-bit='),
  gxBitCap: hashString('gx-bit|cap='),
  gxm1: hashString('gx-1='),
  gxp1: hashString('gx+1='),
  cls: hashString('cls='),
  clsCap: hashString('cls|cap='),
  clsm1: hashString('cls-1='),
  clsp1: hashString('cls+1='),
  c1: hashString('c64='),
  c2: hashString('c1024='),
  c1m1: hashString('c64-1='),
  c1p1: hashString('c64+1='),
  c2m1: hashString('c1024-1='),
  c2p1: hashString('c1024+1='),
  c1sh: hashString('c64|sh='),
  aggL: hashString('agg-1='),
  aggR: hashString('agg+1='),
  aggRun: hashString('agg-run='),
  aggCls: hashString('agg-cls-1='),
  gg: hashString('gg='),
  ggBit: hashString('gg-bit='),
  ggBitCap: hashString('gg-bit|cap='),
  ggm1: hashString('gg-1='),
  ggp1: hashString('gg+1='),
  hd: hashString('head='),
  hdBit: hashString('head-bit='),
  g1: hashString('g32='),
  g2: hashString('g256='),
  g3: hashString('g2048='),
  g2m1: hashString('g256-1='),
  g2p1: hashString('g256+1='),
  runLg2: hashString('run-last-g256='),
  runPre: hashString('run-pre|pos='),
  tab: hashString('table-row'),
  tabSh: hashString('table-row|sh='),
  tabGz: hashString('table-row|gz='),
  tabGx: hashString('table-row|gx='),
  tabGg: hashString('table-row|gg='),
  tabRun: hashString('table-row|capseq='),
  runPreCls: hashString('run-pre-cls='),
  emb: hashString('emb='),
  embm1: hashString('emb-1='),
  embp1: hashString('emb+1='),
  embm2: hashString('emb-2='),
  embp2: hashString('emb+2='),
  defHead: hashString('def-head='),
  defC1: hashString('def-head-c64='),
  defC2: hashString('def-head-c1024='),
  defCls: hashString('def-head-cls='),
} as const;

/** Hashes of the sentence-boundary pseudo-words. */
export const BOS = hashString('<s>');
export const EOS = hashString('</s>');

/** Class code of one UTF-16 unit for shapes: X upper, x lower, d digit, or the unit itself. */
function classCode(c: number): number {
  if (c >= 48 && c <= 57) return 100; // d
  if (c >= 97 && c <= 122) return 120; // x
  if (c >= 65 && c <= 90) return 88; // X
  if (c < 128) return c;
  const ch = String.fromCharCode(c);
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo !== up) return ch === up ? 88 : 120;
  return c;
}

/** Word shape with runs collapsed: "Khrushchev" → "Xx", "1956" → "d", "U.S." → "X.X.". */
export function shortShape(word: string): string {
  let out = '';
  let last = -1;
  for (let k = 0; k < word.length; k++) {
    const c = classCode(word.charCodeAt(k));
    if (c !== last) out += String.fromCharCode(c);
    last = c;
  }
  return out;
}

/** Word shape keeping up to four repeats of each class: "Khrushchev" → "Xxxxx". */
export function longShape(word: string): string {
  let out = '';
  let last = -1;
  let run = 0;
  for (let k = 0; k < word.length; k++) {
    const c = classCode(word.charCodeAt(k));
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 4) out += String.fromCharCode(c);
  }
  return out;
}

/** `hashString(longShape(w))` without building the shape string. */
export function longShapeHash(w: string): number {
  let h = FNV_OFFSET;
  let last = -1;
  let run = 0;
  for (let k = 0; k < w.length; k++) {
    const c = classCode(w.charCodeAt(k));
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 4) h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h;
}

/** Folds one code unit: digits to "0", ASCII upper to lower; -1 for non-ASCII (handled by the caller). */
function foldCode(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  return -1;
}

/** Folds a token for lexical features: lower case, digits collapsed to 0 ("1956" → "0000"). */
export function foldWord(word: string): string {
  let out = '';
  for (let k = 0; k < word.length; k++) {
    const c = foldCode(word.charCodeAt(k));
    out += c >= 0 ? String.fromCharCode(c) : word.charAt(k).toLowerCase();
  }
  return out;
}

/** `hashString(foldWord(w))` without building the folded string. */
export function foldedHash(w: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < w.length; k++) {
    const c = foldCode(w.charCodeAt(k));
    if (c >= 0) h = Math.imul(h ^ c, FNV_PRIME);
    else h = mixString(h, w.charAt(k).toLowerCase());
  }
  return h;
}

/** `hashString(shortShape(w))` without building the shape string. */
export function shapeHash(w: string): number {
  let h = FNV_OFFSET;
  let last = -1;
  for (let k = 0; k < w.length; k++) {
    const c = classCode(w.charCodeAt(k));
    if (c !== last) h = Math.imul(h ^ c, FNV_PRIME);
    last = c;
  }
  return h;
}

/** True when a token starts with an upper-case letter. */
export function isCapitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128 || Number.isNaN(c)) return false;
  const ch = word.charAt(0);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** True when a token has at least one ASCII letter. */
function hasAsciiLetter(t: string): boolean {
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/**
 * The empty score vector that marks a tagger cache slot as unset (one typed-array type in the slot
 * from the start, so V8 never has to widen the field when the tagger fills it).
 */
export const NO_SCORES = new Int32Array(0);

/**
 * Facts of one word type that the sentence and document descriptions need (see `describeWord`); the
 * tagger caches them per word type in a subclass with its score caches (`WordEntry` in `tagger.ts`).
 */
export class WordFacts {
  /** `foldedHash`, `hashString` and `shapeHash` of the word. */
  readonly fold: number;
  readonly exact: number;
  readonly shape: number;
  /** 1 when the word starts with an upper-case letter. */
  readonly cap: number;
  /** Whether the word has an ASCII letter (only such words count for the all-caps and document casing facts). */
  readonly letter: boolean;
  /** `caseBits` of the word: bit 1 an upper-case letter, bit 2 a lower-case one. */
  readonly caseBits: number;
  /** Word-class bits (set by the tagger from its model's class table; 0 here). */
  cls = 0;
  /** Whether the word has an upper-case letter or a digit anywhere (may start a name). */
  readonly nameish: boolean;

  constructor(t: string) {
    this.fold = foldedHash(t);
    this.exact = hashString(t);
    this.shape = shapeHash(t);
    this.cap = isCapitalized(t) ? 1 : 0;
    this.letter = hasAsciiLetter(t);
    this.caseBits = caseBits(t);
    this.nameish = NAMEISH.test(t);
  }
}

const NAMEISH = /[\p{Lu}\p{N}]/u;

/** The facts of a word type, computed once so that a caller can cache them per word (`describeSentence`). */
export function describeWord(t: string): WordFacts {
  return new WordFacts(t);
}

/** Per-sentence facts that several token features share: hashes of folded words, exact words and shapes. */
export interface SentenceInfo {
  tokens: readonly string[];
  fold: Int32Array;
  exact: Int32Array;
  shape: Int32Array;
  cap: Uint8Array;
  /** Length (capped at 4) and position of the token in its run of capitalized tokens; 0 outside runs. */
  capRun: Uint8Array;
  /** The sentence is (nearly) all upper case, e.g. a headline: case carries no signal. */
  allCaps: boolean;
  /** Name-list marks per token (see `markNames` in `names.ts`); all zero until set. */
  names: Uint8Array;
  /** Marks of the external name list (general gazetteer), like `names`; all zero until set. */
  ext: Uint8Array;
  /** Marks of the geographic gazetteer (place names by population tier, see `WeightLookup.geo`); all zero until set. */
  geo: Uint8Array;
  /** Word-class bits per token from the model's word-class table (lexicon classes); zero until set. */
  cls: Int32Array;
  /**
   * Head-word marks (see `markHeads` in `names.ts`): for a token inside a name run, the types of the
   * training names that end with the run's last word (bit k: `NAME_TYPES[k]`); zero elsewhere or until set.
   */
  head: Uint8Array;
  /**
   * Extended name runs: capitalized tokens joined by connectors ("Army of the Potomac", "Howe 's
   * Brigade"). For a token inside a run of two or more tokens, the folded hashes of the run's first
   * and last token and the position (1 first, 2 inside, 3 last); zero outside.
   */
  runFirst: Int32Array;
  runLast: Int32Array;
  runPos: Uint8Array;
  /**
   * With `FEATURE_FLAGS.ofHead`, for a token inside a name run with a connector ("Legislative Assembly
   * of Ontario"), 1 + the index of the run's last token before its first connector ("Assembly"); 0
   * elsewhere.
   */
  runPre: Int32Array;
  /**
   * With `FEATURE_FLAGS.table`: the sentence looks like a row of a results table (a number and no
   * lower-case word: "Lorvik 3 Tamsby 1"), where news wire names clubs after their towns.
   */
  table: boolean;
}

/** Lower-case words that may join two capitalized words into one name. */
const CONNECTORS = new Set(['of', 'the', 'de', 'del', 'della', 'la', 'le', 'von', 'van', 'der', 'den', 'du', 'di', 'da', 'y', 'and', 'for', '&', "'s", 'on', 'upon', 'am', 'im', 'al', 'el'].map((w) => hashString(w)));

/** The buffers of the per-sentence arrays of `describeSentence` (see `slabs.ts`). */
const sentenceSlabs = new Slabs();

/**
 * Precomputes word hashes, shapes, capital runs and the all-caps flag of a sentence. `facts`, when
 * given, holds `describeWord` of each token (e.g. from a per-word cache) and saves recomputing them.
 */
export function describeSentence(tokens: readonly string[], facts?: readonly WordFacts[]): SentenceInfo {
  const n = tokens.length;
  // two backing buffers for the per-token arrays (fewer allocations per sentence), views into shared slabs
  return describeSentenceIn(sentenceSlabs.int32(7 * n), sentenceSlabs.uint8(7 * n), tokens, facts);
}

/**
 * `describeSentence` over two given zeroed buffers of `7 × tokens.length` numbers each, which back its
 * per-token arrays (a caller may reuse them, see `SentencePool`).
 */
export function describeSentenceIn(ints: Int32Array, bytes: Uint8Array, tokens: readonly string[], facts?: readonly WordFacts[]): SentenceInfo {
  return fillSentence(blankSentence(ints, bytes, tokens), tokens, facts);
}

/** A sentence description of `tokens` whose per-token arrays are views of `ints` and `bytes` (`7 × n` zeroed numbers each), not yet filled. */
function blankSentence(ints: Int32Array, bytes: Uint8Array, tokens: readonly string[]): SentenceInfo {
  const n = tokens.length;
  const fold = ints.subarray(0, n);
  const exact = ints.subarray(n, 2 * n);
  const shape = ints.subarray(2 * n, 3 * n);
  const runFirst = ints.subarray(3 * n, 4 * n);
  const runLast = ints.subarray(4 * n, 5 * n);
  const cls = ints.subarray(5 * n, 6 * n);
  const runPre = ints.subarray(6 * n);
  const cap = bytes.subarray(0, n);
  const capRun = bytes.subarray(n, 2 * n);
  const runPos = bytes.subarray(2 * n, 3 * n);
  const names = bytes.subarray(3 * n, 4 * n);
  const ext = bytes.subarray(4 * n, 5 * n);
  const geo = bytes.subarray(5 * n, 6 * n);
  const head = bytes.subarray(6 * n);
  return { tokens, fold, exact, shape, cap, capRun, allCaps: false, names, ext, geo, cls, head, runFirst, runLast, runPos, runPre, table: false };
}

/** Fills a blank description (its arrays zeroed) with the facts of `tokens` (see `describeSentence`). */
function fillSentence(s: SentenceInfo, tokens: readonly string[], facts?: readonly WordFacts[]): SentenceInfo {
  const n = tokens.length;
  const { fold, exact, shape, cap, capRun, runFirst, runLast, runPos, runPre } = s;
  s.tokens = tokens;
  let letters = 0;
  let upperWords = 0;
  let lowerWords = 0;
  let numbers = 0;
  for (let i = 0; i < n; i++) {
    const w = facts ? facts[i]! : describeWord(tokens[i]!);
    fold[i] = w.fold;
    exact[i] = w.exact;
    shape[i] = w.shape;
    cap[i] = w.cap;
    // ordinals and call signs ("65th", "6PR") count as capitalized words with `FEATURE_FLAGS.numCap`
    if (FEATURE_FLAGS.numCap && !w.cap && w.letter && startsWithDigit(tokens[i]!)) cap[i] = 1;
    if (w.caseBits === 2) lowerWords++;
    else if (!w.letter && startsWithDigit(tokens[i]!)) numbers++;
    if (w.letter) {
      letters++;
      if ((w.caseBits & 2) === 0) upperWords++;
    }
  }
  for (let i = 0; i < n; ) {
    if (!cap[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && cap[j]) j++;
    const len = Math.min(j - i, 4);
    for (let k = i; k < j; k++) capRun[k] = len * 8 + Math.min(k - i, 3) + 1;
    i = j;
  }
  const allCaps = letters >= 3 && upperWords / letters > 0.8;
  if (!allCaps) {
    const numCap = FEATURE_FLAGS.numCap;
    // run members: capitalized words, with `FEATURE_FLAGS.numRun` also ordinals and call signs ("65th Air Division")
    const rm = FEATURE_FLAGS.numRun && !numCap ? runMembers(tokens, cap) : cap;
    for (let i = 0; i < n; ) {
      // with `FEATURE_FLAGS.numCap` a number may start a run before a capitalized word ("65 Air Division")
      if (!rm[i] && !(numCap && i + 1 < n && rm[i + 1] && isNumber(tokens[i]!))) {
        i++;
        continue;
      }
      let j = i + 1;
      let pre = 0;
      // "Army of the Potomac": up to two connectors between capitals
      while (j < n) {
        if (rm[j]) j++;
        else if (j + 1 < n && CONNECTORS.has(fold[j]!) && rm[j + 1]) {
          if (!pre) pre = j;
          j += 2;
        } else if (j + 2 < n && CONNECTORS.has(fold[j]!) && CONNECTORS.has(fold[j + 1]!) && rm[j + 2]) {
          if (!pre) pre = j;
          j += 3;
        } else break;
      }
      if (j - i >= 2) {
        for (let k = i; k < j; k++) {
          runFirst[k] = fold[i]!;
          runLast[k] = fold[j - 1]!;
          runPos[k] = k === i ? 1 : k === j - 1 ? 3 : 2;
          if (pre && FEATURE_FLAGS.ofHead) runPre[k] = pre;
        }
      }
      i = j;
    }
  }
  s.allCaps = allCaps;
  s.table = FEATURE_FLAGS.table && numbers > 0 && lowerWords === 0;
  return s;
}

/** A sentence description kept for reuse, with the two buffers behind its per-token arrays. */
interface PooledSentence {
  info: SentenceInfo;
  ints: Int32Array;
  bytes: Uint8Array;
}

/** Most descriptions of one sentence length a `SentencePool` keeps for reuse. */
const POOLED_PER_LENGTH = 256;

/**
 * Sentence descriptions for reuse from one document to the next (the run-time tagger's): a sentence
 * of n tokens gets a released description of n tokens, its arrays zeroed and refilled, instead of
 * fourteen new typed-array views. `release` hands back every description taken since the last one;
 * nothing may read them after that.
 */
export class SentencePool {
  private readonly free: PooledSentence[][] = [];
  private readonly taken: PooledSentence[] = [];
  /** The buffers of the pooled descriptions (they live as long as the pool). */
  private readonly slabs = new Slabs();

  /**
   * `describeSentence` of `tokens` in a reused description (zeroed first) or a new one. Its `names`,
   * `ext`, `geo` and `head` arrays are to be filled in place (`markNamesInto`), never replaced.
   */
  describe(tokens: readonly string[], facts?: readonly WordFacts[]): SentenceInfo {
    const n = tokens.length;
    let p = n < this.free.length ? this.free[n]!.pop() : undefined;
    if (p) {
      p.ints.fill(0);
      p.bytes.fill(0);
    } else {
      // (views into long-lived slabs: a typed array of its own over 64 bytes is a buffer outside the heap)
      const ints = this.slabs.int32(7 * n);
      const bytes = this.slabs.uint8(7 * n);
      p = { info: blankSentence(ints, bytes, tokens), ints, bytes };
    }
    this.taken.push(p);
    return fillSentence(p.info, tokens, facts);
  }

  /** Takes back every description handed out since the last release. */
  release(): void {
    const taken = this.taken;
    for (let k = 0; k < taken.length; k++) {
      const p = taken[k]!;
      const n = p.info.tokens.length;
      while (this.free.length <= n) this.free.push([]);
      const list = this.free[n]!;
      // (the tokens are dropped: a pooled description keeps no document's strings alive)
      p.info.tokens = NO_WORDS;
      if (list.length < POOLED_PER_LENGTH) list.push(p);
    }
    taken.length = 0;
  }
}

/** No tokens (what a pooled description holds between uses). */
const NO_WORDS: readonly string[] = [];

/** True when a token starts with an ASCII digit. */
function startsWithDigit(t: string): boolean {
  const c = t.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Run members of `FEATURE_FLAGS.numRun`: the capitalized tokens (`cap`) and those that start with a digit and hold a letter ("65th", "6PR"). */
export function runMembers(tokens: readonly string[], cap: Uint8Array): Uint8Array {
  const out = Uint8Array.from(cap);
  for (let i = 0; i < tokens.length; i++) if (!out[i] && startsWithDigit(tokens[i]!) && hasAsciiLetter(tokens[i]!)) out[i] = 1;
  return out;
}

/** True when a token is ASCII digits only ("65", "1994"). */
function isNumber(t: string): boolean {
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return t.length > 0;
}

/** Case of a token's letters: bit 1 when it has an upper-case letter, bit 2 when it has a lower-case one. */
function caseBits(t: string): number {
  let bits = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c >= 65 && c <= 90) bits |= 1;
    else if (c >= 97 && c <= 122) bits |= 2;
    else if (c >= 128) {
      const ch = t.charAt(k);
      if (ch !== ch.toLowerCase()) bits |= 1;
      else if (ch !== ch.toUpperCase()) bits |= 2;
    }
  }
  return bits;
}

/** Document-level facts: folded-word hashes seen capitalized mid-sentence, and seen in lower case. */
export interface DocumentInfo {
  capMid: Set<number>;
  lower: Set<number>;
  /**
   * Context aggregation (Ratinov & Roth 2009), filled by `aggregateDocument`: for each capitalized word
   * seen at least twice in the document, the folded words around all its occurrences, the last words
   * of the name runs it stands in, and the word classes of its left neighbours.
   */
  agg?: Map<number, WordContexts>;
}

/** The contexts of one word type across a document (see `DocumentInfo.agg`). */
export interface WordContexts {
  count: number;
  left: Set<number>;
  right: Set<number>;
  runLast: Set<number>;
  leftCls: number;
  /**
   * With `FEATURE_FLAGS.def`: hashes of the head noun of a definition whose subject holds this word
   * ("band" for the words of "Foo Bar is a rock band", see `definitions.ts`), its word clusters and
   * lexicon classes; absent otherwise.
   */
  def?: number[];
  /** Run-time cache of the summed scores of this word type's aggregation features (set by the tagger; `NO_SCORES` until then). */
  scores: Int32Array;
}

/** Most distinct context words kept per word type and side. */
const AGG_MAX = 8;

/**
 * Fills `doc.agg` from the described (and annotated) sentences of the document: the contexts of each
 * capitalized word type seen at least twice. The occurrences are counted first, so that a word seen
 * once never gets its context sets.
 */
export function aggregateDocument(sentences: readonly SentenceInfo[], doc: DocumentInfo): void {
  const counts = new Map<number, number>();
  for (const s of sentences) {
    if (s.allCaps) continue;
    const n = s.tokens.length;
    for (let i = 0; i < n; i++) if (s.cap[i]) counts.set(s.fold[i]!, (counts.get(s.fold[i]!) ?? 0) + 1);
  }
  const agg = new Map<number, WordContexts>();
  for (const s of sentences) {
    if (s.allCaps) continue;
    const n = s.tokens.length;
    for (let i = 0; i < n; i++) {
      if (!s.cap[i]) continue;
      const f = s.fold[i]!;
      if (counts.get(f)! < 2) continue;
      let c = agg.get(f);
      if (!c) agg.set(f, (c = { count: 0, left: new Set(), right: new Set(), runLast: new Set(), leftCls: 0, scores: NO_SCORES }));
      c.count++;
      if (i > 0 && c.left.size < AGG_MAX) c.left.add(s.fold[i - 1]!);
      if (i + 1 < n && c.right.size < AGG_MAX) c.right.add(s.fold[i + 1]!);
      if (s.runPos[i] && s.runLast[i] !== f && c.runLast.size < AGG_MAX) c.runLast.add(s.runLast[i]!);
      if (i > 0) c.leftCls |= s.cls[i - 1]! & 0xffff;
    }
  }
  if (FEATURE_FLAGS.def) addDefinitions(sentences, agg);
  doc.agg = agg;
}

/**
 * Gives each capitalized word of a definition's subject the features of the definition's head noun
 * (`WordContexts.def`; the first definition of a word type in the document wins), also to word types
 * seen once, which get an entry with no contexts.
 */
function addDefinitions(sentences: readonly SentenceInfo[], agg: Map<number, WordContexts>): void {
  for (const s of sentences) {
    for (const d of findDefinitions(s, s.allCaps)) {
      const h = d.head;
      const cls = s.cls[h]!;
      const hashes = [combine(T.defHead, s.fold[h]!)];
      if ((cls >>> 16) & 63) hashes.push(combine(T.defC1, (cls >>> 16) & 63));
      if (cls >>> 22) hashes.push(combine(T.defC2, cls >>> 22));
      for (let b = 0; b < 16; b++) if (cls & (1 << b)) hashes.push(combine(T.defCls, b));
      for (const k of d.subject) {
        const f = s.fold[k]!;
        let c = agg.get(f);
        if (!c) agg.set(f, (c = { count: 0, left: new Set(), right: new Set(), runLast: new Set(), leftCls: 0, scores: NO_SCORES }));
        c.def ??= hashes;
      }
    }
  }
}

/**
 * Scans a document's sentences for how each word is cased where case is informative. `facts`, when
 * given, holds `describeWord` of each token, sentence by sentence.
 */
export function describeDocument(sentences: readonly (readonly string[])[], facts?: readonly (readonly WordFacts[])[]): DocumentInfo {
  const capMid = new Set<number>();
  const lower = new Set<number>();
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k]!;
    const f = facts?.[k];
    for (let i = 0; i < s.length; i++) {
      const w = f ? f[i]! : describeWord(s[i]!);
      if (!w.letter) continue;
      if ((w.caseBits & 1) === 0) lower.add(w.fold);
      else if (i > 0 && w.caseBits & 2 && w.cap) capMid.add(w.fold);
    }
  }
  return { capMid, lower };
}

/** Switches for feature groups, for ablation experiments (all on in the shipped model). */
export const FEATURE_FLAGS = { run: true, clusters: true, agg: true, runCls: true, head: false, numRun: false, numCap: false, glove: false, ofHead: false, table: false, emb: false, embNear: false, embFar: false, def: false };

/**
 * Feature groups a model announces in its header (`NerModel.features`): off unless the model lists
 * them, so that a model trained without them (e.g. the shipped `ner.bin` of before) predicts as it was
 * trained. `useFeatureGroups` sets them when a model is prepared. (`glove` is not among them: its
 * class table is not stored in model files, so it stays an experiment of `bench/train-ner.ts --glove`.)
 */
export const GATED_FEATURES = ['numRun', 'numCap', 'ofHead', 'table', 'emb', 'embNear', 'embFar', 'def'] as const;

/** Turns the gated feature groups listed in `groups` on and every other gated group off (unknown names are ignored). */
export function useFeatureGroups(groups: readonly string[] | undefined): void {
  for (const g of GATED_FEATURES) FEATURE_FLAGS[g] = groups?.includes(g) ?? false;
}

/** The gated feature groups currently on (what a model trained now must announce). */
export function featureGroupsOn(): string[] {
  return GATED_FEATURES.filter((g) => FEATURE_FLAGS[g]);
}

/**
 * Extra word-class tables of feature groups not in the shipped model (see `gloveHashes`): folded-word
 * hash → packed GloVe class ids (level 1 + 1 in bits 0–5, level 2 + 1 in bits 6–14, level 3 + 1 in bits
 * 15–26). Read only while `FEATURE_FLAGS.glove` is on.
 */
export const EXTRA_CLASSES: { glove: ReadonlyMap<number, number> | null; emb: ReadonlyMap<number, Uint8Array> | null } = { glove: null, emb: null };

/**
 * Dense word-vector features (Turian, Ratinov & Bengio 2010), gated groups `emb` (the token's own
 * word), `embNear` (the words before and after) and `embFar` (two before and after): each component of
 * a word's vector is a real-valued feature, quantized to a small integer q (see `bench/ner-embeddings.ts`),
 * its positive and negative parts on rows of their own; a value q is the feature's hash repeated |q|
 * times, so every score stays an integer sum of weights and the word's features fold into the
 * tagger's per-word caches. `codes` (from `EXTRA_CLASSES.emb`, folded-word hash → codes): 2 × dimension
 * + (1 when negative), repeated |q| times; a word without a vector gets the code `EMB_OOV`.
 */
export const EMB_OOV = 255;

/** Templates of the word-vector features by role: the token itself, then `PREV`, `NEXT`, `PREV2`, `NEXT2` + 1. */
const EMB_TEMPLATES = [T.emb, T.embm1, T.embp1, T.embm2, T.embp2] as const;

const NO_CODES = Uint8Array.of(EMB_OOV);

/** Pushes the word-vector features of the word with folded hash `fold` in role `role` (0: the token, 1–4: neighbour role + 1). */
export function embHashes(fold: number, role: number, out: number[]): void {
  const codes = EXTRA_CLASSES.emb?.get(fold) ?? NO_CODES;
  const t = EMB_TEMPLATES[role]!;
  for (let k = 0; k < codes.length; k++) out.push(combine(t, codes[k]!));
}

/** The packed GloVe classes of a folded-word hash (0: none, or the group is off). */
export function gloveOf(fold: number): number {
  return FEATURE_FLAGS.glove && EXTRA_CLASSES.glove ? (EXTRA_CLASSES.glove.get(fold) ?? 0) : 0;
}

/** Hashes of a word's GloVe classes at the three levels of the class tree (`packed` from `gloveOf`), appended to `out`. */
export function gloveHashes(packed: number, out: number[]): void {
  if (!packed) return;
  out.push(combine(T.g1, packed & 63), combine(T.g2, (packed >>> 6) & 511), combine(T.g3, packed >>> 15));
}

const prefixBuf: number[] = [];

/**
 * Hashes of a word on its own (folded and exact form, shapes, prefixes and suffixes of 1–4 folded
 * characters, length, and the features of its word-class bits `cls`: clusters and lexicon classes),
 * appended to `out`. Cacheable per word type at run time.
 */
export function wordHashes(w: string, out: number[], cls = 0, facts?: WordFacts): void {
  // (`facts`, when given, are `describeWord(w)`: its hashes are not worked out again)
  const f = facts ? facts.fold : foldedHash(w);
  const sh = facts ? facts.shape : shapeHash(w);
  out.push(combine(T.w, f), combine(T.W, facts ? facts.exact : hashString(w)), combine(T.sh, sh), combine(T.lsh, longShapeHash(w)));
  prefixBuf.length = 0;
  for (let k = 0; k < w.length; k++) {
    const c = foldCode(w.charCodeAt(k));
    if (c >= 0) prefixBuf.push(c);
    else {
      const lo = w.charAt(k).toLowerCase();
      for (let j = 0; j < lo.length; j++) prefixBuf.push(lo.charCodeAt(j));
    }
  }
  const m = prefixBuf.length;
  let hp = FNV_OFFSET;
  let hs = FNV_OFFSET;
  for (let k = 0; k < 4 && k < m; k++) {
    hp = Math.imul(hp ^ prefixBuf[k]!, FNV_PRIME);
    hs = Math.imul(hs ^ prefixBuf[m - 1 - k]!, FNV_PRIME);
    out.push(combine(T.p, hp), combine(T.s, hs));
  }
  out.push(combine(T.len, Math.min(w.length, 8)));
  if (FEATURE_FLAGS.clusters) {
    // word clusters: coarse id in bits 16–21, fine id in bits 22–31 (0 = none)
    const c1 = (cls >>> 16) & 63;
    const c2 = cls >>> 22;
    if (c1) out.push(combine(T.c1, c1), combine(combine(T.c1sh, c1), sh));
    if (c2) out.push(combine(T.c2, c2));
  }
  if (cls & 0xffff) {
    const cap = facts ? facts.cap : isCapitalized(w) ? 1 : 0;
    for (let b = 0; b < 16; b++) if (cls & (1 << b)) out.push(combine(T.cls, b), combine(combine(T.clsCap, b), cap));
  }
  if (FEATURE_FLAGS.glove) gloveHashes(gloveOf(f), out);
  if (FEATURE_FLAGS.emb) embHashes(f, 0, out);
}

/**
 * Hashes of a token of a table row (`SentenceInfo.table`): the row flag alone and with the token's
 * shape, capital run and name-list marks, so that the clubs named after towns of results tables do
 * not teach that a town name in prose is an organization.
 */
export function tableHashes(s: SentenceInfo, i: number, out: number[]): void {
  out.push(T.tab, combine(T.tabSh, s.shape[i]!));
  if (s.capRun[i]) out.push(combine(T.tabRun, s.capRun[i]!));
  if (s.names[i]) out.push(combine(T.tabGz, s.names[i]!));
  if (s.ext[i]) out.push(combine(T.tabGx, s.ext[i]!));
  if (s.geo[i]) out.push(combine(T.tabGg, s.geo[i]!));
}

/** Hashes of the context-aggregation features of a word type in a document (see `DocumentInfo.agg`). */
export function aggHashes(c: WordContexts, out: number[]): void {
  for (const x of c.left) out.push(combine(T.aggL, x));
  for (const x of c.right) out.push(combine(T.aggR, x));
  for (const x of c.runLast) out.push(combine(T.aggRun, x));
  for (let b = 0; b < 16; b++) if (c.leftCls & (1 << b)) out.push(combine(T.aggCls, b));
  if (c.def) for (const h of c.def) out.push(h);
}

/** Neighbour-word templates, one per role (previous, next, two before, two after). */
export const NEIGHBOUR_TEMPLATES = [T.wm1, T.wp1, T.wm2, T.wp2] as const;

/** Roles of a neighbouring word in `neighbourHashes`. */
export const PREV = 0;
export const NEXT = 1;
export const PREV2 = 2;
export const NEXT2 = 3;

/**
 * Hashes of the features a neighbouring word contributes to a token, appended to `out`: the folded
 * word in its role (`PREV`, `NEXT`, `PREV2`, `NEXT2`) and, for the adjacent roles, its exact form when
 * capitalized, its word clusters and its lexicon classes. They depend only on the neighbour's word
 * type (cacheable per word). `w` null stands for the sentence boundary.
 */
export function neighbourHashes(role: number, w: { fold: number; exact: number; cap: number; cls: number } | null, out: number[]): void {
  if (!w) {
    out.push(combine(NEIGHBOUR_TEMPLATES[role]!, role === PREV || role === PREV2 ? BOS : EOS));
    return;
  }
  out.push(combine(NEIGHBOUR_TEMPLATES[role]!, w.fold));
  if (role > NEXT ? FEATURE_FLAGS.embFar : FEATURE_FLAGS.embNear) embHashes(w.fold, role + 1, out);
  if (role > NEXT) return;
  const prev = role === PREV;
  // exact-case neighbours carry name context ("Mr", "President", "FC")
  if (w.cap) out.push(combine(prev ? T.Wm1 : T.Wp1, w.exact));
  // the neighbours' word clusters (the token's own are word features, see `wordHashes`)
  if (FEATURE_FLAGS.clusters) out.push(combine(prev ? T.c1m1 : T.c1p1, (w.cls >>> 16) & 63), combine(prev ? T.c2m1 : T.c2p1, w.cls >>> 22));
  if (w.cls & 0xffff) for (let b = 0; b < 16; b++) if (w.cls & (1 << b)) out.push(combine(prev ? T.clsm1 : T.clsp1, b));
  if (FEATURE_FLAGS.glove) {
    const g = gloveOf(w.fold);
    if (g) out.push(combine(prev ? T.g2m1 : T.g2p1, (g >>> 6) & 511));
  }
}

/** The word type of token `i` of a sentence, as `neighbourHashes` reads it (null outside the sentence). */
function tokenType(s: SentenceInfo, i: number): { fold: number; exact: number; cap: number; cls: number } | null {
  if (i < 0 || i >= s.tokens.length) return null;
  return { fold: s.fold[i]!, exact: s.exact[i]!, cap: s.cap[i]!, cls: s.cls[i]! };
}

/** Feature templates of one name list: its type bits, each bit, each bit by capitalization, the neighbours' bits. */
interface NameListTemplates { all: number; bit: number; bitCap: number; prev: number; next: number }
const GZ_TEMPLATES: NameListTemplates = { all: T.gz, bit: T.gzBit, bitCap: T.gzBitCap, prev: T.gzm1, next: T.gzp1 };
const GX_TEMPLATES: NameListTemplates = { all: T.gx, bit: T.gxBit, bitCap: T.gxBitCap, prev: T.gxm1, next: T.gxp1 };
const GG_TEMPLATES: NameListTemplates = { all: T.gg, bit: T.ggBit, bitCap: T.ggBitCap, prev: T.ggm1, next: T.ggp1 };

/** Pushes the features of a name list's type bits at token `i` (`cap`: the token's capitalization code). */
function pushNameListFeatures(out: number[], list: ArrayLike<number>, i: number, n: number, cap: number, t: NameListTemplates): void {
  const bits = list[i]!;
  if (bits) {
    out.push(combine(t.all, bits));
    for (let b = 0; b < 8; b++) if (bits & (1 << b)) out.push(combine(t.bit, b), combine(combine(t.bitCap, b), cap));
  }
  if (i > 0 && list[i - 1]) out.push(combine(t.prev, list[i - 1]!));
  if (i + 1 < n && list[i + 1]) out.push(combine(t.next, list[i + 1]!));
}

/**
 * Static feature hashes of token `i` of a sentence, appended to `out`: the word, its shape, affixes,
 * neighbours, capitalized runs, casing facts of the document. Does not depend on predicted tags. With
 * `cached` true the features of word types are left out — `wordHashes` of the token, the
 * `neighbourHashes` of its four neighbours — and so are the context-aggregation features (the tagger
 * adds their weights from caches). With `context` false the bias, the features of the token's shape with
 * its neighbours' shapes (not with their words) and the name-list features are left out too (the tagger adds them from
 * `shapeContextHashes` and `nameListHashes`, cached by the few numbers each depends on).
 */
export function staticHashes(s: SentenceInfo, i: number, doc: DocumentInfo, out: number[], cached = false, context = true): void {
  const n = s.tokens.length;
  const f = s.fold[i]!;
  const sh = s.shape[i]!;
  const prev = i > 0 ? s.fold[i - 1]! : BOS;
  const next = i + 1 < n ? s.fold[i + 1]! : EOS;
  const psh = i > 0 ? s.shape[i - 1]! : BOS;
  const nsh = i + 1 < n ? s.shape[i + 1]! : EOS;
  if (!cached) {
    wordHashes(s.tokens[i]!, out, s.cls[i]!);
    neighbourHashes(PREV, tokenType(s, i - 1), out);
    neighbourHashes(NEXT, tokenType(s, i + 1), out);
    neighbourHashes(PREV2, tokenType(s, i - 2), out);
    neighbourHashes(NEXT2, tokenType(s, i + 2), out);
  }
  if (context) {
    out.push(
      T.bias,
      combine(combine(T.w1w, prev), f),
      combine(combine(T.ww1, f), next),
      combine(combine(T.shm1, psh), sh),
      combine(combine(T.shp1, sh), nsh),
      combine(combine(combine(T.sh3, psh), sh), nsh),
      combine(combine(T.wm1sh, prev), sh),
      combine(combine(T.shwp1, sh), next),
    );
  } else {
    out.push(combine(combine(T.w1w, prev), f), combine(combine(T.ww1, f), next), combine(combine(T.wm1sh, prev), sh), combine(combine(T.shwp1, sh), next));
  }
  if (i === 0) out.push(combine(T.first, sh));
  if (s.allCaps) out.push(T.caps, combine(T.capsw, f));
  if (s.table) tableHashes(s, i, out);
  const run = s.capRun[i]!;
  if (run) out.push(combine(T.capSeq, run), combine(combine(T.capSeqSh, run), sh));
  if (context) pushNameListFeatures(out, s.names, i, n, s.cap[i]! + 2 * (s.allCaps ? 1 : 0), GZ_TEMPLATES);
  if (FEATURE_FLAGS.run && s.runPos[i]) {
    out.push(combine(T.runL, s.runLast[i]!), combine(combine(T.runLpos, s.runLast[i]!), s.runPos[i]!));
    if (s.runPos[i] !== 1) out.push(combine(T.runF, s.runFirst[i]!));
    if (FEATURE_FLAGS.runCls) {
      // the word classes of the run's head (last word) and first word: "… Records" (organization word), "… County" (place word)
      let last = i;
      while (s.runPos[last] !== 3) last++;
      let first = i;
      while (s.runPos[first] !== 1) first--;
      const lc = s.cls[last]!;
      for (let b = 0; b < 16; b++) if (lc & (1 << b)) out.push(combine(combine(T.runLcls, b), s.runPos[i]!));
      if (lc >>> 16) out.push(combine(combine(T.runLc1, (lc >>> 16) & 63), s.runPos[i]!));
      const fc = s.cls[first]! & 0xffff;
      if (i !== first) for (let b = 0; b < 16; b++) if (fc & (1 << b)) out.push(combine(T.runFcls, b));
    }
    const pre = s.runPre[i]!;
    if (pre) {
      // the word before the run's first connector heads "Legislative Assembly of Ontario", "Carnegie Institution of Washington"
      const pc = s.cls[pre - 1]!;
      out.push(combine(combine(T.runPre, s.fold[pre - 1]!), s.runPos[i]!));
      for (let b = 0; b < 16; b++) if (pc & (1 << b)) out.push(combine(T.runPreCls, b));
    }
    if (FEATURE_FLAGS.glove) {
      // the GloVe class of the run's head: "… Squadron", "… FM" typed by words the training never showed as heads
      const g = gloveOf(s.runLast[i]!);
      if (g) out.push(combine(combine(T.runLg2, (g >>> 6) & 511), s.runPos[i]!));
    }
    const hd = s.head[i]!;
    if (hd) {
      // the types of training names with the same last word ("… FM", "… Division", "… Award")
      out.push(combine(combine(T.hd, hd), s.runPos[i]!));
      for (let b = 0; b < 4; b++) if (hd & (1 << b)) out.push(combine(combine(T.hdBit, b), s.runPos[i]!));
    }
  }
  if (context) {
    pushNameListFeatures(out, s.ext, i, n, s.cap[i]! + 2 * (s.allCaps ? 1 : 0), GX_TEMPLATES);
    pushNameListFeatures(out, s.geo, i, n, s.cap[i]! + 2 * (s.allCaps ? 1 : 0), GG_TEMPLATES);
  }
  if (!cached && s.cap[i] && FEATURE_FLAGS.agg && doc.agg) {
    const c = doc.agg.get(f);
    if (c) aggHashes(c, out);
  }
  if (s.cap[i]) {
    if (doc.capMid.has(f)) out.push(T.capMid);
    if (doc.lower.has(f)) out.push(T.alsoLower);
    if (i === 0 && !doc.capMid.has(f)) out.push(T.capOnlyInitial);
  }
}

/**
 * The context features of `staticHashes` that depend only on the shapes of a token (`sh`) and of the
 * tokens before and after it (`psh`, `nsh`; `BOS` / `EOS` at the sentence's ends), with the bias.
 */
export function shapeContextHashes(psh: number, sh: number, nsh: number, out: number[]): void {
  out.push(T.bias, combine(combine(T.shm1, psh), sh), combine(combine(T.shp1, sh), nsh), combine(combine(combine(T.sh3, psh), sh), nsh));
}

/**
 * The name-list features of `staticHashes` at token `i` (the three lists' marks of the token and of its
 * neighbours, with the token's capitalization): they depend on those marks and that code only.
 */
export function nameListHashes(s: SentenceInfo, i: number, out: number[]): void {
  const n = s.tokens.length;
  const cap = s.cap[i]! + 2 * (s.allCaps ? 1 : 0);
  pushNameListFeatures(out, s.names, i, n, cap, GZ_TEMPLATES);
  pushNameListFeatures(out, s.ext, i, n, cap, GX_TEMPLATES);
  pushNameListFeatures(out, s.geo, i, n, cap, GG_TEMPLATES);
}

/** The marks of a name list at token `i` and at the tokens before and after it, in one number (bits 0–7, 8–15, 16–23; 0 beyond the sentence). */
export function packedMarks(list: Uint8Array, i: number, n: number): number {
  return list[i]! | ((i > 0 ? list[i - 1]! : 0) << 8) | ((i + 1 < n ? list[i + 1]! : 0) << 16);
}
