import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutPlainText } from './layout-plain-text.ts';

const page = (lead: string) =>
  ['Letters from the northern front', '', lead, '', 'The winter came early that year and the supply columns were stuck on the roads for weeks.', '', 'By spring the regiment had lost half of its horses to hunger and cold.'].join('\n');

const roleOf = (text: string, needle: string) => {
  const s = layoutPlainText(text).sections.find((x) => text.slice(x.start, x.end).startsWith(needle));
  return [s?.kind, s?.role];
};

test("an editor's lead-in after the title is marked as the editorial intro", () => {
  for (const lead of [
    'The following is a translation of a letter written by a young officer to his sister.',
    'Below we publish the memoir of a signaller, first printed in a regional newspaper.',
    'The following contains a newly translated chapter from the diary of a field nurse.',
    "Editor's note: this text appeared in a veterans' journal and is reproduced with permission.",
  ]) {
    assert.deepEqual(roleOf(page(lead), lead.slice(0, 12)), ['body', 'editorial-intro'], lead);
  }
});

test('ordinary first paragraphs and later cue sentences are not intros', () => {
  const plain = 'The regiment left the city at dawn and marched north along the frozen river.';
  assert.deepEqual(roleOf(page(plain), 'The regiment left'), ['body', undefined]);
  // the cue only counts in the first paragraph after the title
  const later = page(plain).replace('By spring', 'The following is what happened next. By spring');
  assert.deepEqual(roleOf(later, 'The following is'), ['body', undefined]);
  // a long paragraph is the piece itself, not a note about it
  const long = `The following is ${'a very long account of the march and the battles that came after it, '.repeat(8)}end.`;
  assert.deepEqual(roleOf(page(long), 'The following is'), ['body', undefined]);
});
