/**
 * Trains the statistical name recognizer and writes `data/models/ner.bin`.
 *
 *   node --import tsx bench/train-ner.ts [--epochs N] [--bits B] [--wiki-weight R] [--out FILE] [--wikigold] [--cv K [--pred-out FILE]]
 *     [--no-ext] [--no-classes] [--no-clusters] [--no-kb] [--no-run] [--no-agg] [--no-run-cls]
 *     [--domains [--target SPEC] [--also-targets SPEC,…]] [--no-geo] [--geo-min N] [--greedy] [--stack [--stack-folds K]] [--heads]
 *     [--seed N | --seeds N,N,…] [--num-run] [--num-cap] [--of-head] [--table] [--glove] [--def]
 *     [--emb own|near|far [--emb-mode unit|z|bin] [--emb-k K]]
 *     [--fine-tune K [--fine-tune-avg run|restart]] [--wiki-last] [--wiki-ramp A,B]
 *
 * Training-schedule domain adaptation (eighth session of issue 4, see the model card; all off by
 * default): `--fine-tune K` adds K epochs over the wikigold training documents only (in the CV, only
 * the fold's training documents), averaged with the whole run (`--fine-tune-avg run`, the default) or
 * started from the averaged weights and averaged alone (`restart`); `--wiki-last` presents the CoNLL
 * documents first and the wikigold ones last in every epoch; `--wiki-ramp 1,5` gives each wikigold
 * document 1 copy in the first epoch rising to 5 in the last instead of the fixed `--wiki-weight`.
 * `--seeds 1,2,3` trains once per shuffling seed and averages the weights (`src/ner/average-models.ts`);
 * `--num-run`, `--num-cap`, `--of-head`, `--table`, `--glove` are feature groups tried in the third
 * session of issue 4 (see the model card; none kept). `--out FILE` writes the model elsewhere than
 * `data/models/ner.bin`.
 *
 * The shipped recipe is `--epochs 8 --wikigold --wiki-weight 3`: a structured perceptron with the
 * Viterbi decoder (`--greedy`: the greedy tagger of the models before). Tried and not shipped (see the
 * model card): `--stack`, two-stage stacking with jackknifed first passes (`src/ner/stacking.ts`), and
 * `--heads`, the head-word lexicon of the training names.
 *
 * Training data: CoNLL-2003 `train.txt` from `../shared/bench/conll2003` (and, with `--wikigold`, all of
 * wikigold), with the recipe's gazetteer, word classes and clusters (`ner-recipe.ts`). `--cv K` instead
 * runs K-fold cross-validation over wikigold documents (training on CoNLL train + the other folds) and
 * prints the wikigold F1 without writing a model (`--pred-out` writes `token gold predicted` lines).
 * The `--no-*` switches leave out one group of features or resources, for ablations.
 *
 * Domain augmentation (Daumé 2007, with `--domains`; not in the shipped recipe, see the model card): CoNLL documents are the "news" domain,
 * wikigold the "wiki" domain; every feature fires as a general copy and a domain copy, and the written
 * model folds in the copies of `--target` (a domain, "general", or a weighted mix such as
 * "news*0.5+wiki*0.5", see `parseDomainTarget`). The same training is also folded for each of
 * `--also-targets` (default general,wiki,news) and scored (CoNLL dev, or the wikigold CV).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toIob2 } from '../src/ner/conll.ts';
import { prepareNerModel, serializeNerModel } from '../src/ner/model.ts';
import type { TaggedDocument } from '../src/ner/train-perceptron.ts';
import { EXTRA_CLASSES, FEATURE_FLAGS } from '../src/ner/features.ts';
import { gloveTable } from './ner-glove.ts';
import { embeddingTable, type EmbeddingQuantization } from './ner-embeddings.ts';
import { averageModels } from '../src/ner/average-models.ts';
import { trainRecipeModels, type RecipeOptions } from './ner-recipe.ts';
import { NER_TAGS, tagDocument } from '../src/ner/tagger.ts';
import { CONLL_DIR, REPO, WIKIGOLD, predictConllText, readConllFile, scoreDocuments, scorePrediction } from './ner-eval.ts';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const epochs = Number(arg('--epochs') ?? 10);
const out = arg('--out') ?? join(REPO, 'data', 'models', 'ner.bin');
const bits = Number(arg('--bits') ?? 20);
/** Each wikigold training document is repeated this many times (in-domain upweighting). */
const wikiWeight = Number(arg('--wiki-weight') ?? 1);
/** `--wiki-ramp A,B`: wikigold copies per epoch rising from A to B (`TrainOptions.inDomainRamp`); the documents are then given once. */
const wikiRamp = arg('--wiki-ramp')?.split(',').map(Number) as [number, number] | undefined;
if (wikiRamp && (wikiRamp.length !== 2 || !wikiRamp.every((x) => Number.isInteger(x) && x >= 0))) throw new Error('--wiki-ramp A,B (two whole numbers)');
const repeat = <X>(xs: X[]): X[] => Array.from({ length: wikiRamp ? 1 : wikiWeight }, () => xs).flat();
/** `--fine-tune K [--fine-tune-avg run|restart]`, `--wiki-last`: the other schedule options (`TrainOptions`). */
const fineTuneEpochs = Number(arg('--fine-tune') ?? 0);
const fineTuneAverage = (arg('--fine-tune-avg') ?? 'run') as 'run' | 'restart';
if (!['run', 'restart'].includes(fineTuneAverage)) throw new Error(`--fine-tune-avg run|restart, not ${fineTuneAverage}`);
const wikiLast = args.includes('--wiki-last');
/** The schedule options for a training set whose in-domain (wikigold) documents are `inDomain`; nothing when none is on. */
const scheduleFor = (inDomain: readonly TaggedDocument[]) =>
  fineTuneEpochs > 0 || wikiLast || wikiRamp
    ? { inDomain: new Set(inDomain), ...(fineTuneEpochs > 0 ? { fineTuneEpochs, fineTuneAverage } : {}), ...(wikiLast ? { inDomainLast: true } : {}), ...(wikiRamp ? { inDomainRamp: wikiRamp } : {}) }
    : {};
