import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutPlainText } from './layout-plain-text.ts';

const thread = (a: string, b: string) =>
  [
    'Notes on the river crossing',
    '',
    'The crossing took three nights and the bridge was built twice after the first one was washed away.',
    '  1. boatman Offline boatman',
    '    boatman 3 March 2021 10: 15',
    `    ${a}`,
    '  2. engineer7 Offline engineer7',
    '    engineer7 (Ivan) 3 March 2021 11: 20',
    `    ${b}`,
  ].join('\n');

function emoticons(text: string) {
  const { sections } = layoutPlainText(text);
  const comments = sections.filter((s) => s.kind === 'comment');
  return sections
    .filter((s) => s.role === 'emoticon')
    .map((s) => {
      assert.equal(s.kind, 'chrome');
      const parent = comments.find((c) => c.id === s.parent);
      assert.ok(parent && parent.start <= s.start && s.end <= parent.end, 'inside its comment');
      return text.slice(s.start, s.end);
    });
}

test('smiley alt words between sentences or at a line end are marked inside the comment', () => {
  const text = thread('Great story, my uncle was there. good The pontoons were made of barrels. laughing', 'They rebuilt it in one night! wink wassat\n    If you call that a "bridge" smile ) it held.');
  assert.deepEqual(emoticons(text), ['good', 'laughing', 'wink wassat', 'smile']);
});

test('the same words used as words are left alone', () => {
  const text = thread('Good engineers built it well. Yes, I am sure of it.', 'It was a good bridge and I am proud of it. I smile when I think of it.');
  assert.deepEqual(emoticons(text), []);
});

test('a never-a-word emoticon also counts at a line end after any word', () => {
  assert.deepEqual(emoticons(thread('I do not believe that story belay', 'Me neither lol')), ['belay', 'lol']);
});
