import type { Span } from '../../core/types.ts';
import { addFeature, featureName, type NamedFeatures } from '../../models/features.ts';
import { tokenRange, type RhetoricDoc } from './doc.ts';
import { emitEmbeddingFeatures, type WordVectors } from './embeddings.ts';
import type { LexiconLookup } from './lexicon.ts';
import { markLexicons, type LexiconMarks } from './word-lexicons.ts';

/** Coarse shape of a token: `X` all caps, `Xx` capitalized, `x` lower, `d` number, `p` punctuation. */
export function tokenShape(text: string): string {
  const c = text.charCodeAt(0);
  // Fast paths for ASCII; the regexes below handle the rest of Unicode.
  if (c >= 48 && c <= 57) return 'd';
  if (c < 128 && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return text === '!' || text === '?' || text === '"' || text === "'" ? text : 'p';
  if (c >= 97 && c <= 122) return 'x';
  if (/^\p{N}/u.test(text)) return 'd';
  if (!/\p{L}/u.test(text)) return text === '!' || text === '?' || text === '"' || text === "'" ? text : 'p';
  if (text.length > 1 && text === text.toUpperCase()) return 'X';
  if (text[0] === text[0]!.toUpperCase()) return 'Xx';
  return 'x';
}

const BUCKET_NAMES = new Map<number, string>();
// Bucket names are interned so that hot loops do not build (and hash) new strings.
/** The name of the bucket of `n` under ascending `edges`: `<=e` for the first edge e ≥ n, else `>last` (interned). */
export function bucket(n: number, edges: readonly number[]): string {
  for (const e of edges) if (n <= e) return intern(e, '<=');
  return intern(edges[edges.length - 1]!, '>');
}
function intern(e: number, op: '<=' | '>'): string {
  const key = op === '<=' ? e : -e - 1;
  let name = BUCKET_NAMES.get(key);
  if (name === undefined) BUCKET_NAMES.set(key, (name = `${op}${e}`));
  return name;
}

/**
 * The word-at-offset features of a token: `[prefix, offset]`; the word is `<s>` / `</s>` outside
 * the sentence. Kept apart so that inference can look them up once per distinct word.
 */
export const POSITION_TEMPLATES: ReadonlyArray<readonly [string, number]> = [['w', 0], ['w-1', -1], ['w+1', 1], ['w-2', -2], ['w+2', 2]];

/** Quote tokens (norms) that open or close a quotation for the `inq` token feature. */
export const QUOTE = new Set(['"', "'"]);

/** Feature prefixes of the words left and right of a span (index = distance), built once. */
const LEFT_NAMES = ['l0', 'l1', 'l2'];
const RIGHT_NAMES = ['r0', 'r1', 'r2'];

/** Two token shapes joined (`sh3` features), interned so that hot loops do not build new strings. */
const SHAPE_PAIRS = new Map<string, Map<string, string>>();
/** Two token shapes joined, the value of an `sh3` feature (interned). */
export function shapePair(x: string, y: string): string {
  let m = SHAPE_PAIRS.get(x);
  if (!m) SHAPE_PAIRS.set(x, (m = new Map()));
  let joined = m.get(y);
  if (joined === undefined) m.set(y, (joined = x + y));
  return joined;
}

/** Per-sentence facts used by the token features (computed once per sentence). */
export interface SentenceFacts {
  bang: boolean;
  question: boolean;
  quote: boolean;
  length: string;
}

/** The facts of sentence `si` the token features read (see `SentenceFacts`). */
export function sentenceFacts(doc: RhetoricDoc, si: number): SentenceFacts {
  const a = doc.sentenceTokenStart[si]!;
  const b = doc.sentenceTokenStart[si + 1]!;
  let bang = false;
  let question = false;
  let quote = false;
  for (let i = a; i < b; i++) {
    const n = doc.tokens[i]!.norm;
    if (n === '!') bang = true;
    else if (n === '?') question = true;
    else if (QUOTE.has(n)) quote = true;
  }
  return { bang, question, quote, length: bucket(b - a, [5, 10, 20, 35, 60]) };
}

/**
 * Receives one feature of one token: `(token index, value, prefix, a?, b?)`; the feature's name is
 * `featureName(prefix, a, b)`.
 */
export type EmitTokenFeature = (token: number, value: number, prefix: string, a?: string, b?: string) => void;

/**
 * Features of every token of a document for span identification (is this token inside a
 * propaganda span?): the word and its neighbours, shapes, repetition in the article, quoting,
 * facts about its sentence and, when given, the sentence model's probability for its sentence.
 * Calls `emit` for each (no allocation per token, for speed); with `positionWords` false the
 * `POSITION_TEMPLATES` and `suf` (last three letters of words over four) features are left to the caller,
 * and the features shared by a sentence's tokens are emitted once with token index `-1 - sentence`.
 * With `bigrams` false the `b-` / `b+` word-bigram features (the first two of each token) are left
 * to the caller too. With `wordLexicons` the word-list features of `emitTokenLexiconFeatures` follow.
 */
export function emitTokenFeatures(doc: RhetoricDoc, emit: EmitTokenFeature, sentenceProbs?: Float64Array, positionWords = true, bigrams = true, wordLexicons = false): void {
  const toks = doc.tokens;
  const n = toks.length;
  const shapes = toks.map((t) => tokenShape(t.text));
  let facts: SentenceFacts | null = null;
  let factsOf = -1;
  let inQuote = false;
  let sentFeats: string[] = [];
  for (let i = 0; i < n; i++) {
    const si = doc.tokenSentence[i]!;
    if (si !== factsOf) {
      facts = sentenceFacts(doc, si);
      factsOf = si;
      inQuote = false;
      sentFeats = [`slen=${facts.length}`];
      if (facts.bang) sentFeats.push('s!');
      if (facts.question) sentFeats.push('s?');
      if (facts.quote) sentFeats.push('sq');
      if (si === 0) sentFeats.push('title');
      if (sentenceProbs) {
        const sp = sentenceProbs[si]!;
        sentFeats.push(`sp=${Math.min(9, Math.floor(sp * 10))}`);
      }
      if (!positionWords) {
        // Inference: features shared by every token of the sentence are emitted once, for the
        // sentence (token index -1 - sentence index).
        emit(-1 - si, 1, 'bias');
        for (const sf of sentFeats) emit(-1 - si, 1, sf);
        if (sentenceProbs) emit(-1 - si, splogit(sentenceProbs[si]!), 'splogit');
      }
    }
    const a = doc.sentenceTokenStart[si]!;
    const b = doc.sentenceTokenStart[si + 1]!;
    const w0 = toks[i]!.norm;
    if (positionWords) {
      emit(i, 1, 'bias');
      for (const [prefix, k] of POSITION_TEMPLATES) emit(i, 1, prefix, i + k < a ? '<s>' : i + k >= b ? '</s>' : toks[i + k]!.norm);
    }
    if (bigrams) {
      emit(i, 1, 'b-', i - 1 >= a ? toks[i - 1]!.norm : '<s>', w0);
      emit(i, 1, 'b+', w0, i + 1 < b ? toks[i + 1]!.norm : '</s>');
    }
    const sh = shapes[i]!;
    emit(i, 1, 'sh', sh);
    emit(i, 1, 'sh3', i > a ? shapes[i - 1]! : '<s>', i + 1 < b ? shapePair(sh, shapes[i + 1]!) : sh);
    if (positionWords && w0.length > 4) emit(i, 1, 'suf', w0.slice(-3));
    if (w0.length >= 4 && sh !== 'd' && sh !== 'p') emit(i, 1, 'rep', bucket(doc.normCounts.get(w0) ?? 1, [1, 2, 4]));
    if (QUOTE.has(w0)) inQuote = !inQuote;
    else if (inQuote) emit(i, 1, 'inq');
    const pos = (i - a) / Math.max(1, b - a);
    emit(i, 1, 'pos', i === a ? 'first' : i === b - 1 ? 'last' : pos < 0.33 ? 'early' : pos < 0.66 ? 'mid' : 'late');
    if (positionWords) {
      for (const sf of sentFeats) emit(i, 1, sf);
      if (sentenceProbs) emit(i, splogit(sentenceProbs[si]!), 'splogit');
    }
  }
  if (wordLexicons) emitTokenLexiconFeatures(doc, emit, !positionWords);
}

/** A document's word-list marks plus, per sentence, how many of its tokens have a strong valence (|v| ≥ 3). */
export interface TokenLexiconMarks extends LexiconMarks {
  strongBySentence: Uint16Array;
}

const lexiconMarkCache = new WeakMap<RhetoricDoc, TokenLexiconMarks>();
/** The word-list marks (`markLexicons`: AFINN valence, hedge, weasel) of every token of a document, cached per document. */
export function tokenLexiconMarks(doc: RhetoricDoc): TokenLexiconMarks {
  let m = lexiconMarkCache.get(doc);
  if (!m) {
    const marks = markLexicons(doc.tokens.map((t) => t.norm));
    const strongBySentence = new Uint16Array(doc.sentences.length);
    for (let s = 0; s < doc.sentences.length; s++) {
      for (let i = doc.sentenceTokenStart[s]!; i < doc.sentenceTokenStart[s + 1]!; i++) if (marks.valence[i]! >= 3 || marks.valence[i]! <= -3) strongBySentence[s]!++;
    }
    lexiconMarkCache.set(doc, (m = { ...marks, strongBySentence }));
  }
  return m;
}

const VALENCE_BINS = ['v-3', 'v-3', 'v-3', 'v-1', 'v-1', '', 'v+1', 'v+1', 'v+3', 'v+3', 'v+3'];
const NEIGHBOUR_BINS = ['0', '1', '2'];
const STRONG_BINS = ['0', '1', '2', '3+'];

/**
 * Word-list features of every token for the token model (`word-lexicons.ts`): the token's AFINN
 * valence bin (`lv`: −5…−3, −2…−1, +1…+2, +3…+5) and `lv3` when |valence| ≥ 3, the count of
 * valenced words among its ±2 neighbours in the sentence (`lvn`, 0 / 1 / 2+), hedge (`lh`) and
 * weasel (`lw`) words, and per sentence the count of strong-valence words (`lvs`, 0 / 1 / 2 / 3+;
 * emitted once per sentence with token index `-1 - sentence` when `perSentence`, else per token).
 */
export function emitTokenLexiconFeatures(doc: RhetoricDoc, emit: EmitTokenFeature, perSentence = false): void {
  const { valence, hedge, weasel, strongBySentence } = tokenLexiconMarks(doc);
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    const sb = STRONG_BINS[Math.min(3, strongBySentence[s]!)]!;
    if (perSentence) emit(-1 - s, 1, 'lvs', sb);
    for (let i = a; i < b; i++) {
      const v = valence[i]!;
      if (v !== 0) {
        emit(i, 1, 'lv', VALENCE_BINS[v + 5]);
        if (v >= 3 || v <= -3) emit(i, 1, 'lv3');
      }
      let near = 0;
      for (let j = Math.max(a, i - 2); j <= Math.min(b - 1, i + 2); j++) if (j !== i && valence[j] !== 0) near++;
      emit(i, 1, 'lvn', NEIGHBOUR_BINS[Math.min(2, near)]);
      if (hedge[i]) emit(i, 1, 'lh');
      if (weasel[i]) emit(i, 1, 'lw');
      if (!perSentence) emit(i, 1, 'lvs', sb);
    }
  }
}

