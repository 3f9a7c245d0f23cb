/**
 * Definitional sentences of a document ("Foo Bar is an alternative rock band from …", "Baz ( 1819 -
 * 1890 ) was a playwright"): the capitalized subject, and the head noun of the description the copula
 * ties it to. Encyclopedic text opens nearly every article with one, and the head noun ("band",
 * "station", "village", "politician") tells the subject's type better than any word around its later
 * mentions; the gated `def` feature group of `features.ts` hands the head to every capitalized
 * occurrence of the subject's words in the document. Reads tokens and their capital marks only.
 */
/** A definition found in a sentence: the subject's capitalized tokens and the head noun's index. */
export interface Definition {
  /** Indexes of the subject's capitalized tokens (articles such as "The" left out). */
  subject: number[];
  /** Index of the head noun of the description. */
  head: number;
}

/** The parts of a described sentence that `findDefinitions` reads: the tokens and their capital marks (1: starts a name). */
export interface DefinitionInput {
  tokens: readonly string[];
  cap: Uint8Array;
}

/** The token at `k` in lower case. */
const low = (s: DefinitionInput, k: number): string => s.tokens[k]!.toLowerCase();

/** Copulas that introduce a definition. */
const COPULAS = new Set(['is', 'was', 'are', 'were']);
/** Determiners a definition's description starts with. */
const DETERMINERS = new Set(['a', 'an', 'the']);
/** Capitalized words of a subject that are not part of a name (articles, pronouns). */
const SUBJECT_ARTICLES = new Set(['the', 'a', 'an', 'it', 'he', 'she', 'they', 'this', 'these', 'there', 'its', 'his', 'her', 'their']);
/** Lower-case words that may join capitalized words inside a subject ("Army of the Potomac", "30 Seconds to Mars"). */
const SUBJECT_CONNECTORS = new Set(['of', 'the', 'to', 'and', 'for', 'de', 'la', 'le', 'von', 'van', 'der', 'du', 'di', 'da', "'s", '&', 'on']);
/** Words that end a description's noun phrase (prepositions, relative words, conjunctions, participles of place and origin). */
const STOPS = new Set([
  'of', 'in', 'from', 'for', 'by', 'at', 'on', 'with', 'to', 'near', 'within', 'between', 'under', 'into', 'since', 'during', 'after', 'before',
  'about', 'over', 'as', 'who', 'which', 'that', 'whose', 'where', 'and', 'or', 'but', 'than', 'located', 'based', 'situated', 'founded', 'formed',
  'established', 'released', 'known', 'owned', 'operated', 'called', 'named', 'made', 'built', 'created', 'headquartered', 'serving', 'playing',
]);

/** Longest description scanned for its head, in tokens after the determiner. */
const MAX_DESCRIPTION = 8;
/** Longest parenthesis or apposition skipped between a subject and its copula, in tokens. */
const MAX_ASIDE = 16;

/** True when a token is a lower-case word (ASCII letters and inner hyphens). */
function isLowerWord(t: string): boolean {
  if (t.length < 2) return false;
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (!(c >= 97 && c <= 122) && !(c === 45 && k > 0 && k < t.length - 1)) return false;
  }
  return true;
}

/** True when a token starts with an ASCII digit ("30", "65th", "883JIA"). */
function startsWithDigit(t: string): boolean {
  const c = t.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** The index before an aside that ends at `j` (a parenthesis, or an apposition between commas), or `j` when there is none. */
function skipAside(s: DefinitionInput, j: number): number {
  const close = s.tokens[j] === ')' ? '(' : s.tokens[j] === ',' ? ',' : null;
  if (!close) return j;
  for (let k = j - 1; k >= 0 && j - k <= MAX_ASIDE; k--) if (s.tokens[k] === close) return k - 1;
  return j;
}

/** The head noun of the description after the copula at `c`, or -1 ("is an alternative rock band from" → "band"). */
function headAfter(s: DefinitionInput, c: number): number {
  const n = s.tokens.length;
  let k = c + 1;
  if (k >= n || !DETERMINERS.has(low(s, k))) return -1;
  k++;
  let head = -1;
  for (let m = k; m < n && m - k < MAX_DESCRIPTION; m++) {
    const t = s.tokens[m]!;
    if (t === "'s") continue; // "an amateur men 's ice hockey league"
    if (isLowerWord(t)) {
      // a participle after the noun ends the phrase ("a manufacturer founded by"); one before it describes ("a retired footballer")
      if (STOPS.has(low(s, m)) || (head >= 0 && t.endsWith('ed'))) return head;
      head = m;
    } else if (!s.cap[m] && !startsWithDigit(t)) return head; // punctuation ends the phrase
  }
  // the sentence's end ends the phrase too; a description longer than the scan has no head found
  return n - k <= MAX_DESCRIPTION ? head : -1;
}

/** The capitalized tokens of the subject that ends at `j` (walking back over capitals, numbers and connectors). */
function subjectBefore(s: DefinitionInput, j: number): number[] {
  const out: number[] = [];
  let k = j;
  for (; k >= 0; k--) {
    const t = s.tokens[k]!;
    if (s.cap[k] || startsWithDigit(t)) {
      if (s.cap[k] && !SUBJECT_ARTICLES.has(low(s, k))) out.push(k);
      continue;
    }
    if (SUBJECT_CONNECTORS.has(low(s, k)) && k > 0 && (s.cap[k - 1] || startsWithDigit(s.tokens[k - 1]!)) && out.length > 0) continue;
    break;
  }
  return out.reverse();
}

/**
 * The definitions of a sentence: each copula ("is", "was", "are", "were") followed by a determiner and a
 * noun phrase whose last lower-case word before a preposition, relative word, conjunction or punctuation is
 * the head, with a capitalized subject right before the copula (after skipping one parenthesis or
 * apposition). Empty for a sentence in capitals, where case tells nothing.
 */
export function findDefinitions(s: DefinitionInput, allCaps = false): Definition[] {
  const out: Definition[] = [];
  if (allCaps) return out;
  for (let c = 1; c < s.tokens.length; c++) {
    if (!COPULAS.has(low(s, c))) continue;
    const head = headAfter(s, c);
    if (head < 0) continue;
    const subject = subjectBefore(s, skipAside(s, c - 1));
    if (subject.length) out.push({ subject, head });
  }
  return out;
}
