import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Section } from '../../core/types.ts';
import { findArticleAuthorReferences, findCommentAuthors, userId } from './comment-authors.ts';

test('user names in comment headers and meta lines are mentions of one local person', () => {
  const text = '1. zorro-7 Offline zorro-7\nzorro-7 (Zorro) 2 May 2020 10: 00\nNice piece, zorro-7 agrees.';
  const sections: Section[] = [
    { id: 'h', kind: 'chrome', role: 'comment-header', parent: 'c', start: 0, end: 26 },
    { id: 'm', kind: 'chrome', role: 'comment-meta', parent: 'c', start: 27, end: 61 },
    { id: 'c', kind: 'comment', author: 'zorro-7', displayName: 'Zorro', start: 62, end: text.length },
  ];
  const ms = findCommentAuthors(text, sections);
  assert.deepEqual(ms.map((m) => text.slice(m.start, m.end)), ['zorro-7', 'zorro-7', 'zorro-7 (Zorro)']);
  assert.ok(ms.every((m) => m.entity === userId('zorro-7') && m.name === 'zorro-7'));
  assert.equal(userId('zorro-7'), 'local:user-zorro-7');
});

test('"the author" in a comment is the page author when the page names one, else unresolved', () => {
  const text = 'By Dora Finch\nAn essay on gardens.\nThanks to the Author! The author of that song disagrees.';
  const sections: Section[] = [
    { id: 'b', kind: 'body', start: 14, end: 34 },
    { id: 'c', kind: 'comment', author: 'zorro-7', start: 35, end: text.length },
  ];
  const named = findArticleAuthorReferences(text, sections, 'Dora Finch');
  assert.deepEqual(named.map((r) => [text.slice(r.start, r.end), r.entity, r.name]), [['the Author', 'local:dora-finch', 'Dora Finch']]);
  // no metadata: the credit line names the author ("By Dora Finch")
  const credit: Section[] = [...sections, { id: 'k', kind: 'credit', role: 'author', start: 0, end: 13 }];
  assert.equal(findArticleAuthorReferences(text, credit)[0]?.entity, 'local:dora-finch');
  const anonymous = findArticleAuthorReferences(text, sections);
  assert.deepEqual(anonymous.map((r) => [text.slice(r.start, r.end), r.entity]), [['the Author', undefined]]);
  // outside comments "the author" is left alone
  assert.deepEqual(findArticleAuthorReferences(text, [sections[0]!], 'Dora Finch'), []);
});
