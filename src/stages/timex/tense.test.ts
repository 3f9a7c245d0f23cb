import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTimexes } from './find-timexes.ts';
import { loadTimexRules } from './load-rules.ts';
import { governingTense } from './tense.ts';

const rules = loadTimexRules('en');

/** Tense governing the first occurrence of `word` in `text`. */
function tenseOf(text: string, word: string): string | null {
  const i = text.indexOf(word);
  return governingTense(text, i, i + word.length, rules);
}

test('the nearest cue decides, a reporting verb only right before the expression', () => {
  assert.equal(tenseOf('The council will vote on Friday.', 'Friday'), 'future');
  assert.equal(tenseOf('The council voted on Friday.', 'Friday'), 'past');
  assert.equal(tenseOf('The mayor said Friday that the vote is due soon.', 'Friday'), 'past');
  assert.equal(tenseOf('The mayor said the bonds are payable in March.', 'March'), null);
  assert.equal(tenseOf('The ferry is expected to sail on Monday.', 'Monday'), 'future');
  assert.equal(tenseOf('Nothing at all on Monday', 'Monday'), null);
});

test('bare weekdays follow the governing verb around the document date', () => {
  // 2001-05-16 is a Wednesday
  const past = findTimexes('The council met on Monday.', { dct: '2001-05-16' });
  assert.equal(past[0]?.value, '2001-05-14');
  const future = findTimexes('The council will meet on Monday.', { dct: '2001-05-16' });
  assert.equal(future[0]?.value, '2001-05-21');
  const night = findTimexes('The fire started Tuesday night.', { dct: '2001-05-16' });
  assert.equal(night[0]?.value, '2001-05-15TNI');
});
