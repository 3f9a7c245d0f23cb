/**
 * Trains the statistical name recognizer and writes `data/models/ner.bin`.
 *
 *   node --import tsx bench/train-ner.ts [--epochs N] [--bits B] [--wiki-weight R] [--out FILE] [--wikigold] [--cv K [--pred-out FILE]]
 *     [--no-ext] [--no-classes] [--no-clusters] [--no-kb] [--no-run] [--no-agg] [--no-run-cls]
 *
 * Training data: CoNLL-2003 `train.txt` from `../shared/bench/conll2003` (and, with `--wikigold`, all of
 * wikigold), with the recipe's gazetteer, word classes and clusters (`ner-recipe.ts`). `--cv K` instead
 * runs K-fold cross-validation over wikigold documents (training on CoNLL train + the other folds) and
 * prints the wikigold F1 without writing a model (`--pred-out` writes `token gold predicted` lines).
 * The `--no-*` switches leave out one group of features or resources, for ablations.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toIob2 } from '../src/ner/conll.ts';
import { prepareNerModel, serializeNerModel } from '../src/ner/model.ts';
import type { TaggedDocument } from '../src/ner/train-perceptron.ts';
import { FEATURE_FLAGS } from '../src/ner/features.ts';
import { trainRecipe, type RecipeOptions } from './ner-recipe.ts';
import { tagDocument } from '../src/ner/tagger.ts';
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
const repeat = <X>(xs: X[]): X[] => Array.from({ length: wikiWeight }, () => xs).flat();
const useWiki = args.includes('--wikigold');
const cv = Number(arg('--cv') ?? 0);
/** Ablation switches: `--no-ext` (external gazetteer), `--no-classes` (lexicon word classes), `--no-kb`, `--no-run` (name-run features). */
const recipe: RecipeOptions = { ext: !args.includes('--no-ext'), classes: !args.includes('--no-classes'), kb: !args.includes('--no-kb'), clusters: !args.includes('--no-clusters') };
if (args.includes('--no-run')) FEATURE_FLAGS.run = false;
if (args.includes('--no-agg')) FEATURE_FLAGS.agg = false;
if (args.includes('--no-run-cls')) FEATURE_FLAGS.runCls = false;
const trainNerModel = (docs: TaggedDocument[], o: Parameters<typeof trainRecipe>[1]) => trainRecipe(docs, o, recipe);

const asIob2 = (docs: ReturnType<typeof readConllFile>): TaggedDocument[] =>
  docs.map((d) => ({ sentences: d.sentences.map((s) => ({ tokens: s.tokens, tags: toIob2(s.tags) })) }));
const conll = asIob2(readConllFile(join(CONLL_DIR, 'train.txt')));
const wiki = asIob2(readConllFile(WIKIGOLD));
const log = (e: number, acc: number) => console.error(`  epoch ${e}: train token accuracy ${(100 * acc).toFixed(2)}%`);

if (cv > 0) {
  const wikiDocs = readConllFile(WIKIGOLD);
  const predicted: string[][][] = new Array(wikiDocs.length);
  for (let fold = 0; fold < cv; fold++) {
    const trainSet = conll.concat(repeat(wiki.filter((_, k) => k % cv !== fold)));
    console.error(`fold ${fold + 1}/${cv}: ${trainSet.length} training documents`);
    const m = prepareNerModel(trainNerModel(trainSet, { epochs, bits, onEpoch: log }));
    wikiDocs.forEach((d, k) => {
      if (k % cv === fold) predicted[k] = tagDocument(m, d.sentences.map((s) => s.tokens), {}, { fast: true });
    });
  }
  const s = scoreDocuments(WIKIGOLD, wikiDocs, predicted);
  const predOut = arg('--pred-out');
  if (predOut) writeFileSync(predOut, wikiDocs.map((d, di) => d.sentences.map((st, si) => st.tokens.map((t, i) => `${t} ${st.tags[i]} ${predicted[di]![si]![i]}`).join('\n')).join('\n\n')).join('\n\n') + '\n');
  const perType = ['PER', 'ORG', 'LOC'].map((t) => (100 * (s.types[t]?.f1 ?? 0)).toFixed(1)).join(' / ');
  console.log(`wikigold ${cv}-fold CV (train: CoNLL train + other folds) PER/ORG/LOC F1 ${(100 * s.overall.f1).toFixed(1)} (${perType})`);
} else {
  const trainSet = useWiki ? conll.concat(repeat(wiki)) : conll;
  const t0 = Date.now();
  const model = trainNerModel(trainSet, {
    epochs,
    bits,
    onEpoch: log,
    trainedOn: useWiki ? `CoNLL-2003 eng.train + wikigold (all 145 documents${wikiWeight > 1 ? `, each ×${wikiWeight}` : ''})` : 'CoNLL-2003 eng.train',
  });
  console.error(`trained in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${model.rows.length} of ${2 ** bits} hash rows kept`);
  const bin = serializeNerModel(model);
  writeFileSync(out, bin);
  console.error(`wrote ${out} (${(bin.length / 1e6).toFixed(2)} MB)`);
  const m = prepareNerModel(model);
  const dev = scorePrediction(join(CONLL_DIR, 'testa.txt'), predictConllText(m, readFileSync(join(CONLL_DIR, 'testa.txt'), 'utf8')).pred);
  console.log(`CoNLL dev (testa) PER/ORG/LOC F1 ${(100 * dev.overall.f1).toFixed(1)}`);
  if (!useWiki) {
    const wg = scorePrediction(WIKIGOLD, predictConllText(m, readFileSync(WIKIGOLD, 'utf8')).pred);
    console.log(`wikigold (not trained on) PER/ORG/LOC F1 ${(100 * wg.overall.f1).toFixed(1)}`);
  }
}
