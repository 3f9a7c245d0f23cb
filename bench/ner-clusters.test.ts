import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeClusters, roughTokens } from './ner-clusters.ts';

test('exchange clustering puts words with the same neighbours in the same class', () => {
  // made-up text: towns follow "to"/"from", weekdays follow "on"
  const towns = ['orvik', 'tamsby', 'quarro', 'ostrel'];
  const days = ['monday', 'friday', 'sunday', 'tuesday'];
  const sents: string[][] = [];
  for (let r = 0; r < 5; r++) {
    for (const t of towns) sents.push(['we', 'went', 'to', t, 'by', 'train'], ['they', 'came', 'from', t, 'by', 'boat']);
    for (const d of days) sents.push(['we', 'met', 'on', d, 'morning'], ['it', 'rained', 'on', d, 'night']);
  }
  const { words, classes } = computeClusters(sents, { sizes: [4], minCount: 2 });
  const cls = (w: string) => classes[0]![words.indexOf(w)];
  assert.equal(new Set(towns.map(cls)).size, 1);
  assert.equal(new Set(days.map(cls)).size, 1);
  assert.notEqual(cls('orvik'), cls('monday'));
  // deterministic
  assert.deepEqual(computeClusters(sents, { sizes: [4], minCount: 2 }).classes, classes);
});

test('raw text is split into CoNLL-like tokens', () => {
  assert.deepEqual(roughTokens('The Guild men met U.S. envoys in 1956, then 1,200 more (twice).'), ['The', 'Guild', 'men', 'met', 'U.S.', 'envoys', 'in', '1956', ',', 'then', '1,200', 'more', '(', 'twice', ')', '.']);
});
