import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateDocument, combine, EXTRA_CLASSES, FEATURE_FLAGS, T, longShape, shortShape, describeSentence, describeDocument, featureHash, foldWord, foldedHash, hashString, shapeHash, staticHashes } from './features.ts';
import { addScores, allowedAfter, annotateSentence, bestTag, historyHashes, memoryHashes, NER_TAGS, openToken, rememberSentence, START, tagDocument, tagDocumentTyped, tagPairHashes, tagWordHashes, VITERBI_FAST_GAP, type DocMemory, type WeightLookup } from './tagger.ts';
import { decodeViterbi, type ViterbiScores } from './viterbi.ts';
import { domainOffset, parseDomainTarget, trainNerModel, trainNerModels, type TaggedDocument } from './train-perceptron.ts';
import { addName, addNames, CompactNameList, markNames, nameHash } from './names.ts';
import { parseNerModel, prepareNerModel, serializeNerModel } from './model.ts';
import { appendTagColumn, groupConll, readConllLines, toIo, toIob2, usesIo } from './conll.ts';

test('word shapes collapse runs and keep classes', () => {
  assert.equal(shortShape('Karelia'), 'Xx');
  assert.equal(shortShape('1956'), 'd');
  assert.equal(shortShape('U.S.'), 'X.X.');
  assert.equal(longShape('Karelia'), 'Xxxxx');
  assert.equal(describeSentence(['MINERS', 'STRIKE', 'IN', 'NORTH']).allCaps, true);
  assert.equal(describeSentence(['Miners', 'strike', 'in', 'the', 'North']).allCaps, false);
});

test('IOB2 forbids an I- tag that does not continue its type', () => {
  assert.equal(allowedAfter('O', 'I-PER'), false);
  assert.equal(allowedAfter('B-LOC', 'I-PER'), false);
  assert.equal(allowedAfter('B-PER', 'I-PER'), true);
  assert.equal(allowedAfter('O', 'B-ORG'), true);
});

