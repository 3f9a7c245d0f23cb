import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextOf, sourceOf } from '../testing.ts';
import { checkEventAgents } from './check-event-agents.ts';

const found = (text: string) => checkEventAgents(contextOf([sourceOf(text)]));

test('role confusion in a named event: a successor credited with the speech', () => {
  const c = found('In 1956 Brezhnev delivered the Secret Speech to the congress.');
  assert.equal(c.length, 1);
  assert.equal(c[0]!.kind, 'role-confusion');
  assert.equal(c[0]!.entity, 'Q765165');
  assert.match(c[0]!.explanation, /credits to Nikita Khrushchev/);
});

test('role confusion in a named event: silent on the right performer and on reactions', () => {
  for (const ok of [
    'In 1956 Khrushchev delivered the Secret Speech to the congress.',
    'Tito welcomed the Secret Speech as a turn away from the past.',
    'Brezhnev later said little about the Secret Speech.',
  ]) {
    assert.deepEqual(found(ok).map((c) => c.explanation), [], ok);
  }
});
