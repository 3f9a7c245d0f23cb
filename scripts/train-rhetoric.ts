// Trains the rhetoric model (propaganda span identification + technique classification) on the
// PTC train split in ../shared/bench/ptc and writes data/models/rhetoric.json.
// Usage: node --import tsx scripts/train-rhetoric.ts
// (TC_EMBEDDINGS=0 trains the technique model without word embeddings; RHETORIC_OUT=file writes elsewhere;
// --si-only skips the TC grid; SI_VECTORS=0 / SI_GAIN=0 turn off the token model's word vectors / gain decoding;
// --tc-only runs the TC grid and the Repetition-offset folds, then exits, writing TC_BASE=<model.json> with its
// technique model replaced to RHETORIC_OUT when both are set; TC_REPEAT=0 skips the Repetition offsets;
// TC_NET=1 adds the technique span networks of `span-net.ts` (off: no gain on dev for their cost),
// TC_NET_MIXES=0,0.1,0.2,0.3 the mixes tried; TC_NB=0 leaves out the naive Bayes folded into the
// technique model, see `tc-bayes.ts`.)
// Tuning (decode threshold, hyper-parameters) uses a held-out 20 % of the train articles; the SI
// decoding is tuned on out-of-fold token probabilities of all train articles (5 folds, the held-out
// 20 % being one; `--quick` / `--stack`: the held-out 20 % alone; `--threshold-grid` also tries the
// threshold decoding; SI_LR sets the token model's learning rate; SI_NET=0 leaves out the token network of
// `token-net.ts`, whose logits are mixed with the token model's, SI_NET_MIXES=0,0.3,0.6 the mixes tried;
// SI_SENT_NET=1 adds the sentence network (off: +0.46 out-of-fold, no gain on dev, ≈10 % of the speed),
// SI_SENT_GAMMAS=0,0.25,0.5,0.75 its weights tried; SI_SENT_FEED=1 feeds the sentence network's probabilities to the token
// model and the token network instead of the sentence model's, with nested folds, and reports the shipped recipe beside it;
// SI_FEED_CACHE=<dir> with SI_FEED_PAIRS=3,4;2,4… in a second process fits some of the nested sentence networks beside it;
// SI_LEX=lin|net|all adds word-list signals (AFINN valence, hedges, weasels) to the token model / token network / both).
// The dev split is never read here.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeatureIndex, featureName, type NamedFeatures } from '../src/models/features.ts';
import { averageLinearModels, trainLinear, type Example, type LinearModel } from '../src/models/linear.ts';
import { packLinearModel } from '../src/models/serialize.ts';
import { prepareDoc, tokenRange, type RhetoricDoc } from '../src/stages/rhetoric/doc.ts';
import { emitStackFeatures, sentenceFeatures, spanFeatures, tokenFeatures } from '../src/stages/rhetoric/features.ts';
import { decodeSpans, loadLinear, sentenceProbabilities, stackProbabilities, tokenProbabilities, type DecodeParams, type LoadedLinear, type StoredRhetoricModel } from '../src/stages/rhetoric/model.ts';
import { classifyGivenSpans, rankGivenSpans, rerankForRepeat, tuneRepeatOffsets, type RankedGivenSpan, type RepeatOffsets } from '../src/stages/rhetoric/classify-given.ts';
import { readPtcArticles, readPtcLabels, type PtcLabel } from '../src/stages/rhetoric/ptc.ts';
import { TECHNIQUES } from '../src/stages/rhetoric/techniques.ts';
import { EMBEDDINGS_FILE, loadWordVectors } from '../src/stages/rhetoric/embeddings.ts';
import { TOKEN_VECTOR_PREFIXES, tokenVectorValues } from '../src/stages/rhetoric/token-vectors.ts';
import { buildTechniqueLexicons, lexiconLookup, type LexiconLookup, type TechniqueLexicons } from '../src/stages/rhetoric/lexicon.ts';
import { mixWithinSentences, netInput, packTokenNet, sentenceNetLogits, sentenceNetProbabilities, shiftBySentences, tokenNetLogits, trainTokenNet, unitTable, type TokenNet, type TokenNetTraining } from '../src/stages/rhetoric/token-net.ts';
import { packSpanNets, spanNetInput, spanUnitTable, trainSpanNet, type SpanNet, type SpanNetTraining } from '../src/stages/rhetoric/span-net.ts';
import { foldTcBayes, mixTcBayes, spanBayesTerms, spanTerms, tcBayesLogPosterior, trainTcBayes, type TcBayes } from '../src/stages/rhetoric/tc-bayes.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ptc = join(root, '..', 'shared', 'bench', 'ptc');
const data = join(ptc, 'datasets');
const scorerPath = join(ptc, 'score.mjs');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const scorer: any = await import(scorerPath);

const articles = readPtcArticles(join(data, 'train-articles'));
const tcLabels = readPtcLabels(join(data, 'train-task-flc-tc.labels'), articles);
const siLabels = readPtcLabels(join(data, 'train-task-si.labels'), articles);
const docs = new Map<string, RhetoricDoc>(articles.map((a) => [a.id, prepareDoc(a.text)]));
const ids = articles.map((a) => a.id);
// Deterministic 80/20 split by position.
const tuneIds = new Set(ids.filter((_, i) => i % 5 === 4));
const fitIds = ids.filter((id) => !tuneIds.has(id));
const full = !process.argv.includes('--quick');
console.error(`train articles ${ids.length} (fit ${fitIds.length}, tune ${tuneIds.size}), TC ${tcLabels.length}, SI ${siLabels.length}`);

// ---------------------------------------------------------------- TC
const techIndex = new Map<string, number>(TECHNIQUES.map((t, i) => [t, i]));
// Lexicon features are opt-in (TC_LEXICON=1): on the tuning split they did not help (60.5 vs 60.9).
const useLexicon = process.env.TC_LEXICON === '1';
// Word-embedding features (data/models/embeddings-100d.bin, see scripts/derive-embeddings.ts) are on unless TC_EMBEDDINGS=0: 61.0 → 63.0 micro-F1
// in 5-fold cross-validation on train.
const useEmbeddings = process.env.TC_EMBEDDINGS !== '0';
const vectors = useEmbeddings ? loadWordVectors() : undefined;
const articleOrder = new Map(ids.map((id, i) => [id, i]));
const spanWords = (r: PtcLabel) => {
  const doc = docs.get(r.article)!;
  const [a, b] = tokenRange(doc, r);
  return { words: doc.tokens.slice(a, b).map((t) => t.norm), technique: r.technique! };
};
/** Lexicons from the given rows (see `lexicon.ts`). */
function lexiconsOf(rows: PtcLabel[]): TechniqueLexicons {
  return buildTechniqueLexicons(rows.map(spanWords));
}
/**
 * Technique features of training rows. Each row's lexicon features come from lexicons built on the
 * other four fifths of the articles (out-of-fold), so that the model does not learn to trust
 * lexicon hits that its own spans put there.
 */
