import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { readAnyDocument, readDocument } from './read-document.ts';
import { makePdf } from './testing/make-pdf.ts';

const errorRules = (bytes: Uint8Array, path = 'x.txt') => readDocument(bytes, { path }).messages.filter((m) => m.severity === 'error').map((m) => m.rule);

test('id is the content hash, key the path hash: same path, new content = same key, new id', () => {
  const a = readDocument(Buffer.from('First version of a note.'), { path: '/notes/a.txt' });
  const b = readDocument(Buffer.from('Second version of a note.'), { path: '/notes/a.txt' });
  const c = readDocument(Buffer.from('First version of a note.'), { path: '/notes/b.txt' });
  assert.equal(a.key, b.key);
  assert.notEqual(a.id, b.id);
  assert.equal(a.id, c.id);
  assert.notEqual(a.key, c.key);
});

test('metadata: format, encoding, path, length, language', () => {
  const ru = 'Это был долгий и трудный год для всей страны, и многие его запомнили.';
  const s = readDocument(iconv.encode(ru, 'windows-1251'), { path: 'r.txt' });
  assert.equal(s.meta.format, 'text');
  assert.equal(s.meta.encoding, 'windows-1251');
  assert.equal(s.meta.language, 'ru');
  assert.equal(s.meta.rawLength, ru.length); // one byte per letter in windows-1251
  assert.equal(s.text, ru);
  assert.ok(s.messages.some((m) => m.rule === 'decode:guessed-encoding'));
});

test('bad input becomes messages, never a throw', () => {
  assert.deepEqual(errorRules(new Uint8Array()), ['ingest:empty']);
  assert.deepEqual(errorRules(Buffer.from('  \n\t \n')), ['ingest:no-text']);
  // A UTF-16 byte order mark followed by a lone surrogate decodes to nothing but U+FFFD.
  assert.deepEqual(errorRules(Buffer.from([0xff, 0xfe, 0x00, 0xd8]), 'a.txt'), ['ingest:no-text']);
  assert.deepEqual(errorRules(Buffer.from([0, 1, 2, 3, 255, 254, 0, 0])), ['ingest:unknown-format']);
  assert.deepEqual(errorRules(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), 'a.png'), ['ingest:unknown-format']);
  const bad = readDocument(Buffer.concat([Buffer.from('Text with a broken byte '), Buffer.from([0xc3]), Buffer.from(' ü in it.')]));
  assert.ok(bad.messages.some((m) => m.rule === 'decode:invalid-utf8' && m.severity === 'warning'));
  assert.ok(bad.text.startsWith('Text with a broken byte'));
  // random bytes of every kind: never throws
  let seed = 7;
  for (let i = 0; i < 200; i++) {
    const bytes = Buffer.alloc(1 + (i % 50));
    for (let k = 0; k < bytes.length; k++) bytes[k] = (seed = (seed * 1103515245 + 12345) % 2147483648) & 255;
    for (const path of ['a.txt', 'a.html', 'a.md', 'a.wiki']) assert.doesNotThrow(() => readDocument(bytes, { path }));
  }
});

test('PDF through the async reader; the sync reader says so', async () => {
  const pdf = makePdf([['A line on a page of a small report.']]);
  const s = await readAnyDocument(pdf, { path: 'r.pdf' });
  assert.equal(s.meta.format, 'pdf');
  assert.ok(s.text.includes('A line on a page of a small report.'));
  assert.deepEqual(errorRules(pdf, 'r.pdf'), ['ingest:pdf-sync']);
  const cut = await readAnyDocument(pdf.subarray(0, pdf.length / 3), { path: 'r.pdf' });
  assert.ok(cut.messages.some((m) => m.severity === 'error'));
});
