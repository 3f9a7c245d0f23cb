import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarInterval, dayNumber } from '../core/time.ts';
import { mergeWithin } from './cluster-events.ts';
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

test('assembleEvents: an open-ended source date stays open, and an agreeing closed date closes it', () => {
  const since = { text: 'From 1946 the engineer Pavel Orlov led the dam works on the upper river.', trigger: 'led', cls: 'appointment', agents: [['Q35314', 'Pavel Orlov']] as Array<[string, string]>, edtf: '1946/..', earliest: '1946-01-01' };
  const open = contextOf([sourceWithEvents('A', [since])]);
  assert.deepEqual(open.events[0]!.interval, { earliest: '1946-01-01', latest: null });
  assert.equal(open.events[0]!.edtf, '1946/..');
});

test('mergeWithin: a KB-anchored date is never inverted and never wider than the record or the sources', () => {
  const rec = { earliest: dayNumber(1956, 10, 23), latest: dayNumber(1956, 11, 10) };
  // One source says October, another November: both meet the record, not each other.
  const merged = mergeWithin(rec, [calendarInterval(1956, 10), calendarInterval(1956, 11)]);
  assert.ok(merged.earliest <= merged.latest);
  assert.deepEqual(merged, rec);
  // Sources that share a day narrow it.
  assert.deepEqual(mergeWithin(rec, [calendarInterval(1956, 11), calendarInterval(1956, 11, 4)]), calendarInterval(1956, 11, 4));
  // A source narrower than the record, alone: its own span within the record.
  assert.deepEqual(mergeWithin(rec, [calendarInterval(1956, 10)]), { earliest: rec.earliest, latest: dayNumber(1956, 10, 31) });
});

test('assembleEvents: labels are short, from participants and the trigger lemma, or a trimmed clause', () => {
  const a = sourceWithEvents('A', [
    { text: 'In March 1962 the old marshal Stalin was arrested by the guards at the border post near the lake.', trigger: 'was arrested', cls: 'arrest', agents: [], others: [['Q855', 'Stalin']], edtf: '1962-03', earliest: '1962-03-01', latest: '1962-03-31' },
    { text: 'Through the long wet summer of 1961, while the harvest rotted in the fields and the roads washed away, the cooperatives quarrelled bitterly with the ministry about prices.', trigger: 'quarrelled', cls: 'conflict', agents: [], edtf: '1961', earliest: '1961-01-01', latest: '1961-12-31' },
  ]);
  const labels = contextOf([a]).events.map((e) => e.label);
  assert.equal(labels.length, 2);
  assert.ok(labels.includes('Joseph Stalin — arrest'), labels.join(' | '));
  const clause = labels.find((l) => l !== 'Joseph Stalin — arrest')!;
  assert.equal(clause, 'the cooperatives quarrelled bitterly with the ministry about prices');
});