function tcFeatures(rows: PtcLabel[]): Array<{ f: NamedFeatures; y: number }> {
  const peers = new Map<string, PtcLabel[]>();
  for (const r of rows) peers.set(r.article, [...(peers.get(r.article) ?? []), r]);
  const fold = (r: PtcLabel) => Math.floor(articleOrder.get(r.article)! / 5) % 5;
  const lookups: Array<LexiconLookup | undefined> = [0, 1, 2, 3, 4].map((f) => (useLexicon ? lexiconLookup(lexiconsOf(rows.filter((r) => fold(r) !== f))) : undefined));
  return rows.map((r) => ({ f: spanFeatures(docs.get(r.article)!, r, peers.get(r.article), lookups[fold(r)], vectors), y: techIndex.get(r.technique!)! }));
}
const TC_SEEDS = 3;
/**
 * Learning rate of the technique model's AdaGrad SGD (TC_LR overrides): 0.05; before, 0.1. 5-fold CV on
 * train (`scripts/cv-rhetoric-tc.ts`, 3 seeds, 10 epochs, Repetition offsets tuned on the folds):
 * 64.08 → 64.54 micro-F1 (nested offsets 64.00 → 64.44); 0.2: 62.63, 0.03: 64.61, 0.02 × 20 epochs: 64.74.
 */
const TC_LR = Number(process.env.TC_LR ?? 0.05);
/**
 * Trains the technique model. `alpha` weights rare techniques up: an example of technique c weighs
 * (count of the most frequent technique / count of c)^alpha, normalized to a mean weight of 1.
 */
function trainTc(rows: PtcLabel[], epochs: number, l2: number, alpha = 0) {
  const feats = tcFeatures(rows);
  const index = FeatureIndex.build(feats.map((x) => x.f), 2);
  const counts = new Float64Array(TECHNIQUES.length);
  for (const x of feats) counts[x.y]! += 1;
  const most = Math.max(...counts);
  const classWeight = Array.from(counts, (c) => (c ? (most / c) ** alpha : 1));
  const mean = feats.reduce((s, x) => s + classWeight[x.y]!, 0) / Math.max(1, feats.length);
  const examples: Example[] = feats.map((x) => ({ x: index.vectorize(x.f), y: x.y, weight: classWeight[x.y]! / mean }));
  // Average of models trained in different example orders: less SGD noise.
  const seeds = Number(process.env.TC_SEEDS ?? TC_SEEDS);
  const models = Array.from({ length: seeds }, (_, k) => trainLinear(examples, { classes: TECHNIQUES.length, features: index.size, epochs, l2, learningRate: TC_LR, seed: 7 + k }));
  return { model: averageLinearModels(models), index };
}
function predictTc(rows: PtcLabel[], tc: LoadedLinear): PtcLabel[] {
  return classifyGivenSpans(docs, rows, tc);
}
const tcFit = tcLabels.filter((r) => !tuneIds.has(r.article));
const tcTune = tcLabels.filter((r) => tuneIds.has(r.article));
let bestTc = { epochs: 5, l2: 1e-5, alpha: 0, score: -1 };
const alphas = process.env.TC_ALPHAS ? process.env.TC_ALPHAS.split(',').map(Number) : full ? [0, 0.25, 0.5] : [0, 0.25];
// `--si-only` skips the TC grid (the final TC model uses the default setting): for iterating on SI.
for (const epochs of process.argv.includes('--si-only') ? [] : full ? [5, 10] : [10]) {
  for (const l2 of full ? [1e-5, 1e-3] : [1e-5]) {
    for (const alpha of alphas) {
      const { model, index } = trainTc(tcFit, epochs, l2, alpha);
      const tc = { ...loadLinear(packLinearModel(model, index.names, TECHNIQUES)), lexicon: useLexicon ? lexiconLookup(lexiconsOf(tcFit)) : undefined, vectors: vectors && (() => vectors) };
      const r = scorer.scoreTC(tcTune, predictTc(tcTune, tc));
      const score = r.microF1 as number;
      console.error(`TC epochs=${epochs} l2=${l2} alpha=${alpha}: tune micro-F1 ${(100 * score).toFixed(2)} macro-F1 ${(100 * (r.macroF1 as number)).toFixed(2)}`);
      if (score > bestTc.score) bestTc = { epochs, l2, alpha, score };
    }
  }
}

