import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annalist, ARTICLE, corpus } from './cli-fixtures.ts';

test('ingest → list/show/search/stats/export; re-ingest is a no-op; a changed file is a new version', () => {
  const dir = corpus();
  const db = join(dir, 't.db');
  try {
    const first = annalist(db, ['ingest', join(dir, 'docs')]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^5 read, 5 new, 0 unchanged, 0 new versions, 0 failed$/m);
    const again = annalist(db, ['ingest', join(dir, 'docs')]);
    assert.match(again.out, /^5 read, 0 new, 5 unchanged, 0 new versions, 0 failed$/m);
    writeFileSync(join(dir, 'docs/note.md'), '# Field note\n\nThe archive closed its reading room again in autumn.\n');
    const changed = annalist(db, ['ingest', join(dir, 'docs/*.md')]);
    assert.match(changed.out, /^1 read, 0 new, 0 unchanged, 1 new versions, 0 failed$/m);

    const stats = JSON.parse(annalist(db, ['stats', '--json']).out);
    assert.equal(stats.sources, 5);
    assert.equal(stats.versions, 6);
    assert.equal(stats.sections.comment, 2);

    const list = annalist(db, ['list']).out.trim().split('\n');
    assert.equal(list.length, 5);
    const articleRow = list.find((l) => l.includes('A Winter in the Ministry'))!;
    const show = annalist(db, ['show', articleRow.split(/\s+/)[0]!.slice(0, 8)]);
    assert.equal(show.code, 0);
    assert.match(show.out, /Comments \(2\)/);
    assert.match(show.out, /\n {2}#0 reader_one 2022-03-05T10:00\n/);
    assert.match(show.out, /\n {4}#1 skeptic \(Sam\) 2022-03-05T11:30 ↳ #0\n/);
    assert.ok(!show.out.includes('\x1b['), 'no colours when not a terminal');

    const search = annalist(db, ['search', 'harbour', 'froze']);
    assert.match(search.out, /Harbour notes/);
    assert.match(search.out, /\[?harbour\]? \[?froze\]?/i);
    const room = annalist(db, ['search', 'reading', 'room']).out;
    assert.match(room, /closed its/);
    assert.doesNotMatch(room, /opened its/, 'search sees current versions only');

    const file = join(dir, 'export.json');
    assert.equal(annalist(db, ['export', '--format', 'json', '-o', file]).code, 0);
    const dump = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(dump.sources.length, 5);
    const art = dump.sources.find((s: { meta: { title?: string } }) => s.meta.title === 'A Winter in the Ministry');
    assert.equal(art.text, ARTICLE);
    assert.deepEqual(art.sections.filter((s: { kind: string }) => s.kind === 'comment').map((s: { replyTo: number | null }) => s.replyTo), [null, 0]);
    assert.ok(art.messages && art.annotations && art.stageVersions);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

