import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickNamedActors } from './graph.ts';

test('pickNamedActors: the most connected actors, ties by name, at most k', () => {
  const nodes = [
    { id: 'a', name: 'Ona Vask', degree: 2 },
    { id: 'b', name: 'Arno Velt', degree: 9 },
    { id: 'c', name: 'Brenmark', degree: 2 },
    { id: 'd', name: 'Harbour Police', degree: 5 },
  ];
  assert.deepEqual([...pickNamedActors(nodes, 3)], ['b', 'd', 'c']);
  assert.equal(pickNamedActors(nodes, 10).size, 4);
  assert.equal(pickNamedActors([], 3).size, 0);
});
