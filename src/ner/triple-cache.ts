/**
 * A direct-mapped cache of score rows keyed by three int32 numbers, for the tagger's context features
 * that depend on a few hashes only (the shapes of a token and its neighbours; a word with the word
 * before or after it): their summed weights are looked up once per key instead of once per feature.
 * Each key has one slot (chosen by a hash of the key); a new key overwrites the slot's old one, so the
 * cache never grows. A hit is confirmed by comparing all three numbers, so two keys never share a row.
 */

/** The cached score rows of `width` numbers each, one per slot, and the key in each slot. */
export class TripleCache {
  /** The three key numbers of each slot. */
  private readonly keys: Int32Array;
  /** Whether each slot holds a key. */
  private readonly used: Uint8Array;
  /** The score rows, `width` per slot (slot k's row from k × width): read a row from the offset `find` or `claim` gave. */
  readonly rows: Int32Array;
  private readonly mask: number;

  /** A cache of 2^`bits` slots, each with a row of `width` numbers. */
  constructor(
    bits: number,
    readonly width: number,
  ) {
    const slots = 1 << bits;
    this.keys = new Int32Array(3 * slots);
    this.used = new Uint8Array(slots);
    this.rows = new Int32Array(width * slots);
    this.mask = slots - 1;
  }

  /** The slot of key (a, b, c). */
  private slotOf(a: number, b: number, c: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 15), 0x85ebca6b) ^ Math.imul(c ^ (c >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  /** The offset in `rows` of the row of key (a, b, c), or -1 when the cache does not hold it. */
  find(a: number, b: number, c: number): number {
    const k = this.slotOf(a, b, c);
    const at = 3 * k;
    if (this.used[k] === 1 && this.keys[at] === a && this.keys[at + 1] === b && this.keys[at + 2] === c) return k * this.width;
    return -1;
  }

  /** Gives the slot of key (a, b, c) to that key (dropping the key held there) and returns its row's offset in `rows`, to be filled by the caller. */
  claim(a: number, b: number, c: number): number {
    const k = this.slotOf(a, b, c);
    const at = 3 * k;
    this.keys[at] = a;
    this.keys[at + 1] = b;
    this.keys[at + 2] = c;
    this.used[k] = 1;
    return k * this.width;
  }

  /** Forgets every key. */
  clear(): void {
    this.used.fill(0);
  }
}
