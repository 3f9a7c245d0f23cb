import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureIndex, WordIdFeatureIndex, featureName } from './features.ts';

test('WordIdFeatureIndex finds one- and two-word features by word ids, and misses unknown ones', () => {
  const names = [featureName('bias'), featureName('w', 'cat'), featureName('w', 'dog'), featureName('b', 'cat', 'dog'), featureName('b', 'dog', 'cat'), featureName('b', 'cat', 'sat')];
  const index = new FeatureIndex(names);
  const ix = new WordIdFeatureIndex(index);
  const [cat, dog, sat] = ix.wordIds(['cat', 'dog', 'sat']) as unknown as number[];
  assert.equal(ix.wordId('emu'), -1);
  const w = ix.unaryLookup('w');
  const b = ix.pairLookup('b');
  assert.equal(w(cat!), index.get(featureName('w', 'cat')));
  assert.equal(w(dog!), index.get(featureName('w', 'dog')));
  assert.equal(w(sat!), -1);
  assert.equal(b(cat!, dog!), index.get(featureName('b', 'cat', 'dog')));
  assert.equal(b(dog!, cat!), index.get(featureName('b', 'dog', 'cat')));
  assert.equal(b(cat!, sat!), index.get(featureName('b', 'cat', 'sat')));
  assert.equal(b(dog!, dog!), -1);
  assert.equal(b(-1, dog!), -1);
  assert.equal(ix.pairLookup('nope')(cat!, dog!), -1);
});
