import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSourceView, sourceTitle, voiceOf } from './source-view.ts';
import { indexKnowledgeBase } from './kb-index.ts';
import { fixtureKb, sourceOf } from './testing.ts';

test('sourceTitle: the title, else the file base name, never the full path', () => {
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', title: '  Letters from  Tula ', path: '/data/x/letters.txt' } }), 'Letters from Tula');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', path: '/home/user/corpus/letters/1957-tula.txt' } }), '1957-tula.txt');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', path: 'C:\\archive\\diary.md' } }), 'diary.md');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'html', url: 'https://example.org/history/thaw.html?page=2' } }), 'thaw.html');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', path: '-' } }), '-');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text' } }), 'abc');
});

test('voiceOf: a source speaks by its title, a reader comment by its commenter on that title', () => {
  const text = 'The harbour froze in 1921.\nComment: no, it froze in 1922.';
  const doc = { ...sourceOf(text, { title: 'Harbour Notes' }), sections: [{ id: 's1', kind: 'comment' as const, start: 27, end: text.length, author: 'seabird' }] };
  const view = buildSourceView(doc, indexKnowledgeBase(fixtureKb()));
  assert.equal(voiceOf(view, 4), '"Harbour Notes"');
  assert.equal(voiceOf(view, 40), 'seabird\'s comment on "Harbour Notes"');
});
