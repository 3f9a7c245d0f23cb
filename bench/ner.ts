/**
 * `npm run bench:ner`: name recognition quality and speed, side by side with compromise.
 *
 *   node --import tsx bench/ner.ts [--no-cv] [--folds K] [--speed] [--steady-runs N] [--speed-steady]
 *
 * `--speed` prints only the stage speeds (about a minute); the steady figure is the median (and range) of
 * `--steady-runs` fresh processes (default 3). `--speed-steady` prints the steady measure of this one
 * process as JSON (mentions+link and per-stage MB/s of the unseen half).
 *
 * - CoNLL-2003 dev (`testa`, never trained on) and wikigold, PER/ORG/LOC micro-F1 (and with MISC) with the shared
 *   scorer. The shipped model saw all of wikigold in training when its card says so: its wikigold figure is then
 *   printed only as "seen"; the honest wikigold figure is K-fold cross-validation over wikigold documents
 *   (retraining on CoNLL train + the other folds, as the shipped model was trained), unless `--no-cv`.
 * - compromise 14 (`people/organizations/places`) on the same text, detokenized, spans mapped back to tokens.
 * - tokens/s of the recognizer (full and fast path), and MB/s of the sentences+tokens+mentions+link stages
 *   over about 1.5 MB of text, cold (first pass), warm (see `stageSpeed`) and steady on unseen text (see
 *   `steadyStageSpeed`). Speeds are per CPU second of
 *   this process (process.cpuUsage), so that other jobs on the machine distort them less; each system is
 *   warmed up on the dev set before the wikigold timings.
 */
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { toIo, toIob2, type ConllDocument } from '../src/ner/conll.ts';
import { loadNerModel, prepareNerModel, DEFAULT_NER_MODEL } from '../src/ner/model.ts';
import { tagDocument, type WeightLookup } from '../src/ner/tagger.ts';
import type { TaggedDocument } from '../src/ner/train-perceptron.ts';
import { trainRecipe } from './ner-recipe.ts';
import { averageModels } from '../src/ner/average-models.ts';
import { runStages } from '../src/pipeline/run-stages.ts';
import { STAGES } from '../src/pipeline/registry.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { CONLL_DIR, WIKIGOLD, readConllFile, scoreDocuments, type NerScore } from './ner-eval.ts';

const args = process.argv.slice(2);
const folds = Number(args[args.indexOf('--folds') + 1] || 5);
const doCv = !args.includes('--no-cv');
/** Fresh processes of the steady speed measure (`--steady-runs N`, default 3). */
const steadyRuns = args.includes('--steady-runs') ? Math.max(1, Number(args[args.indexOf('--steady-runs') + 1]) || 1) : 3;
const DEV = join(CONLL_DIR, 'testa.txt');

/** CPU seconds since `t0` (this process): robust to other jobs sharing the machine. */
const cpuSince = (t0: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1e6;
};

const f1 = (s: NerScore) => (100 * s.overall.f1).toFixed(1);
const per = (s: NerScore) => ['PER', 'ORG', 'LOC'].map((t) => (100 * (s.types[t]?.f1 ?? 0)).toFixed(1)).join(' / ');

/** Tags documents with our model; returns predictions and tokens/s. */
function runModel(m: WeightLookup, docs: readonly ConllDocument[], fast: boolean) {
  const t0 = process.cpuUsage();
  const pred = docs.map((d) => tagDocument(m, d.sentences.map((s) => s.tokens), {}, { fast }));
  const secs = cpuSince(t0);
  const tokens = docs.reduce((n, d) => n + d.sentences.reduce((k, s) => k + s.tokens.length, 0), 0);
  return { pred, tps: tokens / secs };
}

/** Runs compromise per document over space-joined tokens and maps its spans back to token tags. */
function runCompromise(docs: readonly ConllDocument[]) {
  let tokens = 0;
  let secs = 0;
  const pred = docs.map((d) => {
    const offsets: Array<[number, number, number, number]> = []; // start, end, sentence, token
    let text = '';
    d.sentences.forEach((s, si) => {
      s.tokens.forEach((t, ti) => {
        if (text) text += ' ';
        offsets.push([text.length, text.length + t.length, si, ti]);
        text += t;
      });
    });
    tokens += offsets.length;
    const tags = d.sentences.map((s) => s.tokens.map(() => 'O'));
    const t0 = process.cpuUsage();
    const doc = nlp(text);
    const found: Array<[string, { start: number; length: number }]> = [];
    for (const [type, view] of [['PER', doc.people()], ['ORG', doc.organizations()], ['LOC', doc.places()]] as const) {
      for (const j of view.json({ offset: true }) as Array<{ offset: { start: number; length: number } }>) found.push([type, j.offset]);
    }
    secs += cpuSince(t0);
    for (const [type, o] of found) {
      let inside = offsets.filter(([s, e]) => s >= o.start && e <= o.start + o.length);
      const drop = (x: [number, number, number, number]) => /^[\p{P}]+$|^'s$/u.test(d.sentences[x[2]]!.tokens[x[3]]!);
      while (inside.length && drop(inside[0]!)) inside = inside.slice(1);
      while (inside.length && drop(inside[inside.length - 1]!)) inside = inside.slice(0, -1);
      inside.forEach(([, , si, ti], k) => {
        if (tags[si]![ti] === 'O') tags[si]![ti] = `${k === 0 ? 'B' : 'I'}-${type}`;
      });
    }
    return tags;
  });
  return { pred, tps: tokens / secs };
}

