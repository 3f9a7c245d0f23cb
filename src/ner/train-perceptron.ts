/**
 * Training of the averaged-perceptron BIO tagger (Collins 2002; averaging with the "w − u/c" trick of
 * Daumé) over hashed features in a fixed table of 2^bits rows (feature hashing, Weinberger et al.
 * 2009): greedy (per-token updates) or structured with the Viterbi decoder (per-sentence updates,
 * `TrainOptions.decoder`). Deterministic: documents are shuffled with a seeded generator.
 */
import { aggregateDocument, combine, describeDocument, EXTRA_CLASSES, FEATURE_FLAGS, featureGroupsOn, type SentenceInfo, describeSentence, hashString, staticHashes } from './features.ts';
import { addNames, markHeads, markNames, type NameList } from './names.ts';
import { addScores, annotateSentence, bestTag, historyHashes, memoryHashes, NER_TAGS, openToken, rememberSentence, START, tagPairHashes, tagWordHashes, type DocMemory, type WeightLookup } from './tagger.ts';
import { decodeViterbi, type ViterbiScores } from './viterbi.ts';
import type { NerModel } from './model.ts';
import { makeRng } from '../models/rng.ts';
import { stackFeatures } from './stacking.ts';

/** A training document: sentences of tokens with their IOB2 tags. */
export interface TaggedDocument {
  sentences: { tokens: string[]; tags: string[] }[];
  /**
   * Domain of the document for feature augmentation (Daumé 2007), e.g. "news" or "wiki": each feature
   * then also fires as a copy specific to that domain (see `domainOffset`). Unset: general copy only.
   */
  domain?: string;
  /**
   * First-pass tag indices (`NER_TAGS` order) per sentence, for the two-stage model (`stacking.ts`):
   * the document then also carries the stacking features. A copy of a document with its first pass
   * shares the `sentences` array (the name-list jackknife keys documents by it).
   */
  firstPass?: readonly ArrayLike<number>[];
}

/**
 * Row offset (XOR mask) of a domain's feature copies in a table of 2^bits rows: the domain copy of the
 * feature in row r lives in row r ^ offset. Non-zero for every domain name.
 */
export function domainOffset(domain: string, bits: number): number {
  const mask = (1 << bits) - 1;
  const h = combine(hashString('domain='), hashString(domain)) & mask;
  return h === 0 ? 1 : h;
}

/** Mutable hashed weights with averaging accumulators: one row of tag weights per bucket. */
class TrainableWeights implements WeightLookup {
  readonly mask: number;
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly updates: Uint32Array;
  c = 1;
  /** XOR row offset of the current document's domain copies (0: none). */
  dx = 0;

  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
    this.w = new Float64Array((1 << bits) * START);
    this.u = new Float64Array((1 << bits) * START);
    this.updates = new Uint32Array(1 << bits);
  }

  addFeature(h: number, out: Float64Array): void {
    const base = (h & this.mask) * START;
    for (let k = 0; k < START; k++) out[k]! += this.w[base + k]!;
    if (this.dx) {
      const d = ((h & this.mask) ^ this.dx) * START;
      for (let k = 0; k < START; k++) out[k]! += this.w[d + k]!;
    }
  }

  update(feats: ArrayLike<number>, n: number, gold: number, pred: number): void {
    for (let j = 0; j < n; j++) {
      const row = feats[j]! & this.mask;
      this.bump(row, gold, pred);
      if (this.dx) this.bump(row ^ this.dx, gold, pred);
    }
  }

  /** Adds `sign` (+1 or −1) to tag `tag` of the rows of `n` feature hashes (and their domain copies). */
  adjust(feats: ArrayLike<number>, n: number, tag: number, sign: number): void {
    for (let j = 0; j < n; j++) {
      const row = feats[j]! & this.mask;
      this.add(row, tag, sign);
      if (this.dx) this.add(row ^ this.dx, tag, sign);
    }
  }

  /** Sets the weights to their running average and restarts the averaging from there (fine-tuning with `fineTuneAverage: 'restart'`). */
  restartAverage(): void {
    for (let k = 0; k < this.w.length; k++) this.w[k] = this.w[k]! - this.u[k]! / this.c;
    this.u.fill(0);
    this.c = 1;
  }

  private add(row: number, tag: number, sign: number): void {
    const k = row * START + tag;
    this.w[k]! += sign;
    this.u[k]! += sign * this.c;
    this.updates[row]!++;
  }

  private bump(row: number, gold: number, pred: number): void {
    const base = row * START;
    this.w[base + gold]! += 1;
    this.u[base + gold]! += this.c;
    this.w[base + pred]! -= 1;
    this.u[base + pred]! -= this.c;
    this.updates[row]!++;
  }
}


