/**
 * Name lists for the recognizer: hashed sets of typed, folded token sequences ("new york" as LOC)
 * collected from training annotations, and the marking of their occurrences in a sentence. Only
 * hashes are kept, so a shipped list holds no words.
 */
import { combine, foldedHash, type SentenceInfo } from './features.ts';

/** Longest name (in tokens) looked up. */
export const MAX_NAME_TOKENS = 6;

/** Entity types of name lists, bit positions in `SentenceInfo.names` marks. */
export const NAME_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/** A hashed set of typed names. */
export type NameList = Set<number>;

/** Hash of a typed token sequence (tokens folded like word features). */
export function nameHash(type: number, tokens: readonly string[], from = 0, to = tokens.length): number {
  let h = combine(0x6e616d65, type);
  for (let k = from; k < to; k++) h = combine(h, foldedHash(tokens[k]!));
  return h;
}

/** The typed spans of an IOB2 tag sequence, as `[from, to, typeIndex]` (type index into `NAME_TYPES`). */
function spansOf(tags: readonly string[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < tags.length; ) {
    const t = tags[i]!;
    if (t === 'O') {
      i++;
      continue;
    }
    const type = t.slice(2);
    let j = i + 1;
    while (j < tags.length && tags[j] === `I-${type}`) j++;
    const k = NAME_TYPES.indexOf(type as (typeof NAME_TYPES)[number]);
    if (k >= 0) out.push([i, j, k]);
    i = j;
  }
  return out;
}

/** Adds the names annotated in IOB2-tagged sentences to `list` (names longer than `MAX_NAME_TOKENS` are skipped). */
export function addNames(list: NameList, sentences: readonly { tokens: readonly string[]; tags: readonly string[] }[]): NameList {
  for (const s of sentences) for (const [a, b, k] of spansOf(s.tags)) if (b - a <= MAX_NAME_TOKENS) list.add(nameHash(k, s.tokens, a, b));
  return list;
}

/**
 * Marks listed names in a sentence: for each token a bit mask, bit `k` when it begins a name of type
 * `k`, bit `4 + k` when it continues one. Every match counts (overlaps included). Returns a new array.
 */
export function markNames(s: SentenceInfo, list: NameList): Uint8Array {
  const n = s.tokens.length;
  const marks = new Uint8Array(n);
  if (list.size === 0) return marks;
  for (let i = 0; i < n; i++) {
    // a name starts with a capital, a digit or is in an all-caps sentence
    if (!s.cap[i] && !s.allCaps) continue;
    const hs = [combine(0x6e616d65, 0), combine(0x6e616d65, 1), combine(0x6e616d65, 2), combine(0x6e616d65, 3)];
    for (let j = i; j < n && j < i + MAX_NAME_TOKENS; j++) {
      for (let k = 0; k < 4; k++) {
        hs[k] = combine(hs[k]!, s.fold[j]!);
        if (list.has(hs[k]!)) {
          marks[i]! |= 1 << k;
          for (let m = i + 1; m <= j; m++) marks[m]! |= 1 << (4 + k);
        }
      }
    }
  }
  return marks;
}
