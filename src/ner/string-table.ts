/**
 * A hash table from strings to values for the tagger's per-word caches: open addressing with linear
 * probing over the FNV-1a hash of the string (`hashString`), at most half full. A `Map` hashes each
 * new string object on first lookup through the engine's runtime (every token of a new document is a
 * new string), which costs several times this hash computed in line; a hit is confirmed by comparing
 * the strings, so hash collisions never mix two words.
 */
import { hashString } from './features.ts';

/** Slots of a new table (a power of two). */
const INITIAL_SLOTS = 1 << 12;

/**
 * A string → value table (see the module comment); values are never `undefined`. A slot's hash is
 * stored in `hashes` (a hash of 0 is stored as 1, so that 0 marks an empty slot) and its key and value
 * side by side in `slots` (the key at 2k, the value at 2k + 1): a probe reads the hashes alone until one
 * matches, then one more cache line for both the key and the value.
 */
export class StringTable<V> {
  private hashes: Int32Array;
  private slots: (string | V | undefined)[];
  private mask: number;
  /** Number of entries. */
  size = 0;

  /** An empty table of `slots` slots to begin with (a power of two; it doubles when half full). */
  constructor(slots = INITIAL_SLOTS) {
    this.hashes = new Int32Array(slots);
    this.slots = new Array<string | V | undefined>(2 * slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** The value of `key`, or undefined. */
  get(key: string): V | undefined {
    const h = hashString(key) || 1;
    const hashes = this.hashes;
    for (let k = h & this.mask; ; k = (k + 1) & this.mask) {
      const x = hashes[k]!;
      if (x === 0) return undefined;
      if (x === h && this.slots[2 * k] === key) return this.slots[2 * k + 1] as V;
    }
  }

  /** Sets the value of `key` (a new key, or an existing one whose value is replaced). */
  set(key: string, value: V): void {
    if (2 * (this.size + 1) > this.hashes.length) this.grow();
    const h = hashString(key) || 1;
    let k = h & this.mask;
    while (this.hashes[k] !== 0 && !(this.hashes[k] === h && this.slots[2 * k] === key)) k = (k + 1) & this.mask;
    if (this.hashes[k] === 0) this.size++;
    this.hashes[k] = h;
    this.slots[2 * k] = key;
    this.slots[2 * k + 1] = value;
  }

  /** Removes every entry (keeping the table's size). */
  clear(): void {
    this.hashes.fill(0);
    this.slots.fill(undefined);
    this.size = 0;
  }

  /** Doubles the slots and puts every entry back. */
  private grow(): void {
    const { hashes, slots } = this;
    const n = 2 * hashes.length;
    this.hashes = new Int32Array(n);
    this.slots = new Array<string | V | undefined>(2 * n).fill(undefined);
    this.mask = n - 1;
    for (let j = 0; j < hashes.length; j++) {
      const h = hashes[j]!;
      if (h === 0) continue;
      let k = h & this.mask;
      while (this.hashes[k] !== 0) k = (k + 1) & this.mask;
      this.hashes[k] = h;
      this.slots[2 * k] = slots[2 * j];
      this.slots[2 * k + 1] = slots[2 * j + 1];
    }
  }
}