/** A name list as ascending unsigned hashes and their type bits. */
function sortedList(list: NameList): [Uint32Array, Uint8Array] {
  const pairs = [...list].map(([h, bits]) => [h >>> 0, bits] as const).sort((x, y) => x[0] - y[0]);
  return [Uint32Array.from(pairs.map((p) => p[0])), Uint8Array.from(pairs.map((p) => p[1]))];
}

/** Options of `trainNerModel`. */
export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** log2 of the number of hash buckets (rows) of the weight table; default 20. */
  bits?: number;
  /** Drop rows updated fewer than this many times. */
  minUpdates?: number;
  /** Drop per-tag weights whose absolute averaged value is below this. */
  minWeight?: number;
  /** Called after each epoch with the epoch number and the token accuracy during that epoch. */
  onEpoch?: (epoch: number, accuracy: number) => void;
  /** Free-text description of the training data, stored in the model. */
  trainedOn?: string;
  /** 2 for a two-stage model (trained on documents with and without `firstPass`): the tagger then tags twice. */
  passes?: number;
  /**
   * 'viterbi': structured perceptron (Collins 2002) with the exact second-order Viterbi decoder of
   * `viterbi.ts` (tokens farther than two tokens from a capital or digit are `O`, as in the tagger's
   * fast path), updated per sentence; stored in the model so that the tagger decodes the same way.
   */
  decoder?: 'greedy' | 'viterbi';
  /**
   * Jackknife folds for the name list built from the training annotations (default 5; 0 = no name
   * list). Each document sees only the names of the other folds, as unseen text would.
   */
  nameFolds?: number;
  /** External name list (general gazetteer) stored in the model and used as features. */
  ext?: NameList;
  /** Geographic gazetteer (type bits: population tiers) stored in the model and used as features. */
  geo?: NameList;
  /** Word classes (folded-word hash → class bits) stored in the model and used as features. */
  classes?: ReadonlyMap<number, number>;
  /**
   * With domain-tagged documents (`TaggedDocument.domain`): the domain whose feature copies are folded
   * into the stored weights (row r gets r's weights plus those of r ^ `domainOffset`), so the tagger
   * predicts as "general + that domain" at no run-time cost; a mix such as "news*0.5+wiki*0.5" adds
   * weighted copies of several domains (`parseDomainTarget`). Unset: the general copies alone.
   */
  targetDomain?: string;
  /**
   * Training-schedule domain adaptation (eighth session of issue 4; every option below is off by
   * default and then leaves training unchanged): the in-domain documents, entries of `docs` compared by
   * identity (a document repeated for upweighting is the same object each time).
   */
  inDomain?: ReadonlySet<TaggedDocument>;
  /** After the main epochs, this many epochs over the distinct `inDomain` documents only (each once per epoch, shuffled). Default 0. */
  fineTuneEpochs?: number;
  /**
   * How the fine-tuning is averaged: 'run' (default) keeps one average over the whole run; 'restart'
   * starts the fine-tuning from the averaged weights of the main epochs and averages its steps alone.
   */
  fineTuneAverage?: 'run' | 'restart';
  /** Every main epoch presents the other documents first and the `inDomain` ones last, each part in its shuffled order. */
  inDomainLast?: boolean;
  /**
   * Copies of each distinct `inDomain` document per main epoch, rising linearly from the first number
   * (epoch 1) to the second (last epoch), rounded; their repeats in `docs` are then ignored.
   */
  inDomainRamp?: readonly [number, number];
}

