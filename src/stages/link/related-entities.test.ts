import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { ancestorsOf, documentAffinity, isRelatedToDocument } from './related-entities.ts';

const kb = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:land', type: 'place', name: 'Rurland', aliases: [] },
      { id: 'local:party', type: 'organization', name: 'Workers Party of Rurland', aliases: [{ text: 'the party', kind: 'other', needsContext: true }] },
      { id: 'local:bureau', type: 'organization', name: 'Bureau', partOf: 'local:committee', aliases: [] },
      { id: 'local:committee', type: 'organization', name: 'Central Committee', partOf: 'local:party', aliases: [] },
      { id: 'local:other-party', type: 'organization', name: 'Farmers Party', aliases: [] },
      { id: 'local:port', type: 'place', name: 'Portmund', aliases: [] },
      { id: 'local:port-council', type: 'organization', name: 'Portmund City Council', aliases: [] },
      { id: 'local:boss', type: 'person', name: 'Ona Vask', aliases: [{ text: 'Vask', kind: 'surname' }] },
    ],
    roles: [{ person: 'local:boss', office: 'Chair of the Central Committee', officeKey: 'cc-chair', org: 'local:committee', from: '1950', source: 'fixture' }],
  },
]);

test('ancestors follow partOf upwards and stop', () => {
  assert.deepEqual(ancestorsOf(kb, 'local:bureau'), ['local:committee', 'local:party']);
  assert.deepEqual(ancestorsOf(kb, 'local:land'), []);
});

test('a document is related to the bodies its people held office in and to their parents', () => {
  const seen = new Set(['local:boss']);
  const aff = documentAffinity(kb, seen);
  assert.ok(aff.has('local:committee') && aff.has('local:party'));
  assert.equal(isRelatedToDocument(kb, 'local:party', seen, aff), true);
  assert.equal(isRelatedToDocument(kb, 'local:bureau', seen, aff), true);
  assert.equal(isRelatedToDocument(kb, 'local:other-party', seen, aff), false);
});

test('a body named after a place the document names is related; people never are', () => {
  const seen = new Set(['local:port']);
  const aff = documentAffinity(kb, seen);
  assert.equal(isRelatedToDocument(kb, 'local:port-council', seen, aff), true);
  assert.equal(isRelatedToDocument(kb, 'local:boss', new Set(['local:committee']), documentAffinity(kb, ['local:committee'])), false);
});

test('the place of a key event in which a person the document names took part is related', () => {
  const kb2 = buildKnowledgeBase([
    {
      entities: [
        { id: 'local:hall', type: 'place', name: 'Hall of Echoes', aliases: [{ text: 'the Hall', kind: 'other', needsContext: true }] },
        { id: 'local:boss', type: 'person', name: 'Ona Vask', aliases: [] },
        { id: 'local:other', type: 'person', name: 'Ilse Marr', aliases: [] },
      ],
      events: [{ id: 'local:oath', name: 'Vask takes the oath', date: '1950-05-01', class: 'ceremony', participants: ['local:boss'], place: 'local:hall', source: 'fixture' }],
    },
  ]);
  const related = (seen: string[]) => isRelatedToDocument(kb2, 'local:hall', new Set(seen), documentAffinity(kb2, seen));
  assert.equal(related(['local:boss']), true);
  assert.equal(related(['local:other']), false);
});