/**
 * K-fold CV over wikigold documents: train on CoNLL train + the other folds (the shipped recipe,
 * `ner-recipe.ts`, with the shipped model's `decoder`, and averaged over its shuffling `seeds` when it was), tag the held-out fold. `target`, when set, is the domain whose copies the model
 * folds in (domain augmentation: CoNLL is "news", wikigold "wiki"; "general" for the general copies alone).
 */
function crossValidate(wiki: readonly ConllDocument[], epochs: number, bits: number, wikiWeight: number, target?: string, decoder?: 'viterbi', seeds: readonly number[] = [1]): string[][][] {
  const asTagged = (docs: readonly ConllDocument[], domain: string): TaggedDocument[] =>
    docs.map((d) => ({ sentences: d.sentences.map((s) => ({ tokens: s.tokens, tags: toIob2(s.tags) })), ...(target ? { domain } : {}) }));
  const conll = asTagged(readConllFile(join(CONLL_DIR, 'train.txt')), 'news');
  const pred: string[][][] = new Array(wiki.length);
  for (let fold = 0; fold < folds; fold++) {
    process.stderr.write(`  wikigold CV fold ${fold + 1}/${folds}…\n`);
    const wikiTrain = asTagged(wiki.filter((_, k) => k % folds !== fold), 'wiki');
    const targetDomain = target && target !== 'general' ? target : undefined;
    const docs = conll.concat(...Array.from({ length: wikiWeight }, () => wikiTrain));
    // one model per shuffling seed, weights averaged as the shipped model's were (`average-models.ts`)
    const runs = seeds.map((seed) => trainRecipe(docs, { epochs, bits, targetDomain, seed, ...(decoder ? { decoder } : {}) }));
    const m = prepareNerModel(runs.length === 1 ? runs[0]! : averageModels(runs));
    wiki.forEach((d, k) => {
      if (k % folds === fold) pred[k] = tagDocument(m, d.sentences.map((s) => s.tokens), {}, { fast: true });
    });
  }
  return pred;
}

/** One timed pass of the stages over all texts: CPU seconds per stage and the mention count. */
type Pass = { timed: Map<string, number>; mentions: number };

/** The bench text, a KB and a runner of the four stages that adds each stage's CPU seconds to `timed`. */
function prepareStageRun() {
  const kb = loadKnowledgeBase();
  const docs = [...readConllFile(WIKIGOLD), ...readConllFile(DEV), ...readConllFile(join(CONLL_DIR, 'train.txt'))];
  const texts = docs.map((d) => d.sentences.map((s) => s.tokens.join(' ')).join('\n'));
  const timed = new Map<string, number>();
  const stages = STAGES.filter((s) => ['sentences', 'tokens', 'mentions', 'link'].includes(s.name)).map((s) => ({
    ...s,
    run: (input: Parameters<typeof s.run>[0]) => {
      const t0 = process.cpuUsage();
      const out = s.run(input);
      timed.set(s.name, (timed.get(s.name) ?? 0) + cpuSince(t0));
      return out;
    },
  }));
  const run = (text: string, k: number) => runStages({ id: `b${k}`, key: `b${k}`, meta: { format: 'text' }, text, sourceMap: [], sections: [], messages: [] }, stages, { resources: { kb } });
  /** One timed pass over the texts whose index `keep` accepts. */
  const pass = (keep: (k: number) => boolean = () => true): Pass => {
    timed.clear();
    let mentions = 0;
    texts.forEach((text, k) => {
      if (keep(k)) mentions += run(text, k).annotations.filter((a) => a.layer === 'mention').length;
    });
    return { timed: new Map(timed), mentions };
  };
  const megabytes = (keep: (k: number) => boolean = () => true) => texts.reduce((n, t, k) => (keep(k) ? n + Buffer.byteLength(t) : n), 0) / 1e6;
  return { texts, run, pass, megabytes };
}

/** CPU seconds of the mentions and link stages in one pass. */
const mentionsLinkSeconds = (p: Pass) => (p.timed.get('mentions') ?? 0) + (p.timed.get('link') ?? 0);