/** The sentence probability as a clipped log-odds, the value of the `splogit` token feature. */
export function splogit(p: number): number {
  const sp = Math.min(0.999, Math.max(0.001, p));
  return Math.log(sp / (1 - sp));
}

/** Features of every token as one map per token (for training); see `emitTokenFeatures`. */
export function tokenFeatures(doc: RhetoricDoc, sentenceProbs?: Float64Array, wordLexicons = false): NamedFeatures[] {
  const out: NamedFeatures[] = doc.tokens.map(() => new Map());
  emitTokenFeatures(doc, (i, value, prefix, x, y) => addFeature(out[i]!, featureName(prefix, x, y), value), sentenceProbs, true, true, wordLexicons);
  return out;
}

/**
 * Features of one sentence for the sentence model (does it hold propaganda?): its words and
 * bigrams (scaled by length), punctuation, quotes, length, position in the article and the
 * repetition of its content words.
 */
export function emitSentenceFeatures(doc: RhetoricDoc, si: number, emit: EmitFeature): void {
  const a = doc.sentenceTokenStart[si]!;
  const b = doc.sentenceTokenStart[si + 1]!;
  emit(1, 'bias');
  const v = sentenceWordValue(doc, si);
  for (let i = a; i < b; i++) {
    const w = doc.tokens[i]!.norm;
    emit(v, 'w', w);
    if (i + 1 < b) emit(v, 'b', w, doc.tokens[i + 1]!.norm);
  }
  emitSentenceShapeFeatures(doc, si, emit);
}

