/**
 * Training of the greedy averaged-perceptron BIO tagger (Collins 2002; averaging with the
 * "w − u/c" trick of Daumé). Deterministic: documents are shuffled with a seeded generator.
 */
import { describeDocument, describeSentence, staticFeatures, type Lexicons } from './features.ts';
import { bestTag, historyFeatures, NER_TAGS, rememberSentence, scoreFeatures, type DocMemory, type WeightLookup } from './tagger.ts';
import type { NerModel } from './model.ts';

/** A training document: sentences of tokens with their IOB2 tags. */
export interface TaggedDocument {
  sentences: { tokens: string[]; tags: string[] }[];
}

/** Mutable weights with averaging accumulators, indexed by feature id. */
class TrainableWeights implements WeightLookup {
  ids = new Map<string, number>();
  w = new Float64Array(1 << 20);
  u = new Float64Array(1 << 20);
  updates = new Uint32Array((1 << 20) / NER_TAGS.length + 1);
  c = 1;

  addWeights(name: string, out: Float64Array): void {
    const id = this.ids.get(name);
    if (id === undefined) return;
    const base = id * NER_TAGS.length;
    for (let k = 0; k < NER_TAGS.length; k++) out[k]! += this.w[base + k]!;
  }

  /** Returns the id of a feature, creating it (and growing the arrays) when new. */
  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(name, id);
      const need = (id + 1) * NER_TAGS.length;
      if (need > this.w.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.u = grow(this.u);
        const up = new Uint32Array(this.updates.length * 2);
        up.set(this.updates);
        this.updates = up;
      }
    }
    return id;
  }

  update(feats: readonly string[], gold: number, pred: number): void {
    for (const f of feats) {
      const base = this.idOf(f) * NER_TAGS.length;
      this.w[base + gold]! += 1;
      this.u[base + gold]! += this.c;
      this.w[base + pred]! -= 1;
      this.u[base + pred]! -= this.c;
      this.updates[base / NER_TAGS.length]!++;
    }
  }
}

/** Small deterministic PRNG (mulberry32). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options of `trainNerModel`. */
export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Drop features updated fewer than this many times. */
  minUpdates?: number;
  /** Drop per-tag weights whose absolute averaged value is below this. */
  minWeight?: number;
  /** Decimals kept in the shipped weights (default 0: whole numbers; measured not to change dev F1). */
  decimals?: number;
  lexicons?: Lexicons;
  /** Called after each epoch with the epoch number and the token accuracy during that epoch. */
  onEpoch?: (epoch: number, accuracy: number) => void;
  /** Free-text description of the training data, stored in the model. */
  trainedOn?: string;
}

/**
 * Trains the tagger on IOB2-tagged documents and returns a pruned, averaged model
 * (weights rounded to `decimals`). Reads only its arguments.
 */
export function trainNerModel(docs: readonly TaggedDocument[], opts: TrainOptions = {}): NerModel {
  const epochs = opts.epochs ?? 10;
  const rnd = seededRandom(opts.seed ?? 1);
  const lex = opts.lexicons ?? {};
  const W = new TrainableWeights();
  const tagIndex = new Map<string, number>(NER_TAGS.map((t, k) => [t, k]));
  const scores = new Float64Array(NER_TAGS.length);
  // Static features are computed once per token and reused across epochs.
  const prepared = docs.map((d) => {
    const docInfo = describeDocument(d.sentences.map((s) => s.tokens));
    return d.sentences.map((s) => {
      const info = describeSentence(s.tokens);
      return { info, gold: s.tags.map((t) => tagIndex.get(t) ?? 0), feats: s.tokens.map((_, i) => staticFeatures(info, i, docInfo, lex)) };
    });
  });
  const order = prepared.map((_, k) => k);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    let right = 0;
    let all = 0;
    for (const di of order) {
      const memory: DocMemory = new Map();
      for (const sent of prepared[di]!) {
        const tags: string[] = [];
        for (let i = 0; i < sent.gold.length; i++) {
          const t1 = i > 0 ? tags[i - 1]! : '<s>';
          const t2 = i > 1 ? tags[i - 2]! : '<s>';
          const feats = sent.feats[i]!.concat(historyFeatures(sent.info, i, t1, t2, memory));
          scoreFeatures(W, feats, scores);
          const pred = bestTag(scores, t1);
          const gold = sent.gold[i]!;
          if (pred !== gold) W.update(feats, gold, pred);
          else right++;
          all++;
          W.c++;
          tags.push(NER_TAGS[pred]!);
        }
        rememberSentence(sent.info, tags, memory);
      }
    }
    opts.onEpoch?.(epoch, right / all);
  }
  const minUpdates = opts.minUpdates ?? 2;
  const minWeight = opts.minWeight ?? 0.05;
  const scale = 10 ** (opts.decimals ?? 0);
  const weights: Record<string, number[]> = {};
  for (const [name, id] of W.ids) {
    if (W.updates[id]! < minUpdates) continue;
    const base = id * NER_TAGS.length;
    const row: number[] = [];
    let keep = false;
    for (let k = 0; k < NER_TAGS.length; k++) {
      const avg = W.w[base + k]! - W.u[base + k]! / W.c;
      const v = Math.abs(avg) < minWeight ? 0 : Math.round(avg * scale) / scale;
      if (v !== 0) keep = true;
      row.push(v);
    }
    if (keep) weights[name] = row;
  }
  return { format: 'annalist-ner-perceptron/1', tags: [...NER_TAGS], trainedOn: opts.trainedOn ?? '', epochs, weights };
}
