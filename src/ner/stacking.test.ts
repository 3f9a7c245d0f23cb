import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combine, describeSentence } from './features.ts';
import { ST, stackFeatures } from './stacking.ts';
import { NER_TAGS, tagDocument, type WeightLookup } from './tagger.ts';
import { trainNerModel, type TaggedDocument } from './train-perceptron.ts';
import { parseNerModel, prepareNerModel, serializeNerModel } from './model.ts';

const tagIndex = (tags: string[]) => tags.map((t) => NER_TAGS.indexOf(t as (typeof NER_TAGS)[number]));

// A made-up document: "Velmora Rovers" is a club; its short form "Velmora" once came out as a place.
const SENTENCES = [
  ['Velmora', 'Rovers', 'signed', 'a', 'keeper', '.'],
  ['Fans', 'of', 'Velmora', 'cheered', '.'],
  ['Later', 'Velmora', 'lost', 'to', 'Dask', 'United', '.'],
];
const FIRST_PASS = [
  ['B-ORG', 'I-ORG', 'O', 'O', 'O', 'O'],
  ['O', 'O', 'B-LOC', 'O', 'O'],
  ['O', 'B-ORG', 'O', 'O', 'B-ORG', 'I-ORG', 'O'],
];

test('stacking features aggregate the first pass over the other occurrences of a word', () => {
  const infos = SENTENCES.map((s) => describeSentence(s));
  const feats = stackFeatures(infos, FIRST_PASS.map(tagIndex));
  // "Velmora" in sentence 2: the other two occurrences were ORG (type 2), the first mention was ORG,
  // and a longer predicted name ("Velmora Rovers") contains it
  const mid = feats[1]![2]!;
  assert.ok(mid.includes(combine(ST.maj, 2)));
  assert.ok(mid.includes(combine(ST.all, 2 * 4 + 2)));
  assert.ok(mid.includes(combine(ST.first, 2)));
  assert.ok(mid.includes(combine(ST.long, 2)));
  // the first mention itself has no first-mention feature, and its own span does not count as "longer name elsewhere"
  const first = feats[0]![0]!;
  assert.ok(!first.some((h) => h === combine(ST.first, 2)));
  assert.ok(!first.includes(combine(ST.long, 2)));
  // the others disagree (one ORG, one LOC): no unanimity feature, both types in the mask
  assert.ok(first.includes(combine(ST.any, (1 << 2) | (1 << 3))));
  assert.ok(!first.some((h) => h === combine(ST.all, 2 * 4 + 2)));
  // lower-case tokens get nothing; a word seen once gets no majority feature
  assert.equal(feats[0]![2], null);
  assert.ok(!(feats[2]![4] ?? []).includes(combine(ST.maj, 2)));
});

test('a two-stage model records its passes, and tagging twice differs from once only through the stacking features', () => {
  const docs: TaggedDocument[] = [{ sentences: SENTENCES.map((tokens, k) => ({ tokens, tags: FIRST_PASS[k]! })) }];
  const plain = trainNerModel(docs, { epochs: 3, bits: 14, minUpdates: 1, minWeight: 0 });
  const stacked = trainNerModel(docs.concat(docs.map((d) => ({ ...d, firstPass: FIRST_PASS.map(tagIndex) }))), { epochs: 3, bits: 14, minUpdates: 1, minWeight: 0, passes: 2 });
  assert.equal(plain.passes, undefined);
  assert.equal(stacked.passes, 2);
  const loaded = prepareNerModel(parseNerModel(serializeNerModel(stacked)));
  assert.equal(loaded.passes, 2);
  // weights that know no stacking feature: the second pass changes nothing
  const m = prepareNerModel(plain);
  const twice: WeightLookup = { ...m, passes: 2 };
  assert.deepEqual(tagDocument(twice, SENTENCES), tagDocument(m, SENTENCES));
  // a weight on "the other occurrences were ORG" turns the LOC reading of the short form into ORG
  const bias: WeightLookup = {
    passes: 2,
    addFeature(h, out) {
      if (h === combine(ST.maj, 2)) out[3]! += 1e6;
      m.addFeature(h, out);
    },
    names: m.names,
    ext: m.ext,
    classes: m.classes,
  };
  assert.equal(tagDocument(bias, SENTENCES)[1]![2], 'B-ORG');
  assert.equal(tagDocument(bias, SENTENCES, {}, { passes: 1 })[1]![2], tagDocument(m, SENTENCES)[1]![2]);
});