/** The value of each word (`w`) and bigram (`b`) feature of a sentence: 1 / sqrt(length / 4). */
export function sentenceWordValue(doc: RhetoricDoc, si: number): number {
  return 1 / Math.sqrt(Math.max(1, doc.sentenceTokenStart[si + 1]! - doc.sentenceTokenStart[si]!) / 4);
}

/**
 * The sentence-model features that follow the words and bigrams (see `emitSentenceFeatures`):
 * length, punctuation, quotes, repetition of content words and position in the article.
 */
export function emitSentenceShapeFeatures(doc: RhetoricDoc, si: number, emit: EmitFeature): void {
  const a = doc.sentenceTokenStart[si]!;
  const b = doc.sentenceTokenStart[si + 1]!;
  let rep = 0;
  for (let i = a; i < b; i++) {
    const w = doc.tokens[i]!.norm;
    if (w.length >= 5 && (doc.normCounts.get(w) ?? 0) >= 3) rep++;
  }
  const facts = sentenceFacts(doc, si);
  emit(1, 'len', facts.length);
  if (facts.bang) emit(1, '!');
  if (facts.question) emit(1, '?');
  if (facts.quote) emit(1, 'quote');
  emit(1, 'rep', bucket(rep, [0, 1, 2, 4]));
  emit(1, 'at', si === 0 ? 'title' : si <= 3 ? 'lead' : si >= doc.sentences.length - 3 ? 'end' : 'mid');
}