/** A description of the schedule for the model header (empty when none is on). */
const scheduleLabel = [fineTuneEpochs > 0 ? `then ${fineTuneEpochs} epochs on wikigold only (averaging: ${fineTuneAverage})` : '', wikiLast ? 'wikigold last in each epoch' : '', wikiRamp ? `wikigold ×${wikiRamp[0]} rising to ×${wikiRamp[1]} over the epochs` : ''].filter(Boolean).join(', ');
const useWiki = args.includes('--wikigold');
const cv = Number(arg('--cv') ?? 0);
/** Ablation switches: `--no-ext` (external gazetteer), `--no-classes` (lexicon word classes), `--no-kb`, `--no-run` (name-run features). */
const recipe: RecipeOptions = { ext: !args.includes('--no-ext'), classes: !args.includes('--no-classes'), kb: !args.includes('--no-kb'), clusters: !args.includes('--no-clusters'), geo: !args.includes('--no-geo'), ...(arg('--geo-min') ? { geoMin: Number(arg('--geo-min')) } : {}) };
if (args.includes('--no-run')) FEATURE_FLAGS.run = false;
if (args.includes('--no-agg')) FEATURE_FLAGS.agg = false;
if (args.includes('--no-run-cls')) FEATURE_FLAGS.runCls = false;
if (args.includes('--heads')) FEATURE_FLAGS.head = true;
/** `--num-run`: ordinals and call signs join name runs ("65th Air Division"); `--glove`: GloVe class-tree features (`ner-glove.ts`). */
if (args.includes('--num-run')) FEATURE_FLAGS.numRun = true;
/** `--num-cap`: ordinals and call signs count as capitalized words everywhere, and a number may start a run ("65 Air Division"). */
if (args.includes('--num-cap')) FEATURE_FLAGS.numCap = true;
/** `--seed N`: the shuffling seed (another sample of the training noise). */
const seed = Number(arg('--seed') ?? 1);
/** `--of-head`: the word before a name run's first connector as a feature of the run ("Legislative Assembly of Ontario"). */
if (args.includes('--of-head')) FEATURE_FLAGS.ofHead = true;
/** `--table`: features of results-table rows ("Lorvik 3 Tamsby 1"), apart from prose. */
if (args.includes('--table')) FEATURE_FLAGS.table = true;
/** `--def`: the head noun of a definition ("Foo Bar is a rock band") as a feature of every occurrence of its subject's words (`src/ner/definitions.ts`). */
if (args.includes('--def')) FEATURE_FLAGS.def = true;
if (args.includes('--glove')) {
  FEATURE_FLAGS.glove = true;
  EXTRA_CLASSES.glove = gloveTable();
}
/**
 * `--emb own|near|far`: dense word-vector features (`ner-embeddings.ts`) of the token (own), also of
 * the words before and after it (near), also of the words two before and after (far);
 * `--emb-mode unit|z|bin` and `--emb-k K` choose the quantization (default unit, 8).
 */
