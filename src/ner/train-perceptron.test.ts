import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planEpochs, trainNerModel, type TaggedDocument } from './train-perceptron.ts';
import { prepareNerModel } from './model.ts';
import { tagDocument } from './tagger.ts';
import { makeRng } from '../models/rng.ts';

/** Made-up one-sentence documents: "We saw <name> there ." with the name tagged `tag`. */
const doc = (name: string, tag: string): TaggedDocument => ({ sentences: [{ tokens: ['We', 'saw', name, 'there', '.'], tags: ['O', 'O', tag, 'O', 'O'] }] });
const NEWS = ['Arvel', 'Brisco', 'Calder', 'Dunmore', 'Elstow', 'Farrow'].map((n) => doc(n, 'B-PER'));
const WIKI = ['Gorran', 'Hexley', 'Ivrel'].map((n) => doc(n, 'B-LOC'));
/** News documents, then the wiki ones repeated three times (the same objects, as `bench/train-ner.ts` repeats them). */
const DOCS = [...NEWS, ...WIKI, ...WIKI, ...WIKI];
const inWiki = (k: number) => WIKI.includes(DOCS[k]!);

/** The epoch orders of the trainer before the schedule options: the previous order shuffled again each epoch. */
function legacyPlan(n: number, epochs: number, seed: number): number[][] {
  const rnd = makeRng(seed);
  const order = Array.from({ length: n }, (_, k) => k);
  const plan: number[][] = [];
  for (let e = 0; e < epochs; e++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rnd() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    plan.push(order.slice());
  }
  return plan;
}

test('without schedule options every epoch is the previous order shuffled again, as before', () => {
  assert.deepEqual(planEpochs(DOCS, { epochs: 4 }, makeRng(3)), legacyPlan(DOCS.length, 4, 3));
  // naming the in-domain documents alone changes nothing
  assert.deepEqual(planEpochs(DOCS, { epochs: 4, inDomain: new Set(WIKI), fineTuneEpochs: 0 }, makeRng(3)), legacyPlan(DOCS.length, 4, 3));
});

test('fine-tuning epochs present only the in-domain documents, each distinct one once', () => {
  const plan = planEpochs(DOCS, { epochs: 3, inDomain: new Set(WIKI), fineTuneEpochs: 2 }, makeRng(5));
  assert.equal(plan.length, 5);
  // the main epochs are untouched by the fine-tuning that follows them
  assert.deepEqual(plan.slice(0, 3), legacyPlan(DOCS.length, 3, 5));
  for (const epoch of plan.slice(3)) {
    assert.equal(epoch.length, WIKI.length);
    assert.deepEqual(epoch.map((k) => DOCS[k]).sort((a, b) => WIKI.indexOf(a!) - WIKI.indexOf(b!)), WIKI);
    assert.ok(epoch.every(inWiki));
  }
});

test('in-domain last keeps each epoch a permutation with the in-domain documents at the end', () => {
  const plain = legacyPlan(DOCS.length, 3, 2);
  const plan = planEpochs(DOCS, { epochs: 3, inDomain: new Set(WIKI), inDomainLast: true }, makeRng(2));
  plan.forEach((epoch, e) => {
    assert.deepEqual([...epoch].sort((a, b) => a - b), DOCS.map((_, k) => k));
    const firstIn = epoch.findIndex(inWiki);
    assert.equal(firstIn, NEWS.length);
    assert.ok(epoch.slice(firstIn).every(inWiki));
    // each part keeps the order the plain shuffle gave it
    assert.deepEqual(epoch.slice(0, firstIn), plain[e]!.filter((k) => !inWiki(k)));
  });
});

test('a ramp gives each in-domain document a rising number of copies per epoch', () => {
  const plan = planEpochs(DOCS, { epochs: 5, inDomain: new Set(WIKI), inDomainRamp: [1, 5] }, makeRng(1));
  assert.deepEqual(plan.map((epoch) => epoch.filter(inWiki).length / WIKI.length), [1, 2, 3, 4, 5]);
  // every other document once per epoch
  for (const epoch of plan) assert.deepEqual(epoch.filter((k) => !inWiki(k)).sort((a, b) => a - b), NEWS.map((_, k) => k));
});

test('fine-tuning with restarted averaging moves the model toward the in-domain documents', () => {
  // "Kessel" is a person in three news documents and a place in one wiki document
  const kessel = (tag: string): TaggedDocument => ({ sentences: [{ tokens: ['We', 'saw', 'Kessel', 'there', '.'], tags: ['O', 'O', tag, 'O', 'O'] }] });
  const news = [kessel('B-PER'), kessel('B-PER'), kessel('B-PER')];
  const wiki = kessel('B-LOC');
  const docs = [...news, wiki];
  const tagOf = (opts: Parameters<typeof trainNerModel>[1]) =>
    tagDocument(prepareNerModel(trainNerModel(docs, { epochs: 4, bits: 14, minUpdates: 1, minWeight: 0, ...opts })), [['We', 'saw', 'Kessel', 'there', '.']])[0]![2];
  assert.equal(tagOf({}), 'B-PER');
  assert.equal(tagOf({ inDomain: new Set([wiki]), fineTuneEpochs: 2, fineTuneAverage: 'restart' }), 'B-LOC');
  // the default options are the plain training
  assert.deepEqual(trainNerModel(docs, { epochs: 3, bits: 14 }), trainNerModel(docs, { epochs: 3, bits: 14, fineTuneEpochs: 0, fineTuneAverage: 'run', inDomainLast: false }));
  // the header counts the fine-tuning epochs
  assert.equal(trainNerModel(docs, { epochs: 3, bits: 14, inDomain: new Set([wiki]), fineTuneEpochs: 2 }).epochs, 5);
});
