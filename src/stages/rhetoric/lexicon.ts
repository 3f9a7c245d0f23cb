/**
 * Per-technique lexicons derived from labelled spans: the words that mark a technique far more often
 * than the technique's share of all spans (e.g. words of doubt, of fear, of flags). Stored with the
 * technique model; the span features count a span's (and its sentence's) hits per technique.
 */

/** Technique name → its marker words (normalized tokens). */
export type TechniqueLexicons = Record<string, string[]>;

/** Word → the techniques whose lexicon holds it. */
export type LexiconLookup = ReadonlyMap<string, readonly string[]>;

/** Thresholds for `buildTechniqueLexicons`. */
export interface LexiconOptions {
  /** A word must occur in at least this many spans of the technique. */
  minCount?: number;
  /** P(technique | word in a span) must be at least `lift` × P(technique). */
  lift?: number;
  /** …and at least this much. */
  minShare?: number;
}

const CONTENT = /^[\p{L}][\p{L}'-]{2,}$/u;

/**
 * Builds the lexicons from spans given as their normalized words and technique. Each word counts
 * once per span; only alphabetic words of 3+ characters qualify. Reads the rows; returns a new record
 * with sorted word lists.
 */
export function buildTechniqueLexicons(rows: Iterable<{ words: readonly string[]; technique: string }>, opts: LexiconOptions = {}): TechniqueLexicons {
  const minCount = opts.minCount ?? 3;
  const lift = opts.lift ?? 2;
  const minShare = opts.minShare ?? 0.25;
  const byTech = new Map<string, number>();
  const word = new Map<string, number>();
  const pair = new Map<string, Map<string, number>>();
  let total = 0;
  for (const r of rows) {
    total++;
    byTech.set(r.technique, (byTech.get(r.technique) ?? 0) + 1);
    for (const w of new Set(r.words)) {
      if (!CONTENT.test(w)) continue;
      word.set(w, (word.get(w) ?? 0) + 1);
      let m = pair.get(w);
      if (!m) pair.set(w, (m = new Map()));
      m.set(r.technique, (m.get(r.technique) ?? 0) + 1);
    }
  }
  const out: TechniqueLexicons = {};
  for (const [w, m] of pair) {
    const n = word.get(w)!;
    for (const [t, c] of m) {
      const share = c / n;
      const prior = byTech.get(t)! / total;
      if (c >= minCount && share >= minShare && share >= lift * prior) (out[t] ??= []).push(w);
    }
  }
  for (const t of Object.keys(out)) out[t]!.sort();
  return out;
}

/** Inverts lexicons into a word → techniques lookup. */
export function lexiconLookup(lex: TechniqueLexicons): LexiconLookup {
  const m = new Map<string, string[]>();
  for (const [t, words] of Object.entries(lex)) for (const w of words) m.set(w, [...(m.get(w) ?? []), t]);
  return m;
}