// Repetition offsets for later mentions of a wording given several times (task TC, see
// `classify-given.ts`), tuned on out-of-fold rankings of all train spans (5 folds by article, the
// chosen setting); TC_REPEAT=0 turns them off.
const tcFold = (r: PtcLabel) => articleOrder.get(r.article)! % 5;
// Convolutional span networks (`span-net.ts`), opt-in with TC_NET=1: TC_NET_SEEDS networks trained
// on the same rows (early-stopped on every tenth of their articles), their mean logits times a mix
// added to the technique model's; the mix is chosen from TC_NET_MIXES on the same out-of-fold
// rankings as the Repetition offsets. 5-fold CV (`scripts/cv-rhetoric-tc.ts`, 3 seeds): 64.56 → 64.88
// micro-F1 at mix 0.2 (nested offsets 64.28 → 64.74); this script's CV 64.56 → 64.78 at mix 0.1;
// dev 59.27 → 59.17, at about +60 % of the time of a pass (see data/models/rhetoric.md), so off.
const useTcNet = !!vectors && process.env.TC_NET === '1' && !process.argv.includes('--si-only');
const TC_NET_SHAPE = { proj: 32, window: 2, hidden: 64, hidden2: 32 };
const TC_NET_TRAINING: Omit<SpanNetTraining, 'shape' | 'seed'> = { epochs: 20, learningRate: 0.002, keep: 0.8, decay: 1e-4, batch: 16 };
const TC_NET_SEEDS = Number(process.env.TC_NET_SEEDS ?? 3);
const tcNetMixes = useTcNet ? (process.env.TC_NET_MIXES ?? '0,0.1,0.2,0.3').split(',').map(Number) : [0];
/** Span networks trained on the given rows (seeded; held out for early stopping: every tenth article). */
function trainTcNets(rows: readonly PtcLabel[]): SpanNet[] {
  const shape = { dims: vectors!.dims, ...TC_NET_SHAPE, classes: TECHNIQUES.length };
  const table = spanUnitTable(shape.dims);
  const held = (r: PtcLabel) => Math.floor(articleOrder.get(r.article)! / 5) % 10 === 9;
  const inputOf = (r: PtcLabel) => {
    const doc = docs.get(r.article)!;
    const [a, b] = tokenRange(doc, r);
    return spanNetInput(doc, vectors!, table, a, b, shape.window);
  };
  const train = rows.filter((r) => !held(r));
  const heldOut = rows.filter(held);
  const trainX = train.map(inputOf);
  const heldX = heldOut.map(inputOf);
  const data = Float64Array.from(table.data);
  return Array.from({ length: TC_NET_SEEDS }, (_, s) => {
    const r = trainSpanNet(data, trainX, train.map((x) => techIndex.get(x.technique!)!), heldX, heldOut.map((x) => techIndex.get(x.technique!)!), { ...TC_NET_TRAINING, shape, seed: 11 + 100 * s });
    console.error(`TC span net ${s + 1}/${TC_NET_SEEDS}: ${rows.length} rows, best epoch ${r.epochs}, held-out loss ${r.heldOutLoss.toFixed(4)}`);
    return r.net;
  });
}
const oofByMix = new Map<number, RankedGivenSpan[]>(tcNetMixes.map((m) => [m, []]));
if (process.env.TC_REPEAT !== '0' && !process.argv.includes('--si-only')) {
  for (let f = 0; f < 5; f++) {
    const rows = tcLabels.filter((r) => tcFold(r) !== f);
    const { model, index } = trainTc(rows, bestTc.epochs, bestTc.l2, bestTc.alpha);
    const tc = { ...loadLinear(packLinearModel(model, index.names, TECHNIQUES)), lexicon: useLexicon ? lexiconLookup(lexiconsOf(rows)) : undefined, vectors: vectors && (() => vectors) };
    const nets = tcNetMixes.some((m) => m > 0) ? trainTcNets(rows) : [];
    for (const mix of tcNetMixes) oofByMix.get(mix)!.push(...rankGivenSpans(docs, tcLabels.filter((r) => tcFold(r) === f), mix > 0 ? { ...tc, net: { nets, mix } } : tc));
  }
}
const cvOf = (oof: readonly RankedGivenSpan[], offsets: RepeatOffsets) => {
  const pred = oof.flatMap((s) => {
    const ranked = rerankForRepeat(s.ranked, (s.category && offsets[s.category]) || 0);
    return s.group.map((r, i) => ({ ...r, technique: ranked[i % ranked.length]!.technique }));
  });
  return 100 * (scorer.scoreTC(oof.flatMap((s) => s.group), pred).microF1 as number);
};
let tcNetMix = 0;
let bestCv = -1;
for (const mix of tcNetMixes) {
  const oof = oofByMix.get(mix)!;
  if (!oof.length) continue;
  const cv = cvOf(oof, tuneRepeatOffsets(oof));
  if (tcNetMixes.length > 1) console.error(`TC span-net mix ${mix}: 5-fold CV micro-F1 ${cv.toFixed(2)} (Repetition offsets tuned on these folds)`);
  if (cv > bestCv) [bestCv, tcNetMix] = [cv, mix];
}
// Naive Bayes folded into the technique model (`tc-bayes.ts`; TC, sixth round; TC_NB=0 leaves it
// out): its Laplace alpha and mixing weight chosen on the out-of-fold rankings (per fold, the naive
// Bayes of the other four folds; weight 0 = none); the Repetition offsets are then tuned on the mixed
// rankings. 5-fold CV on train with alpha, weight and offsets chosen without the test fold
// (`scripts/cv-rhetoric-tc.ts`, TC_NB=1 NB_FOLDED=1): 64.28 → 64.57 micro-F1.
const TC_NB_ALPHAS = [1, 0.3, 0.1, 0.03, 0.01];
const TC_NB_WEIGHTS = [0, 0.005, 0.01, 0.02, 0.05, 0.1];
/** Naive Bayes over the raw span terms of `rows` (terms of ≥ 2 rows, as the technique model's feature index keeps them). */
function trainNb(rows: readonly PtcLabel[], alpha: number): TcBayes {
  const terms = rows.map((r) => {
    const doc = docs.get(r.article)!;
    const [a, b] = tokenRange(doc, r);
    return spanTerms(doc, a, b);
  });
  return trainTcBayes(terms, rows.map((r) => techIndex.get(r.technique!)!), TECHNIQUES.length, alpha, 2);
}
/** Chooses the naive Bayes alpha and weight on out-of-fold rankings; returns them and the mixed rankings. */
function chooseTcBayes(oof: readonly RankedGivenSpan[]): { alpha: number; weight: number; ranked: RankedGivenSpan[] } {
  let best = { alpha: 0, weight: 0, ranked: [...oof], cv: oof.length ? cvOf(oof, {}) : 0 };
  if (process.env.TC_NB === '0' || !oof.length) return best;
  for (const alpha of TC_NB_ALPHAS) {
    const nbs = [0, 1, 2, 3, 4].map((f) => trainNb(tcLabels.filter((r) => tcFold(r) !== f), alpha));
    const logs = oof.map((s) => tcBayesLogPosterior(nbs[tcFold(s.group[0]!)]!, spanBayesTerms(s.doc, s.group[0]!)));
    for (const weight of TC_NB_WEIGHTS.filter((w) => w > 0)) {
      const ranked = oof.map((s, i) => {
        const m = mixTcBayes(TECHNIQUES.map((t) => s.ranked.find((r) => r.technique === t)!.p), logs[i]!, weight);
        return { ...s, ranked: TECHNIQUES.map((technique, c) => ({ technique, p: m[c]! })).sort((x, y) => y.p - x.p) };
      });
      const cv = cvOf(ranked, {});
      console.error(`TC naive Bayes alpha ${alpha} weight ${weight}: 5-fold CV micro-F1 ${cv.toFixed(2)} (without it ${cvOf(oof, {}).toFixed(2)})`);
      if (cv > best.cv) best = { alpha, weight, ranked, cv };
    }
  }
  return best;
}
const tcNb = chooseTcBayes(oofByMix.get(tcNetMix) ?? []);
const oofRanked = tcNb.ranked;
const tcRepeat = tuneRepeatOffsets(oofRanked);
if (oofRanked.length) {
  console.error(`TC 5-fold CV micro-F1 ${cvOf(oofRanked, {}).toFixed(2)} → ${cvOf(oofRanked, tcRepeat).toFixed(2)} with Repetition offsets ${JSON.stringify(tcRepeat)}, span-net mix ${tcNetMix}, naive Bayes ${JSON.stringify({ alpha: tcNb.alpha, weight: tcNb.weight })} (tuned on these folds)`);
}
/** The technique model trained on all train, as stored (with its lexicons, word-vector file and Repetition offsets). */
function finalTc(): Pick<StoredRhetoricModel, 'tc' | 'lexicon' | 'embeddings' | 'tcRepeat' | 'tcNet' | 'tcBayes'> {
  const tcFinal = trainTc(tcLabels, bestTc.epochs, bestTc.l2, bestTc.alpha);
  const model = tcNb.weight ? foldTcBayes(tcFinal.model, tcFinal.index.names, trainNb(tcLabels, tcNb.alpha), tcNb.weight) : tcFinal.model;
  return {
    tc: packLinearModel(model, tcFinal.index.names, TECHNIQUES, 0.06),
    ...(tcNb.weight ? { tcBayes: { alpha: tcNb.alpha, weight: tcNb.weight } } : {}),
    ...(useLexicon ? { lexicon: lexiconsOf(tcLabels) } : {}),
    ...(useEmbeddings ? { embeddings: EMBEDDINGS_FILE } : {}),
    ...(Object.keys(tcRepeat).length ? { tcRepeat } : {}),
    ...(tcNetMix > 0 ? { tcNet: packSpanNets(trainTcNets(tcLabels), tcNetMix) } : {}),
  };
}

if (process.argv.includes('--tc-only')) {
  // With TC_BASE=<model.json> and RHETORIC_OUT=<file>: writes that model with the technique model replaced.
  if (process.env.TC_BASE && process.env.RHETORIC_OUT) {
    const base = JSON.parse(readFileSync(process.env.TC_BASE, 'utf8')) as StoredRhetoricModel;
    delete base.lexicon;
    delete base.tcRepeat;
    delete base.tcNet;
    delete base.tcBayes;
    writeFileSync(process.env.RHETORIC_OUT, JSON.stringify({ ...base, ...finalTc() }));
    console.error(`wrote ${process.env.RHETORIC_OUT} (the other models from ${process.env.TC_BASE})`);
  }
  process.exit(0);
}