/**
 * The documents (indices into `docs`) of each training epoch, in order: the main epochs, then the
 * fine-tuning epochs (`TrainOptions.fineTuneEpochs`). Without schedule options every epoch is the
 * previous epoch's order shuffled again (Fisher–Yates with `rnd`), as training always did.
 */
export function planEpochs(docs: readonly TaggedDocument[], opts: TrainOptions, rnd: () => number): number[][] {
  const epochs = opts.epochs ?? 10;
  const inDomain = opts.inDomain ?? new Set<TaggedDocument>();
  const isIn = (k: number) => inDomain.has(docs[k]!);
  const shuffle = (xs: number[]) => {
    for (let k = xs.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [xs[k], xs[j]] = [xs[j]!, xs[k]!];
    }
  };
  // the first entry of each distinct in-domain document
  const seen = new Set<TaggedDocument>();
  const distinctIn = docs.flatMap((d, k) => (inDomain.has(d) && !seen.has(d) ? (seen.add(d), [k]) : []));
  const plan: number[][] = [];
  const ramp = opts.inDomainRamp;
  if (ramp) {
    const others = docs.flatMap((_, k) => (isIn(k) ? [] : [k]));
    for (let e = 1; e <= epochs; e++) {
      const copies = Math.round(ramp[0] + ((ramp[1] - ramp[0]) * (e - 1)) / Math.max(epochs - 1, 1));
      const order = others.concat(...Array.from({ length: copies }, () => distinctIn));
      shuffle(order);
      plan.push(opts.inDomainLast ? order.filter((k) => !isIn(k)).concat(order.filter(isIn)) : order);
    }
  } else {
    const order = docs.map((_, k) => k);
    for (let e = 1; e <= epochs; e++) {
      shuffle(order);
      plan.push(opts.inDomainLast ? order.filter((k) => !isIn(k)).concat(order.filter(isIn)) : order.slice());
    }
  }
  const fine = distinctIn.slice();
  for (let e = 0; e < (opts.fineTuneEpochs ?? 0); e++) {
    shuffle(fine);
    plan.push(fine.slice());
  }
  return plan;
}

/**
 * Trains once and returns one finalized model per entry of `opts.targetDomains` (default: just
 * `opts.targetDomain`), keyed by it: the same training folded for different target domains.
 */
