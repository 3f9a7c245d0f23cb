import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkWellFormed } from './check-xml.ts';
import { renderExport } from './render-export.ts';
import { fixtureDoc } from './testing.ts';
import { writeStandardExport } from './write-export.ts';

/** Two invented sources and no corpus records. */
function input() {
  return { sources: [fixtureDoc(), { ...fixtureDoc(), id: 'other/doc' }], entities: [], events: [], relations: [], conflicts: [] };
}

test('bundled output: one JSON array of collections, one teiCorpus, one CSV table', () => {
  const [jsonld] = renderExport('jsonld', input(), false);
  const parsed = JSON.parse(jsonld!.content) as Array<{ type: string }>;
  assert.deepEqual(parsed.map((c) => c.type), ['AnnotationCollection', 'AnnotationCollection']);
  const [tei] = renderExport('tei', input(), false);
  assert.deepEqual(checkWellFormed(tei!.content), []);
  assert.equal(renderExport('csv', input(), false)[0]!.name, 'entity-event.csv');
});

test('a directory target gets one file per source (safe names) or per table', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'annalist-export-')), 'out/');
  const written = writeStandardExport('tei', input(), dir);
  assert.equal(written.length, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['fixture-doc.tei.xml', 'other_doc.tei.xml']);
  for (const f of written) assert.deepEqual(checkWellFormed(readFileSync(f, 'utf8')), []);
  const csvDir = join(dir, 'csv/');
  writeStandardExport('csv', input(), csvDir);
  assert.deepEqual(readdirSync(csvDir).sort(), ['entities.csv', 'entity-event.csv', 'events.csv', 'relations.csv']);
  const file = join(dir, 'one.jsonld');
  writeStandardExport('jsonld', input(), file);
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length, 2);
});