const embWindow = arg('--emb');
if (embWindow) {
  if (!['own', 'near', 'far'].includes(embWindow)) throw new Error(`--emb own|near|far, not ${embWindow}`);
  FEATURE_FLAGS.emb = true;
  FEATURE_FLAGS.embNear = embWindow !== 'own';
  FEATURE_FLAGS.embFar = embWindow === 'far';
  EXTRA_CLASSES.emb = embeddingTable({ mode: (arg('--emb-mode') ?? 'unit') as EmbeddingQuantization['mode'], k: Number(arg('--emb-k') ?? 8) });
}
const domains = args.includes('--domains');
const targetArg = arg('--target') ?? 'wiki';
/** The target domain of the written model (undefined: general copies only). */
const target = !domains || targetArg === 'general' ? undefined : targetArg;
const label = (t: string | undefined) => t ?? 'general';
/** Further targets to score from the same training (`--also-targets general,news,news*0.5+wiki*0.5`). */
const extraTargets = (arg('--also-targets') ?? 'general,wiki,news').split(',').map((t) => (t === 'general' ? undefined : t));
/** Structured perceptron with the second-order Viterbi decoder (`src/ner/viterbi.ts`), the default; `--greedy`: the greedy tagger of the models before. */
const decoder = args.includes('--greedy') ? undefined : ('viterbi' as const);
/** `--seeds 1,2,3`: train once per shuffling seed and average the weights (`src/ner/average-models.ts`). */
const seeds = (arg('--seeds') ?? String(seed)).split(',').map(Number);
const trainPlainModels = (docs: TaggedDocument[], o: Parameters<typeof trainRecipeModels>[1]) => {
  const runs = seeds.map((sd) => trainRecipeModels(docs, { ...o, seed: sd, ...(decoder ? { decoder } : {}) }, recipe));
  if (runs.length === 1) return runs[0]!;
  return new Map([...runs[0]!.keys()].map((t) => [t, averageModels(runs.map((r) => r.get(t)!), `${runs[0]!.get(t)!.trainedOn}; weights averaged over shuffling seeds ${seeds.join(', ')}`)]));
};
/** Two-stage stacking (`--stack [--stack-folds K]`, see `src/ner/stacking.ts`). */
const stack = args.includes('--stack');
const stackFolds = Number(arg('--stack-folds') ?? 5);
const TAG_INDEX = new Map<string, number>(NER_TAGS.map((t, k) => [t, k]));