// ---------------------------------------------------------------- SI
/** Token inside-span mask of an article from the SI gold. */
const insideCache = new Map<string, Uint8Array>();
function insideMask(id: string): Uint8Array {
  let inside = insideCache.get(id);
  if (!inside) {
    const doc = docs.get(id)!;
    inside = new Uint8Array(doc.tokens.length);
    for (const l of siLabels) {
      if (l.article !== id) continue;
      const [a, b] = tokenRange(doc, l);
      for (let i = a; i < b; i++) inside[i] = 1;
    }
    insideCache.set(id, inside);
  }
  return inside;
}
/** Sentence model: a sentence is positive when any of its tokens lies inside a gold span. */
function trainSentence(articleIds: readonly string[]): LoadedLinear {
  const feats: NamedFeatures[] = [];
  const ys: number[] = [];
  for (const id of articleIds) {
    const doc = docs.get(id)!;
    const inside = insideMask(id);
    for (let si = 0; si < doc.sentences.length; si++) {
      feats.push(sentenceFeatures(doc, si));
      let y = 0;
      for (let i = doc.sentenceTokenStart[si]!; i < doc.sentenceTokenStart[si + 1]!; i++) if (inside[i]) y = 1;
      ys.push(y);
    }
  }
  const index = FeatureIndex.build(feats, 2);
  const model = trainLinear(feats.map((f, i) => ({ x: index.vectorize(f), y: ys[i]! })), { classes: 1, features: index.size, epochs: 5, l2: 1e-4, learningRate: 0.1, seed: 5 });
  return loadLinear(packLinearModel(model, index.names, ['propaganda'], 1e-3));
}
/** Out-of-fold sentence probabilities (5 folds) so that the token model sees realistic values. */
function crossFitSentences(articleIds: readonly string[]): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (let f = 0; f < 5; f++) {
    const model = trainSentence(articleIds.filter((_, i) => i % 5 !== f));
    for (const id of articleIds.filter((_, i) => i % 5 === f)) out.set(id, sentenceProbabilities(docs.get(id)!, model));
  }
  return out;
}
// Word-vector features of the token model (`token-vectors.ts`: the token's unit vector, the mean of
// its ±2 neighbours' and of its sentence's, 300 dense values) are on unless SI_VECTORS=0: token AUC on
// the tuning split 0.753 → 0.772, SI F1 38.6 → 41.3 with threshold decoding.
const siVectors = process.env.SI_VECTORS === '0' ? undefined : loadWordVectors();
/**
 * Learning rate of the token model (SI_LR overrides): 0.05; before, 0.1. Out-of-fold token AUC on
 * the tuning split 0.772 → 0.780, SI F1 (all train, out-of-fold, same decoding rule) 42.7 → 43.1,
 * higher in four of the five folds.
 */
const SI_LR = Number(process.env.SI_LR ?? 0.05);
/**
 * Word-list signals for span identification (`word-lexicons.ts`: AFINN valence, hedges, weasels), opt-in:
 * SI_LEX=lin adds the token model's `emitTokenLexiconFeatures`, SI_LEX=net the token network's
 * `TOKEN_NET_LEXICON_FEATURES` inputs, SI_LEX=all both. See the model card for the figures.
 */
const SI_LEX = process.env.SI_LEX ?? '';
const siLexLinear = SI_LEX === 'lin' || SI_LEX === 'all';
const siLexNet = SI_LEX === 'net' || SI_LEX === 'all';
/**
 * Trains the token model. The dense word-vector values are appended to each sparse vector as
 * features past the named ones, named `ev\t<k>` / `ec\t<k>` / `es\t<k>` in the returned index.
 */
function trainSi(articleIds: readonly string[], sentProbs: Map<string, Float64Array>, epochs: number, l2: number) {
  const perDoc: NamedFeatures[][] = [];
  const ys: number[] = [];
  for (const id of articleIds) {
    const inside = insideMask(id);
    perDoc.push(tokenFeatures(docs.get(id)!, sentProbs.get(id)!, siLexLinear));
    for (let i = 0; i < inside.length; i++) ys.push(inside[i]!);
  }
  const named = FeatureIndex.build(perDoc.flat(), 3);
  const dims = siVectors?.dims ?? 0;
  const examples: Example[] = [];
  articleIds.forEach((id, d) => {
    const dense = siVectors ? tokenVectorValues(docs.get(id)!, siVectors) : null;
    perDoc[d]!.forEach((f, i) => {
      const x = named.vectorize(f);
      if (dense) {
        const n = x.idx.length;
        const idx = new Int32Array(n + 3 * dims);
        const val = new Float32Array(n + 3 * dims);
        idx.set(x.idx);
        val.set(x.val);
        for (let k = 0; k < 3 * dims; k++) idx[n + k] = named.size + k;
        val.set(dense[i]!, n);
        examples.push({ x: { idx, val }, y: ys[examples.length]! });
      } else examples.push({ x, y: ys[examples.length]! });
    });
  });
  const denseNames = TOKEN_VECTOR_PREFIXES.flatMap((prefix) => Array.from({ length: dims }, (_, k) => featureName(prefix, String(k))));
  const index = new FeatureIndex([...named.names, ...denseNames]);
  const model = trainLinear(examples, { classes: 1, features: index.size, epochs, l2, learningRate: SI_LR, seed: 11 });
  return { model, index };
}
/**
 * SI scores of the decoded spans of the given articles. With `join` ≥ 0, spans of one line at most
 * that many characters apart are joined before scoring (the honesty check of the decoding).
 */
function siScore(articleIds: readonly string[], probs: Map<string, Float64Array>, params: DecodeParams, join = -1) {
  const pred: PtcLabel[] = [];
  for (const id of articleIds) {
    const doc = docs.get(id)!;
    let lastLine = -1;
    for (const s of decodeSpans(doc, probs.get(id)!, params)) {
      const line = doc.tokenSentence[tokenRange(doc, s)[0]]!;
      const last = pred[pred.length - 1];
      if (join >= 0 && last && last.article === id && line === lastLine && s.start - last.end <= join) last.end = s.end;
      else pred.push({ article: id, technique: null, start: s.start, end: s.end });
      lastLine = line;
    }
  }
  const wanted = new Set(articleIds);
  const gold = siLabels.filter((l) => wanted.has(l.article));
  return scorer.scoreSpans(gold, pred) as { precision: number; recall: number; f1: number };
}
/** Out-of-fold first-pass token probabilities (5 folds), for training the second pass. */
function crossFitTokens(articleIds: readonly string[], sentProbs: Map<string, Float64Array>, epochs: number, l2: number): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (let f = 0; f < 5; f++) {
    const { model, index } = trainSi(articleIds.filter((_, i) => i % 5 !== f), sentProbs, epochs, l2);
    const si = loadLinear(packLinearModel(model, index.names, ['propaganda']));
    for (const id of articleIds.filter((_, i) => i % 5 === f)) out.set(id, tokenProbabilities(docs.get(id)!, si, sentProbs.get(id)!));
  }
  return out;
}
/** The second pass: a small model over first-pass probabilities in context. */
function trainStack(articleIds: readonly string[], first: Map<string, Float64Array>, sentProbs: Map<string, Float64Array>): LoadedLinear {
  const feats: NamedFeatures[] = [];
  const ys: number[] = [];
  for (const id of articleIds) {
    const doc = docs.get(id)!;
    const local: NamedFeatures[] = doc.tokens.map(() => new Map());
    emitStackFeatures(doc, first.get(id)!, sentProbs.get(id)!, (i, value, prefix, a, b) => local[i]!.set(featureName(prefix, a, b), value));
    const inside = insideMask(id);
    local.forEach((f, i) => {
      feats.push(f);
      ys.push(inside[i]!);
    });
  }
  const index = FeatureIndex.build(feats, 1);
  const model = trainLinear(feats.map((f, i) => ({ x: index.vectorize(f), y: ys[i]! })), { classes: 1, features: index.size, epochs: 3, l2: 1e-6, learningRate: 0.05, seed: 13 });
  return loadLinear(packLinearModel(model, index.names, ['propaganda'], 1e-4));
}
const SI_EPOCHS = 3;
const SI_L2 = 1e-6;
/**
 * Honesty rule of the gain decoding (`minGapChars`, fixed, never tuned): two spans of a sentence part
 * must be more than 20 characters apart. Without it the decoding cuts probable phrases into pieces,
 * which raises the scorer's per-span precision without finding anything: the previous decoding
 * (low-token rule only) scored 43.0 out-of-fold on train but 38.3 once pieces of one line at most 20
 * characters apart were joined again, while the gold itself loses 0.6 F1 under that joining.
 */
