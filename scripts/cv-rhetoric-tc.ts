// Cross-validates the technique (TC) model on the PTC train split: 5 folds by article (fold = the
// article's position % 5, as in scripts/train-rhetoric.ts), 3 seeds averaged, then the Repetition
// offsets tuned on the same out-of-fold rankings. Prints micro-F1 (top-1 per given span, k labels for
// a span given k times) before and after the offsets, and writes the out-of-fold probabilities to
// OOF_OUT (JSON) when set. For experiments only; the dev split is never read.
// Usage: node --import tsx scripts/cv-rhetoric-tc.ts   (about a minute on one free core at 5 epochs)
//   TC_EPOCHS=5 TC_L2=1e-5 TC_SEEDS=3 TC_LR=0.05 (as scripts/train-rhetoric.ts; 0.1 before)
//   TC_SMOOTH=<label smoothing> TC_ALPHA=<rare-class weight exponent> TC_PRUNE=<drop small weights, as stored: 0.06>
//   TC_EXTRA=<comma list of the feature sets of scripts/tc-extra-features.ts> TC_PROTO=1 (technique prototypes)
//   OOF_IN=<file from OOF_OUT> (reuse the linear model's out-of-fold probabilities) TC_NET=1 (span networks, see below)
//   TC_NB=1 [NB_FOLDED=1 | NB_VALUES=1] (naive Bayes mixed in), TC_STAGE2=1 (second stage), both nested, see
//   below; NESTED_IN=<file from NESTED_OUT> reuses the 20 nested linear fits they need (per outer fold,
//   each other fold predicted by a model of the remaining three).
//   TC_ADAPT=1 (seventh round: label-shift adaptation by EM over a batch of given spans, plain CV and
//   simulated shift; ADAPT_DRAWS, ADAPT_CONC, ADAPT_SEED; see its block).
//   TC_NB_FIXED=0.01:0.005 (the shipped form: naive Bayes folded in at a fixed alpha:weight, no nested
//   fits; eighth round, with TC_EXTRA=lex [LEX_VALUE, LEX_SPARSE=1, LEX_SET=min] for the word lexicons).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeatureIndex, type NamedFeatures } from '../src/models/features.ts';
import { averageLinearModels, scoreLinear, softmaxInPlace, trainLinear, type Example, type LinearModel } from '../src/models/linear.ts';
import { prepareDoc, tokenRange, type RhetoricDoc } from '../src/stages/rhetoric/doc.ts';
import { collectFeatures, emitSpanFeatures, spanWordValue } from '../src/stages/rhetoric/features.ts';
import { repeatCategories, rerankForRepeat, tuneRepeatOffsets, type RankedGivenSpan, type RepeatOffsets } from '../src/stages/rhetoric/classify-given.ts';
import { readPtcArticles, readPtcLabels, type PtcLabel } from '../src/stages/rhetoric/ptc.ts';
import { TECHNIQUES } from '../src/stages/rhetoric/techniques.ts';
import { loadWordVectors, poolVectors } from '../src/stages/rhetoric/embeddings.ts';
import { EXTRA_FEATURE_SETS } from './tc-extra-features.ts';
import { spanNetInput, spanNetLogits, spanUnitTable, trainSpanNet, type SpanNetShape } from '../src/stages/rhetoric/span-net.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ptc = join(root, '..', 'shared', 'bench', 'ptc');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const scorer: any = await import(join(ptc, 'score.mjs'));
const articles = readPtcArticles(join(ptc, 'datasets', 'train-articles'));
const rows = readPtcLabels(join(ptc, 'datasets', 'train-task-flc-tc.labels'), articles);
const docs = new Map<string, RhetoricDoc>(articles.map((a) => [a.id, prepareDoc(a.text)]));
const order = new Map(articles.map((a, i) => [a.id, i]));
const fold = (r: PtcLabel) => order.get(r.article)! % 5;
const techIndex = new Map<string, number>(TECHNIQUES.map((t, i) => [t, i]));
const vectors = loadWordVectors();
const extras = (process.env.TC_EXTRA ?? '').split(',').filter(Boolean);
for (const e of extras) if (!EXTRA_FEATURE_SETS[e]) throw new Error(`unknown extra feature set ${e}`);
const epochs = Number(process.env.TC_EPOCHS ?? 5);
const l2 = Number(process.env.TC_L2 ?? 1e-5);
const seeds = Number(process.env.TC_SEEDS ?? 3);
const lr = Number(process.env.TC_LR ?? 0.05);
const smooth = Number(process.env.TC_SMOOTH ?? 0);
// Class weights for rare techniques: (median count / own count)^alpha for techniques below the median, 1 otherwise.
const alpha = Number(process.env.TC_ALPHA ?? 0);

const peers = new Map<string, PtcLabel[]>();
for (const r of rows) peers.set(r.article, [...(peers.get(r.article) ?? []), r]);
const baseFeats: NamedFeatures[] = rows.map((r) => {
  const doc = docs.get(r.article)!;
  return collectFeatures((emit) => {
    emitSpanFeatures(doc, r, emit, peers.get(r.article), undefined, vectors);
    for (const e of extras) EXTRA_FEATURE_SETS[e]!(doc, r, emit, peers.get(r.article)!);
  });
});
const ys = rows.map((r) => techIndex.get(r.technique!)!);
// TC_SCALE=prefix:factor,…: multiplies the values of the features with those prefixes (e.g. es:2,em:2,ex:2).
const scales = new Map((process.env.TC_SCALE ?? '').split(',').filter(Boolean).map((x) => [x.split(':')[0]!, Number(x.split(':')[1])] as const));
if (scales.size) for (const f of baseFeats) for (const [name, v] of f) { const k = scales.get(name.split('\t')[0]!); if (k !== undefined) f.set(name, v * k); }

