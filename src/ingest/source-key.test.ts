import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sourceKeyPath } from './source-key.ts';

test('a file found under a folder is keyed by the folder name and its path inside it', () => {
  assert.equal(sourceKeyPath(join('/data/old-place/corpus', 'letters', 'one.txt'), '/data/old-place/corpus'), 'corpus/letters/one.txt');
  assert.equal(sourceKeyPath(join('/mnt/new/corpus', 'letters', 'one.txt'), '/mnt/new/corpus'), 'corpus/letters/one.txt');
  assert.notEqual(sourceKeyPath('/a/press/one.txt', '/a/press'), sourceKeyPath('/a/diaries/one.txt', '/a/diaries'));
});

test('a single file is keyed by its absolute path; stdin and URLs stay whole', () => {
  assert.equal(sourceKeyPath('/home/u/notes/report.pdf'), '/home/u/notes/report.pdf');
  assert.notEqual(sourceKeyPath('/home/u/a/report.pdf'), sourceKeyPath('/home/u/b/report.pdf'));
  assert.equal(sourceKeyPath('/elsewhere/report.pdf', '/home/u/notes'), '/elsewhere/report.pdf');
  assert.equal(sourceKeyPath('-'), '-');
  assert.equal(sourceKeyPath('upload:report.pdf'), 'upload:report.pdf');
  assert.equal(sourceKeyPath('https://example.org/a/b.html'), 'https://example.org/a/b.html');
});

test('a moved corpus folder keeps its source keys; another file under it gets another key', async () => {
  const { readDocument } = await import('./read-document.ts');
  const bytes = new TextEncoder().encode('A short note about the harbour.\n');
  const before = readDocument(bytes, { path: '/data/corpus/notes/a.txt', root: '/data/corpus' });
  const after = readDocument(bytes, { path: '/archive/2020/corpus/notes/a.txt', root: '/archive/2020/corpus' });
  const other = readDocument(bytes, { path: '/archive/2020/corpus/notes/b.txt', root: '/archive/2020/corpus' });
  assert.equal(before.key, after.key);
  assert.notEqual(after.key, other.key);
  assert.equal(after.meta.path, '/archive/2020/corpus/notes/a.txt');
});
