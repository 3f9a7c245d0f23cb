import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextOf, sourceOf, sourceWithEvents } from '../testing.ts';
import { alsoSay, checkDateMismatch, checkEventDatesAgainstKb } from './check-event-dates.ts';

const visit = (title: string, text: string, edtf: string, earliest: string, latest: string) =>
  sourceWithEvents(title, [{ text, trigger: 'visited', cls: 'visit', agents: [['Q35314', 'Khrushchev']], others: [['Q15031', 'Tito']], edtf, earliest, latest }]);

test('date mismatch: two sources date the same visit in different years', () => {
  const a = visit('A', 'Khrushchev visited Tito in Belgrade in May 1955 to apologize.', '1955-05', '1955-05-01', '1955-05-31');
  const b = visit('B', 'Khrushchev visited Tito in Belgrade in 1956 to apologize.', '1956', '1956-01-01', '1956-12-31');
  const c = checkDateMismatch(contextOf([a, b]));
  assert.equal(c.length, 1);
  assert.equal(c[0]!.kind, 'date-mismatch');
  assert.equal(c[0]!.evidence.length, 2);
  assert.deepEqual(new Set(c[0]!.evidence.map((e) => e.source)), new Set([a.id, b.id]));
});

test('date mismatch: silent when the intervals meet (a month inside a year, an approximate decade)', () => {
  const a = visit('A', 'Khrushchev visited Tito in Belgrade in May 1955 to apologize.', '1955-05', '1955-05-01', '1955-05-31');
  const b = visit('B', 'Khrushchev visited Tito in Belgrade in 1955 to apologize.', '1955', '1955-01-01', '1955-12-31');
  const c = visit('C', 'Khrushchev visited Tito in Belgrade in the mid-1950s to apologize.', '1954/1956~', '1954-01-01', '1956-12-31');
  const ctx = contextOf([a, b, c]);
  assert.deepEqual(checkDateMismatch(ctx), []);
  assert.equal(ctx.events.length, 1);
  assert.deepEqual(ctx.events[0]!.interval, { earliest: '1955-05-01', latest: '1955-05-31' });
  assert.equal(ctx.events[0]!.sources.length, 3);
});

test('event dated against the KB: a named event given another date', () => {
  const a = sourceOf('Khrushchev delivered the Secret Speech in 1957 to a stunned hall.', { title: 'A' });
  const b = sourceOf('On 25 February 1956 the Secret Speech was read to the delegates.', { title: 'B' });
  const ctx = contextOf([a, b]);
  const c = checkEventDatesAgainstKb(ctx);
  assert.equal(c.length, 1);
  assert.equal(c[0]!.evidence[0]!.source, a.id);
  assert.match(c[0]!.explanation, /Secret Speech to 1957.*1956-02-25.*"B"/);
  // The KB knows the date, so no cross-source mismatch is reported on top.
  assert.deepEqual(checkDateMismatch(ctx), []);
});

test('event dated against the KB: silent on the right date and on undated mentions', () => {
  const ctx = contextOf([sourceOf('In February 1956 Khrushchev gave the Secret Speech. The Secret Speech shook the bloc for years.')]);
  assert.deepEqual(checkEventDatesAgainstKb(ctx), []);
});

test('alsoSay: one voice named twice says, two voices say', () => {
  assert.equal(alsoSay(['"A"', '"A"']), '"A" also says');
  assert.equal(alsoSay(['"A"', '"B"']), '"A", "B" also say');
});
