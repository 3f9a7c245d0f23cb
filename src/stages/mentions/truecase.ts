/**
 * Capitals that come from a word's place, not from a name. The first word of a sentence is capitalized
 * whatever it is, so a recognizer trained on running text may start a name there ("After President
 * Ada Vell spoke" → "After President Ada Vell"); a contraction such as "I’m" is capitalized and unknown
 * to it. Before tagging, such words are put in lower case: a first word that is a closed-class word
 * ("After", "Is") or that the rest of the document writes in lower case and never capitalizes inside a
 * sentence (Mikheev's document-centred casing, 1999), and a pronoun with a clitic anywhere. Headlines in
 * title case, where every word is capitalized, are recognized too; `find-mentions.ts` keeps only the
 * names in them that the document's running text also writes. Only the recognizer's input changes:
 * spans still point into the original text. This runs on every token of every document before the
 * tagger, so the checks are on character codes, with the Unicode tests only for non-ASCII letters.
 */
import { POSITIONAL_CAPITALS } from '../../core/function-words.ts';

/** Fewest words of four letters or more for a sentence to be judged a title-case headline. */
const MIN_CONTENT_WORDS = 2;
/** Share of those words that must start with a capital. */
const MIN_CAPITALIZED = 0.8;

/** Case of a token's first character: 1 upper, 2 lower, 0 neither (digit, punctuation). */
function firstCase(t: string): number {
  const c = t.charCodeAt(0);
  if (c >= 65 && c <= 90) return 1;
  if (c >= 97 && c <= 122) return 2;
  if (c < 128) return 0;
  const ch = t.charAt(0);
  return ch !== ch.toLowerCase() ? 1 : ch !== ch.toUpperCase() ? 2 : 0;
}

/** True for a word with an upper-case first letter and no other upper-case letter ("After", not "CNN" or "McCain"). */
function isInitialCapital(t: string): boolean {
  if (t.length < 2 || firstCase(t) !== 1) return false;
  for (let k = 1; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c >= 97 && c <= 122) continue;
    if (c < 128) return false;
    const ch = t.charAt(k);
    if (ch === ch.toUpperCase()) return false;
  }
  return true;
}

/** True for a word of four letters or more. */
function isContentWord(t: string): boolean {
  if (t.length < 4) return false;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) continue;
    if (c < 128 || !/\p{L}/u.test(t.charAt(k))) return false;
  }
  return true;
}

/** True when character `k` (not the first) of a token is an apostrophe, straight or curly. */
function apostropheAt(t: string, k: number): boolean {
  return k > 0 && (t.charCodeAt(k) === 39 || t.charCodeAt(k) === 8217);
}

/** A pronoun or other function word with a clitic ("I'm", "I’ll", "It's", "Don't"): never a name. */
function isContraction(t: string): boolean {
  const n = t.length;
  if (n < 3 || !(apostropheAt(t, n - 2) || apostropheAt(t, n - 3))) return false;
  if (/^\p{L}+n['’]t$/u.test(t)) return true;
  const m = /^(\p{L}+)['’](?:m|s|re|ve|d|ll)$/u.exec(t);
  return m !== null && (POSITIONAL_CAPITALS.has(m[1]!.toLowerCase()) || m[1] === 'I' || m[1] === 'Let');
}

/** Index of a sentence's first word: its first token with a letter (after opening quotes, dashes, brackets); -1 if none. */
function firstWordAt(tokens: readonly string[]): number {
  for (let i = 0; i < tokens.length; i++) if (firstCase(tokens[i]!) !== 0 || /\p{L}/u.test(tokens[i]!)) return i;
  return -1;
}

/** A sentence's longer words are mostly capitalized and none is in capitals: a title-case headline, if its words prove common. */
function looksTitleCase(tokens: readonly string[]): boolean {
  let words = 0;
  let caps = 0;
  for (const t of tokens) {
    if (!isContentWord(t)) continue;
    words++;
    if (firstCase(t) === 1) {
      caps++;
      if (t === t.toUpperCase()) return false; // a word in capitals: an all-caps line, which the recognizer handles itself
    }
  }
  return words >= MIN_CONTENT_WORDS && caps / words >= MIN_CAPITALIZED;
}

/**
 * True when a sentence reads as a title-case headline: most longer words capitalized, not all in
 * capitals, and at least two capitalized words after the first are common words (closed-class, or
 * written in lower case somewhere in the document: `lower`), so a short sentence full of names is not one.
 */
export function isTitleCase(tokens: readonly string[], lower: ReadonlySet<string>): boolean {
  if (!looksTitleCase(tokens)) return false;
  let common = 0;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isInitialCapital(t)) continue;
    const low = t.toLowerCase();
    if (POSITIONAL_CAPITALS.has(low) || lower.has(low)) common++;
  }
  return common >= 2;
}

/**
 * Puts the positional capitals of the sentences (token texts) in lower case (see the module comment):
 * the common first word of a sentence that is not a headline (after any opening quotes or dashes), and
 * contractions anywhere. Changes the given lists in place (a caller's fresh lists: the tagger keeps its
 * fast path for one array kind) and returns which sentences are title-case headlines.
 */
export function truecaseSentenceStarts(sentences: string[][]): boolean[] {
  const n = sentences.length;
  const first = sentences.map(firstWordAt);
  const maybeHeadline = sentences.map(looksTitleCase);
  // the capitalized words whose casing elsewhere decides: first words of running text, and a possible headline's words
  const wanted = new Set<string>();
  for (let k = 0; k < n; k++) {
    const s = sentences[k]!;
    if (maybeHeadline[k]) {
      for (let i = 1; i < s.length; i++) if (isInitialCapital(s[i]!)) wanted.add(s[i]!);
    } else if (first[k]! >= 0 && isInitialCapital(s[first[k]!]!)) wanted.add(s[first[k]!]!);
  }
  const lowered = new Map<string, string>();
  for (const w of wanted) lowered.set(w, w.toLowerCase());
  const loweredSet = new Set(lowered.values());
  // one pass over the running text: which of them it writes in lower case, which it capitalizes inside a sentence
  const lower = new Set<string>();
  const capitalMid = new Set<string>();
  if (wanted.size) {
    for (let k = 0; k < n; k++) {
      if (maybeHeadline[k]) continue;
      const s = sentences[k]!;
      for (let i = 0; i < s.length; i++) {
        const t = s[i]!;
        if (loweredSet.has(t)) lower.add(t);
        else if (i > first[k]! && wanted.has(t)) capitalMid.add(t);
      }
    }
  }
  const headline = sentences.map((s, k) => maybeHeadline[k]! && isTitleCase(s, lower));
  for (let k = 0; k < n; k++) {
    const s = sentences[k]!;
    const f = first[k]!;
    if (f >= 0 && !headline[k]) {
      const t = s[f]!;
      const low = lowered.get(t);
      if (low !== undefined && !capitalMid.has(t) && (lower.has(low) || POSITIONAL_CAPITALS.has(low))) s[f] = low;
    }
    for (let i = 0; i < s.length; i++) if (isContraction(s[i]!)) s[i] = s[i]!.toLowerCase();
  }
  return headline;
}
