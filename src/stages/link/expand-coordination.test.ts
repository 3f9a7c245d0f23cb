import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { tokenize } from '../tokens/tokenize.ts';
import { expandCoordination, singularOf } from './expand-coordination.ts';

const kb = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:wp-a', type: 'organization', name: 'Workers Party of Arland', aliases: [] },
      { id: 'local:wp-b', type: 'organization', name: 'Workers Party of Borland', aliases: [] },
    ],
  },
]);
const toks = (text: string) => tokenize(text).map((t) => ({ start: t.start, end: t.end, text: text.slice(t.start, t.end), sentence: 0 }));

test('plural heads are made singular', () => {
  assert.equal(singularOf('Parties'), 'Party');
  assert.equal(singularOf('Committees'), 'Committee');
  assert.equal(singularOf('Party'), undefined);
});

test('a shared plural head names each conjunct the knowledge base knows', () => {
  const text = 'Delegates of the Workers Parties of Arland and Borland met.';
  const ms = expandCoordination(kb, toks(text));
  assert.deepEqual(ms.map((m) => m.entity), ['local:wp-a', 'local:wp-b']);
  assert.equal(text.slice(ms[0]!.start, ms[0]!.end), 'Workers Parties of Arland and Borland');
  // one known conjunct is not enough
  assert.deepEqual(expandCoordination(kb, toks('The Workers Parties of Arland and Zenland met.')), []);
});