export function trainNerModels(docs: readonly TaggedDocument[], opts: TrainOptions & { targetDomains?: (string | undefined)[] } = {}): Map<string | undefined, NerModel> {
  const epochs = opts.epochs ?? 10;
  const bits = opts.bits ?? 20;
  const rnd = makeRng(opts.seed ?? 1);
  const W = new TrainableWeights(bits);
  const tagIndex = new Map<string, number>(NER_TAGS.map((t, k) => [t, k]));
  const scores = new Float64Array(START);
  const buf: number[] = [];
  const folds = opts.nameFolds ?? 5;
  const fullList: NameList = new Map();
  const foldLists: NameList[] = [];
  // a document repeated in `docs` (upweighting) keeps one fold, so it never sees its own names
  // (keyed by the sentences array, which a document's first-pass copy shares)
  const foldOf = new Map<TaggedDocument['sentences'], number>();
  for (const d of docs) if (!foldOf.has(d.sentences)) foldOf.set(d.sentences, foldOf.size % Math.max(folds, 1));
  if (folds > 0) {
    for (const d of foldOf.keys()) addNames(fullList, d, FEATURE_FLAGS.head);
    for (let f = 0; f < folds; f++) {
      const list: NameList = new Map();
      for (const [d, k] of foldOf) if (k !== f) addNames(list, d, FEATURE_FLAGS.head);
      foldLists.push(list);
    }
  }
  // Static feature hashes are computed once per token and reused across epochs.
  const prepared = docs.map((d) => {
    const docInfo = describeDocument(d.sentences.map((s) => s.tokens));
    const infos = d.sentences.map((s) => {
      const info = annotateSentence(describeSentence(s.tokens), { ext: opts.ext, geo: opts.geo, classes: opts.classes });
      if (folds > 0) {
        info.names = markNames(info, foldLists[foldOf.get(d.sentences)!]!);
        if (FEATURE_FLAGS.head) info.head = markHeads(info, foldLists[foldOf.get(d.sentences)!]!);
      }
      return info;
    });
    aggregateDocument(infos, docInfo);
    const stack = d.firstPass ? stackFeatures(infos, d.firstPass) : undefined;
    return d.sentences.map((s, si) => {
      const info = infos[si]!;
      const feats = s.tokens.map((_, i) => {
        buf.length = 0;
        staticHashes(info, i, docInfo, buf);
        const st = stack?.[si]![i];
        if (st) for (const h of st) buf.push(h);
        return Int32Array.from(buf);
      });
      const nameish = (i: number) => NAMEISH.test(s.tokens[i]!);
      const open = Uint8Array.from(s.tokens, (_, i) => (openToken(nameish, i) ? 1 : 0));
      return { info, gold: Uint8Array.from(s.tags.map((t) => tagIndex.get(t) ?? 0)), feats, open };
    });
  });
  const plan = planEpochs(docs, opts, rnd);
  const feats = new Int32Array(256);
  for (let epoch = 1; epoch <= plan.length; epoch++) {
    const order = plan[epoch - 1]!;
    if (epoch === epochs + 1 && opts.fineTuneAverage === 'restart') W.restartAverage();
    let right = 0;
    let all = 0;
    for (const di of order) {
      const memory: DocMemory = new Map();
      const domain = docs[di]!.domain;
      W.dx = domain ? domainOffset(domain, bits) : 0;
      if (opts.decoder === 'viterbi') {
        for (const sent of prepared[di]!) {
          const r = trainViterbiSentence(W, sent, memory, scores);
          right += r;
          all += sent.gold.length;
        }
        continue;
      }
      for (const sent of prepared[di]!) {
        const tags = new Uint8Array(sent.gold.length);
        for (let i = 0; i < sent.gold.length; i++) {
          const t1 = i > 0 ? tags[i - 1]! : START;
          const t2 = i > 1 ? tags[i - 2]! : START;
          const stat = sent.feats[i]!;
          feats.set(stat);
          buf.length = 0;
          tagPairHashes(t1, t2, buf);
          historyHashes(sent.info, i, t1, memory, buf);
          let n = stat.length;
          for (const h of buf) feats[n++] = h;
          scores.fill(0);
          addScores(W, feats, n, scores);
          const pred = bestTag(scores, t1);
          const gold = sent.gold[i]!;
          if (pred !== gold) W.update(feats, n, gold, pred);
          else right++;
          all++;
          W.c++;
          tags[i] = pred;
        }
        rememberSentence(sent.info, tags, memory);
      }
    }
    opts.onEpoch?.(epoch, right / all);
  }
  W.dx = 0;
  const targets = opts.targetDomains ?? [opts.targetDomain];
  const out = new Map<string | undefined, NerModel>();
  for (const target of targets) out.set(target, finalizeModel(W, plan.length, bits, fullList, opts, target));
  return out;
}

/** Matches a token that may start a name (an upper-case letter or a digit), as `WordFacts.nameish`. */
const NAMEISH = /[\p{Lu}\p{N}]/u;

/** Reusable buffers of `trainViterbiSentence`. */
const vx: ViterbiScores = { n: 0, local: new Float64Array(0), prev: [], pair: new Float64Array((START + 1) * (START + 1) * START), forced: new Uint8Array(0) };
const hbuf: number[] = [];
const mbuf: number[] = [];

/** Sizes the buffers of `vx` for `n` tokens. */
function sizeBuffers(n: number): void {
  if (vx.forced.length >= n) return;
  const m = Math.max(n, 2 * vx.forced.length, 64);
  vx.local = new Float64Array(m * START);
  while (vx.prev.length < m) vx.prev.push(new Float64Array((START + 1) * START));
  vx.forced = new Uint8Array(m);
}