/** The value of each `s` feature of a span (a word of its sentence outside the span). */
export const SENTENCE_WORD_VALUE = 0.25;

/** The value of each character 4-gram (`c4`) of a span, relative to its words' value (`spanWordValue`). */
export const CHAR_GRAM_VALUE = 0.25;

/** The value of a span's word, stem and bigram features (its 4-grams get `CHAR_GRAM_VALUE` times it): 1 up to 4 words, then 2 / sqrt(length). */
export function spanWordValue(words: number): number {
  return Math.min(1, 2 / Math.sqrt(Math.max(1, words)));
}

/**
 * Features of a span for technique classification: its words, bigrams and character 4-grams, edges and context,
 * length, repetition of the span and its words in the article, punctuation, capitals and the
 * words of its sentence; with `vectors`, pooled word embeddings of the span and its sentence
 * (`emitEmbeddingFeatures`). With `bag` false the "bag" features (`w`, `st`, `b`, `c4` of the span
 * and `s` of the rest of its sentence) are left to the caller (`addSpanBagScores` adds them fast).
 */
export function emitSpanFeatures(doc: RhetoricDoc, span: Span, emit: EmitFeature, peers: readonly Span[] = [], lexicon?: LexiconLookup, vectors?: WordVectors, bag = true): void {
  const [a, b] = tokenRange(doc, span);
  const toks = doc.tokens;
  const words = toks.slice(a, b).map((t) => t.norm);
  emit(1, 'bias');
  // Long spans have many words; scale them so that a span's word mass stays comparable.
  const wv = spanWordValue(words.length);
  if (bag) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      emit(wv, 'w', w);
      if (w.length >= 6) emit(wv, 'st', w.slice(0, 5));
      if (i + 1 < words.length) emit(wv, 'b', w, words[i + 1]);
    }
    // Character 4-grams of the whole span (spelling variants, affixes, quotes), scaled like the words:
    // 59.6 → 61.0 micro-F1 in 5-fold cross-validation on train against 4-grams of spans of ≤ 3 words only.
    const chars = ` ${words.join(' ')} `;
    const cv = CHAR_GRAM_VALUE * wv;
    for (let i = 0; i + 4 <= chars.length; i++) emit(cv, 'c4', chars.slice(i, i + 4));
  }
  if (words.length) {
    emit(1, 'first', words[0]);
    emit(1, 'last', words[words.length - 1]);
  }
  const si = a < toks.length ? doc.tokenSentence[a]! : 0;
  const sa = doc.sentenceTokenStart[si] ?? 0;
  const sb = doc.sentenceTokenStart[si + 1] ?? toks.length;
  for (let k = 1; k <= 2; k++) {
    emit(1, LEFT_NAMES[k]!, a - k >= sa ? toks[a - k]!.norm : '<s>');
    emit(1, RIGHT_NAMES[k]!, b - 1 + k < sb ? toks[b - 1 + k]!.norm : '</s>');
  }
  emit(1, 'len', bucket(words.length, [1, 2, 3, 5, 8, 15, 30]));
  emit(1, 'cover', bucket(Math.round((10 * words.length) / Math.max(1, sb - sa)), [2, 5, 8, 9]));
  // Repetition: how often the span's exact word sequence occurs in the article.
  const occ = occurrences(doc, words);
  const rep = Math.max(1, occ.count);
  emit(1, 'rep', bucket(rep, [1, 2, 3]));
  if (rep > 1) emit(1, 'repfirst', occ.count === 0 || occ.first >= a ? 'y' : 'n');
  // Repetition of meaning, not only of wording: how many of the span's content stems ("lied",
  // "lie" → "lie") occur elsewhere in the article.
  const stems = stemCounts(doc);
  let repeated = 0;
  let content = 0;
  let maxStem = 0;
  for (const w of words) {
    if (w.length < 4 || !/\p{L}/u.test(w)) continue;
    content++;
    const c = stems.get(stem(w)) ?? 0;
    if (c >= 2) repeated++;
    maxStem = Math.max(maxStem, c);
  }
  if (content) emit(1, 'stemrep', bucket(Math.round((4 * repeated) / content), [0, 1, 2, 3]));
  emit(1, 'maxstem', bucket(maxStem, [1, 2, 3, 5, 8]));
  if (words.length) {
    emit(1, 'lsuf', words[words.length - 1]!.slice(-3));
    emit(1, 'fsuf', words[0]!.slice(-3));
  }
  let maxCount = 0;
  for (const w of words) if (w.length >= 4) maxCount = Math.max(maxCount, doc.normCounts.get(w) ?? 0);
  emit(1, 'maxw', bucket(maxCount, [1, 2, 3, 5]));
  let caps = 0;
  for (let i = a; i < b; i++) {
    const sh = tokenShape(toks[i]!.text);
    if (sh === 'Xx' || sh === 'X') caps++;
    if (sh === '!' || sh === '?' || sh === '"') emit(1, 'has', sh);
    if (sh === 'X') emit(1, 'allcaps');
  }
  if (words.length) emit(1, 'caps', bucket(Math.round((4 * caps) / words.length), [0, 1, 2, 3]));
  const before = a > sa ? toks[a - 1]!.norm : '';
  const after = b < sb ? toks[b]!.norm : '';
  if (before === '"' || after === '"') emit(1, 'quoted');
  if (bag) for (let i = sa; i < sb; i++) if (i < a || i >= b) emit(SENTENCE_WORD_VALUE, 's', toks[i]!.norm);
  if (lexicon) emitLexiconFeatures(lexiconHits(doc, lexicon), a, b, sa, sb, emit);
  if (vectors) emitEmbeddingFeatures(doc, vectors, a, b, si, emit);
  if (si === 0) emit(1, 'title');
  if (a === sa) emit(1, 'starts-sentence');
  if (b >= sb - 1) emit(1, 'ends-sentence');
  // Other spans flagged in the same article (the given spans in task TC, the found ones
  // otherwise): the same wording flagged again is the mark of Repetition; the same span listed
  // twice carries two techniques.
  if (peers.length) {
    const own = words.join(' ');
    let same = 0;
    let dup = 0;
    let inside = 0;
    const texts = peerTexts(doc, peers);
    for (let k = 0; k < peers.length; k++) {
      const p = peers[k]!;
      if (p.start === span.start && p.end === span.end) {
        dup++;
        continue;
      }
      const other = texts[k]!;
      if (other === own) same++;
      else if (own.length >= 4 && (other.includes(own) || own.includes(other))) inside++;
    }
    emit(1, 'peer-same', bucket(same, [0, 1, 2]));
    emit(1, 'peer-inside', bucket(inside, [0, 1, 2]));
    emit(1, 'peer-dup', bucket(dup, [1, 2]));
  }
}