const SI_MIN_GAP_CHARS = 20;
/**
 * The token network (`token-net.ts`; SI_NET=0 leaves it out): a small convolutional network over the
 * word vectors and a few per-token values whose logits, centred per sentence, are added to the token
 * model's, the weight chosen on out-of-fold probabilities of all train articles (0 = no network
 * stored). Trained with Adam, dropout and early stopping on every tenth of its training articles
 * (held out; best epoch 1–7 of 12), seeded. All-train out-of-fold SI F1 43.08 → 43.56 with
 * 16/16/8 units (43.62 with 32/32/16 units, which cost a third of the speed instead of a fifth).
 */
// (Not with `--stack`, whose second pass is tuned on the token model's probabilities alone.)
const useNet = process.env.SI_NET !== '0' && !process.argv.includes('--stack');
const NET_TRAINING: Omit<TokenNetTraining, 'shape'> = { epochs: 12, learningRate: 0.002, keep: 0.8, decay: 1e-4, batch: 16, seed: 21 };
const NET_SHAPE = { proj: 16, window: 2, hidden: 16, hidden2: 8 };
/**
 * The sentence network (opt-in with SI_SENT_NET=1; not shipped, see the model card): the token network's architecture trained as a
 * sentence scorer (`sentenceLevel`: one logistic loss per sentence on "holds a gold span", W2 held at
 * 0), seeded apart. Out-of-fold sentence AUC on all train 0.759 (linear sentence model) → 0.803. Its
 * logit z moves each sentence's token logits by `gamma` × z (`shiftBySentences`), gamma chosen from
 * SI_SENT_GAMMAS on the out-of-fold probabilities.
 */
const useSentNet = useNet && (process.env.SI_SENT_NET === '1' || !!process.env.SI_SENT_FEED);
/**
 * The sentence-network feed (opt-in with SI_SENT_FEED=1, which implies the sentence network): the
 * sentence network's probabilities replace the linear sentence model's as the sentence probability
 * the token model and the token network read (at run time: `sentFeed` in the model). Training rows
 * need out-of-fold values, so the cross-validation is nested: for outer fold f, the rows of fold g
 * read a sentence network trained without folds f and g (10 such networks, each used by two outer
 * folds), the test rows the network trained without fold f; the final token models read the
 * five-fold out-of-fold values. The run also tunes the shipped recipe (no sentence network) on the
 * same folds and reports both; it builds the feed. SI_SENT_FEED=net feeds the token network only
 * (the token model keeps the sentence model's probabilities).
 */
const sentFeedMode: 'all' | 'net' | undefined = !useSentNet || !full || process.argv.includes('--stack') ? undefined : process.env.SI_SENT_FEED === 'net' ? 'net' : process.env.SI_SENT_FEED ? 'all' : undefined;
const useSentFeed = sentFeedMode !== undefined;
const SENT_NET_SEED = 31;
/** Trains the token network (or, with `sentenceLevel`, the sentence network) on the given articles (every tenth held out for early stopping). */
function trainNet(articleIds: readonly string[], sentProbs: Map<string, Float64Array>, sentenceLevel = false): TokenNet {
  const vectors = loadWordVectors();
  const table = unitTable(vectors.dims);
  const lexicon = siLexNet && !sentenceLevel;
  const input = (id: string) => netInput(docs.get(id)!, vectors, table, sentProbs.get(id)!, undefined, lexicon);
  const fit = articleIds.filter((_, i) => i % 10 !== 9);
  const held = articleIds.filter((_, i) => i % 10 === 9);
  const fitX = fit.map(input);
  const heldX = held.map(input);
  const r = trainTokenNet(Float32Array.from(table.data), fitX, fit.map(insideMask), heldX, held.map(insideMask), {
    ...NET_TRAINING,
    ...(sentenceLevel ? { sentenceLevel, seed: SENT_NET_SEED } : {}),
    shape: { dims: vectors.dims, ...NET_SHAPE, ...(lexicon ? { lexicon } : {}) },
    log: (epoch, trainLoss, heldLoss) => console.error(`SI ${sentenceLevel ? 'sentence ' : ''}net epoch ${epoch}: train loss ${trainLoss.toFixed(4)}, held-out ${heldLoss.toFixed(4)}`),
  });
  console.error(`SI ${sentenceLevel ? 'sentence ' : ''}net: best epoch ${r.epochs}, held-out loss ${r.heldOutLoss.toFixed(4)}`);
  return r.net;
}
/** Network logits of the given articles, with their sentence probabilities (the run-time path). */
const evalNet = new Map<string, Float64Array>();
function addNetLogits(net: TokenNet, articleIds: readonly string[], sentProbs: (id: string) => Float64Array): void {
  for (const id of articleIds) evalNet.set(id, tokenNetLogits(net, docs.get(id)!, loadWordVectors(), sentProbs(id)));
}
/** Sentence-network logits of the given articles (out-of-fold). */
const evalSentNet = new Map<string, Float64Array>();
function addSentNetLogits(net: TokenNet, articleIds: readonly string[], sentProbs: (id: string) => Float64Array): void {
  for (const id of articleIds) evalSentNet.set(id, sentenceNetLogits(net, docs.get(id)!, loadWordVectors(), sentProbs(id)));
}
/**
 * Sentence-network probabilities (see `useSentFeed`) of every train article outside `folds` (i % 5 of
 * `ids`), from the sentence network trained on the other articles, which reads the sentence model of
 * the same articles; fitted once. With SI_FEED_CACHE=<dir> the table is also read from / written to
 * that directory, so that a second process (SI_FEED_PAIRS=3,4;2,4 …: fits those tables, then exits)
 * can fit some of the nested networks beside the main run; the values are the same either way.
 */
