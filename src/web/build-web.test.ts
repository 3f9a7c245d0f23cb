import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestWebSources, isWebBuildCurrent } from './build-web.ts';

test('a web build is current only for the sources it was made from', () => {
  const root = mkdtempSync(join(tmpdir(), 'annalist-web-'));
  try {
    const src = join(root, 'src');
    const dist = join(root, 'dist');
    mkdirSync(join(src, 'views'), { recursive: true });
    mkdirSync(dist);
    writeFileSync(join(src, 'main.ts'), 'export const a = 1;\n');
    writeFileSync(join(src, 'views', 'graph.ts'), 'export const b = 2;\n');
    assert.equal(isWebBuildCurrent(dist, src), false, 'no build yet');
    writeFileSync(join(dist, 'index.html'), '<html></html>');
    assert.equal(isWebBuildCurrent(dist, src), false, 'a build without a digest (made by an older version) is rebuilt');
    writeFileSync(join(dist, 'source-digest.txt'), `${digestWebSources(src)}\n`);
    assert.equal(isWebBuildCurrent(dist, src), true);
    writeFileSync(join(src, 'views', 'graph.test.ts'), 'test();\n');
    assert.equal(isWebBuildCurrent(dist, src), true, 'tests do not count');
    writeFileSync(join(src, 'views', 'graph.ts'), 'export const b = 3;\n');
    assert.equal(isWebBuildCurrent(dist, src), false, 'an edited view makes the build stale');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
