import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCheckVocabulary } from '../vocabulary.ts';
import { sourceOf, contextOf } from '../testing.ts';
import { checkNumberMismatch, findNumbers } from './check-numbers.ts';

test('findNumbers: units and the ranges qualifiers allow', () => {
  const v = loadCheckVocabulary();
  const n = findNumbers('about 200 soldiers were killed, more than 30 wounded and 58 border guards died in 1969', 0, v);
  assert.deepEqual(
    n.map((x) => [x.unit, x.low, x.high]),
    [
      ['soldiers', 160, 240],
      ['wounded', 30, Infinity],
      ['soldiers', 58, 58],
    ],
  );
});

test('number mismatch: two sources count the dead of one crisis differently', () => {
  const a = sourceOf('During the Cuban Missile Crisis in 1962, 1 pilot was shot down and 12 men were killed.', { title: 'A' });
  const b = sourceOf('In October 1962 the Cuban Missile Crisis left 40 men killed on both sides.', { title: 'B' });
  const c = checkNumberMismatch(contextOf([a, b]));
  assert.equal(c.length, 1);
  assert.equal(c[0]!.kind, 'number-mismatch');
  assert.match(c[0]!.explanation, /12 men.*40 men|40 men.*12 men/);
});

test('number mismatch: silent when approximate counts can agree, and within one source', () => {
  const a = sourceOf('During the Cuban Missile Crisis in 1962 about 35 men were killed.', { title: 'A' });
  const b = sourceOf('In October 1962 the Cuban Missile Crisis left 40 men killed on both sides.', { title: 'B' });
  assert.deepEqual(checkNumberMismatch(contextOf([a, b])), []);
  const one = sourceOf('The Cuban Missile Crisis in 1962 left 12 men killed. Later counts of the Cuban Missile Crisis say 40 men killed.');
  assert.deepEqual(checkNumberMismatch(contextOf([one])), []);
});