const lexiconHitCache = new WeakMap<RhetoricDoc, { lexicon: LexiconLookup; hits: Array<readonly string[] | undefined> }>();

/** The lexicon's techniques for each token of a document (looked up once per distinct word, cached per document). */
function lexiconHits(doc: RhetoricDoc, lexicon: LexiconLookup): ReadonlyArray<readonly string[] | undefined> {
  const c = lexiconHitCache.get(doc);
  if (c && c.lexicon === lexicon) return c.hits;
  const hits = new Array<readonly string[] | undefined>(doc.tokens.length).fill(undefined);
  doc.positions.forEach((at, norm) => {
    const ts = lexicon.get(norm);
    if (ts) for (let j = 0; j < at.length; j++) hits[at[j]!] = ts;
  });
  lexiconHitCache.set(doc, { lexicon, hits });
  return hits;
}

/**
 * Per-technique lexicon hits: `lex <technique> <count bucket>` for the span's tokens `[a, b)` and
 * `lexs <technique>` when the rest of its sentence `[sa, sb)` holds a marker word of the technique.
 */
function emitLexiconFeatures(hits: ReadonlyArray<readonly string[] | undefined>, a: number, b: number, sa: number, sb: number, emit: EmitFeature): void {
  const inSpan = new Map<string, number>();
  const inSentence = new Set<string>();
  for (let i = sa; i < sb; i++) {
    const ts = hits[i];
    if (!ts) continue;
    for (const t of ts) {
      if (i >= a && i < b) inSpan.set(t, (inSpan.get(t) ?? 0) + 1);
      else inSentence.add(t);
    }
  }
  for (const [t, c] of inSpan) emit(1, 'lex', t, bucket(c, [1, 2, 3]));
  for (const t of inSentence) emit(1, 'lexs', t);
}