/**
 * MB/s of the sentences+tokens+mentions+link stages in one process over a realistic text: the wikigold
 * and CoNLL dev (`testa`) documents and the CoNLL train documents, tokens joined by spaces and
 * sentences by newlines, one source per document (about 1.5 MB). The first pass is reported as
 * "cold" (model and gazetteer loading timed apart, JIT and per-word caches still cold: every word of
 * the text is new); then three warm passes over the same texts, of which the median (by mentions+link
 * time) is reported. All times are CPU seconds of this process.
 */
function stageSpeed() {
  const { texts, run, pass, megabytes } = prepareStageRun();
  // loading: the model file and the knowledge-base gazetteer, on one short text
  const t0 = process.cpuUsage();
  run('Anna met Ivo in Oslo.', -1);
  const load = cpuSince(t0);
  const cold = pass();
  const warm = [pass(), pass(), pass()];
  const median = warm.sort((a, b) => mentionsLinkSeconds(a) - mentionsLinkSeconds(b))[1]!;
  const mb = megabytes();
  const rates = (p: Pass) => ({
    ml: mb / mentionsLinkSeconds(p),
    all: mb / [...p.timed.values()].reduce((a, b) => a + b, 0),
    perStage: [...p.timed].map(([k, v]) => `${k} ${(mb / v).toFixed(2)}`).join(', '),
  });
  return { mb, docs: texts.length, load, mentions: median.mentions, cold: rates(cold), warm: rates(median) };
}

/**
 * Mentions+link MB/s of a long ingestion run in one process: the documents are split into two halves
 * (alternate documents); a first pass over one half warms the JIT and the per-word caches, then the
 * other half, text this process has not seen, is timed. Neither the first pass's compilation nor a
 * re-read of the same text (whose words the caches already hold) distorts this figure. `stages` holds
 * the MB/s of each stage on the unseen half.
 */
function steadyStageSpeed() {
  const { run, pass, megabytes } = prepareStageRun();
  run('Anna met Ivo in Oslo.', -1);
  const even = (k: number) => k % 2 === 0;
  const odd = (k: number) => k % 2 === 1;
  const first = pass(even);
  const second = pass(odd);
  const mb = megabytes(odd);
  const stages: Record<string, number> = {};
  for (const [name, secs] of second.timed) stages[name] = mb / secs;
  return { warmup: { mb: megabytes(even), ml: megabytes(even) / mentionsLinkSeconds(first) }, unseen: { mb, ml: mb / mentionsLinkSeconds(second), stages } };
}

/** `steadyStageSpeed` in a fresh process (this script with `--speed-steady`), so no earlier pass has warmed it. */
function steadySpeedInFreshProcess(): ReturnType<typeof steadyStageSpeed> {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--speed-steady'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as ReturnType<typeof steadyStageSpeed>;
}

/** The median of a non-empty list of numbers (the mean of the middle two for an even count). */
function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * `steadySpeedInFreshProcess` `runs` times, one process after the other (one such run times only about
 * a second of work, so a single figure is noisy): every run's result, and the median and range of the
 * mentions+link MB/s and the median of each stage's MB/s over the runs.
 */
function steadySpeedOverProcesses(runs: number) {
  const all = Array.from({ length: runs }, () => steadySpeedInFreshProcess());
  const ml = all.map((r) => r.unseen.ml);
  const stages = Object.keys(all[0]!.unseen.stages).map((name) => `${name} ${medianOf(all.map((r) => r.unseen.stages[name] ?? 0)).toFixed(2)}`);
  return { runs: all, warmupMb: all[0]!.warmup.mb, mb: all[0]!.unseen.mb, median: medianOf(ml), min: Math.min(...ml), max: Math.max(...ml), stages: stages.join(', ') };
}

