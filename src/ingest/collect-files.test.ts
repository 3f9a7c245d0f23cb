import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles, globToRegex } from './collect-files.ts';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-collect-'));
  mkdirSync(join(dir, 'a/b'), { recursive: true });
  writeFileSync(join(dir, 'a/one.txt'), 'one');
  writeFileSync(join(dir, 'a/b/two.md'), 'two');
  writeFileSync(join(dir, 'a/.hidden.txt'), 'hidden');
  symlinkSync(join(dir, 'a'), join(dir, 'a/b/up')); // a folder loop
  symlinkSync(join(dir, 'x1'), join(dir, 'x2'));
  symlinkSync(join(dir, 'x2'), join(dir, 'x1')); // a link loop
  return dir;
}

test('folders are walked recursively, hidden files skipped, a folder loop visited once', () => {
  const dir = tree();
  try {
    const got = [...collectFiles([join(dir, 'a')])];
    assert.deepEqual(got.filter((c) => c.kind === 'file').map((c) => (c as { path: string }).path.slice(dir.length)), ['/a/b/two.md', '/a/one.txt']);
    assert.ok(got.some((c) => c.kind === 'skipped' && /symlink loop/.test(c.reason)));
    // files found by walking carry the folder the user named, for stable source keys
    assert.deepEqual([...new Set(got.flatMap((c) => (c.kind === 'file' ? [c.root] : [])))], [join(dir, 'a')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a link loop and a missing path are errors for those paths only', () => {
  const dir = tree();
  try {
    const got = [...collectFiles([join(dir, 'x1'), join(dir, 'nope.txt'), join(dir, 'a/one.txt')])];
    assert.deepEqual(got.map((c) => c.kind), ['error', 'error', 'file']);
    assert.match((got[0] as { reason: string }).reason, /symlink loop/);
    assert.match((got[1] as { reason: string }).reason, /no such file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('glob patterns match under their fixed folder; stdin is "-"', () => {
  const dir = tree();
  try {
    const md = [...collectFiles([join(dir, '**/*.md')])].filter((c) => c.kind === 'file');
    assert.equal(md.length, 1);
    assert.deepEqual([...collectFiles(['-'])], [{ kind: 'stdin' }]);
    assert.equal([...collectFiles([join(dir, '*.pdf')])][0]?.kind, 'error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(globToRegex('/d/**/x?.txt').regex.test('/d/a/b/x1.txt'));
  assert.ok(!globToRegex('/d/*.txt').regex.test('/d/a/x.txt'));
});

test('.annalistignore leaves out the names and globs it lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-ignore-'));
  writeFileSync(join(dir, '.annalistignore'), '# documentation of the corpus\nREADME.md\n*.bak\n');
  for (const f of ['README.md', 'a.txt', 'b.txt.bak', 'c.md']) writeFileSync(join(dir, f), 'x');
  const names = [...collectFiles([dir])].filter((c) => c.kind === 'file').map((c) => (c as { path: string }).path.split('/').pop());
  assert.deepEqual(names, ['a.txt', 'c.md']);
});
