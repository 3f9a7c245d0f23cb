import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTechniqueLexicons, lexiconLookup } from './lexicon.ts';

const rows = [
  ...Array.from({ length: 4 }, () => ({ words: ['is', 'it', 'really', 'true', '?'], technique: 'Doubt' })),
  ...Array.from({ length: 8 }, () => ({ words: ['the', 'horrific', 'attack'], technique: 'Loaded_Language' })),
  ...Array.from({ length: 4 }, () => ({ words: ['the', 'attack', 'traitor'], technique: 'Name_Calling,Labeling' })),
];

test('a word that marks one technique joins its lexicon; a word shared by all does not', () => {
  const lex = buildTechniqueLexicons(rows);
  assert.ok(lex['Doubt']!.includes('really'));
  assert.ok(lex['Name_Calling,Labeling']!.includes('traitor'));
  assert.ok(!Object.values(lex).some((ws) => ws.includes('the')));
  // Punctuation and short words never qualify.
  assert.ok(!Object.values(lex).some((ws) => ws.includes('?') || ws.includes('is')));
});

test('a word seen fewer than minCount times in a technique is left out', () => {
  const lex = buildTechniqueLexicons(rows, { minCount: 5 });
  assert.equal(lex['Doubt'], undefined);
  assert.ok(lex['Loaded_Language']!.includes('horrific'));
});

test('the lookup maps each word to its techniques', () => {
  const look = lexiconLookup({ A: ['x', 'y'], B: ['y'] });
  assert.deepEqual(look.get('y'), ['A', 'B']);
  assert.deepEqual(look.get('x'), ['A']);
  assert.equal(look.get('z'), undefined);
});
