import type { Span } from '../../core/types.ts';
import { addFeature, featureName, type NamedFeatures } from '../../models/features.ts';
import { tokenRange, type RhetoricDoc } from './doc.ts';

/** Coarse shape of a token: `X` all caps, `Xx` capitalized, `x` lower, `d` number, `p` punctuation. */
export function tokenShape(text: string): string {
  if (/^\p{N}/u.test(text)) return 'd';
  if (!/\p{L}/u.test(text)) return text === '!' || text === '?' || text === '"' || text === "'" ? text : 'p';
  if (text.length > 1 && text === text.toUpperCase()) return 'X';
  if (text[0] === text[0]!.toUpperCase()) return 'Xx';
  return 'x';
}

function bucket(n: number, edges: readonly number[]): string {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
}

const QUOTE = new Set(['"', "'"]);

/** Per-sentence facts used by the token features (computed once per sentence). */
interface SentenceFacts {
  bang: boolean;
  question: boolean;
  quote: boolean;
  length: string;
}

function sentenceFacts(doc: RhetoricDoc, si: number): SentenceFacts {
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
 * and facts about its sentence. Calls `emit` for each (no allocation per token, for speed).
 */
export function emitTokenFeatures(doc: RhetoricDoc, emit: EmitTokenFeature): void {
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
    }
    const a = doc.sentenceTokenStart[si]!;
    const b = doc.sentenceTokenStart[si + 1]!;
    const w0 = toks[i]!.norm;
    const wm1 = i - 1 >= a ? toks[i - 1]!.norm : '<s>';
    const wp1 = i + 1 < b ? toks[i + 1]!.norm : '</s>';
    emit(i, 1, 'bias');
    emit(i, 1, 'w', w0);
    emit(i, 1, 'w-1', wm1);
    emit(i, 1, 'w+1', wp1);
    emit(i, 1, 'w-2', i - 2 >= a ? toks[i - 2]!.norm : '<s>');
    emit(i, 1, 'w+2', i + 2 < b ? toks[i + 2]!.norm : '</s>');
    emit(i, 1, 'b-', wm1, w0);
    emit(i, 1, 'b+', w0, wp1);
    const sh = shapes[i]!;
    emit(i, 1, 'sh', sh);
    emit(i, 1, 'sh3', i > a ? shapes[i - 1]! : '<s>', i + 1 < b ? sh + shapes[i + 1]! : sh);
    if (w0.length > 4) emit(i, 1, 'suf', w0.slice(-3));
    if (w0.length >= 4 && sh !== 'd' && sh !== 'p') emit(i, 1, 'rep', bucket(doc.normCounts.get(w0) ?? 1, [1, 2, 4]));
    if (QUOTE.has(w0)) inQuote = !inQuote;
    else if (inQuote) emit(i, 1, 'inq');
    const pos = (i - a) / Math.max(1, b - a);
    emit(i, 1, 'pos', i === a ? 'first' : i === b - 1 ? 'last' : pos < 0.33 ? 'early' : pos < 0.66 ? 'mid' : 'late');
    for (const sf of sentFeats) emit(i, 1, sf);
  }
}

/** Features of every token as one map per token (for training); see `emitTokenFeatures`. */
export function tokenFeatures(doc: RhetoricDoc): NamedFeatures[] {
  const out: NamedFeatures[] = doc.tokens.map(() => new Map());
  emitTokenFeatures(doc, (i, value, prefix, x, y) => addFeature(out[i]!, featureName(prefix, x, y), value));
  return out;
}

/**
 * Features of a span for technique classification: its words and bigrams, edges and context,
 * length, repetition of the span and its words in the article, punctuation, capitals and the
 * words of its sentence.
 */
