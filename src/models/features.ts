/** Named sparse features: feature name → value (1 for indicator features). */
export type NamedFeatures = Map<string, number>;

/** A sparse vector over a fixed feature vocabulary: parallel index and value arrays. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** Adds `value` to a named feature (creating it at 0). Mutates and returns `feats`. */
export function addFeature(feats: NamedFeatures, name: string, value = 1): NamedFeatures {
  feats.set(name, (feats.get(name) ?? 0) + value);
  return feats;
}

/**
 * Maps feature names to dense indices. Built once from training data (keeping names seen at least
 * `minCount` times), then frozen; unknown names are dropped when vectorizing.
 */
export class FeatureIndex {
  readonly names: string[];
  private readonly index: Map<string, number>;

  constructor(names: readonly string[]) {
    this.names = [...names];
    this.index = new Map(this.names.map((n, i) => [n, i]));
  }

  /** Builds an index from feature maps, keeping names that occur in at least `minCount` of them. */
  static build(all: Iterable<NamedFeatures>, minCount = 1): FeatureIndex {
    const counts = new Map<string, number>();
    for (const f of all) for (const k of f.keys()) counts.set(k, (counts.get(k) ?? 0) + 1);
    const names = [...counts].filter(([, c]) => c >= minCount).map(([n]) => n).sort();
    return new FeatureIndex(names);
  }

  /** Number of features. */
  get size(): number {
    return this.names.length;
  }

  /** Index of a name, or -1. */
  get(name: string): number {
    return this.index.get(name) ?? -1;
  }

  /** Converts named features to a sparse vector, dropping unknown names. */
  vectorize(feats: NamedFeatures): SparseVector {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [k, v] of feats) {
      const i = this.index.get(k);
      if (i !== undefined && v !== 0) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  }
}

/** Joins the parts of a structured feature name (`prefix`, then up to two values) with tabs. */
export function featureName(prefix: string, a?: string, b?: string): string {
  return a === undefined ? prefix : b === undefined ? `${prefix}\t${a}` : `${prefix}\t${a}\t${b}`;
}

/**
 * A lookup over structured feature names (see `featureName`) by their parts, without building the
 * joined string: nested maps keyed by strings that V8 has already hashed. Much faster than
 * `FeatureIndex.get` on freshly concatenated names in hot loops.
 */
export class NestedFeatureIndex {
  private readonly one = new Map<string, number>();
  private readonly two = new Map<string, Map<string, number>>();
  private readonly three = new Map<string, Map<string, Map<string, number>>>();

  constructor(index: FeatureIndex) {
    index.names.forEach((name, i) => {
      const parts = name.split('\t');
      if (parts.length === 1) this.one.set(name, i);
      else if (parts.length === 2) {
        let m = this.two.get(parts[0]!);
        if (!m) this.two.set(parts[0]!, (m = new Map()));
        m.set(parts[1]!, i);
      } else {
        let m = this.three.get(parts[0]!);
        if (!m) this.three.set(parts[0]!, (m = new Map()));
        let m2 = m.get(parts[1]!);
        if (!m2) m.set(parts[1]!, (m2 = new Map()));
        m2.set(parts.slice(2).join('\t'), i);
      }
    });
  }

  /** Index of the feature with these parts, or -1. */
  get(prefix: string, a?: string, b?: string): number {
    if (a === undefined) return this.one.get(prefix) ?? -1;
    if (b === undefined) return this.two.get(prefix)?.get(a) ?? -1;
    return this.three.get(prefix)?.get(a)?.get(b) ?? -1;
  }
}

/**
 * Integer lookups over structured feature names (see `featureName`) whose parts are words: every
 * part string gets a word id once, so that a caller that has mapped its tokens to ids (`wordIds`)
 * finds `(prefix, a)` and `(prefix, a, b)` features with typed-array reads only (no string
 * hashing or comparing in hot loops). Three-part features are stored per prefix as sorted rows
 * (compressed sparse rows over the first word id, binary search on the second).
 */
export class WordIdFeatureIndex {
  private readonly vocab = new Map<string, number>();
  private readonly unary = new Map<string, Int32Array>();
  private readonly pairs = new Map<string, { start: Int32Array; second: Int32Array; row: Int32Array }>();

  constructor(index: FeatureIndex) {
    const split = index.names.map((name) => name.split('\t'));
    const idOf = (w: string): number => {
      let id = this.vocab.get(w);
      if (id === undefined) this.vocab.set(w, (id = this.vocab.size));
      return id;
    };
    for (const parts of split) for (let j = 1; j < parts.length; j++) idOf(j === 1 ? parts[1]! : parts.slice(2).join('\t'));
    const V = this.vocab.size;
    const triples = new Map<string, Array<[number, number, number]>>();
    split.forEach((parts, row) => {
      if (parts.length === 2) {
        let u = this.unary.get(parts[0]!);
        if (!u) this.unary.set(parts[0]!, (u = new Int32Array(V).fill(-1)));
        u[this.vocab.get(parts[1]!)!] = row;
      } else if (parts.length >= 3) {
        let t = triples.get(parts[0]!);
        if (!t) triples.set(parts[0]!, (t = []));
        t.push([this.vocab.get(parts[1]!)!, this.vocab.get(parts.slice(2).join('\t'))!, row]);
      }
    });
    for (const [prefix, t] of triples) {
      t.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      const start = new Int32Array(V + 1);
      for (const [a] of t) start[a + 1]!++;
      for (let i = 0; i < V; i++) start[i + 1]! += start[i]!;
      this.pairs.set(prefix, { start, second: Int32Array.from(t, (x) => x[1]), row: Int32Array.from(t, (x) => x[2]) });
    }
  }

  /** Id of a word (a feature-name part), or -1 when no feature uses it. */
  wordId(word: string): number {
    return this.vocab.get(word) ?? -1;
  }

  /** Ids of many words (see `wordId`). */
  wordIds(words: readonly string[]): Int32Array {
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.vocab.get(words[i]!) ?? -1;
    return out;
  }

  /**
   * A lookup for the features `(prefix, a)`: a function from the id of `a` to the feature's
   * index, or -1.
   */
  unaryLookup(prefix: string): (a: number) => number {
    const u = this.unary.get(prefix);
    if (!u) return () => -1;
    return (a) => (a < 0 ? -1 : u[a]!);
  }

  /**
   * A lookup for the features `(prefix, a, b)`: a function from the ids of `a` and `b` to the
   * feature's index, or -1.
   */
  pairLookup(prefix: string): (a: number, b: number) => number {
    const p = this.pairs.get(prefix);
    if (!p) return () => -1;
    const { start, second, row } = p;
    return (a, b) => {
      if (a < 0 || b < 0) return -1;
      let lo = start[a]!;
      let hi = start[a + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = second[mid]!;
        if (s === b) return row[mid]!;
        if (s < b) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    };
  }
}