/** Averaged weights of `seeds` runs in different example orders (as the train script does). */
function fit(train: number[], feats: NamedFeatures[] = baseFeats): { model: LinearModel; index: FeatureIndex } {
  const index = FeatureIndex.build(train.map((i) => feats[i]!), 2);
  const counts = TECHNIQUES.map((_, c) => train.filter((i) => ys[i] === c).length);
  const median = [...counts].sort((x, y) => x - y)[counts.length >> 1]!;
  const cw = counts.map((n) => (n && n < median ? (median / n) ** alpha : 1));
  const examples: Example[] = train.map((i) => ({ x: index.vectorize(feats[i]!), y: ys[i]!, weight: cw[ys[i]!]! }));
  const opts = { classes: TECHNIQUES.length, features: index.size, epochs, l2, learningRate: lr };
  const models = Array.from({ length: seeds }, (_, k) => trainLinear(examples, { ...opts, seed: 7 + k, labelSmoothing: smooth }));
  return { model: averageLinearModels(models), index };
}

// TC_PROTO=1: per technique, the largest cosine between a word of the span and the technique's
// prototype (the mean unit span vector of its training spans), 14 values; built out-of-fold (a
// training row's prototypes leave out its own fold and the held-out fold).
const useProto = process.env.TC_PROTO === '1';
const unit = (v: ArrayLike<number>) => {
  let n = 0;
  for (let k = 0; k < v.length; k++) n += v[k]! ** 2;
  n = Math.sqrt(n);
  return n ? Float64Array.from(v, (x) => x / n) : null;
};
const spanUnit = useProto ? rows.map((r) => { const doc = docs.get(r.article)!; const [a, b] = tokenRange(doc, r); return unit(poolVectors(doc, vectors, a, b).mean); }) : [];
const wordUnits = useProto ? rows.map((r) => { const doc = docs.get(r.article)!; const [a, b] = tokenRange(doc, r); const out: Float64Array[] = []; for (let i = a; i < b; i++) { const row = vectors.rows.get(doc.tokens[i]!.norm); if (row !== undefined) out.push(unit(vectors.data.subarray(row * vectors.dims, (row + 1) * vectors.dims))!); } return out; }) : [];
function prototypes(use: (i: number) => boolean): Float64Array[] {
  const sums = TECHNIQUES.map(() => new Float64Array(vectors.dims));
  rows.forEach((_, i) => { const u = spanUnit[i]; if (!u || !use(i)) return; for (let k = 0; k < u.length; k++) sums[ys[i]!]![k]! += u[k]!; });
  return sums.map((s) => unit(s) ?? s);
}
function withProto(i: number, protos: Float64Array[]): NamedFeatures {
  const f = new Map(baseFeats[i]!);
  const ws = wordUnits[i]!;
  if (!ws.length) return f;
  protos.forEach((p, c) => {
    let best = -1;
    for (const w of ws) { let d = 0; for (let k = 0; k < p.length; k++) d += w[k]! * p[k]!; best = Math.max(best, d); }
    f.set(`pmax\t${c}`, 2 * best);
  });
  return f;
}
// OOF_IN=<file written by OOF_OUT>: reuse saved out-of-fold probabilities of the linear model instead of refitting it.
const oofIn = process.env.OOF_IN ? (JSON.parse(readFileSync(process.env.OOF_IN, 'utf8')) as Array<{ p: number[] }>) : null;
if (oofIn && oofIn.length !== rows.length) throw new Error('OOF_IN does not match the train rows');
const probs: Float64Array[] = oofIn ? oofIn.map((r) => Float64Array.from(r.p)) : new Array(rows.length);
for (let f = 0; f < (oofIn ? 0 : 5); f++) {
  const train = rows.map((r, i) => (fold(r) !== f ? i : -1)).filter((i) => i >= 0);
  let feats = baseFeats;
  if (useProto) {
    const inner = [0, 1, 2, 3, 4].map((g) => prototypes((j) => fold(rows[j]!) !== f && fold(rows[j]!) !== g));
    const outer = prototypes((j) => fold(rows[j]!) !== f);
    feats = rows.map((r, i) => withProto(i, fold(r) === f ? outer : inner[fold(r)]!));
  }
  const { model, index } = fit(train, feats);
  // TC_PRUNE: drop features whose largest weight is below it, as `packLinearModel` does for the stored model (0.06).
  const prune = Number(process.env.TC_PRUNE ?? 0);
  if (prune) {
    const k = model.classes;
    for (let j = 0; j < model.features; j++) {
      let max = 0;
      for (let c = 0; c < k; c++) max = Math.max(max, Math.abs(model.weights[j * k + c]!));
      if (max < prune) model.weights.fill(0, j * k, j * k + k);
    }
  }
  rows.forEach((r, i) => {
    if (fold(r) === f) probs[i] = softmaxInPlace(scoreLinear(model, index.vectorize(feats[i]!)));
  });
}

