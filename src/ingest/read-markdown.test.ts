import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMarkdown } from './read-markdown.ts';
import { toRawOffset } from './text-builder.ts';

const MD = `---
title: Notes on the Winter Congress
author: Lena Hart
date: 2020-01-15
---

Delegates arrived by **special train** on the *first* day.

## The agenda

The agenda was printed by [the party press](https://example.org/press) overnight.

> Nobody expected the second report.

- item one
- item two

![Delegates at the station](station.jpg)
`;

test('front matter, headings, quotes, list items, captions and links', () => {
  const r = readMarkdown(MD);
  assert.deepEqual(r.meta, { title: 'Notes on the Winter Congress', author: 'Lena Hart', published: '2020-01-15' });
  const slice = (k: string) => r.sections.filter((s) => s.kind === k).map((s) => r.text.slice(s.start, s.end));
  assert.deepEqual(slice('heading'), ['The agenda']);
  assert.deepEqual(slice('quote'), ['Nobody expected the second report.']);
  assert.deepEqual(slice('caption'), ['Delegates at the station']);
  assert.ok(slice('body').includes('Delegates arrived by special train on the first day.'));
  assert.equal(r.sections.filter((s) => s.role === 'list-item').length, 2);
  const link = r.sections.find((s) => s.kind === 'reference' && s.url === 'https://example.org/press')!;
  assert.equal(r.text.slice(link.start, link.end), 'the party press');
  // the map leads from text back into the markdown
  const at = r.text.indexOf('the party press');
  assert.ok(MD.slice(toRawOffset(r.sourceMap, at)).startsWith('the party press'));
});