export function spanFeatures(doc: RhetoricDoc, span: Span): NamedFeatures {
  const f: NamedFeatures = new Map();
  const [a, b] = tokenRange(doc, span);
  const toks = doc.tokens;
  const words = toks.slice(a, b).map((t) => t.norm);
  f.set('bias', 1);
  // Long spans have many words; scale them so that a span's word mass stays comparable.
  const wv = Math.min(1, 2 / Math.sqrt(Math.max(1, words.length)));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    f.set(`w=${w}`, wv);
    if (w.length >= 6) f.set(`st=${w.slice(0, 5)}`, wv);
    if (i + 1 < words.length) f.set(`b=${w}|${words[i + 1]}`, wv);
  }
  if (words.length <= 3) {
    const chars = ` ${words.join(' ')} `;
    for (let i = 0; i + 4 <= chars.length; i++) f.set(`c4=${chars.slice(i, i + 4)}`, 0.5);
  }
  if (words.length) {
    f.set(`first=${words[0]}`, 1);
    f.set(`last=${words[words.length - 1]}`, 1);
  }
  const si = a < toks.length ? doc.tokenSentence[a]! : 0;
  const sa = doc.sentenceTokenStart[si] ?? 0;
  const sb = doc.sentenceTokenStart[si + 1] ?? toks.length;
  for (let k = 1; k <= 2; k++) {
    f.set(`l${k}=${a - k >= sa ? toks[a - k]!.norm : '<s>'}`, 1);
    f.set(`r${k}=${b - 1 + k < sb ? toks[b - 1 + k]!.norm : '</s>'}`, 1);
  }
  f.set(`len=${bucket(words.length, [1, 2, 3, 5, 8, 15, 30])}`, 1);
  f.set(`cover=${bucket(Math.round((10 * words.length) / Math.max(1, sb - sa)), [2, 5, 8, 9])}`, 1);
  // Repetition: how often the span's exact word sequence occurs in the article.
  const rep = countSequence(doc, words);
  f.set(`rep=${bucket(rep, [1, 2, 3])}`, 1);
  if (rep > 1) f.set(`repfirst=${firstOccurrence(doc, words, a) ? 'y' : 'n'}`, 1);
  let maxCount = 0;
  for (const w of words) if (w.length >= 4) maxCount = Math.max(maxCount, doc.normCounts.get(w) ?? 0);
  f.set(`maxw=${bucket(maxCount, [1, 2, 3, 5])}`, 1);
  let caps = 0;
  for (let i = a; i < b; i++) {
    const sh = tokenShape(toks[i]!.text);
    if (sh === 'Xx' || sh === 'X') caps++;
    if (sh === '!' || sh === '?' || sh === '"') f.set(`has${sh}`, 1);
    if (sh === 'X') f.set('allcaps', 1);
  }
  if (words.length) f.set(`caps=${bucket(Math.round((4 * caps) / words.length), [0, 1, 2, 3])}`, 1);
  const before = a > sa ? toks[a - 1]!.norm : '';
  const after = b < sb ? toks[b]!.norm : '';
  if (before === '"' || after === '"') f.set('quoted', 1);
  for (let i = sa; i < sb; i++) if (i < a || i >= b) f.set(`s=${toks[i]!.norm}`, 0.5);
  if (si === 0) f.set('title', 1);
  if (a === sa) f.set('starts-sentence', 1);
  if (b >= sb - 1) f.set('ends-sentence', 1);
  return f;
}

function occurrences(doc: RhetoricDoc, words: readonly string[]): number[] {
  if (!words.length) return [];
  const toks = doc.tokens;
  return (doc.positions.get(words[0]!) ?? []).filter((i) => words.every((w, j) => toks[i + j]?.norm === w));
}

function countSequence(doc: RhetoricDoc, words: readonly string[]): number {
  return Math.max(1, occurrences(doc, words).length);
}

function firstOccurrence(doc: RhetoricDoc, words: readonly string[], at: number): boolean {
  const occ = occurrences(doc, words);
  return occ.length === 0 || occ[0]! >= at;
}
