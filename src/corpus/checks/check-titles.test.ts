import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextOf, sourceOf } from '../testing.ts';
import { capitalizedTail, checkOfficeAnachronism, checkRoleConfusionByTitle, joinPeriods } from './check-titles.ts';

const kinds = (text: string, check: typeof checkOfficeAnachronism) => check(contextOf([sourceOf(text)])).map((c) => c.entity);

test('office anachronism: a president before the inauguration', () => {
  const found = checkOfficeAnachronism(contextOf([sourceOf('In November 1959, US President John F. Kennedy flew to the Adriatic coast.')]));
  assert.equal(found.length, 1);
  assert.equal(found[0]!.kind, 'office-anachronism');
  assert.equal(found[0]!.entity, 'Q9696');
  assert.match(found[0]!.explanation, /before taking that office/);
  assert.match(found[0]!.explanation, /Eisenhower/);
  assert.ok(found[0]!.facts.some((f) => f.ref === 'us-president'));
  assert.match(found[0]!.evidence[0]!.text, /November 1959/);
});

test('office anachronism: General Secretary while the title was First Secretary', () => {
  assert.deepEqual(kinds('In 1965 General Secretary Brezhnev received the delegation in Moscow.', checkOfficeAnachronism), ['Q765165']);
});

test('office anachronism: silent on correct titles, on modified titles and on undated sentences', () => {
  for (const ok of [
    'In 1962 President Kennedy spoke to the nation about the missiles.',
    'On February 25, 1956, the First Secretary of the Central Committee Nikita Khrushchev spoke at a closed session.',
    'In 1959 the future President Kennedy toured the Senate hearings.',
    'In 1970 former First Secretary Khrushchev dictated his memoirs.',
    'President Kennedy later recalled the crisis.',
    'In 1968 General Secretary Brezhnev approved the intervention.',
  ]) {
    assert.deepEqual(kinds(ok, checkOfficeAnachronism), [], ok);
  }
});

test('role confusion by title: someone else held the office then', () => {
  const found = checkRoleConfusionByTitle(contextOf([sourceOf('In 1956 Soviet Premier Khrushchev visited Belgrade to mend relations.')]));
  // Khrushchev held the premiership later (1958), so this is an anachronism, not a confusion.
  assert.equal(found.length, 0);
  const confused = checkRoleConfusionByTitle(contextOf([sourceOf('In 1960 US President Tito met the press in Washington.')]));
  assert.equal(confused.length, 1);
  assert.equal(confused[0]!.kind, 'role-confusion');
  assert.match(confused[0]!.explanation, /Eisenhower/);
});

test('role confusion by title: silent when the person held it', () => {
  assert.deepEqual(kinds('In 1957 Soviet Premier Bulganin signed the note.', checkRoleConfusionByTitle), []);
  assert.deepEqual(kinds('In 1960 President Tito opened the conference.', checkRoleConfusionByTitle), []);
});

test('office anachronism: the title the office bore at another time', () => {
  const found = checkOfficeAnachronism(contextOf([sourceOf('In 1958 General Secretary Khrushchev announced the new seven-year plan.')]));
  assert.equal(found.length, 1);
  assert.match(found[0]!.explanation, /titled First Secretary of the CPSU/);
  assert.match(found[0]!.explanation, /was in use 1922–1952, 1966–1982\./);
});

test('joinPeriods: successive holders of a title read as one period', () => {
  assert.deepEqual(joinPeriods([{ from: 1982, to: 1984 }, { from: 1966, to: 1982 }, { from: 1922, to: 1952 }, { from: 1984, to: 1985 }]), ['1922–1952', '1966–1985']);
  assert.deepEqual(joinPeriods([{ from: 1990, to: null }, { from: 1985, to: 1991 }]), ['1985–present']);
  assert.deepEqual(joinPeriods([]), []);
});

test('titled mentions: the written title keeps only the capitalized words before it', () => {
  const found = checkOfficeAnachronism(contextOf([sourceOf('In November 1959, reporters traded jokes with US President John F. Kennedy on the Adriatic coast.')]));
  assert.equal(found.length, 1);
  assert.match(found[0]!.explanation, /called "US President"/);
  assert.match(found[0]!.evidence[0]!.text, /November 1959/);
  assert.equal(capitalizedTail('trading insults with '), '');
  assert.equal(capitalizedTail('jokes with US '), 'US ');
  assert.equal(capitalizedTail('Soviet Union '), 'Soviet Union ');
});
