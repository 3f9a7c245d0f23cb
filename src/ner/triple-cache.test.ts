import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TripleCache } from './triple-cache.ts';
import { BOS, describeDocument, describeSentence, EOS, nameListHashes, packedMarks, shapeContextHashes, staticHashes } from './features.ts';
import { tagDocument, type WeightLookup } from './tagger.ts';

test('the triple cache answers only for the key it holds, and a new key takes the slot over', () => {
  const cache = new TripleCache(2, 3);
  assert.equal(cache.find(1, 2, 3), -1);
  const at = cache.claim(1, 2, 3);
  cache.rows.set([7, 8, 9], at);
  assert.equal(cache.find(1, 2, 3), at);
  assert.deepEqual([...cache.rows.subarray(at, at + 3)], [7, 8, 9]);
  // keys that differ in one number only, negative numbers and zero are other keys
  for (const [a, b, c] of [[1, 2, 4], [2, 2, 3], [1, -2, 3], [0, 0, 0]] as const) if (cache.find(a, b, c) >= 0) assert.notEqual(cache.find(a, b, c), cache.find(1, 2, 3));
  // with four slots, some of 40 keys share a slot with (1, 2, 3): claiming them drops it
  let dropped = false;
  for (let k = 10; k < 50 && !dropped; k++) {
    cache.claim(k, -k, k * 7);
    dropped = cache.find(1, 2, 3) < 0;
    assert.ok(cache.find(k, -k, k * 7) >= 0);
  }
  assert.ok(dropped);
  cache.clear();
  assert.equal(cache.find(10, -10, 70), -1);
});

test('the cached context groups and the rest of the static features are the full static feature list', () => {
  const tokens = ['Mr', 'Orvel', 'Tamsin', 'of', 'the', 'Lorvik', 'Rowing', 'Club', 'met', 'IVO', 'in', 'Brenna', '.'];
  const s = describeSentence(tokens);
  // name-list marks as the gazetteers would set them (several bits, neighbours marked, several lists)
  s.names.set([0, 3, 1, 0, 0, 6, 2, 2, 0, 1, 0, 4, 0]);
  s.ext.set([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0]);
  s.geo.set([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0]);
  const doc = describeDocument([tokens]);
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    for (const cached of [false, true]) {
      const full: number[] = [];
      staticHashes(s, i, doc, full, cached);
      const split: number[] = [];
      staticHashes(s, i, doc, split, cached, false);
      assert.ok(split.length < full.length);
      shapeContextHashes(i > 0 ? s.shape[i - 1]! : BOS, s.shape[i]!, i + 1 < n ? s.shape[i + 1]! : EOS, split);
      nameListHashes(s, i, split);
      assert.deepEqual([...split].sort(), [...full].sort(), `token ${i} (${tokens[i]})`);
    }
  }
  // the packed marks: the token's, the one before and the one after
  assert.equal(packedMarks(s.names, 6, n), 2 | (6 << 8) | (2 << 16));
  assert.equal(packedMarks(s.names, 0, n), 3 << 16);
  assert.equal(packedMarks(s.geo, n - 1, n), 3 << 8);
  assert.equal(packedMarks(s.geo, 0, n), 0);
});

test('tags read from warm context caches equal the tags of a model whose caches are empty', () => {
  const weights = (): WeightLookup => ({
    addFeature(h, out) {
      for (let k = 0; k < out.length; k++) out[k]! += (Math.imul(h ^ (k * 0x9e3779b1), 0x85ebca6b) >>> 22) - 512;
    },
    decoder: 'viterbi',
  });
  const doc = [
    ['Yesterday', 'Orvel', 'Tamsin', 'met', 'Ivo', 'Brenn', 'in', 'Port', 'Lorvik', '.'],
    ['The', 'Lorvik', 'Rowing', 'Club', 'beat', 'Tamsby', 'in', 'MAY', '1956', '.'],
  ];
  const other = [
    ['Then', 'Orvel', 'Brenn', 'of', 'the', 'Port', 'Union', 'met', 'Tamsin', '.'],
    ['Ivo', 'Lorvik', 'and', 'the', 'Rowing', 'Club', 'in', 'Tamsby', '.'],
  ];
  const fresh = tagDocument(weights(), doc, {}, { fast: true });
  assert.ok(fresh.flat().some((t) => t !== 'O'));
  const used = weights();
  tagDocument(used, other, {}, { fast: true });
  tagDocument(used, doc, {}, { fast: true });
  assert.deepEqual(tagDocument(used, doc, {}, { fast: true }), fresh);
});