// Group the rows by article and offsets (a span given k times), rank, categorise.
/** Micro-F1 (top-1, k labels for a span given k times) of out-of-fold probabilities, before and after the Repetition offsets tuned on them, and nested. */
function evaluate(probs: readonly Float64Array[]): { plain: string; tuned: string; offsets: RepeatOffsets; nested: string } {
  const ranked: RankedGivenSpan[] = [];
  const byArticle = new Map<string, number[]>();
  rows.forEach((r, i) => byArticle.set(r.article, [...(byArticle.get(r.article) ?? []), i]));
  for (const [article, list] of byArticle) {
    const doc = docs.get(article)!;
    const groups = new Map<string, number[]>();
    for (const i of list) {
      const k = `${rows[i]!.start}:${rows[i]!.end}`;
      groups.set(k, [...(groups.get(k) ?? []), i]);
    }
    const gs = [...groups.values()];
    const cats = repeatCategories(doc, gs.map((g) => rows[g[0]!]!));
    gs.forEach((g, k) => {
      const p = probs[g[0]!]!;
      ranked.push({ doc, group: g.map((i) => rows[i]!), ranked: TECHNIQUES.map((technique, c) => ({ technique, p: p[c]! })).sort((x, y) => y.p - x.p), category: cats[k]! });
    });
  }
  const score = (offsets: RepeatOffsets) => {
    const pred = ranked.flatMap((s) => {
      const rr = rerankForRepeat(s.ranked, (s.category && offsets[s.category]) || 0);
      return s.group.map((r, i) => ({ ...r, technique: rr[i % rr.length]!.technique }));
    });
    const r = scorer.scoreTC(ranked.flatMap((s) => s.group), pred);
    return `${(100 * r.microF1).toFixed(2)} (macro ${(100 * r.macroF1).toFixed(2)})`;
  };
  const offsets = tuneRepeatOffsets(ranked);
  // Nested: offsets tuned on four folds' rankings, applied to the fifth.
  const nestedPred: PtcLabel[] = [];
  for (let f = 0; f < 5; f++) {
    const o = tuneRepeatOffsets(ranked.filter((s) => fold(s.group[0]!) !== f));
    for (const s of ranked.filter((x) => fold(x.group[0]!) === f)) {
      const rr = rerankForRepeat(s.ranked, (s.category && o[s.category]) || 0);
      s.group.forEach((r, i) => nestedPred.push({ ...r, technique: rr[i % rr.length]!.technique }));
    }
  }
  const nested = (100 * scorer.scoreTC(ranked.flatMap((s) => s.group), nestedPred).microF1).toFixed(2);
  return { plain: score({}), tuned: score(offsets), offsets, nested };
}
const base = evaluate(probs);
console.log(`extras=[${extras.join(',')}] epochs=${epochs} l2=${l2} seeds=${seeds} lr=${lr} smooth=${smooth} alpha=${alpha} proto=${useProto} prune=${process.env.TC_PRUNE ?? 0} scale=${process.env.TC_SCALE ?? ''}: 5-fold CV micro ${base.plain} → ${base.tuned} with offsets ${JSON.stringify(base.offsets)}; nested ${base.nested}`);
if (process.env.OOF_OUT) writeFileSync(process.env.OOF_OUT, JSON.stringify(rows.map((r, i) => ({ ...r, fold: fold(r), p: Array.from(probs[i]!, (x) => Number(x.toFixed(6))) }))));

/**
 * Nested out-of-fold linear probabilities: per outer fold f, each row of another fold g predicted by a
 * model fitted on the remaining three folds (null for fold f's rows). NESTED_IN reads them from a file
 * written by NESTED_OUT instead of fitting the 20 models.
 */
function nestedLinearProbs(): Array<Array<number[] | null>> {
  if (process.env.NESTED_IN) {
    const saved = JSON.parse(readFileSync(process.env.NESTED_IN, 'utf8')) as Array<Array<number[] | null>>;
    if (saved.length !== 5 || saved[0]!.length !== rows.length) throw new Error('NESTED_IN does not match the train rows');
    return saved;
  }
  const nested: Array<Array<number[] | null>> = [];
  for (let f = 0; f < 5; f++) {
    const out: Array<number[] | null> = rows.map(() => null);
    for (let g = 0; g < 5; g++) {
      if (g === f) continue;
      const { model, index } = fit(rows.map((r, i) => (fold(r) !== f && fold(r) !== g ? i : -1)).filter((i) => i >= 0));
      rows.forEach((r, i) => {
        if (fold(r) === g) out[i] = Array.from(softmaxInPlace(scoreLinear(model, index.vectorize(baseFeats[i]!))), (x) => Number(x.toFixed(6)));
      });
    }
    nested.push(out);
    console.log(`nested linear fits for outer fold ${f} done`);
  }
  if (process.env.NESTED_OUT) writeFileSync(process.env.NESTED_OUT, JSON.stringify(nested));
  return nested;
}