/** Receives one feature: `(value, prefix, a?, b?)`; its name is `featureName(prefix, a, b)`. */
export type EmitFeature = (value: number, prefix: string, a?: string, b?: string) => void;

/** Collects emitted features into a map (values of repeated features add up). */
export function collectFeatures(run: (emit: EmitFeature) => void): NamedFeatures {
  const f: NamedFeatures = new Map();
  run((value, prefix, a, b) => addFeature(f, featureName(prefix, a, b), value));
  return f;
}

const peerCache = new WeakMap<readonly Span[], { doc: RhetoricDoc; texts: string[] }>();
/** The normalized wording of each peer span, computed once per peer list. */
function peerTexts(doc: RhetoricDoc, peers: readonly Span[]): string[] {
  const hit = peerCache.get(peers);
  if (hit && hit.doc === doc) return hit.texts;
  const texts = peers.map((p) => {
    const [pa, pb] = tokenRange(doc, p);
    return doc.tokens.slice(pa, pb).map((t) => t.norm).join(' ');
  });
  peerCache.set(peers, { doc, texts });
  return texts;
}

/** Sentence-model features as a map; see `emitSentenceFeatures`. */
export function sentenceFeatures(doc: RhetoricDoc, si: number): NamedFeatures {
  return collectFeatures((emit) => emitSentenceFeatures(doc, si, emit));
}