if (args.includes('--speed-steady')) {
  console.log(JSON.stringify(steadyStageSpeed()));
  process.exit(0);
}
// stage speed first, in a fresh heap
const sp = stageSpeed();
/** Prints the stage speeds of `stageSpeed`. */
function printSpeed() {
  console.log(
    `\nstages over wikigold + CoNLL dev + CoNLL train text (${sp.mb.toFixed(2)} MB, ${sp.docs} documents, ${sp.mentions} mentions), CPU time, model+gazetteer load ${sp.load.toFixed(1)} s apart:`,
  );
  for (const [name, r] of [['warm (median of 3 passes)', sp.warm], ['cold (first pass)', sp.cold]] as const) {
    console.log(`  ${name}: mentions+link ${r.ml.toFixed(2)} MB/s; sentences+tokens+mentions+link ${r.all.toFixed(2)} MB/s (per stage MB/s: ${r.perStage})`);
  }
  const st = steadySpeedOverProcesses(steadyRuns);
  console.log(
    `  steady (${steadyRuns} fresh processes, each warmed on alternate documents, ${st.warmupMb.toFixed(2)} MB, then timed on the other ${st.mb.toFixed(2)} MB, text it has not seen): mentions+link median ${st.median.toFixed(2)} MB/s (range ${st.min.toFixed(2)}–${st.max.toFixed(2)}; runs ${st.runs.map((r) => r.unseen.ml.toFixed(2)).join(', ')}); per stage MB/s, medians: ${st.stages}`,
  );
}
if (args.includes('--speed')) {
  printSpeed();
  process.exit(0);
}
const loaded = loadNerModel();
if (!loaded) throw new Error(`no model at ${DEFAULT_NER_MODEL}: run node --import tsx bench/train-ner.ts --wikigold`);
const dev = readConllFile(DEV);
const wiki = readConllFile(WIKIGOLD);
const sawWiki = /wikigold/i.test(loaded.model.trainedOn);

console.log(`model: ${DEFAULT_NER_MODEL} — ${loaded.size} hash rows of ${2 ** loaded.model.bits}, trained on ${loaded.model.trainedOn}, ${loaded.model.epochs} epochs\n`);
const rows: string[][] = [['system', 'set', 'PER/ORG/LOC F1', 'PER / ORG / LOC', '+MISC F1', 'tokens/s']];
const ours = runModel(loaded, dev, false);
const oursFast = runModel(loaded, dev, true);
const comp = runCompromise(dev);
rows.push(['annalist perceptron', 'CoNLL dev', f1(scoreDocuments(DEV, dev, ours.pred)), per(scoreDocuments(DEV, dev, ours.pred)), f1(scoreDocuments(DEV, dev, ours.pred, 'PER,ORG,LOC,MISC')), ours.tps.toFixed(0)]);
rows.push(['annalist perceptron fast path', 'CoNLL dev', f1(scoreDocuments(DEV, dev, oursFast.pred)), per(scoreDocuments(DEV, dev, oursFast.pred)), f1(scoreDocuments(DEV, dev, oursFast.pred, 'PER,ORG,LOC,MISC')), oursFast.tps.toFixed(0)]);
rows.push(['compromise 14', 'CoNLL dev', f1(scoreDocuments(DEV, dev, comp.pred)), per(scoreDocuments(DEV, dev, comp.pred)), '–', comp.tps.toFixed(0)]);
const io = (p: string[][][]) => p.map((d) => d.map(toIo));
const wOurs = runModel(loaded, wiki, true);
const wComp = runCompromise(wiki);
if (doCv) {
  // the shipped recipe: wikigold documents repeated ×N when the model says so in `trainedOn`
  const wikiWeight = Number(/×(\d+)/.exec(loaded.model.trainedOn)?.[1] ?? 1);
  // and with domain augmentation when it says "weights folded for <target>"
  const target = /folded for (\w+)/.exec(loaded.model.trainedOn)?.[1];
  // and with the shipped model's decoder (Viterbi-trained or greedy)
  // and averaged over the shuffling seeds it names ("weights averaged over shuffling seeds 1, 2, 3")
  const seeds = /averaged over shuffling seeds ([\d, ]+)/.exec(loaded.model.trainedOn)?.[1]?.split(',').map(Number) ?? [1];
  const cv = io(crossValidate(wiki, loaded.model.epochs, loaded.model.bits, wikiWeight, target, loaded.model.decoder, seeds));
  rows.push([`annalist perceptron, ${folds}-fold CV`, 'wikigold', f1(scoreDocuments(WIKIGOLD, wiki, cv)), per(scoreDocuments(WIKIGOLD, wiki, cv)), f1(scoreDocuments(WIKIGOLD, wiki, cv, 'PER,ORG,LOC,MISC')), '']);
}
const ws = scoreDocuments(WIKIGOLD, wiki, io(wOurs.pred));
rows.push([`annalist shipped model${sawWiki ? ' (SEEN in training: not a score)' : ''}`, 'wikigold', f1(ws), per(ws), f1(scoreDocuments(WIKIGOLD, wiki, io(wOurs.pred), 'PER,ORG,LOC,MISC')), wOurs.tps.toFixed(0)]);
const wc = scoreDocuments(WIKIGOLD, wiki, io(wComp.pred));
rows.push(['compromise 14', 'wikigold', f1(wc), per(wc), '–', wComp.tps.toFixed(0)]);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((x, c) => x.padEnd(widths[c]!)).join('  '));

printSpeed();
console.log('anchors (testb): compromise 49, averaged perceptron 81, Stanford CRF 86–87; aim dev ≥ 92, wikigold ≥ 75');

