import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc, tokenRange } from './doc.ts';
import { addEmbeddingScores, decodeWordVectors, embeddingRows, embeddingScratch, emitEmbeddingFeatures, encodeWordVectors, poolVectors, spanEmbedding, toWordVectors, wordParts } from './embeddings.ts';
import { collectFeatures, spanFeatures } from './features.ts';

// Three-dimensional toy vectors in the package's layout: d values, then norm and row number.
const vectors = toWordVectors({
  dimensions: 3,
  vectors: {
    brave: [1, 0, 0, 1, 0],
    heroes: [0, 1, 0, 1, 1],
    so: [0, 0, 2, 2, 2],
    called: [0, 0, 4, 4, 3],
    do: [2, 2, 0, 2.8, 4],
    "n't": [-2, 0, 0, 2, 5],
    the: [0, 0, 1, 1, 6],
  },
});
const text = 'The brave heroes do n\'t run, but the so-called experts don\'t care.';
const doc = prepareDoc(text);

/** Token range of the first occurrence of `phrase`. */
function rangeOf(phrase: string): [number, number] {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return tokenRange(doc, { start, end: start + phrase.length });
}

test('pooling averages the known words, takes the element-wise max and skips punctuation', () => {
  const [a, b] = rangeOf('brave heroes do');
  const p = poolVectors(doc, vectors, a, b);
  assert.equal(p.count, 3);
  assert.deepEqual(Array.from(p.mean), [1, 1, 0]);
  assert.deepEqual(Array.from(p.max), [2, 2, 0]);
});

test("unknown words are read through their parts: so-called = so + called, don't = do + n't", () => {
  const [a, b] = rangeOf('so-called');
  assert.deepEqual(Array.from(poolVectors(doc, vectors, a, b).mean), [0, 0, 6]);
  const [c, d] = rangeOf("don't");
  assert.deepEqual(Array.from(poolVectors(doc, vectors, c, d).mean), [0, 2, 0]);
  const [e, f] = rangeOf('experts');
  assert.equal(poolVectors(doc, vectors, e, f).count, 0);
});

test('span features: unit mean direction times 4, max, the rest of the sentence and their cosine', () => {
  const [a, b] = rangeOf('brave heroes');
  const f = collectFeatures((emit) => emitEmbeddingFeatures(doc, vectors, a, b, 0, emit));
  const s = 4 / Math.SQRT2;
  assert.ok(Math.abs(f.get('es\t0')! - s) < 1e-9);
  assert.ok(Math.abs(f.get('es\t1')! - s) < 1e-9);
  assert.equal(f.get('es\t2'), 0);
  assert.equal(f.get('em\t0'), 1);
  assert.ok(f.has('ex\t2') && f.has('ecos'));
  const cos = f.get('ecos')!;
  assert.ok(cos > -1 && cos < 1);
  assert.ok(f.has(`ecosb\t${Math.max(0, Math.floor(cos * 10))}`));
  // A span with no known word says so instead.
  const [e, g] = rangeOf('experts');
  const none = collectFeatures((emit) => emitEmbeddingFeatures(doc, vectors, e, g, 0, emit));
  assert.deepEqual([...none.keys()], ['es-none']);
});

test('span features carry the embedding features only when given vectors', () => {
  const start = text.indexOf('brave heroes');
  const span = { start, end: start + 'brave heroes'.length };
  assert.ok(!spanFeatures(doc, span).has('es\t0'));
  assert.ok(spanFeatures(doc, span, [], undefined, vectors).has('es\t0'));
});

test('scores through precomputed rows equal the sums over emitted features', () => {
  const [a, b] = rangeOf('brave heroes');
  const f = collectFeatures((emit) => emitEmbeddingFeatures(doc, vectors, a, b, 0, emit));
  // A toy two-class model with one weight pair per feature, some features missing from the model.
  const names = [...f.keys()].filter((_, i) => i % 4 !== 3);
  const row = new Map(names.map((n, i) => [n, i]));
  const w = Float32Array.from({ length: names.length * 2 }, (_, i) => ((i * 37) % 11) / 10 - 0.5);
  const expected = new Float64Array(2);
  for (const [n, v] of f) {
    const r = row.get(n);
    if (r !== undefined) for (let c = 0; c < 2; c++) expected[c]! += w[r * 2 + c]! * v;
  }
  const rows = embeddingRows(3, (prefix, x) => row.get(x === undefined ? prefix : `${prefix}\t${x}`) ?? -1);
  const z = new Float64Array(2);
  addEmbeddingScores(z, w, rows, spanEmbedding(doc, vectors, a, b, 0));
  for (let c = 0; c < 2; c++) assert.ok(Math.abs(z[c]! - expected[c]!) < 1e-6, `${z[c]} vs ${expected[c]}`);
  assert.ok(Math.abs(z[0]!) > 0);
});

test('the int8 file format round-trips words and vectors to within half a step of each scale', () => {
  const src: Record<string, number[]> = { alpha: [0.5, -1.27, 0.01], 'beta-gamma': [-3, 2, 1], "n't": [0, 0, 0], café: [1e-3, -2e-3, 0] };
  const words = Object.keys(src);
  const got = decodeWordVectors(encodeWordVectors(words, 3, (w) => src[w]!));
  assert.equal(got.dims, 3);
  assert.deepEqual([...got.rows.keys()], words);
  for (const w of words) {
    const v = src[w]!;
    const step = Math.max(...v.map(Math.abs)) / 127;
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(got.data[got.rows.get(w)! * 3 + k]! - v[k]!) <= step / 2 + 1e-9, `${w} ${k}`);
  }
  // The largest component of each vector survives exactly (up to float32).
  assert.ok(Math.abs(got.data[got.rows.get('beta-gamma')! * 3]! + 3) < 1e-6);
});

test('decoding refuses a file that is not a word-vector file', () => {
  assert.throws(() => decodeWordVectors(Buffer.from('JSON{"words":[]}')), /magic/);
});

test('word parts split contractions and hyphens, and a one-part word has none', () => {
  assert.deepEqual(wordParts("don't"), ['do', "n't"]);
  assert.deepEqual(wordParts('so-called'), ['so', 'called']);
  assert.deepEqual(wordParts("nation's"), ['nation', "'s"]);
  assert.deepEqual(wordParts('heroes'), []);
});

test('span embeddings computed in reused work arrays equal freshly allocated ones', () => {
  const scratch = embeddingScratch(vectors.dims);
  for (const phrase of ['brave heroes do', 'so-called', 'the so-called experts', 'run']) {
    const [a, b] = rangeOf(phrase);
    const fresh = spanEmbedding(doc, vectors, a, b, 0);
    const reused = spanEmbedding(doc, vectors, a, b, 0, scratch);
    const plain = (e: typeof fresh) => [e.es && Array.from(e.es), e.em && Array.from(e.em), e.ex && Array.from(e.ex), e.cos];
    assert.deepEqual(plain(reused), plain(fresh), phrase);
  }
});
