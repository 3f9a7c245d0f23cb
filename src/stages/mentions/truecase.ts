/**
 * Capitals that come from a word's place, not from a name. The first word of a sentence is capitalized
 * whatever it is, so a recognizer trained on running text may start a name there ("After President
 * Ada Vell spoke" → "After President Ada Vell"); a contraction such as "I’m" is capitalized and unknown
 * to it. Before tagging, such words are put in lower case: a first word that is a closed-class word
 * ("After", "Is") or that the rest of the document writes in lower case and never capitalizes inside a
 * sentence (Mikheev's document-centred casing, 1999), and a pronoun with a clitic anywhere. Headlines in
 * title case, where every word is capitalized, are recognized by `isTitleCase`; `find-mentions.ts` keeps
 * only the names in them that the document's running text also writes. Only the recognizer's input
 * changes: spans still point into the original text.
 */
import { POSITIONAL_CAPITALS } from '../../core/function-words.ts';

/** A pronoun or other function word with a clitic ("I'm", "I’ll", "It's", "There’s", "Don't"): never a name. */
function isContraction(t: string): boolean {
  if (/^\p{L}+n['’]t$/u.test(t)) return true; // "Don't", "Won’t"
  const m = /^(\p{L}+)['’](?:m|s|re|ve|d|ll)$/u.exec(t);
  return m !== null && (POSITIONAL_CAPITALS.has(m[1]!.toLowerCase()) || m[1] === 'I' || m[1] === 'Let');
}

/** Index of a sentence's first word: its first token with a letter (after opening quotes, dashes, brackets). */
function firstWordAt(tokens: readonly string[]): number {
  for (let i = 0; i < tokens.length; i++) if (/\p{L}/u.test(tokens[i]!)) return i;
  return -1;
}

/** Fewest words of four letters or more for a sentence to be judged a title-case headline. */
const MIN_CONTENT_WORDS = 3;
/** Share of those words that must start with a capital. */
const MIN_CAPITALIZED = 0.8;

/** True for a word of four letters or more (ASCII or not). */
function isContentWord(t: string): boolean {
  return /^\p{L}{4,}$/u.test(t);
}

/** True for a word with an upper-case first letter and no other upper-case letter ("After", not "CNN" or "McCain"). */
function isInitialCapital(t: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(t);
}

/** The words a document writes in lower case somewhere (`lowerWordsOf`), for `isTitleCase`. */
export function lowerWordsOf(sentences: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const s of sentences) for (const t of s) if (/^\p{Ll}/u.test(t)) out.add(t);
  return out;
}

/**
 * True when a sentence reads as a title-case headline: most longer words capitalized, not all in
 * capitals, and at least two capitalized words after the first are common words (closed-class, or
 * written in lower case somewhere in the document: `lower`), so a short sentence full of names is not one.
 */
export function isTitleCase(tokens: readonly string[], lower: ReadonlySet<string>): boolean {
  let words = 0;
  let caps = 0;
  let common = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i > 0 && isInitialCapital(t)) {
      const low = t.toLowerCase();
      if (POSITIONAL_CAPITALS.has(low) || lower.has(low)) common++;
    }
    if (!isContentWord(t)) continue;
    words++;
    if (/^\p{Lu}/u.test(t)) caps++;
    if (t === t.toUpperCase()) return false; // a word in capitals: an all-caps line, which the recognizer handles itself
  }
  return words >= MIN_CONTENT_WORDS && caps / words >= MIN_CAPITALIZED && common >= 2;
}

/**
 * Puts the positional capitals of the sentences (token texts) in lower case (see the module comment):
 * the common first word of a sentence that is not a headline (after any opening quotes or dashes), and
 * contractions anywhere. Changes the
 * given lists in place (a caller's fresh lists: the tagger keeps its fast path for one array kind) and
 * returns them.
 */
export function truecaseSentenceStarts(sentences: string[][]): string[][] {
  const allLower = lowerWordsOf(sentences);
  const headline = sentences.map((s) => isTitleCase(s, allLower));
  const lower = new Set<string>();
  const capitalMid = new Set<string>();
  for (let k = 0; k < sentences.length; k++) {
    if (headline[k]) continue;
    const s = sentences[k]!;
    const first = firstWordAt(s);
    for (let i = 0; i < s.length; i++) {
      const t = s[i]!;
      if (/^\p{Ll}/u.test(t)) lower.add(t);
      else if (i > first && /^\p{Lu}/u.test(t)) capitalMid.add(t.toLowerCase());
    }
  }
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k]!;
    const first = firstWordAt(s);
    for (let i = 0; i < s.length; i++) {
      const t = s[i]!;
      const low = t.toLowerCase();
      const positional = i === first && !headline[k] && isInitialCapital(t) && !capitalMid.has(low) && (lower.has(low) || POSITIONAL_CAPITALS.has(low));
      if (positional || isContraction(t)) s[i] = low;
    }
  }
  return sentences;
}
