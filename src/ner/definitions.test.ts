import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDefinitions } from './definitions.ts';
import { aggregateDocument, combine, describeDocument, describeSentence, FEATURE_FLAGS, foldedHash, staticHashes, T, type DocumentInfo } from './features.ts';

/** The subject words and head noun of each definition of a sentence given as space-separated tokens. */
function definitionsOf(text: string): string[] {
  const tokens = text.split(' ');
  const s = describeSentence(tokens);
  return findDefinitions(s, s.allCaps).map((d) => `${d.subject.map((k) => tokens[k]).join(' ')} → ${tokens[d.head]}`);
}

test('a copula, a determiner and a noun phrase define the capitalized subject before them', () => {
  assert.deepEqual(definitionsOf('The Velmor Quartet is an experimental jazz band from Tamsby .'), ['Velmor Quartet → band']);
  assert.deepEqual(definitionsOf('Orlik Dunstan was a Ruritanian playwright and poet .'), ['Orlik Dunstan → playwright']);
  // connectors and numbers inside the subject; "'s" inside the description
  assert.deepEqual(definitionsOf('12 Bells of Varno are a women \'s choir .'), ['Bells Varno → choir']);
});

test('a parenthesis or an apposition between the subject and the copula is skipped', () => {
  assert.deepEqual(definitionsOf('Orlik Dunstan ( 1801 - 1877 ) was a painter .'), ['Orlik Dunstan → painter']);
  assert.deepEqual(definitionsOf('Kestrel Radio , known as K-99 , is a radio station in Tamsby .'), ['Kestrel Radio → station']);
});

test('the head is the last lower-case word before a preposition, a participle after the noun, or punctuation', () => {
  assert.deepEqual(definitionsOf('Ardent Works was a glider manufacturer founded by Orlik Dunstan .'), ['Ardent Works → manufacturer']);
  assert.deepEqual(definitionsOf('Varno was a retired footballer'), ['Varno → footballer']);
  assert.deepEqual(definitionsOf('Tamsby is a village , near the coast .'), ['Tamsby → village']);
});

test('no definition without a capitalized subject, a determiner, or a lower-case head; none in a sentence in capitals', () => {
  assert.deepEqual(definitionsOf('It is a village in the hills .'), []);
  assert.deepEqual(definitionsOf('Tamsby was formed in 1862 .'), []);
  assert.deepEqual(definitionsOf('the town is a port .'), []);
  assert.deepEqual(definitionsOf('Tamsby is the Capital .'), []);
  assert.deepEqual(definitionsOf('TAMSBY IS A VILLAGE IN THE HILLS'), []);
});

test('the def group hands the head noun to every capitalized occurrence of the subject words, and only when on', () => {
  const sentences = [['Velmor', 'Quartet', 'is', 'a', 'jazz', 'band', '.'], ['Later', ',', 'Velmor', 'toured', '.']];
  const describe = (): { infos: ReturnType<typeof describeSentence>[]; doc: DocumentInfo } => {
    const infos = sentences.map((s) => describeSentence(s));
    const doc = describeDocument(sentences);
    aggregateDocument(infos, doc);
    return { infos, doc };
  };
  const band = combine(T.defHead, foldedHash('band'));
  const featuresOf = (on: boolean, k: number, i: number): number[] => {
    const saved = FEATURE_FLAGS.def;
    FEATURE_FLAGS.def = on;
    try {
      const { infos, doc } = describe();
      const out: number[] = [];
      staticHashes(infos[k]!, i, doc, out);
      return out;
    } finally {
      FEATURE_FLAGS.def = saved;
    }
  };
  assert.ok(featuresOf(true, 1, 2).includes(band), 'a later mention of a subject word');
  assert.ok(featuresOf(true, 0, 1).includes(band), 'a subject word seen once');
  assert.ok(!featuresOf(true, 1, 0).includes(band), 'another capitalized word');
  assert.ok(!featuresOf(false, 1, 2).includes(band), 'the group off');
  // off, the features are exactly those of the code without the group
  assert.deepEqual(featuresOf(false, 0, 1).length, featuresOf(true, 0, 1).length - 1);
});
