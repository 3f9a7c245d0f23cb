import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextOf, sourceWithEvents } from './testing.ts';

test('clusterEvents: same class, shared participant, similar wording → one event with two sources', () => {
  const a = sourceWithEvents('A', [{ text: 'In 1959 Khrushchev visited the United States and met farmers in Iowa.', trigger: 'visited', cls: 'visit', agents: [['Q35314', 'Khrushchev']], edtf: '1959', earliest: '1959-01-01', latest: '1959-12-31' }]);
  const b = sourceWithEvents('B', [{ text: 'Khrushchev visited the United States in September 1959, touring farms in Iowa.', trigger: 'visited', cls: 'visit', agents: [['Q35314', 'Khrushchev']], edtf: '1959-09', earliest: '1959-09-01', latest: '1959-09-30' }]);
  const ctx = contextOf([a, b]);
  assert.equal(ctx.events.length, 1);
  assert.deepEqual(ctx.events[0]!.sources, [a.id, b.id].sort());
  assert.deepEqual(ctx.events[0]!.interval, { earliest: '1959-09-01', latest: '1959-09-30' });
  assert.equal(ctx.events[0]!.support.length, 2);
});

test('clusterEvents: different classes, different actors or unrelated wording stay apart', () => {
  const a = sourceWithEvents('A', [{ text: 'In 1959 Khrushchev visited the United States and met farmers in Iowa.', trigger: 'visited', cls: 'visit', agents: [['Q35314', 'Khrushchev']], edtf: '1959', earliest: '1959-01-01', latest: '1959-12-31' }]);
  const b = sourceWithEvents('B', [
    { text: 'In 1955 Bulganin visited India with a large delegation.', trigger: 'visited', cls: 'visit', agents: [['Q182986', 'Bulganin']], edtf: '1955', earliest: '1955-01-01', latest: '1955-12-31' },
    { text: 'In 1960 Khrushchev visited France and spoke with de Gaulle about Berlin.', trigger: 'visited', cls: 'visit', agents: [['Q35314', 'Khrushchev']], edtf: '1960', earliest: '1960-01-01', latest: '1960-12-31' },
  ]);
  assert.equal(contextOf([a, b]).events.length, 3);
});
