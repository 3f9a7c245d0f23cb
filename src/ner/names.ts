/**
 * Name lists for the recognizer: hashed token sequences ("new york") with the entity types they were
 * seen as (bit k for type k of `NAME_TYPES`), collected from training annotations or a gazetteer, and
 * the marking of their occurrences in a sentence. Only hashes are kept, so a shipped list holds no words.
 */
import { combine, foldedHash, type SentenceInfo } from './features.ts';

/** Longest name (in tokens) looked up. */
export const MAX_NAME_TOKENS = 6;

/** Entity types of name lists, bit positions in `SentenceInfo.names` marks. */
export const NAME_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/**
 * A hashed name list: sequence hash → type bits (bit k: seen as `NAME_TYPES[k]`), plus `PREFIX` on
 * every proper prefix of a listed name, so that matching stops as soon as no listed name goes on.
 */
export type NameList = Map<number, number>;

/** What `markNames` reads from a name list: a `NameList` or a `CompactNameList`. */
export interface NameLookup {
  readonly size: number;
  get(h: number): number | undefined;
}

/**
 * A read-only name list in one open-addressing table (hash keys in an Int32Array, type bits in a
 * Uint8Array, linear probing, at most half full): one memory access per lookup where a `Map` takes
 * several, for the run-time model. Entries are never 0, so 0 marks an empty slot.
 */
export class CompactNameList implements NameLookup {
  readonly size: number;
  private readonly keys: Int32Array;
  private readonly values: Uint8Array;
  private readonly mask: number;

  /** Builds the table from (hash, type bits) pairs; entries with bits 0 are left out. */
  constructor(entries: Iterable<readonly [number, number]>) {
    const list = [...entries].filter(([, v]) => v !== 0);
    let cap = 16;
    while (cap < 2 * list.length) cap *= 2;
    this.keys = new Int32Array(cap);
    this.values = new Uint8Array(cap);
    this.mask = cap - 1;
    let size = 0;
    for (const [h, v] of list) {
      let k = h & this.mask;
      while (this.values[k] !== 0 && this.keys[k] !== (h | 0)) k = (k + 1) & this.mask;
      if (this.values[k] === 0) size++;
      this.keys[k] = h;
      this.values[k] = v;
    }
    this.size = size;
  }

  /** The type bits of hash `h`, or undefined. */
  get(h: number): number | undefined {
    for (let k = h & this.mask; ; k = (k + 1) & this.mask) {
      const v = this.values[k]!;
      if (v === 0) return undefined;
      if (this.keys[k] === h) return v;
    }
  }
}

/** Bit of a list entry that is the beginning of a longer listed name. */
export const PREFIX = 0x80;

/** Seed of sequence hashes. */
const SEED = 0x6e616d65;

/** Hash of a token sequence (tokens folded like word features: case and digits do not matter). */
export function nameHash(tokens: readonly string[], from = 0, to = tokens.length): number {
  let h = SEED;
  for (let k = from; k < to; k++) h = combine(h, foldedHash(tokens[k]!));
  return h;
}

/** Adds the name `tokens[from, to)` as type index `type` (into `NAME_TYPES`). */
export function addName(list: NameList, type: number, tokens: readonly string[], from = 0, to = tokens.length): void {
  let h = SEED;
  for (let k = from; k < to; k++) {
    h = combine(h, foldedHash(tokens[k]!));
    list.set(h, (list.get(h) ?? 0) | (k + 1 < to ? PREFIX : 1 << type));
  }
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

/** Seed of head-word keys (see `headKey`). */
const HEAD_SEED = 0x68656164;

/** Key of the head-word entry of folded word hash `f` in a name list (a hash space apart from name sequences). */
export function headKey(f: number): number {
  return combine(HEAD_SEED, f);
}

/**
 * Adds the names annotated in IOB2-tagged sentences to `list` (names longer than `MAX_NAME_TOKENS` are
 * skipped). With `heads`, also the last word of every name of two or more tokens, under `headKey`,
 * with the types of the names it ends ("FM" → ORG, "Award" → MISC).
 */
export function addNames(list: NameList, sentences: readonly { tokens: readonly string[]; tags: readonly string[] }[], heads = false): NameList {
  for (const s of sentences) {
    for (const [a, b, k] of spansOf(s.tags)) {
      if (b - a <= MAX_NAME_TOKENS) addName(list, k, s.tokens, a, b);
      if (heads && b - a >= 2) {
        const h = headKey(foldedHash(s.tokens[b - 1]!));
        list.set(h, (list.get(h) ?? 0) | (1 << k));
      }
    }
  }
  return list;
}

/**
 * Head-word marks of a sentence: for each token inside a name run (`SentenceInfo.runPos`), the type
 * bits of the run's last word as a head in `list` (see `addNames`); 0 elsewhere. Returns a new array.
 */
export function markHeads(s: SentenceInfo, list: NameLookup): Uint8Array {
  const n = s.tokens.length;
  const marks = new Uint8Array(n);
  if (list.size === 0) return marks;
  for (let i = 0; i < n; i++) {
    if (!s.runPos[i]) continue;
    marks[i] = (list.get(headKey(s.runLast[i]!)) ?? 0) & 0x0f;
  }
  return marks;
}

/**
 * Marks listed names in a sentence: for each token a bit mask, bit `k` when it begins a name of type
 * `k`, bit `4 + k` when it continues one. Every match counts (overlaps included). Returns a new array.
 */
export function markNames(s: SentenceInfo, list: NameLookup): Uint8Array {
  return markNamesInto(s, list, new Uint8Array(s.tokens.length));
}

/** `markNames` into `marks` (zeroed, one per token), which it returns. */
export function markNamesInto(s: SentenceInfo, list: NameLookup, marks: Uint8Array): Uint8Array {
  const n = s.tokens.length;
  if (list.size === 0) return marks;
  for (let i = 0; i < n; i++) {
    // a name starts with a capital, a digit or is in an all-caps sentence
    if (!s.cap[i] && !s.allCaps) continue;
    let h = SEED;
    for (let j = i; j < n && j < i + MAX_NAME_TOKENS; j++) {
      h = combine(h, s.fold[j]!);
      const entry = list.get(h);
      if (entry === undefined) break;
      const bits = entry & 0x0f;
      if (bits === 0) continue;
      marks[i]! |= bits;
      for (let m = i + 1; m <= j; m++) marks[m]! |= bits << 4;
    }
  }
  return marks;
}