/**
 * First-pass tags of every distinct training document from jackknifed models: the documents (keyed by
 * their sentences, so repeats share a fold) are split into `stackFolds` folds and each fold is tagged
 * by a model trained on the others.
 */
function jackknifeFirstPass(docs: TaggedDocument[], o: Parameters<typeof trainRecipeModels>[1]): Map<TaggedDocument['sentences'], Uint8Array[]> {
  const uniq = [...new Set(docs.map((d) => d.sentences))];
  const foldOf = new Map(uniq.map((s, k) => [s, k % stackFolds]));
  const out = new Map<TaggedDocument['sentences'], Uint8Array[]>();
  for (let f = 0; f < stackFolds; f++) {
    console.error(`  stacking: first-pass fold ${f + 1}/${stackFolds}`);
    const m = prepareNerModel(trainPlainModels(docs.filter((d) => foldOf.get(d.sentences) !== f), { ...o, targetDomains: [undefined] }).get(undefined)!);
    for (const s of uniq) {
      if (foldOf.get(s) !== f) continue;
      out.set(s, tagDocument(m, s.map((x) => x.tokens), {}, { fast: true, passes: 1 }).map((tags) => Uint8Array.from(tags, (t) => TAG_INDEX.get(t)!)));
    }
  }
  return out;
}

/** Trains the plain model, or with `--stack` the two-stage model: every document once plain and once with its jackknifed first pass. */
const trainNerModels = (docs: TaggedDocument[], o: Parameters<typeof trainRecipeModels>[1]) => {
  if (!stack) return trainPlainModels(docs, o);
  const first = jackknifeFirstPass(docs, o);
  console.error('  stacking: second stage');
  return trainPlainModels(docs.concat(docs.map((d) => ({ ...d, firstPass: first.get(d.sentences)! }))), { ...o, passes: 2 });
};

const asIob2 = (docs: ReturnType<typeof readConllFile>, domain: string): TaggedDocument[] =>
  docs.map((d) => ({ sentences: d.sentences.map((s) => ({ tokens: s.tokens, tags: toIob2(s.tags) })), ...(domains ? { domain } : {}) }));
const conll = asIob2(readConllFile(join(CONLL_DIR, 'train.txt')), 'news');
const wiki = asIob2(readConllFile(WIKIGOLD), 'wiki');
const log = (e: number, acc: number) => console.error(`  epoch ${e}: train token accuracy ${(100 * acc).toFixed(2)}%`);

