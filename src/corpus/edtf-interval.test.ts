import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarInterval, dayNumber } from '../core/time.ts';
import { describeInterval, edtfToInterval, widenApproximate } from './edtf-interval.ts';

test('edtfToInterval: dates, decades, intervals, open ends', () => {
  assert.deepEqual(edtfToInterval('1956-02-25'), { ...calendarInterval(1956, 2, 25), approximate: false });
  assert.deepEqual(edtfToInterval('1956-02'), { ...calendarInterval(1956, 2), approximate: false });
  assert.deepEqual(edtfToInterval('196X'), { earliest: dayNumber(1960), latest: dayNumber(1970) - 1, approximate: false });
  assert.deepEqual(edtfToInterval('1964/1966~'), { earliest: dayNumber(1964), latest: dayNumber(1967) - 1, approximate: true });
  assert.equal(edtfToInterval('../1953')!.latest, dayNumber(1954) - 1);
  assert.ok(edtfToInterval('../1953')!.earliest < dayNumber(1000));
  assert.equal(edtfToInterval('1991-09-06/..')!.earliest, dayNumber(1991, 9, 6));
  assert.equal(edtfToInterval('nonsense'), null);
});

test('widenApproximate and describeInterval', () => {
  const w = widenApproximate({ ...calendarInterval(1956), approximate: true });
  assert.equal(w.earliest, dayNumber(1956) - 366);
  assert.equal(describeInterval(calendarInterval(1956)), '1956');
  assert.equal(describeInterval(calendarInterval(1956, 2)), '1956-02');
  assert.equal(describeInterval(calendarInterval(1956, 2, 25)), '1956-02-25');
});