/** The history features of token `i` for previous tags `t1`, `t2` (tag pair and previous tag × word), into `out`. */
function historyOf(info: SentenceInfo, i: number, t1: number, t2: number, out: number[]): void {
  out.length = 0;
  tagPairHashes(t1, t2, out);
  tagWordHashes(info.fold[i]!, info.shape[i]!, t1, out);
}

/**
 * One structured-perceptron step on a sentence with the Viterbi decoder: decodes with the current
 * weights and moves them toward the gold sequence's features and away from the predicted one's.
 * Records the prediction in the document memory; returns the number of tokens tagged right.
 */
function trainViterbiSentence(W: TrainableWeights, sent: { info: SentenceInfo; gold: Uint8Array; feats: Int32Array[]; open: Uint8Array }, memory: DocMemory, scores: Float64Array): number {
  const n = sent.gold.length;
  const info = sent.info;
  sizeBuffers(n);
  vx.n = n;
  for (let t1 = 0; t1 <= START; t1++) {
    for (let t2 = 0; t2 <= START; t2++) {
      hbuf.length = 0;
      tagPairHashes(t1, t2, hbuf);
      scores.fill(0);
      addScores(W, hbuf, hbuf.length, scores);
      vx.pair.set(scores, (t1 * (START + 1) + t2) * START);
    }
  }
  const mem: number[][] = [];
  for (let i = 0; i < n; i++) {
    mbuf.length = 0;
    memoryHashes(info, i, memory, mbuf);
    mem.push(mbuf.slice());
    vx.forced[i] = sent.open[i] ? 0 : 1;
    if (!sent.open[i]) continue;
    scores.fill(0);
    const stat = sent.feats[i]!;
    addScores(W, stat, stat.length, scores);
    addScores(W, mbuf, mbuf.length, scores);
    vx.local.set(scores, i * START);
    for (let t1 = 0; t1 <= START; t1++) {
      hbuf.length = 0;
      tagWordHashes(info.fold[i]!, info.shape[i]!, t1, hbuf);
      scores.fill(0);
      addScores(W, hbuf, hbuf.length, scores);
      vx.prev[i]!.set(scores, t1 * START);
    }
  }
  const pred = new Uint8Array(n);
  decodeViterbi(vx, pred);
  let right = 0;
  const gold = sent.gold;
  for (let i = 0; i < n; i++) {
    const g = gold[i]!;
    const p = pred[i]!;
    if (g === p) right++;
    const g1 = i > 0 ? gold[i - 1]! : START;
    const g2 = i > 1 ? gold[i - 2]! : START;
    const p1 = i > 0 ? pred[i - 1]! : START;
    const p2 = i > 1 ? pred[i - 2]! : START;
    if (g !== p || g1 !== p1 || g2 !== p2) {
      if (g !== p) {
        const stat = sent.feats[i]!;
        W.update(stat, stat.length, g, p);
        W.update(mem[i]!, mem[i]!.length, g, p);
      }
      historyOf(info, i, g1, g2, hbuf);
      W.adjust(hbuf, hbuf.length, g, 1);
      historyOf(info, i, p1, p2, hbuf);
      W.adjust(hbuf, hbuf.length, p, -1);
    }
    W.c++;
  }
  rememberSentence(info, pred, memory);
  return right;
}

/**
 * Trains the tagger on IOB2-tagged documents and returns a pruned, averaged model with weights
 * quantized to 16-bit integers. Reads only its arguments.
 */
export function trainNerModel(docs: readonly TaggedDocument[], opts: TrainOptions = {}): NerModel {
  return trainNerModels(docs, { ...opts, targetDomains: [opts.targetDomain] }).get(opts.targetDomain)!;
}

/**
 * Parses a target-domain spec: a domain name ("wiki"), or domains with weights joined by "+"
 * ("news*0.5+wiki*0.5": general copies plus half of each domain's copies). Empty or undefined: none.
 */
export function parseDomainTarget(spec: string | undefined): { domain: string; weight: number }[] {
  if (!spec) return [];
  return spec.split('+').map((part) => {
    const [domain, weight] = part.split('*') as [string, string | undefined];
    const w = weight === undefined ? 1 : Number(weight);
    if (!domain || !Number.isFinite(w)) throw new Error(`bad target domain spec: ${spec}`);
    return { domain, weight: w };
  });
}

