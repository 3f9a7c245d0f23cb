import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { annalist } from '../cli/commands/cli-fixtures.ts';
import { checkWellFormed } from './check-xml.ts';
import { parseCsv } from './csv.ts';

test('annalist export --format jsonld|tei|csv writes the standard formats; unknown formats exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-export-cli-'));
  const db = join(dir, 'a.db');
  const doc = join(dir, 'note.md');
  writeFileSync(doc, '# Harbour & <Dam>\n\nThe council of Velmora met in May 1921 and opened the harbour 🚢 to ships.\n');
  assert.equal(annalist(db, ['ingest', doc]).code, 0);

  const jsonld = annalist(db, ['export', '--format', 'jsonld']);
  assert.equal(jsonld.code, 0, jsonld.err);
  const [collection] = JSON.parse(jsonld.out) as Array<{ type: string; first: { items: Array<{ target: { selector: Array<{ start?: number; end?: number; exact?: string }> } }> } }>;
  assert.equal(collection!.type, 'AnnotationCollection');
  // Offsets round-trip against the stored (normalized) text of the lossless JSON export, in code points.
  const stored = JSON.parse(annalist(db, ['export', '--format', 'json']).out) as { sources: Array<{ text: string }> };
  const points = Array.from(stored.sources[0]!.text);
  assert.ok(collection!.first.items.length > 0);
  for (const item of collection!.first.items) {
    const [pos, quote] = item.target.selector;
    assert.equal(points.slice(pos!.start, pos!.end).join(''), quote!.exact);
  }

  const out = join(dir, 'tei/');
  assert.equal(annalist(db, ['export', '--format', 'tei', '-o', out]).code, 0);
  const files = readdirSync(out);
  assert.equal(files.length, 1);
  const tei = readFileSync(join(out, files[0]!), 'utf8');
  assert.deepEqual(checkWellFormed(tei), []);
  assert.ok(tei.includes('Harbour &amp; &lt;Dam&gt;'));

  const csv = annalist(db, ['export', '--format', 'csv']);
  assert.equal(csv.code, 0);
  assert.deepEqual(parseCsv(csv.out)[0]!.slice(0, 4), ['Entity', 'EntityId', 'EntityType', 'Role']);

  const bad = annalist(db, ['export', '--format', 'rdf']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /jsonld, tei, csv/);
});
