import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combine, describeSentence, describeWord, EMB_OOV, SentencePool, EXTRA_CLASSES, FEATURE_FLAGS, featureGroupsOn, foldedHash, gloveHashes, gloveOf, hashString, longShape, longShapeHash, neighbourHashes, NEXT2, PREV, staticHashes, T, useFeatureGroups, wordHashes } from './features.ts';
import { parseNerModel, prepareNerModel, serializeNerModel, type NerModel } from './model.ts';
import { NER_TAGS } from './tagger.ts';

/** Runs `f` with the feature flags `on` set, restoring every flag afterwards. */
function withFlags<X>(on: Partial<typeof FEATURE_FLAGS>, f: () => X): X {
  const saved = { ...FEATURE_FLAGS };
  Object.assign(FEATURE_FLAGS, on);
  try {
    return f();
  } finally {
    Object.assign(FEATURE_FLAGS, saved);
  }
}

const DOC = { capMid: new Set<number>(), lower: new Set<number>() };

test('numRun: ordinals and call signs join name runs', () => {
  const toks = ['the', '42nd', 'Lancer', 'Brigade', 'met', '7QX', 'and', 'Tamsby', 'and', '12', 'Signal', 'Wing'];
  const off = describeSentence(toks);
  assert.deepEqual([...off.runPos], [0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 1, 3]);
  const on = withFlags({ numRun: true }, () => describeSentence(toks));
  // capitals unchanged; "7QX and Tamsby" is a run through the connector; "12" starts nothing
  assert.deepEqual([...on.cap], [...off.cap]);
  assert.deepEqual([...on.runPos], [0, 1, 2, 3, 0, 1, 2, 3, 0, 0, 1, 3]);
  assert.equal(on.runFirst[3], foldedHash('42nd'));
});

test('numCap: ordinals and call signs count as capitals, and a number may start a name run', () => {
  const toks = ['the', '42nd', 'Lancer', 'Brigade', 'met', '7QX', 'and', 'then', '12', 'Signal', 'Wing'];
  const off = describeSentence(toks);
  assert.deepEqual([...off.cap], [0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1]);
  assert.deepEqual([...off.runPos], [0, 0, 1, 3, 0, 0, 0, 0, 0, 1, 3]);
  const on = withFlags({ numCap: true }, () => describeSentence(toks));
  assert.deepEqual([...on.cap], [0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1]);
  assert.deepEqual([...on.runPos], [0, 1, 2, 3, 0, 0, 0, 0, 1, 2, 3]);
  assert.equal(on.runFirst[3], foldedHash('42nd'));
  assert.equal(on.runFirst[10], foldedHash('12'));
  // a lone number before a lower-case word starts nothing
  assert.deepEqual([...withFlags({ numCap: true }, () => describeSentence(['in', '1990', 'we', 'left'])).runPos], [0, 0, 0, 0]);
});

test('ofHead: the word before the first connector of a run becomes a feature of the whole run', () => {
  const toks = ['the', 'Grand', 'Council', 'of', 'Vostra', 'met'];
  assert.deepEqual([...describeSentence(toks).runPre], [0, 0, 0, 0, 0, 0]);
  const s = withFlags({ ofHead: true }, () => describeSentence(toks));
  // 1 + the index of "Council"
  assert.deepEqual([...s.runPre], [0, 3, 3, 3, 3, 0]);
  const feats: number[] = [];
  withFlags({ ofHead: true }, () => staticHashes(s, 4, DOC, feats));
  assert.ok(feats.includes(combine(combine(T.runPre, foldedHash('Council')), 3)));
  const plain: number[] = [];
  staticHashes(describeSentence(toks), 4, DOC, plain);
  assert.ok(!plain.includes(combine(combine(T.runPre, foldedHash('Council')), 3)));
  // no connector, no run-pre
  assert.deepEqual([...withFlags({ ofHead: true }, () => describeSentence(['Vostra', 'Council', 'met'])).runPre], [0, 0, 0]);
});

