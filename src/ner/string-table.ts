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

/** A string → value table (see the module comment); values are never `undefined`. */
export class StringTable<V> {
  private hashes = new Int32Array(INITIAL_SLOTS);
  private keys: string[] = new Array<string>(INITIAL_SLOTS).fill('');
  private values: (V | undefined)[] = new Array<V | undefined>(INITIAL_SLOTS).fill(undefined);
  private mask = INITIAL_SLOTS - 1;
  /** Number of entries. */
  size = 0;

  /** The value of `key`, or undefined. */
  get(key: string): V | undefined {
    const h = hashString(key);
    for (let k = h & this.mask; ; k = (k + 1) & this.mask) {
      const v = this.values[k];
      if (v === undefined) return undefined;
      if (this.hashes[k] === h && this.keys[k] === key) return v;
    }
  }

  /** Sets the value of `key` (a new key, or an existing one whose value is replaced). */
  set(key: string, value: V): void {
    if (2 * (this.size + 1) > this.values.length) this.grow();
    const h = hashString(key);
    let k = h & this.mask;
    while (this.values[k] !== undefined && !(this.hashes[k] === h && this.keys[k] === key)) k = (k + 1) & this.mask;
    if (this.values[k] === undefined) this.size++;
    this.hashes[k] = h;
    this.keys[k] = key;
    this.values[k] = value;
  }

  /** Removes every entry (keeping the table's size). */
  clear(): void {
    this.keys.fill('');
    this.values.fill(undefined);
    this.size = 0;
  }

  /** Doubles the slots and puts every entry back. */
  private grow(): void {
    const { hashes, keys, values } = this;
    const slots = 2 * values.length;
    this.hashes = new Int32Array(slots);
    this.keys = new Array<string>(slots).fill('');
    this.values = new Array<V | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (v === undefined) continue;
      let k = hashes[j]! & this.mask;
      while (this.values[k] !== undefined) k = (k + 1) & this.mask;
      this.hashes[k] = hashes[j]!;
      this.keys[k] = keys[j]!;
      this.values[k] = v;
    }
  }
}

