import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { buildGazetteer, matchBareHosts, matchGazetteer, matchWebAddresses, stepsOfTypes, type WordSlot } from './gazetteer.ts';
import { tokenize } from '../tokens/tokenize.ts';

const kb = buildKnowledgeBase([
  {
    entities: [
      {
        id: 'local:guild',
        type: 'organization',
        name: 'Free Guild of Tanners',
        aliases: [
          { text: 'FGT', kind: 'abbreviation' },
          { text: 'FGT (r)', kind: 'former', from: '1901', to: '1930' },
        ],
      },
      { id: 'local:town', type: 'place', name: 'Orvald', aliases: [] },
    ],
  },
]);
const toks = (s: string) => s.split(' ').map((text) => ({ text }));
const spans = (s: string) => matchGazetteer(buildGazetteer(kb), toks(s)).filter((m) => !m.nested).map((m) => [m.from, m.to, m.entries[0]!.alias.text]);

test('a bracketed letter inside a name belongs to the name, closing bracket included', () => {
  assert.deepEqual(spans('the FGT ( r ) met in Orvald'), [[1, 5, 'FGT (r)'], [7, 8, 'Orvald']]);
});

test('a bracket after a name that does not go on ends the name there', () => {
  assert.deepEqual(spans('the FGT ( 1905 ) met'), [[1, 2, 'FGT']]);
  assert.deepEqual(spans('Orvald ( r ) grew'), [[0, 1, 'Orvald']]);
  assert.deepEqual(spans('the FGT ( s ) met'), [[1, 2, 'FGT']]);
});

test('a bracketed name inside a longer bracketed name is found whole, as a nested match', () => {
  const kb2 = buildKnowledgeBase([
    {
      entities: [
        { id: 'local:guild', type: 'organization', name: 'Free Guild of Tanners', aliases: [{ text: 'FGT', kind: 'abbreviation' }, { text: 'FGT (r)', kind: 'former', from: '1901', to: '1930' }] },
        { id: 'local:board', type: 'organization', name: 'Orvald Board of the FGT (r)', aliases: [] },
      ],
    },
  ]);
  const ms = matchGazetteer(buildGazetteer(kb2), toks('the Orvald Board of the FGT ( r ) met'));
  assert.deepEqual(ms.map((m) => [m.from, m.to, m.entries[0]!.entity.id, m.nested ?? false]), [[1, 9, 'local:board', false], [5, 9, 'local:guild', true]]);
});

test('the outer entity’s shorter name does not hide a bracketed name nested in its longer one', () => {
  const kb3 = buildKnowledgeBase([
    {
      entities: [
        { id: 'local:guild', type: 'organization', name: 'Free Guild of Tanners', aliases: [{ text: 'FGT', kind: 'abbreviation' }, { text: 'FGT (r)', kind: 'former', from: '1901', to: '1930' }] },
        { id: 'local:board', type: 'organization', name: 'Orvald Board of the FGT', aliases: [{ text: 'Orvald Board of the FGT (r)', kind: 'other' }] },
      ],
    },
  ]);
  const ms = matchGazetteer(buildGazetteer(kb3), toks('the Orvald Board of the FGT ( r ) met'));
  assert.deepEqual(ms.filter((m) => m.nested).map((m) => [m.from, m.to, m.entries[0]!.entity.id]), [[5, 9, 'local:guild']]);
});

const people = buildKnowledgeBase([
  {
    entities: [
      {
        id: 'local:chief',
        type: 'person',
        name: 'Ulan Dorr',
        aliases: [
          { text: 'the Chief', kind: 'epithet', needsContext: true },
          { text: '"iron broom" of the north', kind: 'epithet', needsContext: true },
        ],
      },
      { id: 'local:paper', type: 'organization', name: 'Harbour Courier', aliases: [{ text: 'harbourcourier', kind: 'other' }, { text: 'courier.net', kind: 'other' }] },
    ],
  },
]);
const hits = (s: string) => matchGazetteer(buildGazetteer(people), toks(s)).map((m) => [m.from, m.to, m.entries[0]!.entity.id]);

test('an alias written with quotation marks matches with them, the marks included in the span', () => {
  assert.deepEqual(hits('the " iron broom " of the north spoke'), [[1, 8, 'local:chief']]);
  // without the quotation marks the words still match; a quoted common phrase is not the alias
  assert.deepEqual(hits('the iron broom of the north spoke'), [[1, 6, 'local:chief']]);
  assert.deepEqual(hits('a " iron " broom'), []);
});