const sentNetTables = new Map<string, Map<string, Float64Array>>();
function sentNetFeedTable(folds: readonly number[]): Map<string, Float64Array> {
  const key = [...folds].sort().join(',');
  let table = sentNetTables.get(key);
  if (table) return table;
  const cacheDir = process.env.SI_FEED_CACHE;
  const cacheFile = cacheDir ? join(cacheDir, `without-${key.replace(',', '-')}.json`) : '';
  if (cacheFile && existsSync(cacheFile)) {
    table = new Map((JSON.parse(readFileSync(cacheFile, 'utf8')) as Array<[string, number[]]>).map(([id, p]) => [id, Float64Array.from(p)]));
    console.error(`SI sentence feed: read ${cacheFile}`);
  } else {
    const train = ids.filter((_, i) => !folds.includes(i % 5));
    const net = trainNet(train, crossFitSentences(train), true);
    const sent = trainSentence(train);
    table = new Map(
      ids
        .filter((_, i) => folds.includes(i % 5))
        .map((id) => {
          const doc = docs.get(id)!;
          return [id, sentenceNetProbabilities(sentenceNetLogits(net, doc, loadWordVectors(), sentenceProbabilities(doc, sent)))];
        }),
    );
    if (cacheFile) {
      writeFileSync(`${cacheFile}.part`, JSON.stringify([...table].map(([id, p]) => [id, Array.from(p)])));
      renameSync(`${cacheFile}.part`, cacheFile);
    }
  }
  sentNetTables.set(key, table);
  return table;
}
if (process.env.SI_FEED_PAIRS) {
  for (const pair of process.env.SI_FEED_PAIRS.split(';')) {
    sentNetFeedTable(pair.split(',').map(Number));
    console.error(`SI sentence feed: fitted the network without folds ${pair}`);
  }
  process.exit(0);
}
const tuneList = [...tuneIds];
const fitSent = crossFitSentences(fitIds);
const sentOnFit = trainSentence(fitIds);
const tuneSent = new Map(tuneList.map((id) => [id, sentenceProbabilities(docs.get(id)!, sentOnFit)]));
const siOnFit = trainSi(fitIds, fitSent, SI_EPOCHS, SI_L2);
const siFit = loadLinear(packTokenModel(siOnFit.model, siOnFit.index.names));
const tuneFirst = new Map(tuneList.map((id) => [id, tokenProbabilities(docs.get(id)!, siFit, tuneSent.get(id)!)]));
if (useNet) addNetLogits(trainNet(fitIds, fitSent), tuneList, (id) => tuneSent.get(id)!);
if (useSentNet) addSentNetLogits(trainNet(fitIds, fitSent, true), tuneList, (id) => tuneSent.get(id)!);
// The second pass is opt-in (`--stack`): it lost to the first pass on the tuning split before.
const tryStack = process.argv.includes('--stack');
const stackOnFit = tryStack ? trainStack(fitIds, crossFitTokens(fitIds, fitSent, SI_EPOCHS, SI_L2), fitSent) : null;
const tuneStacked = stackOnFit ? new Map(tuneList.map((id) => [id, stackProbabilities(docs.get(id)!, tuneFirst.get(id)!, tuneSent.get(id)!, stackOnFit)])) : null;
// The decoding is tuned on out-of-fold token probabilities of all train articles (5 folds by
// position; the fifth fold is the tuning split above, so its probabilities are `tuneFirst`): 371
// articles instead of 74 (F1 by fold ranged 41.2–44.8 with one setting). `--quick` and `--stack`
// tune on the tuning split alone.
const tuneOnAll = full && !tryStack;
/** Token probabilities of the articles of fold f (i % 5 === f) from sentence and token models trained on the other folds. */
function foldTokens(f: number): Map<string, Float64Array> {
  const train = ids.filter((_, i) => i % 5 !== f);
  const sent = trainSentence(train);
  const trainSent = crossFitSentences(train);
  const trained = trainSi(train, trainSent, SI_EPOCHS, SI_L2);
  const si = loadLinear(packTokenModel(trained.model, trained.index.names));
  const test = ids.filter((_, i) => i % 5 === f);
  const testSent = new Map(test.map((id) => [id, sentenceProbabilities(docs.get(id)!, sent)]));
  if (useNet) addNetLogits(trainNet(train, trainSent), test, (id) => testSent.get(id)!);
  if (useSentNet) addSentNetLogits(trainNet(train, trainSent, true), test, (id) => testSent.get(id)!);
  return new Map(test.map((id) => [id, tokenProbabilities(docs.get(id)!, si, testSent.get(id)!)]));
}
const evalIds = tuneOnAll ? ids : tuneList;
const evalFirst = tuneOnAll ? new Map([...[0, 1, 2, 3].flatMap((f) => [...foldTokens(f)]), ...tuneFirst]) : tuneFirst;
// With the token network: the weight of its logits, centred per sentence, added to the token model's
// (`mixWithinSentences`; SI_NET_MIXES, 0 = the token model alone) that scores best under a grid of
// the gain decoding (contentOnly on) on the out-of-fold probabilities; `evalFirst` then holds the
// mixed probabilities, on which the decoding is tuned as before.
/**
 * The weight among `weights` whose probabilities (`probsOf`) decode best under `bestGainGrid`, with
 * that grid's best setting; a later weight must beat the best so far by more than 1e-6.
 */
function chooseWeight(weights: readonly number[], probsOf: (w: number) => Map<string, Float64Array>, spanCosts: readonly number[], coverGains: readonly number[], label: string): [number, DecodeParams | null] {
  let best = -1;
  let chosen = 0;
  let chosenParams: DecodeParams | null = null;
  for (const w of weights) {
    const { f1, params } = bestGainGrid(probsOf(w), spanCosts, coverGains);
    console.error(`${label} ${w}: best grid F1 ${(100 * f1).toFixed(2)} on ${evalIds.length} articles`);
    if (f1 > best + 1e-6) [best, chosen, chosenParams] = [f1, w, params];
  }
  return [chosen, chosenParams];
}
/**
 * The best gain decoding (contentOnly on) of `probs` over a grid of span costs, cover gains and
 * smoothing 0 / 0.2, scored on `evalIds`; the first of equal settings wins.
 */
function bestGainGrid(probs: Map<string, Float64Array>, spanCosts: readonly number[], coverGains: readonly number[]): { f1: number; params: DecodeParams | null } {
  let f1 = -1;
  let params: DecodeParams | null = null;
  for (const spanCost of spanCosts) {
    for (const coverGain of coverGains) {
      for (const smooth of [0, 0.2]) {
        const p: DecodeParams = { threshold: 0, gap: 0, smooth, minWords: 1, spanCost, coverGain, maxTokens: 60, joinChars: 0, gapBelow: 1, minGapChars: SI_MIN_GAP_CHARS, contentOnly: true };
        const r = siScore(evalIds, probs, p).f1;
        if (r > f1) [f1, params] = [r, p];
      }
    }
  }
  return { f1, params };
}
/** The out-of-fold choice of the SI weights and decoding (see `tuneSi`). */
interface SiChoice {
  netMix: number;
  sentGamma: number;
  best: { stack: boolean; params: DecodeParams; f1: number; precision: number; recall: number };
}
/**
 * Chooses the token network's mix (on `netZ`), the sentence network's gamma (on `sentZ`, when given)
 * and the decoding on out-of-fold token probabilities `first` of `evalIds` (`stacked`: the second
 * pass's, `--stack`); `label` names the recipe in the log.
 */
