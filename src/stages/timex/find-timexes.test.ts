import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTimexes } from './find-timexes.ts';
import { toTimeMLTimexes } from './to-timeml.ts';
import type { Timex } from './types.ts';

/** The one expression whose text is `text`. */
function one(list: Timex[], text: string): Timex {
  const hits = list.filter((t) => t.text === text);
  assert.equal(hits.length, 1, `expected one "${text}" in ${JSON.stringify(list.map((t) => t.text))}`);
  return hits[0]!;
}

test('explicit dates get exact spans without prepositions or punctuation', () => {
  const text = 'On February 25, 1956, the delegates met; in November 1959 they met again.';
  const found = findTimexes(text);
  const a = one(found, 'February 25, 1956');
  assert.equal(text.slice(a.start, a.end), 'February 25, 1956');
  assert.deepEqual([a.type, a.value, a.edtf, a.granularity], ['DATE', '1956-02-25', '1956-02-25', 'day']);
  assert.deepEqual(a.interval, { earliest: '1956-02-25', latest: '1956-02-25' });
  assert.deepEqual(a.signal, { text: 'On', relation: 'during' });
  const b = one(found, 'November 1959');
  assert.deepEqual([b.value, b.edtf, b.interval?.latest], ['1959-11', '1959-11', '1959-11-30']);
});

test('decades and their vague parts follow the gold convention', () => {
  const found = findTimexes('In the early 60s, in the mid-1960s, in the late 1980s and at the turn of the 1950s and 1960s; the 1970s too.');
  assert.equal(one(found, 'the early 60s').edtf, '1960~/1963~');
  assert.equal(one(found, 'the mid-1960s').edtf, '1964~/1966~');
  assert.equal(one(found, 'the mid-1960s').value, '196');
  assert.equal(one(found, 'the late 1980s').edtf, '1987~/1989~');
  assert.equal(one(found, 'the turn of the 1950s and 1960s').edtf, '1959~/1960~');
  assert.equal(one(found, 'the 1970s').edtf, '197X');
});

test('ranges and coordinations', () => {
  const found = findTimexes('It ran 1956–1964, then in August-September 1969, in 1956, 1962 and 1968, from the late 1950s to the mid-1960s and in the 1930s-1950s.');
  const r = one(found, '1956–1964');
  assert.equal(r.edtf, '1956/1964');
  assert.deepEqual(r.parts?.map((p) => p.value), ['1956', '1964']);
  const m = one(found, 'August-September 1969');
  assert.equal(m.edtf, '1969-08/1969-09');
  assert.deepEqual(m.parts?.map((p) => [p.text, p.value]), [['August', '1969-08'], ['September 1969', '1969-09']]);
  assert.deepEqual(['1956', '1962', '1968'].map((y) => one(found, y).value), ['1956', '1962', '1968']);
  assert.equal(one(found, 'the late 1950s to the mid-1960s').edtf, '1957~/1966~');
  assert.equal(one(found, 'the 1930s-1950s').edtf, '1930/1959');
});

test('durations, sets and times carry TIMEX3 values', () => {
  const found = findTimexes('He was away for about three years and worked every Thursday at 10:30 a.m. on a two-week shift, twice a year.', { dct: '1998-02-13' });
  const d = one(found, 'three years');
  assert.deepEqual([d.type, d.value, d.mod, d.edtf], ['DURATION', 'P3Y', 'APPROX', null]);
  assert.deepEqual([one(found, 'every Thursday').type, one(found, 'every Thursday').value], ['SET', 'XXXX-WXX-4']);
  assert.equal(one(found, '10:30 a.m.').type, 'TIME');
  assert.equal(one(found, '10:30 a.m.').value, '1998-02-13T10:30');
  assert.equal(one(found, 'two-week').value, 'P2W');
  assert.equal(one(found, 'twice a year').type, 'SET');
});

test('deictic expressions resolve against the document date, news style', () => {
  const found = findTimexes('Profit rose in the third quarter, the company said Friday. Last year it fell; this week it rallied, and next month it reports.', { dct: '1989-10-31' });
  assert.equal(one(found, 'the third quarter').value, '1989-Q3');
  assert.equal(one(found, 'Friday').value, '1989-10-27');
  assert.equal(one(found, 'Last year').value, '1988');
  assert.equal(one(found, 'this week').value, '1989-W44');
  assert.equal(one(found, 'next month').value, '1989-11');
  assert.equal(one(found, 'Last year').anchor.kind, 'document');
});

test('"may" the verb and "march" the verb are not months', () => {
  const found = findTimexes('They may march on the capital in May.', { dct: '2001-01-10' });
  assert.deepEqual(found.map((t) => t.text), ['May']);
});

test('ages are not durations', () => {
  assert.deepEqual(findTimexes('The 52-year-old driver was 40 years old.').map((t) => t.text), []);
});

test('the TimeML view splits ranges and drops event-anchored expressions', () => {
  const found = findTimexes('From 1956 to 1964 he ruled; after that he wrote.');
  const tml = toTimeMLTimexes(found);
  assert.deepEqual(tml.map((t) => t.text), ['1956', '1964']);
  assert.ok(found.some((t) => t.extension && t.text === 'after that'));
});

test('duration spans take in their quantifiers, fractions, count ranges and "or so", not a governing "the"', () => {
  const text = 'The 30-day truce held for more than four hours, then at least 12 days, then 3 1/2 years; talks lasted two to five weeks and a month or so ago ended.';
  const found = findTimexes(text, { dct: '2001-05-10' });
  assert.equal(one(found, '30-day').value, 'P30D');
  assert.deepEqual([one(found, 'more than four hours').value, one(found, 'more than four hours').mod], ['PT4H', 'MORE_THAN']);
  assert.equal(one(found, 'at least 12 days').mod, 'EQUAL_OR_MORE');
  // TimeML writes the whole years and the rest in months (TimeBank: "2 1/2 years" = P2Y6M)
  assert.equal(one(found, '3 1/2 years').value, 'P3Y6M');
  assert.equal(one(found, 'two to five weeks').value, 'P2W');
  const ago = one(found, 'a month or so ago');
  assert.deepEqual([ago.value, ago.mod], ['2001-04', 'APPROX']);
});

test('"N years ago this month" and "N years ago today" are one date: that month or day, N years back', () => {
  const found = findTimexes('Fifty years ago this month the island was shelled; ten years ago today the treaty was signed; two years ago it rained.', { dct: '2019-03-02' });
  assert.equal(one(found, 'Fifty years ago this month').value, '1969-03');
  assert.equal(one(found, 'ten years ago today').value, '2009-03-02');
  assert.equal(one(found, 'two years ago').value, '2017');
  assert.ok(!found.some((t) => t.text === 'this month' || t.text === 'today'));
});