// Made-up training sentences: persons after "met", places after "in", organizations before "Union".
const PEOPLE = ['Arno Velt', 'Bira Sonn', 'Cato Marr', 'Dina Wulf', 'Egon Pratt', 'Fena Holm', 'Gus Tarrow', 'Hana Brisk'];
const PLACES = ['Lorvik', 'Tamsby', 'Quarro', 'Ostrel', 'Vennac', 'Yldra', 'Pexhill', 'Marrow'];
function sentence(p: string, l: string): { tokens: string[]; tags: string[] } {
  const [first, last] = p.split(' ') as [string, string];
  return { tokens: ['Yesterday', 'we', 'met', first, last, 'in', l, '.'], tags: ['O', 'O', 'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'O'] };
}

test('the averaged perceptron learns contexts and generalizes to unseen names', () => {
  const docs: TaggedDocument[] = [{ sentences: PEOPLE.flatMap((p, i) => [sentence(p, PLACES[i]!), sentence(p, PLACES[(i + 3) % PLACES.length]!)]) }];
  const model = prepareNerModel(trainNerModel(docs, { epochs: 5, minUpdates: 1, minWeight: 0, bits: 16 }));
  const [tags] = tagDocument(model, [['Yesterday', 'we', 'met', 'Ivo', 'Kessel', 'in', 'Brandholm', '.']]);
  assert.deepEqual(tags, ['O', 'O', 'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'O']);
  // the fast path gives the same answer here: the lower-case words are outside names
  assert.deepEqual(tagDocument(model, [['Yesterday', 'we', 'met', 'Ivo', 'Kessel', 'in', 'Brandholm', '.']], {}, { fast: true })[0], tags);
});

test('training is deterministic for a seed', () => {
  const docs: TaggedDocument[] = [{ sentences: PEOPLE.map((p, i) => sentence(p, PLACES[i]!)) }];
  assert.deepEqual(trainNerModel(docs, { epochs: 2, seed: 7, bits: 14 }), trainNerModel(docs, { epochs: 2, seed: 7, bits: 14 }));
});

test('CoNLL lines round-trip with a tag column, and IO/IOB2 convert', () => {
  const text = '-DOCSTART- O\n\nAnna I-PER\nBell I-PER\nsang O\n\nin O\nOslo I-LOC\n';
  const lines = readConllLines(text);
  assert.equal(usesIo(lines), true);
  const docs = groupConll(lines);
  assert.equal(docs.length, 1);
  assert.deepEqual(docs[0]!.sentences.map((s) => s.tokens), [['Anna', 'Bell', 'sang'], ['in', 'Oslo']]);
  assert.deepEqual(toIob2(['I-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG']), ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG']);
  assert.deepEqual(toIo(['B-PER', 'I-PER', 'O']), ['I-PER', 'I-PER', 'O']);
  assert.equal(appendTagColumn(lines, ['I-PER', 'I-PER', 'O', 'O', 'I-LOC']), '-DOCSTART- O\n\nAnna I-PER I-PER\nBell I-PER I-PER\nsang O O\n\nin O O\nOslo I-LOC I-LOC\n');
});

test('streamed hashes equal the hashes of the folded word and shape strings', () => {
  for (const w of ['Moskva', 'U.S.', '1956', 'Šibenik', 'MINERS', 'de']) {
    assert.equal(foldedHash(w), hashString(foldWord(w)));
    assert.equal(shapeHash(w), hashString(shortShape(w)));
  }
  assert.equal(foldWord('Ab12'), 'ab00');
  // the extractor's neighbour feature for "met" is the documented featureHash
  const s = describeSentence(['They', 'met', 'Ivo']);
  const out: number[] = [];
  staticHashes(s, 2, describeDocument([s.tokens]), out);
  assert.ok(out.includes(featureHash('w-1=', 'met')));
  assert.ok(out.includes(featureHash('w-2=', 'they')));
  assert.ok(!out.includes(featureHash('w-1=', 'they')));
});

test('capitalized runs record their length and position', () => {
  const s = describeSentence(['the', 'Red', 'Army', 'Choir', 'sang']);
  assert.deepEqual([...s.capRun], [0, 3 * 8 + 1, 3 * 8 + 2, 3 * 8 + 3, 0]);
});

test('a model survives the binary round trip and tags the same', () => {
  const docs: TaggedDocument[] = [{ sentences: PEOPLE.map((p, i) => sentence(p, PLACES[i]!)) }];
  const model = trainNerModel(docs, { epochs: 3, bits: 14, minUpdates: 1 });
  const back = parseNerModel(serializeNerModel(model));
  assert.deepEqual(back, model);
  const sent = [['Yesterday', 'we', 'met', 'Ivo', 'Kessel', 'in', 'Brandholm', '.']];
  assert.deepEqual(tagDocument(prepareNerModel(back), sent), tagDocument(prepareNerModel(model), sent));
  // no feature strings are stored: the file holds no training word
  assert.equal(serializeNerModel(model).includes(Buffer.from('Lorvik')), false);
});

test('listed names are marked where they occur, by type, beginning and continuation', () => {
  const list = addNames(new Map(), [{ tokens: ['in', 'Port', 'Varna', 'today'], tags: ['O', 'B-LOC', 'I-LOC', 'O'] }]);
  const s = describeSentence(['They', 'left', 'port', 'Varna', 'for', 'Port', 'Varna', '.']);
  const marks = markNames(s, list);
  // lower-case "port" does not start a name; "Port Varna" is LOC (bit 2 begins, bit 6 continues)
  assert.deepEqual([...marks], [0, 0, 0, 0, 0, 1 << 2, 1 << 6, 0]);
  assert.equal(nameHash(['PORT', 'varna']), nameHash(['port', 'Varna']));
  // a name listed under two types marks both
  addName(list, 1, ['Port', 'Varna']);
  assert.deepEqual([...markNames(s, list)].slice(5, 7), [(1 << 1) | (1 << 2), (1 << 5) | (1 << 6)]);
});

test('name runs join capitalized words through connectors and record first, last and position', () => {
  const s = describeSentence(['the', 'Army', 'of', 'the', 'Potomac', 'crossed', 'the', 'Rhine']);
  assert.deepEqual([...s.runPos], [0, 1, 2, 2, 3, 0, 0, 0]);
  assert.equal(s.runFirst[4], foldedHash('Army'));
  assert.equal(s.runLast[1], foldedHash('Potomac'));
  // a connector that is not followed by a capital ends the run; a lone capital is no run
  assert.deepEqual([...describeSentence(['Army', 'of', 'men']).runPos], [0, 0, 0]);
});

test('context aggregation collects the neighbours of a capitalized word seen twice in a document', () => {
  const a = describeSentence(['the', 'Vell', 'band', 'played']);
  const b = describeSentence(['Vell', 'toured', 'Orsk']);
  const doc = describeDocument([a.tokens, b.tokens]);
  aggregateDocument([a, b], doc);
  const c = doc.agg!.get(foldedHash('Vell'))!;
  assert.equal(c.count, 2);
  assert.deepEqual([...c.left], [foldedHash('the')]);
  assert.deepEqual([...c.right].sort(), [foldedHash('band'), foldedHash('toured')].sort());
  // seen once: no aggregate
  assert.equal(doc.agg!.has(foldedHash('Orsk')), false);
  const out: number[] = [];
  staticHashes(b, 0, doc, out);
  assert.ok(out.includes(featureHash('agg+1=', 'band')));
});

test('external names and word classes are marked and survive the binary round trip', () => {
  const ext = new Map<number, number>();
  addName(ext, 2, ['Orsk']);
  const classes = new Map([[foldedHash('ivo'), 1]]);
  const s = annotateSentence(describeSentence(['Ivo', 'left', 'Orsk']), { ext, classes });
  assert.deepEqual([...s.ext], [0, 0, 1 << 2]);
  assert.deepEqual([...s.cls], [1, 0, 0]);
  const docs: TaggedDocument[] = [{ sentences: PEOPLE.map((p, i) => sentence(p, PLACES[i]!)) }];
  const model = trainNerModel(docs, { epochs: 2, bits: 14, minUpdates: 1, ext, classes });
  const back = parseNerModel(serializeNerModel(model));
  assert.deepEqual(back, model);
  const loaded = prepareNerModel(back);
  assert.equal(loaded.ext.get(nameHash(['orsk'])), 1 << 2);
  assert.equal(loaded.classes.get(foldedHash('IVO')), 1);
});

test('a geographic gazetteer is marked by tier and survives the binary round trip', () => {
  const geo = new Map<number, number>();
  addName(geo, 0, ['Port', 'Varna']);
  addName(geo, 1, ['Orsk']);
  const s = annotateSentence(describeSentence(['From', 'Port', 'Varna', 'to', 'Orsk']), { geo });
  assert.deepEqual([...s.geo], [0, 1, 1 << 4, 0, 1 << 1]);
  const out: number[] = [];
  staticHashes(s, 4, describeDocument([s.tokens]), out);
  assert.ok(out.includes(combine(T.ggBit, 1)));
  assert.ok(!out.includes(combine(T.ggBit, 0)));
  const docs: TaggedDocument[] = [{ sentences: PEOPLE.map((p, i) => sentence(p, PLACES[i]!)) }];
  const model = trainNerModel(docs, { epochs: 2, bits: 14, minUpdates: 1, geo });
  const back = parseNerModel(serializeNerModel(model));
  assert.deepEqual(back, model);
  assert.equal(prepareNerModel(back).geo?.get(nameHash(['orsk'])), 1 << 1);
  // a model without one has none after the round trip
  assert.equal(parseNerModel(serializeNerModel(trainNerModel(docs, { epochs: 1, bits: 14 }))).geo, undefined);
});

test('domain augmentation: one training folds into a model per target domain', () => {
  assert.notEqual(domainOffset('news', 16), 0);
  assert.notEqual(domainOffset('news', 16), domainOffset('wiki', 16));
  assert.deepEqual(parseDomainTarget('news*0.7+wiki'), [{ domain: 'news', weight: 0.7 }, { domain: 'wiki', weight: 1 }]);
  assert.deepEqual(parseDomainTarget(undefined), []);
  assert.throws(() => parseDomainTarget('news*x'));
  // "Kessel" after "met" is a person in domain a, a place in domain b; names elsewhere agree
  const doc = (domain: string, tag: string): TaggedDocument => ({
    domain,
    sentences: PEOPLE.map((p, i) => {
      const s = sentence(p, PLACES[i]!);
      return { tokens: [...s.tokens.slice(0, 3), 'Kessel', ...s.tokens.slice(5)], tags: [...s.tags.slice(0, 3), tag, ...s.tags.slice(5)] };
    }),
  });
  const docs = [doc('a', 'B-PER'), doc('b', 'B-LOC')];
  const models = trainNerModels(docs, { epochs: 6, bits: 16, minUpdates: 1, minWeight: 0, targetDomains: ['a', 'b'] });
  const sent = [['Yesterday', 'we', 'met', 'Kessel', 'in', 'Lorvik', '.']];
  assert.equal(tagDocument(prepareNerModel(models.get('a')!), sent)[0]![3], 'B-PER');
  assert.equal(tagDocument(prepareNerModel(models.get('b')!), sent)[0]![3], 'B-LOC');
  // documents without a domain train the general copies only, as before
  const plain = docs.map((d) => ({ sentences: d.sentences }));
  assert.deepEqual(trainNerModel(plain, { epochs: 2, bits: 14 }), trainNerModels(plain, { epochs: 2, bits: 14, targetDomains: [undefined] }).get(undefined));
});

test('the compact weight table finds every stored row and nothing else', () => {
  const rows = [0, 31, 32, 63, 64, 1000, 1023];
  const values = Int16Array.from(rows.flatMap((r) => Array.from({ length: 9 }, (_, k) => (r % 50) + k + 1)));
  const empty = { names: new Uint32Array(0), nameTypes: new Uint8Array(0), ext: new Uint32Array(0), extTypes: new Uint8Array(0), classKeys: new Uint32Array(0), classValues: new Uint32Array(0) };
  const m = prepareNerModel({ format: 'annalist-ner-hashed/2', tags: ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'], trainedOn: '', epochs: 1, bits: 10, scale: 1, rows: Uint32Array.from(rows), values, ...empty });
  for (let h = 0; h < 1024; h++) {
    const out = new Float64Array(9);
    // the high bits of a hash are ignored (h + 2^10 addresses the same row)
    m.addFeature(h + 1024, out);
    const k = rows.indexOf(h);
    assert.deepEqual([...out], k < 0 ? new Array(9).fill(0) : [...values.subarray(k * 9, k * 9 + 9)]);
  }
});

/** Greedy decoding with the full feature list of every token (no caches): what training sees. */
function referenceTags(weights: WeightLookup, sentences: string[][]): string[][] {
  const doc = describeDocument(sentences);
  const infos = sentences.map((t) => annotateSentence(describeSentence(t), weights));
  aggregateDocument(infos, doc);
  const memory: DocMemory = new Map();
  return infos.map((s) => {
    const tags = new Uint8Array(s.tokens.length);
    for (let i = 0; i < tags.length; i++) {
      const t1 = i > 0 ? tags[i - 1]! : START;
      const feats: number[] = [];
      staticHashes(s, i, doc, feats);
      tagPairHashes(t1, i > 1 ? tags[i - 2]! : START, feats);
      historyHashes(s, i, t1, memory, feats);
      const scores = new Float64Array(START);
      addScores(weights, feats, feats.length, scores);
      tags[i] = bestTag(scores, t1);
    }
    rememberSentence(s, tags, memory);
    return [...tags].map((t) => NER_TAGS[t]!);
  });
}

/** Viterbi tags of a document from the full feature lists (no caches), as the trainer scores them. */
function referenceViterbiTags(weights: WeightLookup, sentences: string[][]): string[][] {
  const doc = describeDocument(sentences);
  const infos = sentences.map((t) => annotateSentence(describeSentence(t), weights));
  aggregateDocument(infos, doc);
  const memory: DocMemory = new Map();
  const nameish = (s: readonly string[]) => (i: number) => /[\p{Lu}\p{N}]/u.test(s[i]!);
  return infos.map((s) => {
    const n = s.tokens.length;
    const x: ViterbiScores = { n, local: new Float64Array(n * START), prev: Array.from({ length: n }, () => new Float64Array((START + 1) * START)), pair: new Float64Array((START + 1) * (START + 1) * START), forced: new Uint8Array(n) };
    const sum = (feats: number[], into: Float64Array, at: number) => {
      const v = new Float64Array(START);
      addScores(weights, feats, feats.length, v);
      into.set(v, at);
    };
    for (let t1 = 0; t1 <= START; t1++) {
      for (let t2 = 0; t2 <= START; t2++) {
        const f: number[] = [];
        tagPairHashes(t1, t2, f);
        sum(f, x.pair, (t1 * (START + 1) + t2) * START);
      }
    }
    for (let i = 0; i < n; i++) {
      x.forced[i] = openToken(nameish(s.tokens), i) ? 0 : 1;
      const f: number[] = [];
      staticHashes(s, i, doc, f);
      memoryHashes(s, i, memory, f);
      sum(f, x.local, i * START);
      for (let t1 = 0; t1 <= START; t1++) {
        const h: number[] = [];
        tagWordHashes(s.fold[i]!, s.shape[i]!, t1, h);
        sum(h, x.prev[i]!, t1 * START);
      }
    }
    const tags = new Uint8Array(n);
    decodeViterbi(x, tags);
    rememberSentence(s, tags, memory);
    return [...tags].map((t) => NER_TAGS[t]!);
  });
}

test('the run-time tagger with its per-word caches scores exactly like the full feature list', () => {
  // pseudo-random integer weights for every feature hash, so that every feature moves the argmax
  const weights: WeightLookup = {
    addFeature(h, out) {
      for (let k = 0; k < out.length; k++) out[k]! += (Math.imul(h ^ (k * 0x9e3779b1), 0x85ebca6b) >>> 22) - 512;
    },
    ext: addNames(new Map(), [{ tokens: ['Port', 'Varna', 'Union'], tags: ['B-LOC', 'I-LOC', 'B-ORG'] }]),
    names: addNames(new Map(), [{ tokens: ['Arno', 'Velt'], tags: ['B-PER', 'I-PER'] }]),
    // lexicon class bits and cluster ids (bits 16–21 coarse, 22–31 fine)
    classes: new Map([[foldedHash('met'), (3 << 16) | (17 << 22)], [foldedHash('Arno'), 1 | (5 << 16)], [foldedHash('in'), 1 << 7], [foldedHash('Sonn'), ((600 << 22) | 3) >>> 0]]),
  };
  const text = [
    ['Yesterday', 'we', 'met', 'Arno', 'Velt', 'in', 'Port', 'Varna', '.'],
    ['THE', 'UNION', 'MET', 'IN', 'VARNA'],
    ['Arno', 'of', 'the', 'Union', 'met', 'Bira', 'Sonn', 'and', 'Velt', 'in', '1956', ',', 'Šibenik', '.'],
    ['Velt'],
  ];
  const expected = referenceTags(weights, text);
  assert.deepEqual(tagDocument(weights, text), expected);
  // a second run reads the filled caches and still agrees
  assert.deepEqual(tagDocument(weights, text), expected);
  assert.ok(expected.flat().some((t) => t !== 'O') && expected.flat().some((t) => t === 'O'));
  // token lists with holes in their history (built by index) and an empty sentence tag the same
  const holey = text.map((tokens) => {
    const copy: string[] = new Array(tokens.length);
    for (let i = tokens.length - 1; i >= 0; i--) copy[i] = tokens[i]!;
    return copy;
  });
  assert.deepEqual(tagDocument(weights, [...holey.slice(0, 2), [], ...holey.slice(2)]), [...expected.slice(0, 2), [], ...expected.slice(2)]);
  // the Viterbi decoder with its caches (word-type history scores, tag-pair table) agrees with the full lists too,
  // and its fast path with an unbounded gap is the exact search
  const viterbi: WeightLookup = { ...weights, decoder: 'viterbi' };
  const expectedViterbi = referenceViterbiTags(viterbi, text);
  assert.deepEqual(tagDocument(viterbi, text), expectedViterbi);
  assert.notDeepEqual(expectedViterbi, expected);
  const gap = VITERBI_FAST_GAP.value;
  VITERBI_FAST_GAP.value = Infinity;
  try {
    assert.deepEqual(tagDocument(viterbi, text, {}, { fast: true }), expectedViterbi);
  } finally {
    VITERBI_FAST_GAP.value = gap;
  }
});

test('with the word-vector groups on, the cached Viterbi tagger still scores exactly like the full feature list', () => {
  const saved = { ...FEATURE_FLAGS };
  const savedTable = EXTRA_CLASSES.emb;
  Object.assign(FEATURE_FLAGS, { emb: true, embNear: true, embFar: true });
  EXTRA_CLASSES.emb = new Map([[foldedHash('met'), Uint8Array.of(0, 0, 5)], [foldedHash('Velt'), Uint8Array.of(1, 9, 9, 9)], [foldedHash('in'), Uint8Array.of(2)]]);
  try {
    // a fresh lookup object: the tagger's caches are per lookup, filled under these flags
    const weights: WeightLookup = {
      addFeature(h, out) {
        for (let k = 0; k < out.length; k++) out[k]! += (Math.imul(h ^ (k * 0x7f4a7c15), 0x85ebca6b) >>> 22) - 512;
      },
      decoder: 'viterbi',
    };
    const text = [
      ['Yesterday', 'we', 'met', 'Arno', 'Velt', 'in', 'Port', 'Varna', '.'],
      ['Arno', 'of', 'the', 'Union', 'met', 'Velt', 'in', '1956', '.'],
    ];
    const expected = referenceViterbiTags(weights, text);
    assert.deepEqual(tagDocument(weights, text), expected);
    assert.deepEqual(tagDocument(weights, text), expected);
  } finally {
    Object.assign(FEATURE_FLAGS, saved);
    EXTRA_CLASSES.emb = savedTable;
  }
});

test('the compact name list answers like the map it was built from', () => {
  const map = new Map<number, number>();
  // keys that share low bits collide in the table and must be probed past
  for (let k = 0; k < 300; k++) map.set(((k * 0x9e3779b1) | 0) ^ ((k % 7) << 20), (k % 15) + 1);
  for (let k = 0; k < 40; k++) map.set(k << 12, 0x80);
  const compact = new CompactNameList(map);
  assert.equal(compact.size, map.size);
  for (const [h, v] of map) assert.equal(compact.get(h), v);
  for (let k = 1; k < 2000; k++) {
    const h = Math.imul(k, 0x85ebca6b);
    assert.equal(compact.get(h), map.get(h));
  }
  // marking a sentence with either gives the same marks
  const list = addNames(new Map(), [{ tokens: ['in', 'Port', 'Varna', 'today'], tags: ['O', 'B-LOC', 'I-LOC', 'O'] }]);
  const s = describeSentence(['Port', 'Varna', 'and', 'Port', 'Said']);
  assert.deepEqual(markNames(s, new CompactNameList(list)), markNames(s, list));
});

test('head words: the last word of training names of two or more tokens marks every token of a run ending with it', async () => {
  const { headKey, markHeads } = await import('./names.ts');
  const list = addNames(new Map(), [{ tokens: ['Radio', 'Kelso', 'FM', 'plays', 'in', 'Pell', 'FM', '.'], tags: ['B-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'B-LOC', 'I-LOC', 'O'] }], true);
  // "FM" ended an ORG name and a LOC name: both type bits
  assert.equal(list.get(headKey(foldedHash('fm'))), (1 << 1) | (1 << 2));
  // without `heads`, no head entries
  assert.equal(addNames(new Map(), [{ tokens: ['Radio', 'Kelso', 'FM'], tags: ['B-ORG', 'I-ORG', 'I-ORG'] }]).get(headKey(foldedHash('fm'))), undefined);
  const s = describeSentence(['We', 'heard', 'Star', 'Valley', 'FM', 'today', '.']);
  assert.deepEqual([...markHeads(s, new CompactNameList(list))], [0, 0, 6, 6, 6, 0, 0]);
});

test('per-word caches filled part by part tag a document as a fresh tagger does', async () => {
  const { DEFAULT_NER_MODEL } = await import('./model.ts');
  const { existsSync, readFileSync } = await import('node:fs');
  if (!existsSync(DEFAULT_NER_MODEL)) return;
  const fresh = () => prepareNerModel(parseNerModel(readFileSync(DEFAULT_NER_MODEL)));
  const doc = [
    ['Mirela', 'Tosk', 'left', 'Harrowgate', 'for', 'the', 'Quillon', 'Institute', 'in', 'May', '.'],
    ['The', 'Quillon', 'board', 'thanked', 'Tosk', 'and', 'the', 'mayor', 'of', 'Harrowgate', '.'],
  ];
  const alone = tagDocument(fresh(), doc, {}, { fast: true });
  // another model object, first used on a long document: many lists of feature hashes, and the words
  // of `doc` met before as neighbours only
  const m = fresh();
  const long: string[][] = [];
  for (let k = 0; k < 300; k++) long.push(['Reports', 'from', `Velkor${k}`, 'said', 'Quillon', 'and', 'Mirela', 'met', 'Baron', `Ashe${k % 7}`, 'near', 'Harrowgate', 'on', 'Monday', '.']);
  tagDocument(m, long, {}, { fast: true });
  assert.deepEqual(tagDocument(m, doc, {}, { fast: true }), alone);
  assert.ok(alone.flat().some((t) => t !== 'O'), 'the test document has names');
});

test('the typed tagger hands out one word type per token, the same for the same text, with a slot that persists', () => {
  const weights: WeightLookup = { addFeature: () => {} };
  const doc = [['Arno', 'met', 'Arno'], [], ['met']];
  const { tags, types } = tagDocumentTyped(weights, doc);
  assert.deepEqual(tags, tagDocument(weights, doc));
  assert.deepEqual(types.map((t) => t.length), [3, 0, 1]);
  assert.equal(types[0]![0], types[0]![2]);
  assert.equal(types[0]![1], types[2]![0]);
  assert.notEqual(types[0]![0], types[0]![1]);
  types[0]![0]!.memo = 'mine';
  types[0]![0]!.memoKey = doc;
  const again = tagDocumentTyped(weights, [['Arno']]).types[0]![0]!;
  assert.equal(again.memo, 'mine');
  assert.equal(again.memoKey, doc);
});