function tuneSi(first: Map<string, Float64Array>, netZ: Map<string, Float64Array>, sentZ: Map<string, Float64Array> | null, stacked: Map<string, Float64Array> | null, label = ''): SiChoice {
  const evalFirst = new Map(first);
  /** The best grid setting of the chosen mix (and gamma): also a start of the coordinate ascent below. */
  let gridStart: DecodeParams | null = null;
  let netMix = 0;
  if (useNet) {
    const linear = new Map(evalFirst);
    const mixed = (mix: number) => new Map([...linear].map(([id, p]) => [id, mixWithinSentences(docs.get(id)!, p, netZ.get(id)!, mix)]));
    [netMix, gridStart] = chooseWeight((process.env.SI_NET_MIXES ?? '0,0.3,0.6').split(',').map(Number), mixed, [0.25, 0.3, 0.35, 0.4, 0.45], [0.008, 0.011, 0.014, 0.017, 0.02], `SI ${label}net mix`);
    for (const [id, p] of mixed(netMix)) evalFirst.set(id, p);
    console.error(`SI ${label}net: chosen mix ${netMix}`);
  }
  // With the sentence network: its weight `gamma` (0 = none), chosen by the same grid on the
  // out-of-fold probabilities after the token network's mix.
  let sentGamma = 0;
  if (sentZ) {
    const within = new Map(evalFirst);
    const shifted = (gamma: number) => new Map([...within].map(([id, p]) => [id, shiftBySentences(docs.get(id)!, p, sentZ.get(id)!, gamma)]));
    [sentGamma, gridStart] = chooseWeight((process.env.SI_SENT_GAMMAS ?? '0,0.25,0.5,0.75').split(',').map(Number), shifted, [0.3, 0.35, 0.4, 0.45, 0.5], [0.011, 0.0125, 0.014, 0.017], `SI ${label}sentence net gamma`);
    for (const [id, p] of shifted(sentGamma)) evalFirst.set(id, p);
    console.error(`SI ${label}sentence net: chosen gamma ${sentGamma}`);
  }
  let bestSi = { stack: false, params: { threshold: 0.3, gap: 2, smooth: 0.3, minWords: 1 } as DecodeParams, f1: -1, precision: 0, recall: 0 };
  const report = (stack: boolean, params: DecodeParams, r: { precision: number; recall: number; f1: number }) =>
    console.error(`SI stack=${stack} ${JSON.stringify(params)}: P ${(100 * r.precision).toFixed(1)} R ${(100 * r.recall).toFixed(1)} F1 ${(100 * r.f1).toFixed(2)}`);
  const probsOf = (stack: boolean) => (stack ? stacked! : evalFirst);
  // 1. The threshold decoding (opt-in, `--threshold-grid`: it lost to the gain decoding, and its
  // `maxWords` cuts runs into pieces): a coarse grid over threshold, joining and smoothing.
  if (process.argv.includes('--threshold-grid')) {
    for (const stack of stacked ? [false, true] : [false]) {
      for (const threshold of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]) {
        for (const gap of [0, 1, 2, 4]) {
          for (const smooth of [0, 0.4]) {
            for (const minWords of [1, 2, 3]) {
              const params: DecodeParams = { threshold, gap, smooth, minWords, trimEdges: true, splitSentences: true, peak: 0, maxWords: 0 };
              const r = siScore(evalIds, probsOf(stack), params);
              if (r.f1 > bestSi.f1) {
                bestSi = { stack, params, ...r };
                report(stack, params, r);
              }
            }
          }
        }
      }
    }
  }
  // 2. Coordinate ascent over every decoding setting from the grid's best (three rounds).
  type Choices = { [K in keyof DecodeParams]?: Array<DecodeParams[K]> };
  /** Coordinate ascent over the given settings from `bestSi` (three rounds). */
  const ascend = (choices: Choices): void => {
    for (let round = 0; round < 3; round++) {
      const probs = probsOf(bestSi.stack);
      for (const key of Object.keys(choices) as Array<keyof DecodeParams>) {
        for (const value of choices[key]!) {
          const params = { ...bestSi.params, [key]: value } as DecodeParams;
          const r = siScore(evalIds, probs, params);
          if (r.f1 > bestSi.f1 + 1e-6) {
            bestSi = { stack: bestSi.stack, params, ...r };
            report(bestSi.stack, params, r);
          }
        }
      }
    }
  };
  if (bestSi.f1 >= 0) {
    ascend({
      threshold: [0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.28, 0.3, 0.33, 0.36, 0.4, 0.45, 0.5],
      gap: [0, 1, 2, 3, 4, 6],
      smooth: [0, 0.2, 0.4, 0.6],
      minWords: [1, 2, 3, 4],
      trimEdges: [false, true],
      splitSentences: [false, true],
      peak: [0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7],
      maxWords: [0, 6, 8, 10, 12, 16, 20, 25, 30, 40],
    });
  }
  // 3. Gain decoding (`decodeSpansByGain`: spans chosen to maximise a linearised span-level F1) under
  // the honesty rule `SI_MIN_GAP_CHARS`: a grid over its span cost, cover gain and smoothing, then
  // coordinate ascent.
  if (process.env.SI_GAIN !== '0') {
    const base: DecodeParams = { threshold: 0, gap: 0, smooth: 0, minWords: 1 };
    for (const stack of stacked ? [false, true] : [false]) {
      for (const spanCost of [0.25, 0.3, 0.35, 0.4, 0.45]) {
        for (const coverGain of [0.01, 0.0125, 0.015, 0.0175, 0.02]) {
          for (const smooth of [0, 0.2, 0.4]) {
            const params: DecodeParams = { ...base, smooth, spanCost, coverGain, maxTokens: 40, joinChars: 0, gapBelow: 1, minGapChars: SI_MIN_GAP_CHARS };
            const r = siScore(evalIds, probsOf(stack), params);
            if (r.f1 > bestSi.f1 + 1e-6) {
              bestSi = { stack, params, ...r };
              report(stack, params, r);
            }
          }
        }
      }
    }
    // The mix / gamma grid's best setting (same probabilities) is also a start: the ascent from the
    // gain grid's best alone can end lower (43.91 against 44.02 with the sentence network).
    if (gridStart && !stacked) {
      const r = siScore(evalIds, probsOf(false), gridStart);
      if (r.f1 > bestSi.f1 + 1e-6) {
        bestSi = { stack: false, params: gridStart, ...r };
        report(false, gridStart, r);
      }
    }
    if ((bestSi.params.spanCost ?? 0) > 0) {
      ascend({
        spanCost: [0.22, 0.25, 0.28, 0.3, 0.32, 0.35, 0.38, 0.4, 0.45, 0.5, 0.55],
        coverGain: [0.008, 0.01, 0.011, 0.0125, 0.014, 0.015, 0.0165, 0.0175, 0.02],
        smooth: [0, 0.1, 0.2, 0.3, 0.4, 0.5],
        maxTokens: [20, 30, 40, 60],
        // 1 = no low-token rule: the character gap alone keeps phrases whole.
        gapBelow: [0.3, 0.4, 0.5, 1],
        trimEdges: [false, true],
        // true: no span made only of function words and punctuation (`function-words.json`).
        contentOnly: [false, true],
      });
    }
  }
  {
    // Honesty check: the chosen decoding should lose little when pieces of one line at most
    // `SI_MIN_GAP_CHARS` characters apart are joined again; and its F1 on the tuning split alone.
    const f = (r: { precision: number; recall: number; f1: number }) => `${(100 * r.precision).toFixed(1)}/${(100 * r.recall).toFixed(1)}/${(100 * r.f1).toFixed(2)}`;
    const probs = probsOf(bestSi.stack);
    console.error(`SI ${label}chosen on ${evalIds.length} articles: P/R/F1 ${f(bestSi)}; pieces within ${SI_MIN_GAP_CHARS} chars joined ${f(siScore(evalIds, probs, bestSi.params, SI_MIN_GAP_CHARS))}; tuning split ${f(siScore(tuneList, probs, bestSi.params))}`);
    const flipped = { ...bestSi.params, contentOnly: bestSi.params.contentOnly !== true };
    console.error(`SI same settings with contentOnly ${String(flipped.contentOnly)}: P/R/F1 ${f(siScore(evalIds, probs, flipped))}; tuning split ${f(siScore(tuneList, probs, flipped))}`);
  }
  return { netMix, sentGamma, best: bestSi };
}
/** Out-of-fold sentence-network probabilities of every train article (the networks of `foldTokens`): the test rows' feed, and the final token models' training feed. */
const oofFeed = useSentFeed ? new Map(ids.map((id) => [id, sentenceNetProbabilities(evalSentNet.get(id)!)])) : new Map<string, Float64Array>();
const feedFirst = new Map<string, Float64Array>();
const feedNet = new Map<string, Float64Array>();
if (useSentFeed) {
  // Nested folds: outer fold f's training rows of fold g read the network trained without f and g.
  for (let f = 0; f < 5; f++) {
    const train = ids.filter((_, i) => i % 5 !== f);
    const test = ids.filter((_, i) => i % 5 === f);
    const trainFeed = new Map(train.map((id) => [id, sentNetFeedTable([f, articleOrder.get(id)! % 5]).get(id)!]));
    if (sentFeedMode === 'all') {
      const trained = trainSi(train, trainFeed, SI_EPOCHS, SI_L2);
      const si = loadLinear(packTokenModel(trained.model, trained.index.names));
      for (const id of test) feedFirst.set(id, tokenProbabilities(docs.get(id)!, si, oofFeed.get(id)!));
    }
    if (useNet) {
      const net = trainNet(train, trainFeed);
      for (const id of test) feedNet.set(id, tokenNetLogits(net, docs.get(id)!, loadWordVectors(), oofFeed.get(id)!));
    }
    console.error(`SI sentence feed: outer fold ${f + 1}/5 done (${sentNetTables.size} nested sentence networks so far)`);
  }
}
/** SI F1 of the chosen decoding by fold (i % 5), for judging the noise of a difference. */
function byFold(probs: Map<string, Float64Array>, params: DecodeParams): string {
  return [0, 1, 2, 3, 4].map((f) => (100 * siScore(ids.filter((_, i) => i % 5 === f), probs, params).f1).toFixed(2)).join(' / ');
}
/** The mixed (and shifted) out-of-fold probabilities of a choice. */
function choiceProbs(first: Map<string, Float64Array>, netZ: Map<string, Float64Array>, sentZ: Map<string, Float64Array> | null, c: SiChoice): Map<string, Float64Array> {
  return new Map(
    evalIds.map((id) => {
      const doc = docs.get(id)!;
      const within = useNet ? mixWithinSentences(doc, first.get(id)!, netZ.get(id)!, c.netMix) : first.get(id)!;
      return [id, sentZ ? shiftBySentences(doc, within, sentZ.get(id)!, c.sentGamma) : within];
    }),
  );
}
const shippedChoice = tuneSi(evalFirst, evalNet, useSentNet && tuneOnAll && !useSentFeed ? evalSentNet : null, tuneStacked);
// With SI_SENT_FEED=net the token model's probabilities are the shipped recipe's.
const feedTokens = sentFeedMode === 'net' ? evalFirst : feedFirst;
const feedChoice = useSentFeed ? tuneSi(feedTokens, feedNet, evalSentNet, null, `sentence-feed (${sentFeedMode}) `) : null;
if (feedChoice) {
  const f = (c: SiChoice) => `P/R/F1 ${(100 * c.best.precision).toFixed(1)}/${(100 * c.best.recall).toFixed(1)}/${(100 * c.best.f1).toFixed(2)}`;
  console.error(`SI out-of-fold on ${evalIds.length} articles: shipped recipe ${f(shippedChoice)} (by fold ${byFold(choiceProbs(evalFirst, evalNet, null, shippedChoice), shippedChoice.best.params)}); sentence feed ${f(feedChoice)} (mix ${feedChoice.netMix}, gamma ${feedChoice.sentGamma}; by fold ${byFold(choiceProbs(feedTokens, feedNet, evalSentNet, feedChoice), feedChoice.best.params)})`);
}
const { netMix, sentGamma, best: bestSi } = feedChoice ?? shippedChoice;

