import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annalist, ARTICLE, badInputs, CLI_PATH, corpus } from './cli-fixtures.ts';

/** Runs `f` with a fresh temporary folder (named by `prefix`), removed afterwards. */
function inTempDir(prefix: string, f: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
  inTempDir('annalist-cli-', (dir) => {
    const db = join(dir, 't.db');
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
  });
});

test('a database that is missing, not a database or in a missing folder: one line, no stack, nothing created', () => {
  inTempDir('annalist-cli-', (dir) => {
    const typo = join(dir, 'typo.db');
    for (const cmd of [['list'], ['stats'], ['conflicts'], ['export', '--format', 'json']]) {
      const r = annalist(typo, cmd);
      assert.equal(r.code, 1, cmd.join(' '));
      assert.match(r.err, /no database at .*typo\.db/);
    }
    assert.equal(existsSync(typo), false, 'a reading command does not create the database');
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'a plain text file, not a database\n');
    for (const cmd of [['list'], ['ingest', notDb]]) {
      const r = annalist(notDb, cmd);
      assert.equal(r.code, 2, cmd.join(' '));
      assert.match(r.err, /not an Annalist database/);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
    assert.equal(readFileSync(notDb, 'utf8'), 'a plain text file, not a database\n', 'the file is left alone');
    const r = annalist(join(dir, 'no-such-folder', 'x.db'), ['ingest', notDb]);
    assert.equal(r.code, 2);
    assert.match(r.err, /folder .*no-such-folder does not exist/);
  });
});

test('export: a missing folder is named, json into a folder writes a file there, and what was written is said', () => {
  inTempDir('annalist-cli-', (dir) => {
    const db = join(dir, 't.db');
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    assert.equal(annalist(db, ['ingest', '--no-analyze', join(dir, 'a.txt')]).code, 0);
    const missing = annalist(db, ['export', '--format', 'tei', '-o', join(dir, 'nope', 'x.xml')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /folder .*nope does not exist/);
    assert.doesNotMatch(missing.err, /\n\s+at /);
    const inDir = annalist(db, ['export', '-o', `${dir}/`]);
    assert.equal(inDir.code, 0, inDir.err);
    assert.match(inDir.err, /wrote .*annalist-export\.json/);
    assert.equal(JSON.parse(readFileSync(join(dir, 'annalist-export.json'), 'utf8')).sources.length, 1);
    const csv = annalist(db, ['export', '--format', 'csv', '-o', join(dir, 'one.csv')]);
    assert.equal(csv.code, 0, csv.err);
    assert.match(csv.err, /entity-event table; give a folder/);
  });
});

test('kb validate reports a file that is not JSON and a malformed record as problems, not a crash', () => {
  inTempDir('annalist-kb-', (dir) => {
    writeFileSync(join(dir, 'broken.json'), '{"entities": [');
    writeFileSync(join(dir, 'partial.json'), JSON.stringify({ entities: [{ id: 'local:x', name: 'X', type: 'person' }] }));
    const r = annalist(join(dir, 'unused.db'), ['kb', 'validate', '--alone', dir]);
    assert.equal(r.code, 1);
    assert.match(r.out, /^json\t.*broken\.json\t/m);
    assert.match(r.out, /^schema\t.*partial\.json:entities\[0\]\.aliases\t/m);
    assert.match(r.out, /^2 files, 2 problems$/m);
    const file = annalist(join(dir, 'unused.db'), ['kb', 'validate', join(dir, 'broken.json')]);
    assert.equal(file.code, 1);
    assert.match(file.err, /is a file/);
  });
});

test('a reader that closes the pipe early ends the run quietly', async () => {
  const child = spawn(process.execPath, [CLI_PATH, 'kb', 'stats'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((res) => child.on('close', res));
  assert.doesNotMatch(err, /EPIPE|Unhandled/, err);
  assert.equal(code, 0);
});

test('search names a hit without a title by its path, not a blank', () => {
  inTempDir('annalist-cli-', (dir) => {
    const db = join(dir, 't.db');
    writeFileSync(join(dir, 'ferry.wiki'), "The '''ferry''' to [[Holm]] stopped running in 1931.\n");
    assert.equal(annalist(db, ['ingest', '--no-analyze', join(dir, 'ferry.wiki')]).code, 0);
    const r = annalist(db, ['search', 'ferry']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^[0-9a-f]{12} {2}\S*ferry\.wiki$/m);
  });
});

test('rhetoric: a missing --spans file or --ptc folder is an error, not an empty answer', () => {
  inTempDir('annalist-ptc-', (dir) => {
    writeFileSync(join(dir, 'article7.txt'), 'The council met on Monday and agreed on the budget.\n');
    const spans = annalist(join(dir, 'unused.db'), ['rhetoric', '--ptc', dir, '--spans', join(dir, 'missing-labels.txt')]);
    assert.equal(spans.code, 1);
    assert.match(spans.err, /missing-labels\.txt: no such file/);
    const folder = annalist(join(dir, 'unused.db'), ['rhetoric', '--ptc', join(dir, 'nope')]);
    assert.equal(folder.code, 1);
    assert.match(folder.err, /is not a folder/);
  });
});

test('usage errors exit 2 in every command; help exits 0', () => {
  inTempDir('annalist-cli-', (dir) => {
    const db = join(dir, 'unused.db');
    for (const args of [['frobnicate'], ['list', '--bogus'], ['rhetoric'], ['kb', 'import', 'x.csv'], ['kb', 'bogus']]) {
      assert.equal(annalist(db, args).code, 2, args.join(' '));
    }
    for (const args of [['--help'], ['kb', 'validate', '--help']]) assert.equal(annalist(db, args).code, 0, args.join(' '));
    const port = annalist(db, ['serve', '--port', 'abc']);
    assert.equal(port.code, 2);
    assert.match(port.err, /--port must be a number/);
  });
});

test('a --from/--to that is not a date is a usage error; an unknown event class is named as such', () => {
  inTempDir('annalist-cli-', (dir) => {
    const db = join(dir, 't.db');
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    assert.equal(annalist(db, ['ingest', join(dir, 'a.txt')]).code, 0);
    for (const args of [['timeline', '--from', 'yesterday'], ['graph', '--to', '19xx']]) {
      const r = annalist(db, args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /is not a date/);
    }
    const none = annalist(db, ['events', '--class', 'coronation']);
    assert.equal(none.code, 0);
    assert.match(none.out, /no events of class "coronation" \(classes found: /);
  });
});
