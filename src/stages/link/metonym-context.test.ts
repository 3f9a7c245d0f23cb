import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metonymContext, type MetonymCues } from './metonym-context.ts';

const cues: MetonymCues = {
  agentVerbs: new Set(['refused', 'said']),
  agentNouns: new Set(['policy', 'requests', 'behest']),
  agentBefore: new Set(['with', 'between']),
  literalBefore: new Set(['in', 'from', 'to']),
  positionBefore: new Set(['in', 'over']),
  auxiliaries: new Set(['has', 'is', 'would']),
  clauseOpeners: new Set(['that', 'today']),
};
const ctx = (before: string[], after: string[], atSentenceStart = false) => metonymContext({ before, after, atSentenceStart }, cues);

test('a verb, an agent noun or an agentive preposition makes the seat of power act', () => {
  assert.equal(ctx(['then'], ['refused', 'the']), 'acting');
  assert.equal(ctx(['ignored'], ["'s", 'many', 'requests']), 'acting');
  assert.equal(ctx(['the', 'behest', 'of'], [',']), 'acting');
  assert.equal(ctx(['relations', 'with'], ['.']), 'acting');
});

test('a locative word makes it the place, looking past an article only for words of position', () => {
  assert.equal(ctx(['arrived', 'in'], ['.']), 'literal');
  assert.equal(ctx(['flags', 'over', 'the'], ['?']), 'literal');
  // "officials from the Palace" are its people, not a place
  assert.equal(ctx(['officials', 'from', 'the'], [',']), 'none');
});

test('a name opening a clause is the subject of the verb that follows', () => {
  assert.equal(ctx([], ['delivered', 'the'], true), 'acting');
  assert.equal(ctx(['today'], ['is', 'slowly']), 'acting');
  assert.equal(ctx(['that'], [',', 'for', 'years']), 'acting');
  // "X is a city", a list of names after a comma, or a name mid-sentence say nothing
  assert.equal(ctx([], ['is', 'a'], true), 'none');
  assert.equal(ctx([], [',', 'Oslo', 'and'], true), 'none');
  assert.equal(ctx(['saw'], ['delivered']), 'none');
});
