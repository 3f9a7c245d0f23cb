// Trains the rhetoric model (propaganda span identification + technique classification) on the
// PTC train split in ../shared/bench/ptc and writes data/models/rhetoric.json.
// Usage: node --import tsx scripts/train-rhetoric.ts
// Tuning (decode threshold, hyper-parameters) uses a held-out 20 % of the train articles; the dev
// split is never read here.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeatureIndex, type NamedFeatures } from '../src/models/features.ts';
import { trainLinear, type Example } from '../src/models/linear.ts';
import { packLinearModel } from '../src/models/serialize.ts';
import { prepareDoc, tokenRange, type RhetoricDoc } from '../src/stages/rhetoric/doc.ts';
import { spanFeatures, tokenFeatures } from '../src/stages/rhetoric/features.ts';
import { classifySpan, decodeSpans, loadLinear, tokenProbabilities, type DecodeParams, type StoredRhetoricModel } from '../src/stages/rhetoric/model.ts';
import { readPtcArticles, readPtcLabels, type PtcLabel } from '../src/stages/rhetoric/ptc.ts';
import { TECHNIQUES } from '../src/stages/rhetoric/techniques.ts';

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
const full = process.argv.includes('--quick') ? false : true;
console.error(`train articles ${ids.length} (fit ${fitIds.length}, tune ${tuneIds.size}), TC ${tcLabels.length}, SI ${siLabels.length}`);

