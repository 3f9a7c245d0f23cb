import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarInterval } from '../core/time.ts';
import { mergeIntervals } from './merge-intervals.ts';

const y = (n: number) => calendarInterval(n);
const m = (n: number, mo: number) => calendarInterval(n, mo);

test('mergeIntervals: agreeing intervals merge to their intersection', () => {
  const r = mergeIntervals([
    { interval: y(1956), item: 'a' },
    { interval: m(1956, 2), item: 'b' },
    { interval: { earliest: y(1955).earliest, latest: y(1957).latest }, item: 'c' },
  ]);
  assert.deepEqual(r.interval, m(1956, 2));
  assert.deepEqual(r.agreeing.sort(), ['a', 'b', 'c']);
  assert.deepEqual(r.dissenting, []);
});

test('mergeIntervals: a disjoint interval dissents and is never averaged in', () => {
  const r = mergeIntervals([
    { interval: y(1959), item: 'a' },
    { interval: m(1959, 9), item: 'b' },
    { interval: y(1961), item: 'c' },
  ]);
  assert.deepEqual(r.interval, m(1959, 9));
  assert.deepEqual(r.dissenting, ['c']);
});

test('mergeIntervals: adjacent days do not overlap; nothing dated gives null', () => {
  const r = mergeIntervals([
    { interval: { earliest: 10, latest: 20 }, item: 'a' },
    { interval: { earliest: 21, latest: 30 }, item: 'b' },
  ]);
  assert.equal(r.agreeing.length, 1);
  assert.equal(r.dissenting.length, 1);
  assert.equal(mergeIntervals([]).interval, null);
});
