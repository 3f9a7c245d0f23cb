import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuotes } from './find-quotes.ts';

const content = (text: string) => findQuotes(text).map((q) => text.slice(q.contentStart, q.contentEnd));

test('a quote opened with “ closes with ” or with a straight mark before the attribution', () => {
  assert.deepEqual(content('“The harvest failed twice,” the steward wrote.'), ['The harvest failed twice']);
  assert.deepEqual(content('“The harvest failed twice, "the steward wrote.'), ['The harvest failed twice']);
});

test('a straight quote after a word inside a typographic quote is nested', () => {
  const text = '“He spoke of "iron order" to the guild,” she said.';
  const qs = findQuotes(text);
  assert.deepEqual(qs.map((q) => [text.slice(q.contentStart, q.contentEnd), q.depth]), [['He spoke of "iron order" to the guild', 0], ['iron order', 1]]);
});

test('a quote runs over paragraphs up to its closing mark, with or without repeated openers', () => {
  const a = '“The mills stood idle.\n\nThe river froze early.\n\nNobody expected a famine,” the miller said.';
  const qa = findQuotes(a);
  assert.equal(qa.length, 1);
  assert.equal(qa[0]!.paragraphs, 2);
  assert.ok(a.slice(qa[0]!.contentStart, qa[0]!.contentEnd).startsWith('The mills'));
  const b = '“The mills stood idle.\n\n“Nobody expected a famine,” the miller said.';
  assert.equal(findQuotes(b).length, 1);
});

test('an opening mark that never closes is ignored and does not swallow later quotes', () => {
  const text = 'The “ mark dangles here. Later she said "no surrender" twice.';
  assert.deepEqual(content(text), ['no surrender']);
});