// ---------------------------------------------------------------- TC
const techIndex = new Map<string, number>(TECHNIQUES.map((t, i) => [t, i]));
function tcFeatures(rows: PtcLabel[]): Array<{ f: NamedFeatures; y: number }> {
  return rows.map((r) => ({ f: spanFeatures(docs.get(r.article)!, r), y: techIndex.get(r.technique!)! }));
}
function trainTc(rows: PtcLabel[], epochs: number, l2: number) {
  const feats = tcFeatures(rows);
  const index = FeatureIndex.build(feats.map((x) => x.f), 2);
  const examples: Example[] = feats.map((x) => ({ x: index.vectorize(x.f), y: x.y }));
  const model = trainLinear(examples, { classes: TECHNIQUES.length, features: index.size, epochs, l2, learningRate: 0.2, seed: 7 });
  return { model, index };
}
/** Predicts TC labels for gold spans; a span listed k times gets the top k distinct techniques. */
function predictTc(rows: PtcLabel[], tc: ReturnType<typeof loadLinear>): PtcLabel[] {
  const groups = new Map<string, PtcLabel[]>();
  for (const r of rows) {
    const k = `${r.article}:${r.start}:${r.end}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: PtcLabel[] = [];
  for (const g of groups.values()) {
    const ranked = classifySpan(docs.get(g[0]!.article)!, g[0]!, tc);
    g.forEach((r, i) => out.push({ ...r, technique: ranked[i % ranked.length]!.technique }));
  }
  return out;
}
const tcFit = tcLabels.filter((r) => !tuneIds.has(r.article));
const tcTune = tcLabels.filter((r) => tuneIds.has(r.article));
let bestTc = { epochs: 15, l2: 1e-5, score: -1 };
for (const epochs of full ? [5, 10] : [10]) {
  for (const l2 of full ? [1e-5, 1e-3] : [1e-5]) {
    const { model, index } = trainTc(tcFit, epochs, l2);
    const tc = loadLinear(packLinearModel(model, index.names, TECHNIQUES));
    const score = scorer.scoreTC(tcTune, predictTc(tcTune, tc)).microF1 as number;
    console.error(`TC epochs=${epochs} l2=${l2}: tune micro-F1 ${(100 * score).toFixed(2)}`);
    if (score > bestTc.score) bestTc = { epochs, l2, score };
  }
}

if (process.argv.includes('--tc-only')) process.exit(0);

// ---------------------------------------------------------------- SI
function siExamples(articleIds: readonly string[], index: FeatureIndex | null): { feats: NamedFeatures[]; ys: number[] } {
  const feats: NamedFeatures[] = [];
  const ys: number[] = [];
  for (const id of articleIds) {
    const doc = docs.get(id)!;
    const inside = new Uint8Array(doc.tokens.length);
    for (const l of siLabels) {
      if (l.article !== id) continue;
      const [a, b] = tokenRange(doc, l);
      for (let i = a; i < b; i++) inside[i] = 1;
    }
    tokenFeatures(doc).forEach((f, i) => {
      feats.push(f);
      ys.push(inside[i]!);
    });
  }
  void index;
  return { feats, ys };
}
function trainSi(articleIds: readonly string[], epochs: number, l2: number) {
  const { feats, ys } = siExamples(articleIds, null);
  const index = FeatureIndex.build(feats, 3);
  const examples: Example[] = feats.map((f, i) => ({ x: index.vectorize(f), y: ys[i]! }));
  const model = trainLinear(examples, { classes: 1, features: index.size, epochs, l2, learningRate: 0.1, seed: 11 });
  return { model, index };
}
function siScore(articleIds: readonly string[], si: ReturnType<typeof loadLinear>, params: DecodeParams, probsCache: Map<string, Float64Array>) {
  const pred: PtcLabel[] = [];
  for (const id of articleIds) {
    const doc = docs.get(id)!;
    let probs = probsCache.get(id);
    if (!probs) {
      probs = tokenProbabilities(doc, si);
      probsCache.set(id, probs);
    }
    for (const s of decodeSpans(doc, probs, params)) pred.push({ article: id, technique: null, start: s.start, end: s.end });
  }
  const gold = siLabels.filter((l) => articleIds.includes(l.article));
  return scorer.scoreSpans(gold, pred) as { precision: number; recall: number; f1: number };
}
const tuneList = [...tuneIds];
let bestSi = { epochs: 5, l2: 1e-6, params: { threshold: 0.3, gap: 2, smooth: 0.3, minWords: 1 } as DecodeParams, f1: -1 };
for (const epochs of full ? [3, 6] : [3]) {
  for (const l2 of [1e-6]) {
    const { model, index } = trainSi(fitIds, epochs, l2);
    const si = loadLinear(packLinearModel(model, index.names, ['propaganda']));
    const cache = new Map<string, Float64Array>();
    for (const threshold of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
      for (const gap of [0, 2, 4]) {
        for (const smooth of [0, 0.4]) {
          for (const minWords of [1, 2]) {
            const params = { threshold, gap, smooth, minWords };
            const r = siScore(tuneList, si, params, cache);
            if (r.f1 > bestSi.f1) {
              bestSi = { epochs, l2, params, f1: r.f1 };
              console.error(`SI epochs=${epochs} l2=${l2} ${JSON.stringify(params)}: P ${(100 * r.precision).toFixed(1)} R ${(100 * r.recall).toFixed(1)} F1 ${(100 * r.f1).toFixed(2)}`);
            }
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------- final fit on all train
console.error(`final: TC ${JSON.stringify(bestTc)}; SI ${JSON.stringify(bestSi)}`);
const tcFinal = trainTc(tcLabels, bestTc.epochs, bestTc.l2);
const siFinal = trainSi(ids, bestSi.epochs, bestSi.l2);
const stored: StoredRhetoricModel = {
  version: '1',
  si: packLinearModel(siFinal.model, siFinal.index.names, ['propaganda'], 2e-3),
  tc: packLinearModel(tcFinal.model, tcFinal.index.names, TECHNIQUES, 2e-3),
  decode: bestSi.params,
};
const out = join(root, 'data', 'models', 'rhetoric.json');
writeFileSync(out, JSON.stringify(stored));
console.error(`wrote ${out}: SI ${stored.si.features.length} features, TC ${stored.tc.features.length} features; tune TC ${(100 * bestTc.score).toFixed(2)} SI F1 ${(100 * bestSi.f1).toFixed(2)}`);