// TC_NET=1: a convolutional span network (`span-net.ts`) per fold, trained on the other four folds
// (early-stopped on every tenth of their articles), its log-probabilities mixed with the linear
// model's: log p = log p_linear + mix × log p_net, renormalised; the grid of mixes is printed.
//   NET_PROJ=32 NET_WIN=1 NET_H=64 NET_H2=32 NET_LR=0.002 NET_KEEP=0.8 NET_DECAY=1e-4 NET_EPOCHS=20
//   NET_BATCH=16 NET_SEEDS=1 NET_OOF_OUT=<file> (the network's out-of-fold log-probabilities)
//   NET_OOF_IN=<file> (reuse them instead of training)
if (process.env.TC_NET === '1') {
  const env = (k: string, d: number) => Number(process.env[k] ?? d);
  const shape: SpanNetShape = { dims: vectors.dims, proj: env('NET_PROJ', 32), window: env('NET_WIN', 1), hidden: env('NET_H', 64), hidden2: env('NET_H2', 32), classes: TECHNIQUES.length };
  const netSeeds = env('NET_SEEDS', 1);
  const table = spanUnitTable(vectors.dims);
  const inputs = rows.map((r) => {
    const doc = docs.get(r.article)!;
    const [a, b] = tokenRange(doc, r);
    return spanNetInput(doc, vectors, table, a, b, shape.window);
  });
  const tableData = Float64Array.from(table.data);
  // NET_RESIDUAL=1: the network learns a residual on top of the linear model: its logits are added
  // to the linear model's log-probabilities (times NET_PRIOR, default 1) in training, which come from
  // nested out-of-fold fits (per outer fold, each other fold predicted by a model of the remaining three;
  // NESTED_OUT / NESTED_IN save and reuse them), and to the outer out-of-fold ones when testing.
  const residual = process.env.TC_NET_RESIDUAL === '1';
  const priorScale = env('NET_PRIOR', 1);
  const nestedProbs: Array<Array<number[] | null>> = residual ? nestedLinearProbs() : [];
  const logOf = (p: ArrayLike<number>) => Float64Array.from(p, (x) => priorScale * Math.log(Math.max(x, 1e-9)));
  const logp: Float64Array[] = process.env.NET_OOF_IN ? (JSON.parse(readFileSync(process.env.NET_OOF_IN, 'utf8')) as number[][]).map((p) => Float64Array.from(p)) : new Array(rows.length);
  const t0 = Date.now();
  for (let f = 0; f < (process.env.NET_OOF_IN ? 0 : 5); f++) {
    const isHeld = (i: number) => Math.floor(order.get(rows[i]!.article)! / 5) % 10 === 9;
    const train = rows.map((r, i) => (fold(r) !== f && !isHeld(i) ? i : -1)).filter((i) => i >= 0);
    const held = rows.map((r, i) => (fold(r) !== f && isHeld(i) ? i : -1)).filter((i) => i >= 0);
    const test = rows.map((r, i) => (fold(r) === f ? i : -1)).filter((i) => i >= 0);
    for (const i of test) logp[i] = new Float64Array(TECHNIQUES.length);
    const withPrior = (i: number, p: ArrayLike<number> | null | undefined) => (residual ? { ...inputs[i]!, prior: logOf(p!) } : inputs[i]!);
    for (let s = 0; s < netSeeds; s++) {
      const { net, epochs: used, heldOutLoss } = trainSpanNet(tableData, train.map((i) => withPrior(i, nestedProbs[f]?.[i])), train.map((i) => ys[i]!), held.map((i) => withPrior(i, nestedProbs[f]?.[i])), held.map((i) => ys[i]!), {
        shape, epochs: env('NET_EPOCHS', 20), learningRate: env('NET_LR', 0.002), keep: env('NET_KEEP', 0.8), decay: env('NET_DECAY', 1e-4), batch: env('NET_BATCH', 16), seed: 11 + 100 * s,
      });
      console.log(`fold ${f} seed ${s}: best epoch ${used}, held-out loss ${heldOutLoss.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      for (const i of test) {
        const z = spanNetLogits(net, tableData, inputs[i]!);
        if (residual) {
          // The residual logits alone (the linear part is added back by the mix below).
          for (let c = 0; c < z.length; c++) logp[i]![c]! += z[c]! / netSeeds;
          continue;
        }
        const p = softmaxInPlace(z);
        for (let c = 0; c < p.length; c++) logp[i]![c]! += Math.log(Math.max(p[c]!, 1e-12)) / netSeeds;
      }
    }
  }
  if (process.env.NET_OOF_OUT) writeFileSync(process.env.NET_OOF_OUT, JSON.stringify(logp.map((p) => Array.from(p, (x) => Number(x.toFixed(5))))));
  const alone = evaluate(logp.map((p) => softmaxInPlace(Float64Array.from(p))));
  console.log(`net ${JSON.stringify(shape)} alone: ${alone.plain} → ${alone.tuned}; nested ${alone.nested}`);
  for (const mix of residual ? [0.5, 0.7, 0.85, 1, 1.2] : [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1]) {
    const r = evaluate(probs.map((p, i) => softmaxInPlace(Float64Array.from(p, (x, c) => Math.log(Math.max(x, 1e-12)) + (residual ? mix / priorScale : mix) * logp[i]![c]!))));
    console.log(`mix ${mix}: ${r.plain} → ${r.tuned} with ${JSON.stringify(r.offsets)}; nested ${r.nested}`);
  }
}

// ---- Sixth round (issue 5): second stage and naive Bayes, both nested (NESTED_IN / NESTED_OUT, see
// `nestedLinearProbs`). For outer fold f, anything learned on top of the linear model (the second
// stage's weights and its L2, the naive Bayes mixing weight) is chosen from the other four folds only,
// using their nested out-of-fold linear probabilities (models that saw neither f nor the fold
// predicted), then applied to fold f's ordinary out-of-fold probabilities; `evaluate` then tunes the
// Repetition offsets on the folds and nested as for the baseline.
// Distinct given spans (rows at the same offsets of one article), in article order.
const spanGroups: number[][] = [];
{
  const byKey = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = `${r.article}:${r.start}:${r.end}`;
    const g = byKey.get(k);
    if (g) g.push(i);
    else byKey.set(k, [i]);
  });
  spanGroups.push(...byKey.values());
}
const groupFold = (g: number[]) => fold(rows[g[0]!]!);
/** How many gold techniques the top-k techniques of each group name (k = rows of the group), as the scorer matches them. */
function groupsRight(groups: readonly number[][], probOf: (g: number[]) => ArrayLike<number>): number {
  let right = 0;
  for (const g of groups) {
    const p = probOf(g);
    const top = Array.from(p, (x, c) => [x, c] as const).sort((x, y) => y[0] - x[0]);
    const gold = g.map((i) => ys[i]!);
    g.forEach((_, j) => {
      const k = gold.indexOf(top[j % top.length]![1]);
      if (k >= 0) {
        gold.splice(k, 1);
        right++;
      }
    });
  }
  return right;
}
/** Writes group probabilities back to rows. */
function toRows(groupProbs: Map<number[], Float64Array>): Float64Array[] {
  const out: Float64Array[] = probs.map((p) => Float64Array.from(p));
  for (const [g, p] of groupProbs) for (const i of g) out[i] = p;
  return out;
}

let nbResult: { outer: Float64Array[]; nested: Array<Array<number[] | null>> } | null = null;
// TC_NB=1: naive Bayes of `src/stages/rhetoric/tc-bayes.ts` mixed into the linear log-probabilities;
// its Laplace alpha (NB_ALPHAS) and mixing weight (NB_WEIGHTS) chosen per outer fold by 4-fold CV
// within the other folds.
if (process.env.TC_NB === '1') {
  const { bagTerms, spanTerms, trainTcBayes, tcBayesLogPosterior, mixTcBayes } = await import('../src/stages/rhetoric/tc-bayes.ts');
  // NB_VALUES=1: the technique model's own bag features with their values as counts, terms of ≥ 2
  // training rows (as its feature index keeps them): the form `foldTcBayes` folds into its weights.
  const byValues = process.env.NB_VALUES === '1';
  // NB_FOLDED=1: trained on raw counts (terms of ≥ 2 training rows), applied to the counts times the
  // span's word value (1 up to 4 words, then 2 / sqrt(words)): what `foldTcBayes` gives when the
  // 4-gram rows are scaled by 1 / CHAR_GRAM_VALUE, i.e. the raw mix, damped for long spans.
  const folded = process.env.NB_FOLDED === '1';
  const nested = nestedLinearProbs();
  const k = TECHNIQUES.length;
  const nbAlphas = (process.env.NB_ALPHAS ?? '1,0.3,0.1,0.03,0.01').split(',').map(Number);
  const nbAlpha = nbAlphas[0]!;
  const weights = (process.env.NB_WEIGHTS ?? '0,0.005,0.01,0.02,0.05,0.1').split(',').map(Number);
  const terms = spanGroups.map((g) => {
    if (byValues) return bagTerms(baseFeats[g[0]!]!);
    const r = rows[g[0]!]!;
    const doc = docs.get(r.article)!;
    const [a, b] = tokenRange(doc, r);
    return spanTerms(doc, a, b);
  });
  const fitNb = (use: (g: number[]) => boolean, alpha = nbAlpha) => {
    const D: Array<Map<string, number>> = [];
    const Y: number[] = [];
    spanGroups.forEach((g, j) => { if (use(g)) for (const i of g) { D.push(terms[j]!); Y.push(ys[i]!); } });
    return trainTcBayes(D, Y, k, alpha, byValues || folded ? 2 : 1);
  };
  const applyTerms = folded
    ? spanGroups.map((g, j) => {
        const r = rows[g[0]!]!;
        const [a, b] = tokenRange(docs.get(r.article)!, r);
        const v = spanWordValue(b - a);
        return new Map([...terms[j]!].map(([t, n]) => [t, n * v] as const));
      })
    : terms;
  const out = new Map<number[], Float64Array>();
  // Per outer fold, the inner rows' nested probabilities mixed with the chosen (alpha, weight) (for TC_STAGE2 on top).
  const mixedNested: Array<Array<number[] | null>> = [];
  for (let f = 0; f < 5; f++) {
    const innerLogs = new Map<number, Map<number[], Float64Array>>();
    // Inner: per Laplace alpha, NB of the folds other than f and g, log-posteriors of g's groups;
    // the (alpha, weight) pair that names the most inner techniques right (ties: the first found,
    // alphas in NB_ALPHAS order, weights ascending).
    let best = -1;
    let bestW = 0;
    let bestA = nbAlphas[0]!;
    const line: string[] = [];
    for (const alpha of nbAlphas) {
      const innerLog = new Map<number[], Float64Array>();
      innerLogs.set(alpha, innerLog);
      for (let g = 0; g < 5; g++) {
        if (g === f) continue;
        const nb = fitNb((h) => groupFold(h) !== f && groupFold(h) !== g, alpha);
        spanGroups.forEach((h, j) => { if (groupFold(h) === g) innerLog.set(h, tcBayesLogPosterior(nb, applyTerms[j]!)); });
      }
      for (const w of [...weights].sort((x, y) => x - y)) {
        const right = groupsRight([...innerLog.keys()], (h) => mixTcBayes(nested[f]![h[0]!]!, innerLog.get(h)!, w));
        line.push(`${alpha}/${w}: ${right}`);
        if (right > best) [best, bestW, bestA] = [right, w, alpha];
      }
    }
    const mixed: Array<number[] | null> = rows.map(() => null);
    for (const [h, lg] of innerLogs.get(bestA)!) {
      const p = Array.from(mixTcBayes(nested[f]![h[0]!]!, lg, bestW));
      for (const i of h) mixed[i] = p;
    }
    mixedNested.push(mixed);
    const nb = fitNb((h) => groupFold(h) !== f, bestA);
    spanGroups.forEach((h, j) => { if (groupFold(h) === f) out.set(h, mixTcBayes(probs[h[0]!]!, tcBayesLogPosterior(nb, applyTerms[j]!), bestW)); });
    console.log(`NB, outer fold ${f}: inner right (alpha/weight) ${line.join(', ')}; chose alpha ${bestA}, weight ${bestW}`);
  }
  const r = evaluate(toRows(out));
  nbResult = { outer: toRows(out), nested: mixedNested };
  // Spans named right per fold (top-k, before the Repetition offsets), without → with the naive Bayes.
  const perFold = [0, 1, 2, 3, 4].map((f) => {
    const gs = spanGroups.filter((g) => groupFold(g) === f);
    return `${groupsRight(gs, (g) => probs[g[0]!]!)} → ${groupsRight(gs, (g) => out.get(g)!)}`;
  });
  console.log(`NB per fold, spans right: ${perFold.join(', ')}`);
  console.log(`NB${byValues ? ' over the bag feature values' : folded ? ' folded (≥ 2 rows, damped for long spans)' : ''} (nested alpha and weight): ${r.plain} → ${r.tuned} with ${JSON.stringify(r.offsets)}; nested ${r.nested}   [baseline ${base.plain} → ${base.tuned}; nested ${base.nested}]`);
  // For information only (not for the decision): each fixed weight at the first alpha.
  for (const w of weights) {
    const fixed = new Map<number[], Float64Array>();
    for (let f = 0; f < 5; f++) {
      const nbf = fitNb((h) => groupFold(h) !== f);
      spanGroups.forEach((h, j) => { if (groupFold(h) === f) fixed.set(h, mixTcBayes(probs[h[0]!]!, tcBayesLogPosterior(nbf, applyTerms[j]!), w)); });
    }
    const rf = evaluate(toRows(fixed));
    console.log(`  NB fixed weight ${w}: ${rf.plain} → ${rf.tuned}; nested ${rf.nested}`);
  }
}

// TC_STAGE2=1: the second stage of `src/stages/rhetoric/tc-stage2.ts`; its L2 chosen per outer fold
// from STAGE2_L2S (default 1e-2,1e-3,1e-4) by 4-fold CV within the other folds (ties: the larger L2).
// With TC_NB=1 too, on top of the naive Bayes mix (outer and nested mixed probabilities).
if (process.env.TC_STAGE2 === '1') {
  const { stage2Places, stage2Inputs, trainTcStage2, applyTcStage2 } = await import('../src/stages/rhetoric/tc-stage2.ts');
  const nested = nbResult?.nested ?? nestedLinearProbs();
  const first = nbResult?.outer ?? probs;
  const k = TECHNIQUES.length;
  // Groups by article, with each group's place.
  const byArticle = new Map<string, number[][]>();
  for (const g of spanGroups) {
    const a = rows[g[0]!]!.article;
    byArticle.set(a, [...(byArticle.get(a) ?? []), g]);
  }
  const places = new Map<number[], ReturnType<typeof stage2Places>[number]>();
  for (const [a, gs] of byArticle) stage2Places(docs.get(a)!, gs.map((g) => rows[g[0]!]!)).forEach((pl, j) => places.set(gs[j]!, pl));
  /** Stage-2 inputs of every group of the articles whose fold passes `use`, from the probabilities `probOf(row)`. */
  const inputsOf = (use: (f: number) => boolean, probOf: (i: number) => ArrayLike<number>) => {
    const out = new Map<number[], Float64Array>();
    for (const gs of byArticle.values()) {
      if (!use(groupFold(gs[0]!))) continue;
      stage2Inputs(gs.map((g) => places.get(g)!), gs.map((g) => probOf(g[0]!))).forEach((x, j) => out.set(gs[j]!, x));
    }
    return out;
  };
  const examples = (xs: Map<number[], Float64Array>, keep: (g: number[]) => boolean) => {
    const X: Float64Array[] = [];
    const Y: number[] = [];
    for (const [g, x] of xs) if (keep(g)) for (const i of g) { X.push(x); Y.push(ys[i]!); }
    return { X, Y };
  };
  const l2s = (process.env.STAGE2_L2S ?? '1e-2,1e-3,1e-4').split(',').map(Number);
  const steps = Number(process.env.STAGE2_STEPS ?? 300);
  const out = new Map<number[], Float64Array>();
  const t0 = Date.now();
  for (let f = 0; f < 5; f++) {
    const inner = inputsOf((g) => g !== f, (i) => nested[f]![i]!);
    let best = -1;
    let bestL2 = l2s[0]!;
    for (const l2 of l2s) {
      let right = 0;
      for (let g = 0; g < 5; g++) {
        if (g === f) continue;
        const { X, Y } = examples(inner, (h) => groupFold(h) !== g);
        const m = trainTcStage2(X, Y, k, { l2, steps });
        right += groupsRight([...inner.keys()].filter((h) => groupFold(h) === g), (h) => applyTcStage2(m, inner.get(h)!));
      }
      console.log(`stage 2, outer fold ${f}: L2 ${l2} inner right ${right} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      if (right > best) [best, bestL2] = [right, l2];
    }
    const { X, Y } = examples(inner, () => true);
    const m = trainTcStage2(X, Y, k, { l2: bestL2, steps });
    for (const [g, x] of inputsOf((h) => h === f, (i) => first[i]!)) out.set(g, applyTcStage2(m, x));
    console.log(`stage 2, outer fold ${f}: chose L2 ${bestL2}`);
  }
  const r = evaluate(toRows(out));
  console.log(`stage 2${nbResult ? ' on the NB mix' : ''} (nested): ${r.plain} → ${r.tuned} with ${JSON.stringify(r.offsets)}; nested ${r.nested}   [baseline ${base.plain} → ${base.tuned}; nested ${base.nested}]`);
}

// ---- Seventh round (issue 5): unsupervised label-shift adaptation (`adapt-priors.ts`, Saerens et al.
// 2002) over a batch of given spans. TC_ADAPT=1 (with OOF_IN, and TC_NB=1 NB_FOLDED=1 for the shipped
// mix). Per outer fold f: training priors = label shares of the other four folds; temperature fitted
// on the other folds' nested out-of-fold probabilities; Repetition offsets tuned on the other folds'
// unadapted rankings and applied after the adaptation (as in `classifyGivenSpans`). (1) plain CV: each
// test fold is one batch; (2) simulated shift: per fold and draw, target shares q ~ Dirichlet(c·π_train)
// and a batch of as many spans as the fold has rows, drawn per span (a distinct given span, with
// replacement: a technique from q, then one of the fold's spans carrying it), micro-F1 with and
// without adaptation on the same draw. ADAPT_DRAWS=100 ADAPT_CONC=<comma list> ADAPT_SEED=1.
if (process.env.TC_ADAPT === '1') {
  const { adaptPriors, fitTemperature } = await import('../src/stages/rhetoric/adapt-priors.ts');
  const P = nbResult?.outer ?? probs;
  const nested = nbResult?.nested ?? nestedLinearProbs();
  const k = TECHNIQUES.length;
  // Repeat category of each distinct given span.
  const catOf = new Map<number[], RankedGivenSpan['category']>();
  {
    const byArticle = new Map<string, number[][]>();
    for (const g of spanGroups) byArticle.set(rows[g[0]!]!.article, [...(byArticle.get(rows[g[0]!]!.article) ?? []), g]);
    for (const [a, gs] of byArticle) repeatCategories(docs.get(a)!, gs.map((g) => rows[g[0]!]!)).forEach((c, j) => catOf.set(gs[j]!, c));
  }
  const rankedOf = (g: number[], p: ArrayLike<number>): RankedGivenSpan => ({ doc: docs.get(rows[g[0]!]!.article)!, group: g.map((i) => rows[i]!), ranked: TECHNIQUES.map((technique, c) => ({ technique, p: p[c]! })).sort((x, y) => y.p - x.p), category: catOf.get(g)! });
  /** Gold techniques named right in group g from posterior p after the offsets (top-k for k rows). */
  const rightIn = (g: number[], p: ArrayLike<number>, offsets: RepeatOffsets) => {
    const cat = catOf.get(g);
    const rr = rerankForRepeat(rankedOf(g, p).ranked, (cat && offsets[cat]) || 0);
    const gold = g.map((i) => rows[i]!.technique!);
    let n = 0;
    g.forEach((_, j) => { const x = gold.indexOf(rr[j % rr.length]!.technique); if (x >= 0) { gold.splice(x, 1); n++; } });
    return n;
  };
  // Calibration of the posteriors before the EM: none, temperature (NLL on the other folds' nested
  // out-of-fold probabilities), or bias-corrected temperature (BCTS: softmax(a·log p + b), a and the
  // 14 biases b fitted by full-batch gradient descent on the same rows). Reference priors π of the
  // EM: the label shares of the other folds, or the mean (calibrated) nested posterior there (then a
  // batch shaped like train is a fixed point of the EM).
  type Calib = 'none' | 'T' | 'BCTS';
  interface Variant { name: string; iterations: number; shrink: number; calib: Calib; ref: 'labels' | 'mean' }
  const variants: Variant[] = [];
  for (const calib of ['none', 'T', 'BCTS'] as Calib[]) for (const ref of calib === 'BCTS' ? ['labels'] as const : ['labels', 'mean'] as const) for (const iterations of [1, 3, 100]) for (const shrink of [0, 300, 1000, 3000, 10000]) variants.push({ name: `${calib}/${ref}/it${iterations}/m${shrink}`, iterations, shrink, calib, ref });
  const fitBcts = (ps: ArrayLike<number>[], y: number[]) => {
    let a = 1;
    const b = new Float64Array(k);
    const logs = ps.map((p) => Float64Array.from(p, (x) => Math.log(Math.max(x, 1e-12))));
    for (let step = 0; step < 300; step++) {
      let ga = 0;
      const gb = new Float64Array(k);
      logs.forEach((l, i) => {
        const q = softmaxInPlace(Float64Array.from(l, (x, c) => a * x + b[c]!));
        for (let c = 0; c < k; c++) {
          const d = q[c]! - (c === y[i] ? 1 : 0);
          ga += d * l[c]!;
          gb[c]! += d;
        }
      });
      a -= (0.5 * ga) / logs.length;
      for (let c = 0; c < k; c++) b[c]! -= (2 * gb[c]!) / logs.length;
    }
    return { a, b };
  };
  const calibrate = (p: ArrayLike<number>, cal: { a: number; b: Float64Array }) => softmaxInPlace(Float64Array.from(p, (x, c) => cal.a * Math.log(Math.max(x, 1e-12)) + cal.b[c]!));
  const perFold = [0, 1, 2, 3, 4].map((f) => {
    const groups = spanGroups.filter((g) => groupFold(g) === f);
    const other = rows.map((_, i) => i).filter((i) => fold(rows[i]!) !== f);
    const priors = new Float64Array(k);
    for (const i of other) priors[ys[i]!]! += 1 / other.length;
    const T = fitTemperature(other.map((i) => nested[f]![i]!), other.map((i) => ys[i]!));
    const cals: Record<Calib, { a: number; b: Float64Array }> = { none: { a: 1, b: new Float64Array(k) }, T: { a: 1 / T, b: new Float64Array(k) }, BCTS: fitBcts(other.map((i) => nested[f]![i]!), other.map((i) => ys[i]!)) };
    const meanOf = (cal: { a: number; b: Float64Array }) => {
      const m = new Float64Array(k);
      for (const i of other) calibrate(nested[f]![i]!, cal).forEach((x, c) => (m[c]! += x / other.length));
      return m;
    };
    const means: Record<Calib, Float64Array> = { none: meanOf(cals.none), T: meanOf(cals.T), BCTS: meanOf(cals.BCTS) };
    const offsets = tuneRepeatOffsets(spanGroups.filter((g) => groupFold(g) !== f).map((g) => rankedOf(g, P[g[0]!]!)));
    const byTech = TECHNIQUES.map((t) => groups.map((g, j) => (g.some((i) => rows[i]!.technique === t) ? j : -1)).filter((j) => j >= 0));
    const calibrated: Record<Calib, Float64Array[]> = { none: groups.map((g) => Float64Array.from(P[g[0]!]!)), T: groups.map((g) => calibrate(P[g[0]!]!, cals.T)), BCTS: groups.map((g) => calibrate(P[g[0]!]!, cals.BCTS)) };
    return { f, groups, priors, T, cals, means, calibrated, offsets, byTech, rows: groups.reduce((s, g) => s + g.length, 0) };
  });
  console.log(`adapt: temperatures per fold ${perFold.map((x) => x.T).join(', ')}; BCTS ${perFold.map((x) => `a ${x.cals.BCTS.a.toFixed(2)} b [${Array.from(x.cals.BCTS.b, (v) => v.toFixed(2)).join(' ')}]`).join('; ')}; offsets ${perFold.map((x) => JSON.stringify(x.offsets)).join(' ')}`);
  /** Rows right in a batch (groups with pick counts) without and with each variant. */
  const scoreBatch = (pf: (typeof perFold)[number], counts: Map<number, number>) => {
    const js = [...counts.keys()];
    const gs = js.map((j) => pf.groups[j]!);
    const post = gs.map((g) => P[g[0]!]!);
    const weights = js.map((j, x) => counts.get(j)! * gs[x]!.length);
    const right = (ps: ArrayLike<number>[]) => gs.reduce((s, g, x) => s + counts.get(js[x]!)! * rightIn(g, ps[x]!, pf.offsets), 0);
    const base = right(post);
    const adapted = variants.map((v) => right(adaptPriors(js.map((j) => pf.calibrated[v.calib][j]!), v.ref === 'labels' ? pf.priors : pf.means[v.calib], { iterations: v.iterations, shrink: v.shrink }, weights).posteriors));
    // Calibration alone (no EM), for reference.
    const calOnly = (['T', 'BCTS'] as Calib[]).map((c) => right(js.map((j) => pf.calibrated[c][j]!)));
    return { base, adapted, calOnly, total: weights.reduce((s, w) => s + w, 0) };
  };
  // (1) Plain CV.
  {
    let base = 0;
    let total = 0;
    const adapted = variants.map(() => 0);
    const calOnly = [0, 0];
    for (const pf of perFold) {
      const r = scoreBatch(pf, new Map(pf.groups.map((_, j) => [j, 1])));
      base += r.base;
      total += r.total;
      r.adapted.forEach((x, v) => (adapted[v]! += x));
      r.calOnly.forEach((x, v) => (calOnly[v]! += x));
    }
    console.log(`adapt, plain CV, calibration alone (T, BCTS): ${calOnly.map((x) => (100 * x / total).toFixed(2)).join(', ')}`);
    console.log(`adapt, plain 5-fold CV (fold = batch; offsets nested): base ${(100 * base / total).toFixed(2)}; ${variants.map((v, x) => `${v.name} ${(100 * adapted[x]! / total).toFixed(2)}`).join(', ')}`);
  }
  // (2) Simulated shift.
  let seed = Number(process.env.ADAPT_SEED ?? 1);
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const gamma = (a: number): number => {
    if (a < 1) return gamma(a + 1) * rand() ** (1 / a);
    const d = a - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      if (Math.log(1 - rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const draws = Number(process.env.ADAPT_DRAWS ?? 100);
  for (const conc of (process.env.ADAPT_CONC ?? '30,100,300').split(',').map(Number)) {
    let base = 0;
    let total = 0;
    let tv = 0;
    const adapted = variants.map(() => 0);
    const wins = variants.map(() => 0);
    const calOnly = [0, 0];
    for (const pf of perFold) {
      for (let d = 0; d < draws; d++) {
        const q = Array.from(pf.priors, (x, c) => (pf.byTech[c]!.length ? gamma(conc * x) : 0));
        const sq = q.reduce((s, x) => s + x, 0);
        for (let c = 0; c < k; c++) q[c]! /= sq;
        tv += 0.5 * q.reduce((s, x, c) => s + Math.abs(x - pf.priors[c]!), 0);
        const counts = new Map<number, number>();
        for (let n = 0; n < pf.rows; ) {
          let u = rand();
          let c = 0;
          while (c < k - 1 && u >= q[c]!) u -= q[c++]!;
          const list = pf.byTech[c]!;
          if (!list.length) continue;
          const j = list[Math.floor(rand() * list.length)]!;
          counts.set(j, (counts.get(j) ?? 0) + 1);
          n += pf.groups[j]!.length;
        }
        const r = scoreBatch(pf, counts);
        base += r.base;
        total += r.total;
        r.adapted.forEach((x, v) => { adapted[v]! += x; if (x > r.base) wins[v]!++; });
        r.calOnly.forEach((x, v) => (calOnly[v]! += x));
      }
    }
    const n = 5 * draws;
    console.log(`adapt, shift c=${conc}, calibration alone (T, BCTS): ${calOnly.map((x) => (100 * (x - base) / total).toFixed(2)).join(', ')}`);
    console.log(`adapt, simulated shift c=${conc} (${n} draws, mean TV ${(tv / n).toFixed(3)}): base ${(100 * base / total).toFixed(2)}; ${variants.map((v, x) => `${v.name} ${(100 * (adapted[x]! - base) / total >= 0 ? '+' : '')}${(100 * (adapted[x]! - base) / total).toFixed(2)} (wins ${wins[x]})`).join(', ')}`);
  }
}

// TC_NB_FIXED=<alpha>:<weight> (lexicon round): the shipped form of the technique model, i.e. the
// naive Bayes folded in at a fixed alpha and weight (raw counts of terms of ≥ 2 training rows,
// damped like the bag features, as `foldTcBayes` gives), per fold the naive Bayes of the other four;
// no nested linear fits needed since nothing is chosen. Offsets on the folds and nested as usual.
if (process.env.TC_NB_FIXED) {
  const [nbAlpha, nbWeight] = process.env.TC_NB_FIXED.split(':').map(Number) as [number, number];
  const { spanTerms, trainTcBayes, tcBayesLogPosterior, mixTcBayes } = await import('../src/stages/rhetoric/tc-bayes.ts');
  const terms = spanGroups.map((g) => {
    const r = rows[g[0]!]!;
    const doc = docs.get(r.article)!;
    const [a, b] = tokenRange(doc, r);
    return { raw: spanTerms(doc, a, b), v: spanWordValue(b - a) };
  });
  const out = new Map<number[], Float64Array>();
  for (let f = 0; f < 5; f++) {
    const D: Array<Map<string, number>> = [];
    const Y: number[] = [];
    spanGroups.forEach((g, j) => { if (groupFold(g) !== f) for (const i of g) { D.push(terms[j]!.raw); Y.push(ys[i]!); } });
    const nb = trainTcBayes(D, Y, TECHNIQUES.length, nbAlpha, 2);
    spanGroups.forEach((g, j) => {
      if (groupFold(g) !== f) return;
      const applied = new Map([...terms[j]!.raw].map(([t, n]) => [t, n * terms[j]!.v] as const));
      out.set(g, mixTcBayes(probs[g[0]!]!, tcBayesLogPosterior(nb, applied), nbWeight));
    });
  }
  const r = evaluate(toRows(out));
  console.log(`NB fixed alpha ${nbAlpha} weight ${nbWeight} (shipped form): ${r.plain} → ${r.tuned} with ${JSON.stringify(r.offsets)}; nested ${r.nested}   [linear alone ${base.plain} → ${base.tuned}; nested ${base.nested}]`);
}
