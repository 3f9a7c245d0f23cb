import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { buildGazetteer, matchGazetteer } from './gazetteer.ts';

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
