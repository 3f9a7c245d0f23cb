import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreCheckWorthiness, scoreCheckWorthinessHeuristic } from './checkworthy.ts';

test('a sentence with figures is more check-worthy than a greeting or a question', () => {
  const claim = 'Unemployment fell from 9 percent to 4 percent in six years, and we created 11 million jobs.';
  const greeting = 'Thank you all so much for being here tonight.';
  const question = 'What would you say to the voters at home?';
  for (const score of [scoreCheckWorthiness, scoreCheckWorthinessHeuristic]) {
    const c = score(claim);
    assert.ok(c >= 0 && c <= 1);
    assert.ok(c > score(greeting), `${score.name}: claim ${c} vs greeting ${score(greeting)}`);
    assert.ok(c > score(question));
  }
});