/** Technique-classification features of a span as a map; see `emitSpanFeatures`. */
export function spanFeatures(doc: RhetoricDoc, span: Span, peers: readonly Span[] = [], lexicon?: LexiconLookup, vectors?: WordVectors): NamedFeatures {
  return collectFeatures((emit) => emitSpanFeatures(doc, span, emit, peers, lexicon, vectors));
}

/** A crude stem: the first 4 letters of a word (enough to join "lie", "lied", "lies", "lying"→"lyin" aside). */
function stem(w: string): string {
  return w.slice(0, 4);
}

const stemCache = new WeakMap<RhetoricDoc, Map<string, number>>();

/** Counts of content-word stems (words of 4+ chars) in a document, cached per document. */
function stemCounts(doc: RhetoricDoc): Map<string, number> {
  let m = stemCache.get(doc);
  if (!m) {
    m = new Map();
    // Per distinct word (the same counts as token by token).
    const counts = m;
    doc.positions.forEach((at, norm) => {
      if (norm.length < 4) return;
      const st = stem(norm);
      counts.set(st, (counts.get(st) ?? 0) + at.length);
    });
    stemCache.set(doc, m);
  }
  return m;
}

/** How often the word sequence occurs in the document, and where first (token index; -1 if never). */
function occurrences(doc: RhetoricDoc, words: readonly string[]): { count: number; first: number } {
  let count = 0;
  let first = -1;
  if (!words.length) return { count, first };
  const toks = doc.tokens;
  const n = words.length;
  for (const i of doc.positions.get(words[0]!) ?? []) {
    if (i + n > toks.length) break;
    let j = 1;
    while (j < n && toks[i + j]!.norm === words[j]) j++;
    if (j < n) continue;
    if (count++ === 0) first = i;
  }
  return { count, first };
}

const DECILES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
function decile(p: number): string {
  return DECILES[Math.min(9, Math.max(0, Math.floor(p * 10)))]!;
}

/**
 * Second-pass (stacked) features of every token: the first pass's probability for it and its
 * neighbours, the window's max and mean, and its sentence's probability, so that the second
 * model learns how inside-span probability spreads over a phrase.
 */
export function emitStackFeatures(doc: RhetoricDoc, probs: Float64Array, sentenceProbs: Float64Array, emit: EmitTokenFeature): void {
  for (let s = 0; s < doc.sentences.length; s++) {
    const a = doc.sentenceTokenStart[s]!;
    const b = doc.sentenceTokenStart[s + 1]!;
    let smax = 0;
    for (let i = a; i < b; i++) smax = Math.max(smax, probs[i]!);
    const sp = decile(sentenceProbs[s]!);
    const sm = decile(smax);
    for (let i = a; i < b; i++) {
      const p = probs[i]!;
      emit(i, 1, 'bias');
      emit(i, Math.log(Math.max(1e-4, p) / Math.max(1e-4, 1 - p)), 'lg');
      emit(i, 1, 'p0', decile(p));
      emit(i, 1, 'p-1', i - 1 >= a ? decile(probs[i - 1]!) : '<s>');
      emit(i, 1, 'p+1', i + 1 < b ? decile(probs[i + 1]!) : '</s>');
      emit(i, 1, 'p-2', i - 2 >= a ? decile(probs[i - 2]!) : '<s>');
      emit(i, 1, 'p+2', i + 2 < b ? decile(probs[i + 2]!) : '</s>');
      let wmax = 0;
      let wsum = 0;
      let n = 0;
      for (let j = Math.max(a, i - 3); j < Math.min(b, i + 4); j++) {
        wmax = Math.max(wmax, probs[j]!);
        wsum += probs[j]!;
        n++;
      }
      emit(i, 1, 'wmax', decile(wmax));
      emit(i, 1, 'wmean', decile(wsum / n));
      emit(i, 1, 'smax', sm);
      emit(i, 1, 'sp', sp);
      emit(i, 1, 'p0|smax', decile(p), sm);
    }
  }
}
