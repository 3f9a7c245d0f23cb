/**
 * Reading a place name as the place or as the government seated there ("Moscow refused", "the
 * Kremlin's line" vs "arrived in Moscow", "flags over the White House") from the words around it.
 * Pure: takes the neighbouring lower-cased tokens and the context vocabularies.
 */

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const LOWER_WORD = /^[a-z][a-z-]*$/;
const PAST_FORM = /^[a-z]{3,}ed$/;

/** Context vocabularies used here (lower case). */
export interface MetonymCues {
  /** Verbs whose subject acts: "Moscow refused". */
  agentVerbs: ReadonlySet<string>;
  /** Nouns a possessor or an "of" complement acts through: "Moscow's policy", "the behest of Moscow". */
  agentNouns: ReadonlySet<string>;
  /** Words before a name that make it an actor: "relations with Moscow". */
  agentBefore: ReadonlySet<string>;
  /** Words before a name that make it a place: "in Moscow". */
  literalBefore: ReadonlySet<string>;
  /** Words of position that make a place even with an article between: "over the White House". */
  positionBefore: ReadonlySet<string>;
  /** Auxiliaries after a subject: "Moscow has", "Beijing would". */
  auxiliaries: ReadonlySet<string>;
  /** Words that open a clause, after which a name followed by a verb is that clause's subject. */
  clauseOpeners: ReadonlySet<string>;
}

/** The tokens around a mention as written (case kept): up to four each side, nearest first after, nearest last before. */
export interface MetonymWindow {
  before: readonly string[];
  after: readonly string[];
  /** The mention opens its sentence. */
  atSentenceStart?: boolean;
}

const ARTICLES = new Set(['the', 'a', 'an']);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'his', 'her', 'their', 'our']);
/** A lower-case word (not a name, not punctuation). */
const isWord = (t: string | undefined): t is string => t !== undefined && LOWER_WORD.test(t);
const isPossessive = (t: string | undefined) => t === "'s" || t === '’s' || t === "'" || t === '’';

/**
 * Decides whether a seat-of-government name acts (`acting`), is a place (`literal`), or the words
 * around it say nothing (`none`). Order: a verb after it, a possessive or "of" complement of an
 * agent noun, an agentive or locative word before it (an article in between is skipped), then
 * subject position (the name opens a clause and a verb or a parenthetical comma follows).
 */
export function metonymContext(w: MetonymWindow, c: MetonymCues): 'acting' | 'literal' | 'none' {
  const before = w.before.map((t) => t.toLowerCase());
  // "over the White House": the article is part of the name's phrase, look past it; but after an
  // article only a word of position makes a place ("bureaucrats from the Kremlin" are its people)
  let article = false;
  while (before.length > 0 && ARTICLES.has(before[before.length - 1]!)) {
    before.pop();
    article = true;
  }
  const after = w.after.map((t) => t.toLowerCase());
  const [n1, n2] = after;
  const rawN2 = w.after[1];
  const p1 = before[before.length - 1];
  const p2 = before[before.length - 2];
  if (n1 && c.agentVerbs.has(n1)) return 'acting';
  if (isPossessive(n1)) {
    // "Moscow's requests", "Moscow's official recognition": an agent noun within two words
    for (const t of after.slice(1, 4)) {
      if (!LOWER_WORD.test(t)) break;
      if (c.agentNouns.has(t)) return 'acting';
    }
  }
  if (p1 && c.agentBefore.has(p1)) return 'acting';
  // "at the behest of Moscow", "the policy of Belgrade"
  if (p1 === 'of' && p2 && c.agentNouns.has(p2)) return 'acting';
  if (p1 && (article ? c.positionBefore : c.literalBefore).has(p1)) return 'literal';
  const opens = w.atSentenceStart === true || (p1 !== undefined && (c.clauseOpeners.has(p1) || p1 === ','));
  if (opens && n1) {
    // "Beijing received", "Moscow has been", "Moscow delayed the response"
    if (c.auxiliaries.has(n1) && !(n2 && DETERMINERS.has(n2))) return 'acting';
    if (PAST_FORM.test(n1)) return 'acting';
    // "Beijing, having become …", "Beijing, for a number of reasons, has …": a parenthetical after the subject
    if (n1 === ',' && isWord(rawN2) && !DETERMINERS.has(rawN2)) return 'acting';
  }
  return 'none';
}
