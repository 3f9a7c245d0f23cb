/**
 * Feature extraction for the statistical name recognizer (`src/ner`). Features are plain strings
 * ("w=moscow", "sh=Xx"); the perceptron maps them to weights. Static features depend only on the
 * tokens of the sentence and the document; tag-history features are added by the tagger.
 */

/** Word shape with runs collapsed: "Khrushchev" → "Xx", "1956" → "d", "U.S." → "X.X.". */
export function shortShape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const c = charClass(ch);
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Word shape keeping up to four repeats of each class: "Khrushchev" → "Xxxxx". */
export function longShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const c = charClass(ch);
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 4) out += c;
  }
  return out;
}

/** Class of one character for shapes: X upper, x lower, d digit, or the character itself. */
function charClass(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return 'd';
  if (code >= 97 && code <= 122) return 'x';
  if (code >= 65 && code <= 90) return 'X';
  if (code < 128) return ch;
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo !== up) return ch === up ? 'X' : 'x';
  return ch;
}

/** Folds a token for lexical features: lower case, digits collapsed to 0 ("1956" → "0000"). */
export function foldWord(word: string): string {
  return word.toLowerCase().replace(/[0-9]/g, '0');
}

/** True when a token starts with an upper-case letter. */
export function isCapitalized(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Per-sentence facts that several token features share. */
export interface SentenceInfo {
  tokens: readonly string[];
  folded: string[];
  shapes: string[];
  /** The sentence is (nearly) all upper case, e.g. a headline: case carries no signal. */
  allCaps: boolean;
}

/** Precomputes folded words, shapes and the all-caps flag of a sentence. */
export function describeSentence(tokens: readonly string[]): SentenceInfo {
  const folded = tokens.map(foldWord);
  const shapes = tokens.map(shortShape);
  let letters = 0;
  let upperWords = 0;
  for (const t of tokens) {
    if (/[a-zA-Z]/.test(t)) {
      letters++;
      if (t === t.toUpperCase()) upperWords++;
    }
  }
  return { tokens, folded, shapes, allCaps: letters >= 3 && upperWords / letters > 0.8 };
}

/** Document-level facts: lower-cased words seen capitalized mid-sentence, and seen lower case. */
export interface DocumentInfo {
  capMid: Set<string>;
  lower: Set<string>;
}

/** Scans a document's sentences for how each word is cased where case is informative. */
export function describeDocument(sentences: readonly (readonly string[])[]): DocumentInfo {
  const capMid = new Set<string>();
  const lower = new Set<string>();
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const t = s[i]!;
      if (!/[a-zA-Z]/.test(t)) continue;
      const lo = t.toLowerCase();
      if (t === lo) lower.add(lo);
      else if (i > 0 && isCapitalized(t) && t !== t.toUpperCase()) capMid.add(lo);
    }
  }
  return { capMid, lower };
}

/** Optional lexicons: word clusters and a gazetteer of name tokens by type. */
export interface Lexicons {
  /** Lower-cased word → cluster bit string. */
  clusters?: Map<string, string>;
  /** Lower-cased token → set of gazetteer tags like "B-LOC", "I-PER". */
  gazetteer?: Map<string, string[]>;
}

/**
 * Features of a word on its own (lexical form, shape, affixes, length): the first `WORD_FEATURES`
 * entries of `staticFeatures`, cacheable per word type at run time.
 */
export function wordFeatures(w: string): string[] {
  const f = foldWord(w);
  return [
    `w=${f}`,
    `W=${w}`,
    `sh=${shortShape(w)}`,
    `lsh=${longShape(w)}`,
    `p1=${f.slice(0, 1)}`,
    `p2=${f.slice(0, 2)}`,
    `p3=${f.slice(0, 3)}`,
    `p4=${f.slice(0, 4)}`,
    `s1=${f.slice(-1)}`,
    `s2=${f.slice(-2)}`,
    `s3=${f.slice(-3)}`,
    `s4=${f.slice(-4)}`,
    `len=${Math.min(w.length, 8)}`,
    `p5=${f.slice(0, 5)}`,
    `s5=${f.slice(-5)}`,
  ];
}

