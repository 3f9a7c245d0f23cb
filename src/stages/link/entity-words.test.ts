import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityWordReason, hasLowerPart, isNameDerivative, nextLowerWord } from './entity-words.ts';

const reason = (text: string, label: string, after = '', modelOnly = true) => entityWordReason({ text, label, after, modelOnly });

test('doctrines, adherents and eras derived from a name are no new entity, whatever their type', () => {
  assert.equal(reason('Vaskism', 'LOC', ' was over.'), 'name-derivative');
  assert.equal(reason('Vaskist', 'MISC', ' period'), 'name-derivative');
  assert.equal(reason('Ostrovshchina', 'PER', ' reigned'), 'name-derivative');
  assert.equal(reason('de-Vaskization', 'MISC', ','), 'name-derivative');
  assert.equal(reason('Vaskite', 'ORG', ' views'), 'name-derivative');
  // a plural adherent noun names a group; a given name may end in -ite
  assert.equal(reason('Vaskists', 'MISC', '.'), undefined);
  assert.equal(isNameDerivative('Marguerite', 'PER'), false);
});

test('hyphenated modifiers with a lower-case part are no new entity; hyphenated names with particles are', () => {
  assert.equal(reason('anti-Rurlandian', 'MISC', ' riots'), 'hyphenated-modifier');
  assert.equal(reason('Vask-era', 'MISC', ' reality'), 'hyphenated-modifier');
  assert.equal(reason('UNO-backed', 'MISC', ' pact'), 'hyphenated-modifier');
  assert.equal(hasLowerPart('Port-sur-Velmar'), false);
  assert.equal(hasLowerPart('al-Dask'), false);
  assert.equal(reason('Ostria-Vaskia', 'LOC', ' was divided'), undefined);
});

test('a capitalised adjective right before a lower-case noun is no new entity; before a verb or a comma it may be', () => {
  assert.equal(reason('Northern', 'MISC', ' provinces'), 'adjective-before-noun');
  assert.equal(reason('Ostrian-Vaskish', 'LOC', ' border'), 'adjective-before-noun');
  assert.equal(reason('Caspian', 'ORG', ' troops'), 'adjective-before-noun');
  assert.equal(reason('Ostrian', 'MISC', ' was spoken'), undefined);
  assert.equal(reason('Ostrian', 'MISC', ', said'), undefined);
  assert.equal(reason('Ostrian', 'MISC', '\nprovinces'), undefined);
  // a surname with an adjective-like ending typed a person stays; so does a name the knowledge base proposed
  assert.equal(reason('Tomic', 'PER', ' government'), undefined);
  assert.equal(reason('Caspian', 'ORG', ' troops', false), undefined);
  assert.equal(nextLowerWord('  provinces of'), 'provinces');
});

test('a Roman numeral alone is no name; words with other letters are judged on their own', () => {
  assert.equal(reason('XIV', 'ORG', ' and'), 'roman-numeral');
  assert.equal(reason('XX', 'ORG', ' congress'), 'roman-numeral');
  assert.equal(reason('Xavi', 'PER', ' left'), undefined);
  // several words are not judged here
  assert.equal(reason('Vask Workers Union', 'ORG', ' members'), undefined);
});
