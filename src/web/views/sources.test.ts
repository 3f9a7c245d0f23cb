import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatScore, roundScore } from './sources.ts';
import { techniqueLabel, titleOf } from '../api.ts';

test('stance scores show two decimals and never a negative zero', () => {
  assert.equal(formatScore(-0.004), '0.00');
  assert.equal(Object.is(roundScore(-0.004), -0), false);
  assert.equal(formatScore(-0.006), '-0.01');
  assert.equal(formatScore(0.745), '0.75');
  assert.equal(formatScore(0), '0.00');
});

test('technique names read as words, with a space after each comma', () => {
  assert.equal(techniqueLabel('Exaggeration,Minimisation'), 'Exaggeration, Minimisation');
  assert.equal(techniqueLabel('Name_Calling,Labeling'), 'Name Calling, Labeling');
  assert.equal(techniqueLabel('Loaded_Language'), 'Loaded Language');
});

test('an untitled source is named by its file name, an upload without its upload: prefix', () => {
  assert.equal(titleOf({ path: '/home/me/notes/harbour.wiki', id: 'abcdef0123456789' }), 'harbour.wiki');
  assert.equal(titleOf({ path: 'upload:harbour.wiki', id: 'abcdef0123456789' }), 'harbour.wiki');
  assert.equal(titleOf({ title: 'Harbour', path: 'upload:harbour.wiki', id: 'abcdef0123456789' }), 'Harbour');
  assert.equal(titleOf({ id: 'abcdef0123456789' }), 'abcdef012345');
});
