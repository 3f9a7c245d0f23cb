import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annalist, ARTICLE, badInputs, corpus } from './cli-fixtures.ts';

test('bad inputs: one line per failure, the rest stored, exit 1, nothing duplicated', () => {
  const dir = corpus();
  badInputs(dir);
  const db = join(dir, 't.db');
  try {
    const r = annalist(db, ['ingest', '--no-analyze', '--max-size', '0.01', join(dir, 'docs'), join(dir, 'bad'), join(dir, 'missing.txt')]);
    assert.equal(r.code, 1);
    assert.match(r.out, /^5 read, 5 new, 0 unchanged, 0 new versions, 7 failed$/m);
    const failures = r.err.split('\n').filter((l) => l.startsWith('failed'));
    assert.equal(failures.length, 7, r.err);
    const why = (name: string) => failures.find((l) => l.includes(name)) ?? '';
    assert.match(why('empty.txt'), /empty/);
    assert.match(why('blob.dat'), /binary|unknown format/);
    assert.match(why('cut.pdf'), /PDF/);
    assert.match(why('huge.txt'), /too large/);
    assert.match(why('loop1'), /symlink loop/);
    assert.match(why('loop2'), /symlink loop/);
    assert.match(why('missing.txt'), /no such file/);
    const again = annalist(db, ['ingest', '--no-analyze', '--max-size', '0.01', join(dir, 'docs'), join(dir, 'bad')]);
    assert.equal(again.code, 1);
    assert.match(again.out, /^5 read, 0 new, 5 unchanged, 0 new versions, 6 failed$/m);
    assert.equal(JSON.parse(annalist(db, ['stats', '--json']).out).versions, 5);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stdin, read --json, usage errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-cli-'));
  const db = join(dir, 't.db');
  try {
    const r = annalist(db, ['ingest', '--no-analyze', '-'], 'Notes typed into a pipe about the spring plenum.\n');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^1 read, 1 new/m);
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    const read = annalist(db, ['read', join(dir, 'a.txt'), '--json']);
    assert.equal(read.code, 0, read.err);
    const doc = JSON.parse(read.out);
    assert.equal(doc.meta.title, 'A Winter in the Ministry');
    assert.equal(doc.text, ARTICLE);
    assert.ok(Array.isArray(doc.annotations));
    assert.equal(annalist(db, ['read', join(dir, 'nope.txt'), '--json']).code, 1);
    assert.equal(JSON.parse(annalist(db, ['stats', '--json']).out).sources, 1, 'read stores nothing');
    assert.equal(annalist(db, ['ingest']).code, 2);
    assert.equal(annalist(db, ['export', '--format', 'xml']).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
