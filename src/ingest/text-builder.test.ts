import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText, TextBuilder, toRawOffset } from './text-builder.ts';

test('CRLF and NFC normalization keep a map back to raw offsets', () => {
  const raw = 'ab\r\ncafe\u0301 x\r\nend';
  const { text, sourceMap } = normalizeText(raw);
  assert.equal(text, 'ab\ncafé x\nend');
  for (const word of ['ab', 'x', 'end']) {
    assert.equal(raw.slice(toRawOffset(sourceMap, text.indexOf(word))).startsWith(word), true, word);
  }
});

test('NBSP is kept as is', () => {
  assert.equal(normalizeText('a\u00a0b').text, 'a\u00a0b');
});

test('the builder maps dropped markup back to raw offsets', () => {
  const raw = '**bold** and [link](http://x)';
  const b = new TextBuilder();
  b.append('bold', 2).append(' and ', 8).append('link', 14);
  assert.equal(b.text(), 'bold and link');
  const map = b.sourceMap();
  assert.equal(raw.slice(toRawOffset(map, 9), toRawOffset(map, 9) + 4), 'link');
  assert.equal(toRawOffset(map, 0), 2);
});
