import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceTitle } from './source-view.ts';

test('sourceTitle: the title, else the file base name, never the full path', () => {
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', title: '  Letters from  Tula ', path: '/data/x/letters.txt' } }), 'Letters from Tula');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', path: '/home/user/corpus/letters/1957-tula.txt' } }), '1957-tula.txt');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', path: 'C:\\archive\\diary.md' } }), 'diary.md');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'html', url: 'https://example.org/history/thaw.html?page=2' } }), 'thaw.html');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text', path: '-' } }), '-');
  assert.equal(sourceTitle({ id: 'abc', meta: { format: 'text' } }), 'abc');
});