test('glove: class-tree features of the word and its neighbours only while the group is on', () => {
  const packed = 5 | (40 << 6) | (300 << 15);
  const saved = EXTRA_CLASSES.glove;
  EXTRA_CLASSES.glove = new Map([[foldedHash('squadron'), packed]]);
  try {
    assert.equal(gloveOf(foldedHash('Squadron')), 0);
    const expect: number[] = [];
    gloveHashes(packed, expect);
    assert.deepEqual(expect, [combine(T.g1, 5), combine(T.g2, 40), combine(T.g3, 300)]);
    const on: number[] = [];
    withFlags({ glove: true }, () => wordHashes('Squadron', on));
    for (const h of expect) assert.ok(on.includes(h));
    const off: number[] = [];
    wordHashes('Squadron', off);
    for (const h of expect) assert.ok(!off.includes(h));
    // the run's head class: "Vell Squadron"
    const s = describeSentence(['the', 'Vell', 'Squadron', 'flew']);
    const feats: number[] = [];
    withFlags({ glove: true }, () => staticHashes(s, 1, DOC, feats));
    assert.ok(feats.includes(combine(combine(T.runLg2, 40), 1)));
    assert.ok(feats.includes(combine(T.g2p1, 40)));
  } finally {
    EXTRA_CLASSES.glove = saved;
  }
});

test('emb: a word-vector code repeated |q| times is the feature repeated, for the word and, by group, its neighbours', () => {
  const saved = EXTRA_CLASSES.emb;
  // dimension 3 positive twice (q = +2), dimension 7 negative once (q = −1)
  EXTRA_CLASSES.emb = new Map([[foldedHash('squadron'), Uint8Array.of(6, 6, 15)]]);
  const count = (xs: number[], h: number) => xs.filter((x) => x === h).length;
  try {
    const off: number[] = [];
    wordHashes('Squadron', off);
    assert.equal(count(off, combine(T.emb, 6)), 0);
    const own: number[] = [];
    withFlags({ emb: true }, () => wordHashes('Squadron', own));
    assert.equal(count(own, combine(T.emb, 6)), 2);
    assert.equal(count(own, combine(T.emb, 15)), 1);
    // a word without a vector gets the out-of-vocabulary code
    const oov: number[] = [];
    withFlags({ emb: true }, () => wordHashes('Vell', oov));
    assert.equal(count(oov, combine(T.emb, EMB_OOV)), 1);
    // neighbours: near roles with `embNear`, far roles with `embFar`, each on its own templates
    const w = { fold: foldedHash('squadron'), exact: 0, cap: 1, cls: 0 };
    const near: number[] = [];
    const far: number[] = [];
    withFlags({ emb: true }, () => neighbourHashes(PREV, w, near));
    assert.equal(count(near, combine(T.embm1, 6)), 0);
    withFlags({ embNear: true }, () => neighbourHashes(PREV, w, near));
    assert.equal(count(near, combine(T.embm1, 6)), 2);
    withFlags({ embNear: true }, () => neighbourHashes(NEXT2, w, far));
    assert.equal(count(far, combine(T.embp2, 6)), 0);
    withFlags({ embFar: true }, () => neighbourHashes(NEXT2, w, far));
    assert.equal(count(far, combine(T.embp2, 15)), 1);
  } finally {
    EXTRA_CLASSES.emb = saved;
  }
});

test('table: a row with a number and no lower-case word gets the table-row features', () => {
  const row = ['Lorvik', '3', 'Tamsby', '1'];
  assert.equal(describeSentence(row).table, false);
  const s = withFlags({ table: true }, () => describeSentence(row));
  assert.equal(s.table, true);
  assert.equal(withFlags({ table: true }, () => describeSentence(['Lorvik', 'beat', 'Tamsby', '3', '1'])).table, false);
  assert.equal(withFlags({ table: true }, () => describeSentence(['Lorvik', 'Tamsby'])).table, false);
  const feats: number[] = [];
  staticHashes(s, 0, DOC, feats);
  assert.ok(feats.includes(T.tab));
  const prose: number[] = [];
  staticHashes(describeSentence(['Lorvik', 'beat', 'Tamsby', '3', '1']), 0, DOC, prose);
  assert.ok(!prose.includes(T.tab));
});

/** A one-row model with empty name lists, for the header and binary round-trip tests. */
function tinyModel(): NerModel {
  return {
    format: 'annalist-ner-hashed/2',
    tags: [...NER_TAGS],
    trainedOn: 'made-up',
    epochs: 1,
    bits: 4,
    scale: 1,
    rows: Uint32Array.of(3),
    values: Int16Array.from(NER_TAGS, (_, k) => k),
    names: new Uint32Array(0),
    nameTypes: new Uint8Array(0),
    ext: new Uint32Array(0),
    extTypes: new Uint8Array(0),
    classKeys: new Uint32Array(0),
    classValues: new Uint32Array(0),
  };
}

