import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayToIso } from '../../core/time.ts';
import { isoWeekOf, pointEdtf, pointInterval, pointValue, shiftPoint } from './calendar.ts';
import { dayNumber } from '../../core/time.ts';

test('ISO weeks', () => {
  assert.deepEqual(isoWeekOf(dayNumber(1989, 10, 31)), { y: 1989, w: 44 });
  assert.deepEqual(isoWeekOf(dayNumber(2021, 1, 1)), { y: 2020, w: 53 });
});

test('values, EDTF and intervals of partial dates', () => {
  assert.equal(pointValue({ gran: 'quarter', y: 1989, q: 3 }), '1989-Q3');
  assert.equal(pointEdtf({ gran: 'quarter', y: 1989, q: 3 }), '1989-35');
  assert.equal(pointEdtf({ gran: 'season', y: 1998, s: 'FA' }), '1998-23');
  assert.equal(pointEdtf({ gran: 'decade', y: 196 }, 'END'), '1967~/1969~');
  const iv = pointInterval({ gran: 'month', y: 1956, m: 2 }, 'END');
  assert.deepEqual([dayToIso(iv.earliest), dayToIso(iv.latest)], ['1956-02-21', '1956-02-29']);
});

test('shifting keeps the unit granularity and clamps month ends', () => {
  assert.equal(pointValue(shiftPoint({ gran: 'day', y: 1989, m: 10, d: 31 }, -1, 'M')), '1989-09');
  assert.equal(pointValue(shiftPoint({ gran: 'year', y: 1934 }, 4, 'Y')), '1938');
  assert.equal(pointValue(shiftPoint({ gran: 'day', y: 2000, m: 3, d: 31 }, -1, 'D')), '2000-03-30');
});
