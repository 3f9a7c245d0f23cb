import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat } from './detect-format.ts';

const b = (s: string) => Buffer.from(s);

test('magic bytes beat extensions', () => {
  assert.equal(detectFormat(b('%PDF-1.4\n...'), 'x.txt').format, 'pdf');
  assert.deepEqual(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'a.md'), { format: 'binary', by: 'magic', kind: 'zip' });
  assert.equal(detectFormat(Buffer.from([1, 2, 0, 4, 5]), 'a.txt').format, 'binary');
});

test('extensions decide for markup formats; content sniffing for the rest', () => {
  assert.equal(detectFormat(b('plain words'), 'a.md').format, 'markdown');
  assert.equal(detectFormat(b('plain words'), 'a.wiki').format, 'mediawiki');
  assert.equal(detectFormat(b('<!DOCTYPE html><html><body>x</body></html>'), 'a.txt').format, 'html');
  assert.equal(detectFormat(b("'''Bold''' text with [[a link]] and {{a template}}."), 'page').format, 'mediawiki');
  assert.equal(detectFormat(b('# Title\n\nSome text with [a link](http://x.org).\n'), '-').format, 'markdown');
  // visible ==headings== alone are a scraped page, read as text
  assert.equal(detectFormat(b('Intro\n==Section==\nText.'), 'x.txt').format, 'text');
  assert.equal(detectFormat(b('just some text'), 'noext').format, 'text');
});