test('a model announces its gated feature groups in its header, and preparing it sets them', () => {
  const model = tinyModel();
  const saved = { ...FEATURE_FLAGS };
  try {
    const withTable = parseNerModel(serializeNerModel({ ...model, features: ['table', 'numRun'] }));
    assert.deepEqual(withTable.features, ['table', 'numRun']);
    prepareNerModel(withTable);
    assert.equal(FEATURE_FLAGS.table, true);
    assert.equal(FEATURE_FLAGS.numRun, true);
    assert.deepEqual(featureGroupsOn(), ['numRun', 'table']);
    // a model without the header field (as the files of before) turns every gated group off
    const plain = parseNerModel(serializeNerModel(model));
    assert.equal(plain.features, undefined);
    prepareNerModel(plain);
    assert.deepEqual(featureGroupsOn(), []);
    useFeatureGroups(['ofHead', 'no-such-group']);
    assert.deepEqual(featureGroupsOn(), ['ofHead']);
  } finally {
    Object.assign(FEATURE_FLAGS, saved);
  }
});

test('a model with a word-vector table carries it through the binary round trip, and preparing it installs it', () => {
  const model: NerModel = {
    ...tinyModel(),
    features: ['emb', 'embNear'],
    // three words (odd counts exercise the padding): 2, 0 and 3 codes
    embKeys: Uint32Array.of(foldedHash('in') >>> 0, foldedHash('met') >>> 0, foldedHash('squadron') >>> 0).sort(),
    embLengths: Uint16Array.of(2, 0, 3),
    embCodes: Uint8Array.of(4, 5, 6, 6, 199),
  };
  const saved = { ...FEATURE_FLAGS };
  const savedTable = EXTRA_CLASSES.emb;
  try {
    const back = parseNerModel(serializeNerModel(model));
    assert.deepEqual(back.embKeys, model.embKeys);
    assert.deepEqual(back.embLengths, model.embLengths);
    assert.deepEqual(back.embCodes, model.embCodes);
    assert.deepEqual(back.values, model.values);
    prepareNerModel(back);
    assert.deepEqual(featureGroupsOn(), ['emb', 'embNear']);
    assert.deepEqual([...EXTRA_CLASSES.emb!.get(model.embKeys![2]! | 0)!], [6, 6, 199]);
    assert.deepEqual([...EXTRA_CLASSES.emb!.get(model.embKeys![1]! | 0)!], []);
    // a model without the table has none after the round trip
    const plain = parseNerModel(serializeNerModel({ ...model, features: undefined, embKeys: undefined, embLengths: undefined, embCodes: undefined }));
    assert.equal(plain.embKeys, undefined);
  } finally {
    Object.assign(FEATURE_FLAGS, saved);
    EXTRA_CLASSES.emb = savedTable;
  }
});

test('the long-shape hash and the word features from cached word facts equal those worked out from the string', () => {
  const words = ['Khrushchev', 'aaaaaaa', 'U.S.', '1956', "O'Neill", 'Šibenik', 'ÉCOLE', 'x', '', '--', 'McDonald-Smith', '\ud83d\ude00ok', 'ΑΘΗΝΑ'];
  for (const w of words) {
    assert.equal(longShapeHash(w), hashString(longShape(w)), w);
    // with word classes that switch on the cluster and lexicon-class features too
    for (const cls of [0, (5 << 16) | (9 << 22) | 0b101]) {
      const plain: number[] = [];
      const cached: number[] = [];
      wordHashes(w, plain, cls);
      wordHashes(w, cached, cls, describeWord(w));
      assert.deepEqual(cached, plain, w);
    }
  }
});

test('a pooled sentence description, reused after a release, equals a fresh one', () => {
  const pool = new SentencePool();
  const a = ['Anna', 'of', 'the', 'Velt', 'Guild', 'met', 'IVO', 'in', '1956', '.'];
  const b = ['we', 'saw', 'nothing', 'there', 'at', 'all', 'that', 'day', 'or', 'night'];
  const plain = (x: ReturnType<typeof describeSentence>) => JSON.stringify(Object.entries(x).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v]));
  const first = pool.describe(a);
  assert.equal(plain(first), plain(describeSentence(a)));
  // marks written into the arrays in place, then released: the same lengths reuse them, zeroed
  first.names[0] = 3;
  first.ext[2] = 5;
  pool.release();
  const second = pool.describe(b);
  assert.equal(second, first, 'the description of the same length is reused');
  assert.equal(plain(second), plain(describeSentence(b)));
  // a second sentence of the same length while the first is taken gets a description of its own
  assert.notEqual(pool.describe(a), second);
});
