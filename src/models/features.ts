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