test('a person’s capitalized epithet also matches in lower case after "the", not with a complement', () => {
  assert.deepEqual(hits('a statue of the chief was raised'), [[4, 5, 'local:chief']]);
  assert.deepEqual(hits('the chief of the guild'), []);
  assert.deepEqual(hits('the chief ’s house'), []);
  assert.deepEqual(hits('a chief came'), []);
});

test('a web address names its site by host or by the name before the top-level domain', () => {
  const gaz = buildGazetteer(people);
  const url = 'https://www.harbourcourier.com/2019/story';
  assert.deepEqual(matchWebAddresses(gaz, [{ text: 'see' }, { text: url }]).map((m) => [m.from, m.within, url.slice(...m.within!)]), [[1, [12, 26], 'harbourcourier']]);
  const url2 = 'http://courier.net/a';
  assert.deepEqual(matchWebAddresses(gaz, [{ text: url2 }]).map((m) => url2.slice(...m.within!)), ['courier.net']);
  assert.deepEqual(matchWebAddresses(gaz, [{ text: 'http://example.org/' }, { text: 'harbourcourier' }]), []);
});

test('a bare host written without a scheme names its site, but not inside a longer address', () => {
  const gaz = buildGazetteer(people);
  /** Matches over the tokenizer's tokens, as [host text, entity]. */
  const hosts = (text: string) => {
    const tokens = tokenize(text).map((t) => ({ start: t.start, end: t.end, text: text.slice(t.start, t.end) }));
    return matchBareHosts(gaz, tokens).map((m) => [text.slice(tokens[m.from]!.start, tokens[m.to - 1]!.end), m.entries[0]!.entity.id]);
  };
  assert.deepEqual(hosts('Read us on courier.net, daily.'), [['courier.net', 'local:paper']]);
  assert.deepEqual(hosts('Read us on harbourcourier.com too'), [['harbourcourier.com', 'local:paper']]);
  // written apart, an unknown site, or part of a longer host or path: no match
  assert.deepEqual(hosts('the courier . net'), []);
  assert.deepEqual(hosts('see example.com'), []);
  assert.deepEqual(hosts('see mail.courier.net or courier.net/news'), []);
});

test('steps kept in word slots match as the gazetteer\'s own steps do, and are read back from the slots', () => {
  const gaz = buildGazetteer(kb);
  const tokens = toks('the FGT ( r ) met the FGT in Orvald , Orvald said');
  // one slot per distinct text, as a caller's word types give them
  const byText = new Map<string, WordSlot>();
  const slots = tokens.map((t) => byText.get(t.text) ?? (byText.set(t.text, { memo: undefined, memoKey: undefined }), byText.get(t.text)!));
  const steps = stepsOfTypes(gaz, tokens, slots);
  assert.deepEqual(matchGazetteer(gaz, tokens, Infinity, undefined, steps), matchGazetteer(gaz, tokens));
  assert.equal(steps[1], steps[7], 'one step per word type');
  assert.equal(byText.get('Orvald')!.memoKey, gaz.root);
  // a second sentence reads the steps from the slots
  assert.deepEqual(stepsOfTypes(gaz, tokens, slots), steps);
  // a slot that holds another key's value is taken over
  const other = { memo: 'x', memoKey: 'another trie' };
  assert.notEqual(stepsOfTypes(gaz, [{ text: 'Orvald' }], [other])[0], 'x');
  assert.equal(other.memoKey, gaz.root);
});

test('every hit carries its alias record with the same values, whatever fields the record has', () => {
  const gaz = buildGazetteer(kb);
  const [former] = matchGazetteer(gaz, toks('the FGT ( r ) met')).filter((m) => !m.nested);
  const [short] = matchGazetteer(gaz, toks('the FGT met')).filter((m) => !m.nested);
  const a = former!.entries[0]!.alias;
  const b = short!.entries[0]!.alias;
  assert.deepEqual([a.text, a.kind, a.from, a.to, a.needsContext], ['FGT (r)', 'former', '1901', '1930', undefined]);
  assert.deepEqual([b.text, b.kind, b.from, b.to, b.needsContext], ['FGT', 'abbreviation', undefined, undefined, undefined]);
  // one record shape for both (the matcher's readers see one), and the same record on every hit
  assert.deepEqual(Object.keys(a), Object.keys(b));
  assert.equal(matchGazetteer(gaz, toks('FGT')).find((m) => !m.nested)!.entries[0]!.alias, b);
});
