import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from './load-kb.ts';
import type { KbFile } from './load-kb.ts';

const base: KbFile = {
  entities: [
    { id: 'local:ruritania', type: 'place', name: 'Ruritania', aliases: [{ text: 'Ruritanian', kind: 'demonym' }] },
    { id: 'local:rassendyll', type: 'person', name: 'Rudolf Rassendyll', aliases: [], start: '1850', source: 'The Prisoner of Zenda' },
  ],
};

test('a repeated entity adds aliases and fills in a missing qid and source', () => {
  const later: KbFile = {
    entities: [
      {
        id: 'local:ruritania', qid: 'Q1', type: 'place', name: 'Ruritania', aliases: [{ text: 'Kingdom of Ruritania', kind: 'full' }],
        start: '1700', source: 'https://www.wikidata.org/wiki/Q1',
      },
    ],
  };
  const kb = buildKnowledgeBase([base, later]);
  const e = kb.byId.get('local:ruritania')!;
  assert.equal(kb.entities.length, 2);
  assert.equal(e.qid, 'Q1');
  assert.equal(e.source, 'https://www.wikidata.org/wiki/Q1');
  assert.equal(e.start, '1700');
  assert.deepEqual(e.aliases.map((a) => a.text), ['Ruritanian', 'Kingdom of Ruritania']);
});

test('a repeated entity never overwrites a value already set, nor dates sourced elsewhere', () => {
  const later: KbFile = {
    entities: [
      { id: 'local:rassendyll', qid: 'Q2', type: 'person', name: 'R. Rassendyll', aliases: [], start: '1851', end: '1900', source: 'https://www.wikidata.org/wiki/Q2' },
    ],
  };
  const e = buildKnowledgeBase([base, later]).byId.get('local:rassendyll')!;
  assert.equal(e.name, 'Rudolf Rassendyll');
  assert.equal(e.qid, 'Q2');
  assert.equal(e.start, '1850');
  assert.equal(e.source, 'The Prisoner of Zenda');
  assert.equal(e.end, undefined, 'an end date from another source is not attached to the first source');
});

test('merging leaves the input files untouched', () => {
  const later: KbFile = { entities: [{ id: 'local:ruritania', qid: 'Q1', type: 'place', name: 'Ruritania', aliases: [] }] };
  buildKnowledgeBase([base, later]);
  assert.equal(base.entities![0]!.qid, undefined);
  assert.equal(base.entities![0]!.aliases.length, 1);
});
