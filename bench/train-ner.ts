/**
 * Trains the statistical name recognizer and writes `data/models/ner.bin`.
 *
 *   node --import tsx bench/train-ner.ts [--epochs N] [--bits B] [--wiki-weight R] [--out FILE] [--wikigold] [--cv K]
 *
 * Training data: CoNLL-2003 `train.txt` from `../shared/bench/conll2003` (and, with `--wikigold`, all of
 * wikigold). `--cv K` instead runs K-fold cross-validation over wikigold documents (training on CoNLL
 * train + the other folds) and prints the wikigold F1 without writing a model.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toIob2 } from '../src/ner/conll.ts';
import { prepareNerModel, serializeNerModel } from '../src/ner/model.ts';
import { trainNerModel, type TaggedDocument } from '../src/ner/train-perceptron.ts';
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
  console.log(`wikigold ${cv}-fold CV (train: CoNLL train + other folds) PER/ORG/LOC F1 ${(100 * s.overall.f1).toFixed(1)}`);
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
