import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { tokensAndMentions } from './sentence-fixture.ts';
import { findRoleDescriptions, loadStateLeaders, type StateLeaders } from './role-descriptions.ts';

// A made-up state whose party secretaries lead it, and whose premier leads it when the party post is empty.
const kb = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:rurland', type: 'place', subtype: 'country', name: 'Rurland', aliases: [{ text: 'Rurlandian', kind: 'demonym' }, { text: 'RR', kind: 'abbreviation' }] },
      { id: 'local:vask', type: 'person', name: 'Ona Vask', aliases: [] },
      { id: 'local:peeters', type: 'person', name: 'Jan Peeters', aliases: [] },
      { id: 'local:oster', type: 'person', name: 'Lea Oster', aliases: [] },
    ],
    roles: [
      { person: 'local:vask', office: 'First Secretary of the Rurland Party', officeKey: 'rp-first', from: '1950', to: '1959', source: 'fixture' },
      { person: 'local:peeters', office: 'First Secretary of the Rurland Party', officeKey: 'rp-first', from: '1962', to: '1970', source: 'fixture' },
      { person: 'local:oster', office: 'Premier of Rurland', officeKey: 'rr-premier', from: '1958', to: '1965', source: 'fixture' },
    ],
  },
]);
const data: StateLeaders = {
  nouns: { leader: 'leader', premier: 'premier', 'party chief': 'party' },
  states: [{ state: 'local:rurland', offices: { leader: [['rp-first'], ['rr-premier']], premier: [['rr-premier']], party: [['rp-first']] }, source: 'fixture' }],
};
const PEOPLE: Array<[string, string, string]> = [
  ['Ona Vask', 'local:vask', 'PER'],
  ['Jan Peeters', 'local:peeters', 'PER'],
];
/** The role descriptions found in `text`, as [text, entity or candidates, rule]. */
const find = (text: string) => {
  const { tokens, mentions } = tokensAndMentions(text, PEOPLE);
  return findRoleDescriptions(kb, mentions, tokens, data).map((d) => [text.slice(d.start, d.end), d.entity ?? d.candidates?.join(','), d.rule]);
};

test('"the [demonym] leader" is the holder of the top office in the last year written before it', () => {
  assert.deepEqual(find('In 1955 the Rurlandian leader visited the coast.'), [['the Rurlandian leader', 'local:vask', 'role-leader-at-time']]);
  assert.deepEqual(find('By 1965 the leader of Rurland had changed course.'), [['the leader of Rurland', 'local:peeters', 'role-leader-at-time']]);
  // "the RR premier" is the premier, not the party's secretary
  assert.deepEqual(find('In 1960 the RR premier spoke.'), [['the RR premier', 'local:oster', 'role-leader-at-time']]);
});

test('when the first tier of offices is empty, the next one names the leader', () => {
  // 1960: no first secretary in office, so the premier counts as the leader
  assert.deepEqual(find('In 1960 the Rurlandian leader resigned.'), [['the Rurlandian leader', 'local:oster', 'role-leader-at-time']]);
});

test('without a year the holder named most often is meant, and a tie stays unresolved', () => {
  assert.deepEqual(find('Ona Vask spoke. Jan Peeters left. Ona Vask stayed. The Rurlandian leader smiled.'), [['The Rurlandian leader', 'local:vask', 'role-leader-salient']]);
  assert.deepEqual(find('Ona Vask spoke. Jan Peeters left. The Rurlandian leader smiled.'), [['The Rurlandian leader', 'local:peeters,local:vask', 'unresolved']]);
  // no holder named and no year: nothing to say
  assert.deepEqual(find('The Rurlandian leader smiled.'), []);
});

test('appositions, complements, "former" and other states are left to other rules', () => {
  assert.deepEqual(find('In 1955 the Rurlandian leader Ona Vask spoke.'), []);
  assert.deepEqual(find('In 1955 the Rurlandian leader of the delegation spoke.'), []);
  assert.deepEqual(find('In 1955 the former Rurlandian leader spoke.'), []);
  assert.deepEqual(find('In 1955 the Osterian leader spoke.'), []);
  assert.deepEqual(find('In 1955 the Rurlandian leaders spoke.'), []);
});

test('the bundled data names offices the knowledge base knows', () => {
  const bundled = loadStateLeaders();
  assert.ok(bundled.states.length > 10);
  assert.ok(bundled.states.every((s) => s.source.startsWith('https://') && Object.values(s.offices).every((tiers) => tiers.every((t) => t.length > 0))));
  assert.ok(Object.values(bundled.nouns).every((cls) => bundled.states.some((s) => s.offices[cls])));
});