/** The word-vector table (`EXTRA_CLASSES.emb`) as model fields, when one of its feature groups is on; else nothing. */
function embeddingSection(): Pick<NerModel, 'embKeys' | 'embLengths' | 'embCodes'> {
  const table = EXTRA_CLASSES.emb;
  if (!table || !(FEATURE_FLAGS.emb || FEATURE_FLAGS.embNear || FEATURE_FLAGS.embFar)) return {};
  const entries = [...table].map(([h, codes]) => [h >>> 0, codes] as const).sort((a, b) => a[0] - b[0]);
  const codes = new Uint8Array(entries.reduce((n, e) => n + e[1].length, 0));
  let at = 0;
  for (const [, c] of entries) {
    codes.set(c, at);
    at += c.length;
  }
  return { embKeys: Uint32Array.from(entries, (e) => e[0]), embLengths: Uint16Array.from(entries, (e) => e[1].length), embCodes: codes };
}

/** Averages, folds the target domain's copies in (see `parseDomainTarget`), prunes and quantizes the trained weights. */
function finalizeModel(W: TrainableWeights, epochs: number, bits: number, fullList: NameList, opts: TrainOptions, target: string | undefined): NerModel {
  const minUpdates = opts.minUpdates ?? 2;
  const minWeight = opts.minWeight ?? 0.05;
  const parts = parseDomainTarget(target).map((p) => ({ dx: domainOffset(p.domain, bits), weight: p.weight }));
  let maxAbs = 0;
  const avg = new Float64Array(W.w.length);
  for (let k = 0; k < avg.length; k++) {
    let v = W.w[k]! - W.u[k]! / W.c;
    for (const { dx, weight } of parts) {
      const j = (((k / START) | 0) ^ dx) * START + (k % START);
      v += weight * (W.w[j]! - W.u[j]! / W.c);
    }
    avg[k] = Math.abs(v) < minWeight ? 0 : v;
    if (Math.abs(avg[k]!) > maxAbs) maxAbs = Math.abs(avg[k]!);
  }
  const scale = maxAbs > 0 ? Math.min(64, 32767 / maxAbs) : 1;
  const rows: number[] = [];
  const values: number[] = [];
  for (let row = 0; row <= W.mask; row++) {
    let updates = W.updates[row]!;
    for (const { dx } of parts) updates += W.updates[row ^ dx]!;
    if (updates < minUpdates) continue;
    const base = row * START;
    let keep = false;
    for (let k = 0; k < START; k++) if (Math.round(avg[base + k]! * scale) !== 0) keep = true;
    if (!keep) continue;
    rows.push(row);
    for (let k = 0; k < START; k++) values.push(Math.round(avg[base + k]! * scale));
  }
  const [names, nameTypes] = sortedList(fullList);
  const [ext, extTypes] = sortedList(opts.ext ?? new Map());
  const geo = opts.geo?.size ? sortedList(opts.geo) : undefined;
  const classes = [...(opts.classes ?? new Map<number, number>())].map(([h, v]) => [h >>> 0, v >>> 0] as const).sort((a, b) => a[0] - b[0]);
  return {
    format: 'annalist-ner-hashed/2',
    tags: [...NER_TAGS],
    trainedOn: opts.trainedOn ?? '',
    ...(opts.passes && opts.passes > 1 ? { passes: opts.passes } : {}),
    ...(opts.decoder === 'viterbi' ? { decoder: 'viterbi' as const } : {}),
    ...(featureGroupsOn().length ? { features: featureGroupsOn() } : {}),
    epochs,
    bits,
    scale,
    rows: Uint32Array.from(rows),
    values: Int16Array.from(values),
    names,
    nameTypes,
    ext,
    extTypes,
    classKeys: Uint32Array.from(classes.map((c) => c[0])),
    classValues: Uint32Array.from(classes.map((c) => c[1])),
    ...(geo ? { geo: geo[0], geoTypes: geo[1] } : {}),
    ...embeddingSection(),
  };
}
