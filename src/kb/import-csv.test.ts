import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importCsv, parseCsv } from './import-csv.ts';
import { buildKnowledgeBase } from './load-kb.ts';
import { validateKnowledgeBase } from './validate-kb.ts';

const CSV = [
  'id,qid,type,name,aliases,start,end,source',
  ',Q905,person,Pyotr Probin,"surname:Probin|nickname:the Tester|Petya",1900,1980,',
  'local:probgrad,,place,Probgrad,"former:Oldgrad|metonym:Probgrad Hall",,,Atlas of Nowhere',
  ',,wizard,Nobody,,,,',
].join('\n');

test('parseCsv handles quotes, doubled quotes and commas inside fields', () => {
  assert.deepEqual(parseCsv('a,"b,c","d ""e"""\n1,2,3'), [['a', 'b,c', 'd "e"'], ['1', '2', '3']]);
});

test('a CSV becomes a valid KB file with typed aliases; bad rows are reported', () => {
  const { file, messages } = importCsv(CSV);
  assert.equal(file.entities!.length, 2);
  const p = file.entities![0]!;
  assert.equal(p.id, 'Q905');
  assert.equal(p.source, 'https://www.wikidata.org/wiki/Q905');
  assert.deepEqual(p.aliases.map((a) => `${a.kind}:${a.text}`), ['surname:Probin', 'nickname:the Tester', 'other:Petya']);
  assert.equal(file.entities![1]!.aliases[1]!.needsContext, true);
  assert.deepEqual(messages, ['line 4: unknown type "wizard", skipped']);
  assert.deepEqual(validateKnowledgeBase(buildKnowledgeBase([file])), []);
});