// ---------------------------------------------------------------- final fit on all train
console.error(`final: TC ${JSON.stringify(bestTc)}; SI ${JSON.stringify(bestSi)}`);
const tcStored = finalTc();
const allSent = crossFitSentences(ids);
// With the feed, the final token models read the out-of-fold sentence-network probabilities.
const siFinal = trainSi(ids, sentFeedMode === 'all' ? oofFeed : allSent, SI_EPOCHS, SI_L2);
const sentFinal = trainSentence(ids);
const netFinal = useNet && netMix > 0 ? trainNet(ids, useSentFeed ? oofFeed : allSent) : null;
const sentNetFinal = useSentNet && (sentGamma > 0 || useSentFeed) ? trainNet(ids, allSent, true) : null;
const stackFinal = bestSi.stack && tryStack ? trainStack(ids, crossFitTokens(ids, allSent, SI_EPOCHS, SI_L2), allSent) : null;
/**
 * Packs the token model: named features whose weight is below 0.06 are dropped (as before), the
 * dense word-vector weights (`ev` / `ec`) are all kept, since together they matter even when small.
 */
function packTokenModel(model: LinearModel, names: readonly string[]) {
  const dense = new Set<string>(TOKEN_VECTOR_PREFIXES);
  const weights = model.weights.map((w, f) => (dense.has(names[f]!.split('\t')[0]!) || Math.abs(w) >= 0.06 ? w : 0));
  return packLinearModel({ ...model, weights }, names, ['propaganda'], 1e-12);
}
const stored: StoredRhetoricModel = {
  version: '1',
  sent: packLinearModel(sentFinal.model, sentFinal.index.names, ['propaganda'], 0.06),
  si: packTokenModel(siFinal.model, siFinal.index.names),
  tc: tcStored.tc,
  ...(stackFinal ? { stack: packLinearModel(stackFinal.model, stackFinal.index.names, ['propaganda'], 1e-4) } : {}),
  ...(netFinal ? { net: packTokenNet(netFinal, netMix) } : {}),
  ...(sentNetFinal ? { sentNet: packTokenNet(sentNetFinal, sentGamma) } : {}),
  ...(sentNetFinal && sentFeedMode ? { sentFeed: sentFeedMode } : {}),
  decode: bestSi.params,
  ...(tcStored.lexicon ? { lexicon: tcStored.lexicon } : {}),
  ...(tcStored.embeddings ? { embeddings: tcStored.embeddings } : {}),
  ...(tcStored.tcRepeat ? { tcRepeat: tcStored.tcRepeat } : {}),
  ...(tcStored.tcNet ? { tcNet: tcStored.tcNet } : {}),
  ...(tcStored.tcBayes ? { tcBayes: tcStored.tcBayes } : {}),
};
const out = process.env.RHETORIC_OUT ?? join(root, 'data', 'models', 'rhetoric.json');
writeFileSync(out, JSON.stringify(stored));
console.error(`wrote ${out}: SI ${stored.si.features.length} features, TC ${stored.tc.features.length} features; tune TC ${(100 * bestTc.score).toFixed(2)} SI P/R/F1 ${(100 * bestSi.precision).toFixed(1)}/${(100 * bestSi.recall).toFixed(1)}/${(100 * bestSi.f1).toFixed(2)}`);
