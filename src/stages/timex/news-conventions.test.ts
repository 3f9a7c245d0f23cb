/**
 * TimeML conventions for news reports, on sentences written for these tests: fiscal periods,
 * reporting quarters, shift words as signals, mixed-unit durations, the document year for "the year".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pointInterval } from './calendar.ts';
import { findTimexes } from './find-timexes.ts';
import { toTimeMLTimexes } from './to-timeml.ts';
import type { Timex } from './types.ts';
import { dayToIso } from '../../core/time.ts';

function one(list: Timex[], text: string): Timex {
  const hits = list.filter((t) => t.text === text);
  assert.equal(hits.length, 1, `expected one "${text}" in ${JSON.stringify(list.map((t) => t.text))}`);
  return hits[0]!;
}

test('December ends on the 31st (month 13 rolls into the next year)', () => {
  const iv = pointInterval({ gran: 'month', y: 1998, m: 12 });
  assert.deepEqual([dayToIso(iv.earliest), dayToIso(iv.latest)], ['1998-12-01', '1998-12-31']);
  const found = findTimexes('The plant closed last month.', { dct: '1999-01-22' });
  assert.equal(one(found, 'last month').value, '1998-12');
});

test('"the year ended June 30" is a one-year stretch; "for the year" in a report is the document year', () => {
  const found = findTimexes('Net income for the year ended June 30 rose. In 1994 the unit was sold. For the year, sales were flat.', { dct: '1996-11-02' });
  const fiscal = found[0]!;
  assert.deepEqual([fiscal.text, fiscal.type, fiscal.value], ['the year', 'DURATION', 'P1Y']);
  // "the year" after an earlier explicit year still means the report's own year
  assert.equal(found.filter((t) => t.text === 'the year')[1]?.value, '1996');
});

test('reporting quarters: "the current quarter" is the document\'s, "the latest quarter" the last one completed, "the 1995 quarter" that year\'s', () => {
  const found = findTimexes('Profit fell in the fourth quarter. In the latest quarter, sales rose; the current quarter began well. Costs were lower than in the 1995 quarter.', { dct: '1996-10-30' });
  assert.equal(one(found, 'the latest quarter').value, '1996-Q3');
  assert.equal(one(found, 'the current quarter').value, '1996-Q4');
  assert.equal(one(found, 'the 1995 quarter').value, '1995-Q4');
});

test('"three days later" is a date in the narrative and the TimeML duration "three days"', () => {
  const found = findTimexes('The fire started on May 3, 1995. Three days later it was out.', { dct: '1995-06-01' });
  const later = one(found, 'Three days later');
  assert.deepEqual([later.type, later.value], ['DATE', '1995-05-06']);
  const timeml = toTimeMLTimexes(found).find((t) => t.start === later.start);
  assert.deepEqual([timeml?.text, timeml?.type, timeml?.value], ['Three days', 'DURATION', 'P3D']);
  // "ago" stays inside a TimeML date
  const ago = toTimeMLTimexes(findTimexes('It closed two years ago.', { dct: '1995-06-01' }))[0];
  assert.deepEqual([ago?.text, ago?.type, ago?.value], ['two years ago', 'DATE', '1993']);
});

test('fractions of a unit are written as whole units plus the rest in the next smaller one', () => {
  const found = findTimexes('The talks took a year and a half; the flight took 5 1/2 hours, the vote a minute and a half.');
  assert.equal(one(found, 'a year and a half').value, 'P1Y6M');
  assert.equal(one(found, '5 1/2 hours').value, 'PT5H30M');
  assert.equal(one(found, 'a minute and a half').value, 'PT1M30S');
});

test('a clock time takes the day of a date right after it; "last Oct. 23" keeps its day', () => {
  const found = findTimexes('The offer runs until 5 p.m. EST, Nov. 6. He was hurt last Oct. 23 at home.', { dct: '1997-10-30' });
  assert.equal(one(found, '5 p.m. EST, Nov. 6').value, '1997-11-06T17:00');
  assert.equal(one(found, 'last Oct. 23').value, '1996-10-23');
});

test('a report that speaks of its own weekdays resolves months against its date, not an old year it mentions', () => {
  const text = 'The alliance was founded in 1949 and grew in 1952, 1955 and 1982. On Tuesday the ministers met; the summit is set for April.';
  const found = findTimexes(text, { dct: '1999-03-12' });
  assert.equal(one(found, 'April').value, '1999-04');
  assert.equal(one(found, 'Tuesday').value, '1999-03-09');
});

test('"as soon as Tuesday" and "planning to ... on Monday" look ahead', () => {
  const found = findTimexes('The group could arrive as soon as Tuesday. They were planning to march on Monday.', { dct: '2003-04-03' });
  assert.equal(one(found, 'Tuesday').value, '2003-04-08');
  assert.equal(one(found, 'Monday').value, '2003-04-07');
});
