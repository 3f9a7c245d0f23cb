import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextOf, sourceOf } from '../testing.ts';
import { checkMemberships } from './check-memberships.ts';

const found = (text: string) => checkMemberships(contextOf([sourceOf(text)]));

test('membership: a state that never belonged to an alliance', () => {
  const c = found('In 1956 Yugoslavia joined the Warsaw Pact after long talks.');
  assert.equal(c.length, 1);
  assert.equal(c[0]!.kind, 'kb-contradiction');
  assert.match(c[0]!.explanation, /never a member/);
  assert.ok(c[0]!.facts.some((f) => /Warsaw Pact members/.test(f.text)));
  assert.equal(found('Yugoslavia, a member of the Warsaw Pact, sent observers.').length, 1);
});

test('membership: a wrong joining date, a date outside the membership, a false denial', () => {
  assert.match(found('Greece joined NATO in 1949.')[0]!.explanation, /joining 1952-02-18/);
  assert.match(found('In 1975 Albania was still a member of the Warsaw Pact.')[0]!.explanation, /outside its membership/);
  assert.match(found('Poland never joined the Warsaw Pact.')[0]!.explanation, /was not a member/);
});

test('membership: silent on true statements', () => {
  for (const ok of [
    'Greece joined NATO in 1952.',
    'In 1960 Albania was a member of the Warsaw Pact.',
    'Yugoslavia never joined the Warsaw Pact.',
    'The Balkan Pact linked Yugoslavia with NATO members Greece and Turkey.',
    'Poland, a member of the Warsaw Pact, hosted the talks in 1970.',
  ]) {
    assert.deepEqual(found(ok).map((c) => c.explanation), [], ok);
  }
});

test('membership: the explanation names the state as it was called at the statement\'s date', () => {
  const early = found('In 1956 Yugoslavia joined the Warsaw Pact after long talks.')[0]!.explanation;
  assert.match(early, /says Federal People's Republic of Yugoslavia joined .* but Federal People's Republic of Yugoslavia was never/);
  // later, or with no date, not the 1945-1963 name
  assert.doesNotMatch(found('In 1970 Yugoslavia joined the Warsaw Pact after long talks.')[0]!.explanation, /People's Republic/);
  assert.doesNotMatch(found('Yugoslavia, a member of the Warsaw Pact, sent observers.')[0]!.explanation, /People's Republic/);
});