if (cv > 0) {
  const wikiDocs = readConllFile(WIKIGOLD);
  const targets = domains ? [target, ...extraTargets.filter((t) => t !== target)] : [undefined];
  const predicted = targets.map(() => new Array<string[][]>(wikiDocs.length));
  const predictedPass1 = new Array<string[][]>(wikiDocs.length);
  for (let fold = 0; fold < cv; fold++) {
    const wikiTrain = wiki.filter((_, k) => k % cv !== fold);
    const trainSet = conll.concat(repeat(wikiTrain));
    console.error(`fold ${fold + 1}/${cv}: ${trainSet.length} training documents`);
    const models = trainNerModels(trainSet, { epochs, bits, onEpoch: log, targetDomains: targets, ...scheduleFor(wikiTrain) });
    targets.forEach((t, ti) => {
      const m = prepareNerModel(models.get(t)!);
      wikiDocs.forEach((d, k) => {
        if (k % cv !== fold) return;
        predicted[ti]![k] = tagDocument(m, d.sentences.map((s) => s.tokens), {}, { fast: true });
        if (stack && ti === 0) predictedPass1[k] = tagDocument(m, d.sentences.map((s) => s.tokens), {}, { fast: true, passes: 1 });
      });
    });
  }
  const predOut = arg('--pred-out');
  targets.forEach((t, ti) => {
    const pred = predicted[ti]!;
    const s = scoreDocuments(WIKIGOLD, wikiDocs, pred);
    if (predOut && ti === 0) writeFileSync(predOut, wikiDocs.map((d, di) => d.sentences.map((st, si) => st.tokens.map((tok, i) => `${tok} ${st.tags[i]} ${pred[di]![si]![i]}`).join('\n')).join('\n\n')).join('\n\n') + '\n');
    const perType = ['PER', 'ORG', 'LOC'].map((x) => (100 * (s.types[x]?.f1 ?? 0)).toFixed(1)).join(' / ');
    console.log(`wikigold ${cv}-fold CV (train: CoNLL train + other folds${domains ? `, domains, target ${label(t)}` : ''}${stack ? ', two-stage' : ''}${scheduleLabel ? `; ${scheduleLabel}` : ''}) PER/ORG/LOC F1 ${(100 * s.overall.f1).toFixed(1)} (${perType})`);
  });
  if (stack) {
    const s = scoreDocuments(WIKIGOLD, wikiDocs, predictedPass1);
    const perType = ['PER', 'ORG', 'LOC'].map((x) => (100 * (s.types[x]?.f1 ?? 0)).toFixed(1)).join(' / ');
    console.log(`wikigold ${cv}-fold CV, two-stage model, first pass only: PER/ORG/LOC F1 ${(100 * s.overall.f1).toFixed(1)} (${perType})`);
  }
} else {
  const trainSet = useWiki ? conll.concat(repeat(wiki)) : conll;
  const t0 = Date.now();
  const targets = domains ? [target, ...extraTargets.filter((t) => t !== target)] : [undefined];
  const data = `CoNLL-2003 eng.train${useWiki ? ` + wikigold (all 145 documents${wikiWeight > 1 && !wikiRamp ? `, each ×${wikiWeight}` : ''})` : ''}${useWiki && scheduleLabel ? `; ${scheduleLabel}` : ''}`;
  const models = trainNerModels(trainSet, {
    ...(useWiki ? scheduleFor(wiki) : {}),
    epochs,
    bits,
    onEpoch: log,
    trainedOn: domains ? `${data}; domain augmentation (news, wiki), weights folded for ${label(target)}` : data,
    targetDomains: targets,
  });
  const model = models.get(target)!;
  console.error(`trained in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${model.rows.length} of ${2 ** bits} hash rows kept`);
  const bin = serializeNerModel(model);
  writeFileSync(out, bin);
  console.error(`wrote ${out} (${(bin.length / 1e6).toFixed(2)} MB)`);
  for (const t of targets) {
    const m = prepareNerModel(models.get(t)!);
    const dev = scorePrediction(join(CONLL_DIR, 'testa.txt'), predictConllText(m, readFileSync(join(CONLL_DIR, 'testa.txt'), 'utf8')).pred);
    const perType = ['PER', 'ORG', 'LOC'].map((x) => (100 * (dev.types[x]?.f1 ?? 0)).toFixed(1)).join(' / ');
    const tag = domains ? ` [target ${label(t)}${t === target ? ', written' : ''}]` : '';
    console.log(`CoNLL dev (testa) PER/ORG/LOC F1 ${(100 * dev.overall.f1).toFixed(1)} (${perType})${tag}`);
    if (stack) {
      const dev1 = scorePrediction(join(CONLL_DIR, 'testa.txt'), predictConllText({ ...m, passes: 1 }, readFileSync(join(CONLL_DIR, 'testa.txt'), 'utf8')).pred);
      console.log(`CoNLL dev (testa), two-stage model, first pass only: PER/ORG/LOC F1 ${(100 * dev1.overall.f1).toFixed(1)}`);
    }
    if (!useWiki) {
      const wg = scorePrediction(WIKIGOLD, predictConllText(m, readFileSync(WIKIGOLD, 'utf8')).pred);
      console.log(`wikigold (not trained on) PER/ORG/LOC F1 ${(100 * wg.overall.f1).toFixed(1)}${tag}`);
    }
  }
}
