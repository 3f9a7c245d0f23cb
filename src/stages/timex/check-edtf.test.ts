import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEdtf } from './check-edtf.ts';
import { findTimexes } from './find-timexes.ts';

test('checkEdtf parses with the edtf package, open sides included', () => {
  assert.deepEqual(checkEdtf('196X'), { earliest: '1960-01-01', latest: '1969-12-31' });
  assert.deepEqual(checkEdtf('1989-35'), { earliest: '1989-07-01', latest: '1989-09-30' });
  assert.deepEqual(checkEdtf('1944/..'), { earliest: '1944-01-01', latest: null });
  assert.equal(checkEdtf('1956-13-45'), null);
});

test('every EDTF the finder writes parses, and agrees with its interval', () => {
  const text = 'In the early 60s, in autumn 1968, in the third quarter of 1989, from 1956 to 1964, since the late 1980s, on March 2, 1964, two weeks ago, this week, in the 20th century and in August-September 1969.';
  const found = findTimexes(text, { dct: '1990-05-15' });
  assert.ok(found.length >= 9);
  for (const t of found) {
    if (!t.edtf) continue;
    const iv = checkEdtf(t.edtf);
    assert.ok(iv, `${t.text}: ${t.edtf} parses`);
    // the edtf package reads seasons 21–24 as calendar quarters; our intervals use meteorological seasons
    if (t.granularity !== 'season') assert.equal(iv.earliest, t.interval?.earliest ?? null, `${t.text} earliest`);
  }
});

test('checkEdtf answers the same on repeated calls, and a caller changing a result does not change the next one', () => {
  const first = checkEdtf('1956-02');
  assert.deepEqual(first, { earliest: '1956-02-01', latest: '1956-02-29' });
  first!.earliest = 'changed';
  assert.deepEqual(checkEdtf('1956-02'), { earliest: '1956-02-01', latest: '1956-02-29' });
  assert.equal(checkEdtf('1956-13-45'), null);
  assert.equal(checkEdtf('1956-13-45'), null);
});