/** The neighbour-word features, one per position (previous, next, two before, two after). */
export function neighbourFeatures(prev: string, next: string, prev2: string, next2: string): string[] {
  return [`w-1=${prev}`, `w+1=${next}`, `w-2=${prev2}`, `w+2=${next2}`];
}

/** Neighbour positions in the order of `neighbourFeatures`. */
export const NEIGHBOUR_ROLES = ['w-1=', 'w+1=', 'w-2=', 'w+2='] as const;

/**
 * Static features of token `i` of a sentence: the word, its shape, affixes, neighbours,
 * casing facts of the document and lexicon hits. Does not depend on predicted tags. With
 * `cached` true the `wordFeatures` and `neighbourFeatures` are left out (the tagger adds their
 * weights from per-word caches).
 */
export function staticFeatures(s: SentenceInfo, i: number, doc: DocumentInfo, lex: Lexicons = {}, cached = false): string[] {
  const w = s.tokens[i]!;
  const f = s.folded[i]!;
  const sh = s.shapes[i]!;
  const n = s.tokens.length;
  const prev = i > 0 ? s.folded[i - 1]! : '<s>';
  const prev2 = i > 1 ? s.folded[i - 2]! : '<s>';
  const next = i + 1 < n ? s.folded[i + 1]! : '</s>';
  const next2 = i + 2 < n ? s.folded[i + 2]! : '</s>';
  const psh = i > 0 ? s.shapes[i - 1]! : '<s>';
  const nsh = i + 1 < n ? s.shapes[i + 1]! : '</s>';
  const out = cached ? [] : [...wordFeatures(w), ...neighbourFeatures(prev, next, prev2, next2)];
  out.push(
    'b',
    `w-1w=${prev}|${f}`,
    `ww+1=${f}|${next}`,
    `sh-1=${psh}|${sh}`,
    `sh+1=${sh}|${nsh}`,
    `sh3=${psh}|${sh}|${nsh}`,
  );
  if (i === 0) out.push(`first|sh=${sh}`);
  // exact-case neighbours carry name context ("Mr", "President", "FC")
  if (i > 0 && isCapitalized(s.tokens[i - 1]!)) out.push(`W-1=${s.tokens[i - 1]}`);
  if (i + 1 < n && isCapitalized(s.tokens[i + 1]!)) out.push(`W+1=${s.tokens[i + 1]}`);
  out.push(`w-1sh=${prev}|${sh}`, `shw+1=${sh}|${next}`);
  if (s.allCaps) out.push('caps-sent', `caps-sent|w=${f}`);
  const lo = w.toLowerCase();
  if (isCapitalized(w)) {
    if (doc.capMid.has(lo)) out.push('doc:cap-mid');
    if (doc.lower.has(lo)) out.push('doc:also-lower');
    if (i === 0 && !doc.capMid.has(lo)) out.push('doc:cap-only-initial');
  }
  const cl = lex.clusters;
  if (cl) {
    const c = cl.get(lo);
    if (c) out.push(`c4=${c.slice(0, 4)}`, `c8=${c.slice(0, 8)}`, `c12=${c.slice(0, 12)}`, `c=${c}`);
    const cp = i > 0 ? cl.get(s.tokens[i - 1]!.toLowerCase()) : undefined;
    const cn = i + 1 < n ? cl.get(s.tokens[i + 1]!.toLowerCase()) : undefined;
    if (cp) out.push(`c-1=${cp.slice(0, 8)}`);
    if (cn) out.push(`c+1=${cn.slice(0, 8)}`);
  }
  const gz = lex.gazetteer;
  if (gz) {
    for (const g of gz.get(lo) ?? []) out.push(`gz=${g}`, `gz=${g}|${sh}`);
    for (const g of (i > 0 ? gz.get(s.tokens[i - 1]!.toLowerCase()) : undefined) ?? []) out.push(`gz-1=${g}`);
    for (const g of (i + 1 < n ? gz.get(s.tokens[i + 1]!.toLowerCase()) : undefined) ?? []) out.push(`gz+1=${g}`);
  }
  return out;
}
