import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clauseAround, labelEvent, MAX_LABEL, triggerLemma } from './label-event.ts';

test('triggerLemma: verbs to the infinitive, light verbs give their object', () => {
  assert.equal(triggerLemma('was arrested'), 'arrest');
  assert.equal(triggerLemma('expelled'), 'expel');
  assert.equal(triggerLemma('broke out'), 'break out');
  assert.equal(triggerLemma('delivered a lecture'), 'lecture');
  assert.equal(triggerLemma('speech'), 'speech');
});

test('labelEvent: agent — lemma — patient; patient alone; fallback to the clause', () => {
  const s = 'After the harvest the governor dismissed his deputy.';
  assert.equal(labelEvent('dismissed', [{ role: 'agent', name: 'Governor Ilyin' }, { role: 'patient', name: 'Pyotr Sokolov' }], s, 25), 'Governor Ilyin — dismiss — Pyotr Sokolov');
  assert.equal(labelEvent('was detained', [{ role: 'patient', name: 'Pyotr Sokolov' }], s, 0), 'Pyotr Sokolov — detain');
  assert.equal(labelEvent('gave a speech', [{ role: 'agent', name: 'Anna Petrova' }, { role: 'place', name: 'Tula' }], s, 0), 'Anna Petrova — speech');
  // No participants: the clause holding the trigger.
  const long = 'When the floods came in the spring, the villagers, who had waited for months, finally abandoned the lower fields and moved their herds to the hills above the river.';
  const label = labelEvent('abandoned', [], long, long.indexOf('abandoned'));
  assert.ok(label.length <= MAX_LABEL, label);
  assert.match(label, /abandoned the lower fields/);
  assert.doesNotMatch(label, /When the floods/);
});

test('clauseAround: a short clause is widened, a long one cut around the trigger with an ellipsis', () => {
  const s = 'Yes, he said, the ferry sank near the pier.';
  assert.equal(clauseAround(s, s.indexOf('sank'), s.indexOf('sank') + 4), 'the ferry sank near the pier');
  const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
  const at = words.indexOf('word30');
  const cut = clauseAround(words, at, at + 6);
  assert.ok(cut.length <= MAX_LABEL, cut);
  assert.match(cut, /^…/);
  assert.match(cut, /word30/);
});

test('triggerLemma: a lone -ing noun stays as written; labels never end in a dangling dash', () => {
  assert.equal(triggerLemma('Uprising'), 'uprising');
  const s = 'On the first morning of the congress the delegates listened, for nearly four hours without a pause - and then they all left quietly.';
  const label = clauseAround(s, s.indexOf('listened') + 20, s.indexOf('listened') + 28, 40);
  assert.doesNotMatch(label, /[\s-]$/);
});
