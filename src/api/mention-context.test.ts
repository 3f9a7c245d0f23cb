import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spanContext } from './mention-context.ts';

const TEXT = 'The ferry office\n\nIn the winter of 1931 the harbour master Mira Holm closed the ferry office for good\nand sold its boats.\n\nAftermath\n\nNobody reopened it.';

test('context stays inside the paragraph and never starts or ends inside a word', () => {
  const start = TEXT.indexOf('Mira Holm');
  const c = spanContext(TEXT, start, start + 'Mira Holm'.length, 20);
  assert.equal(c.before, 'the harbour master ');
  assert.equal(c.after, ' closed the ferry');
  assert.equal(c.cutBefore, true);
  assert.equal(c.cutAfter, true);
  const wide = spanContext(TEXT, start, start + 'Mira Holm'.length, 200);
  assert.equal(wide.before, 'In the winter of 1931 the harbour master ');
  assert.equal(wide.after, ' closed the ferry office for good and sold its boats.');
  assert.equal(wide.cutBefore, false);
  assert.equal(wide.cutAfter, false);
});

test('a span at the very start or end of the text has empty, uncut sides', () => {
  const c = spanContext('Holm left.', 0, 4);
  assert.deepEqual(c, { before: '', after: ' left.', cutBefore: false, cutAfter: false });
});
