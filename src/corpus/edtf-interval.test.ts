import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarInterval, dayNumber } from '../core/time.ts';
import { comparableIso, describeInterval, edtfToInterval, intervalToEdtf, intervalToIso, isOpenEnd, isoToInterval, knownIso, OPEN_END, widenApproximate } from './edtf-interval.ts';

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

test('open intervals stay open: null ISO sides and EDTF `..`, never a sentinel year', () => {
  const from1958 = edtfToInterval('1958/..')!;
  assert.equal(isOpenEnd(from1958), true);
  assert.deepEqual(intervalToIso(from1958), { earliest: '1958-01-01', latest: null });
  assert.equal(intervalToEdtf(from1958), '1958/..');
  assert.equal(describeInterval(from1958), 'from 1958');
  const by1979 = edtfToInterval('../1979-06')!;
  assert.deepEqual(intervalToIso(by1979), { earliest: null, latest: '1979-06-30' });
  assert.equal(intervalToEdtf(by1979), '../1979-06');
  // Round trip through the record form.
  assert.deepEqual(isoToInterval({ earliest: '1958-01-01', latest: null }), { earliest: dayNumber(1958), latest: OPEN_END });
  assert.equal(isoToInterval({ earliest: null, latest: null }), null);
  // Closed ranges keep their precision.
  assert.equal(intervalToEdtf({ earliest: dayNumber(1953, 3, 5), latest: dayNumber(1965) - 1 }), '1953-03-05/1964-12-31');
  assert.equal(intervalToEdtf(calendarInterval(1962, 10)), '1962-10');
});

test('comparableIso and knownIso: window bounds for comparison, known side for drawing', () => {
  assert.deepEqual(comparableIso({ earliest: '1958-01-01', latest: null }), { earliest: '1958-01-01', latest: '9999-12-31' });
  assert.deepEqual(knownIso({ earliest: '1958-01-01', latest: null }), { earliest: '1958-01-01', latest: '1958-01-01' });
  assert.equal(knownIso({ earliest: null, latest: null }), null);
});

test('intervalToEdtf: both ends of a range at one precision', () => {
  assert.equal(intervalToEdtf({ earliest: dayNumber(1961, 10, 17), latest: dayNumber(1961, 10, 31) }), '1961-10-17/1961-10-31');
  assert.equal(intervalToEdtf({ earliest: dayNumber(1955, 9, 1), latest: dayNumber(1956, 5, 31) }), '1955-09/1956-05');
  assert.equal(intervalToEdtf({ earliest: dayNumber(1947), latest: dayNumber(1992) - 1 }), '1947/1991');
  assert.equal(intervalToEdtf(edtfToInterval('1944-03/..')!), '1944-03/..');
});
