import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codePointTable, formatPtcLabels, readPtcArticles, readPtcLabels, utf16ToCodePoint } from './ptc.ts';

test('code-point offsets convert to UTF-16 and back across an emoji', () => {
  const text = 'Wow 😀 what a shameful lie!';
  const table = codePointTable(text);
  const cpStart = Array.from(text).join('').indexOf('shameful') - 1; // one surrogate pair before it
  assert.equal(text.slice(table[cpStart]!, table[cpStart + 8]!), 'shameful');
  assert.equal(utf16ToCodePoint(table, text.indexOf('shameful')), cpStart);
});

test('labels files round-trip through UTF-16 offsets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ptc-test-'));
  writeFileSync(join(dir, 'article42.txt'), 'Title 😀\n\nThey are traitors and liars.\n');
  const articles = readPtcArticles(dir);
  assert.deepEqual(articles.map((a) => a.id), ['42']);
  const cp = Array.from(articles[0]!.text);
  const start = cp.join('').indexOf('traitors') - 1;
  writeFileSync(join(dir, 'gold.labels'), `42\tName_Calling,Labeling\t${start}\t${start + 8}\n`);
  const labels = readPtcLabels(join(dir, 'gold.labels'), articles);
  assert.equal(articles[0]!.text.slice(labels[0]!.start, labels[0]!.end), 'traitors');
  assert.equal(formatPtcLabels(labels, articles), `42\tName_Calling,Labeling\t${start}\t${start + 8}\n`);
});
