import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzedSource, Annotation } from '../../core/types.ts';
import { sourceOf } from '../../corpus/testing.ts';
import type { EntityRecord } from '../../corpus/collect-entities.ts';
import { formatEntities, listedEntities } from './entities.ts';

/** A mention annotation over the first occurrence of `form` at or after `from`. */
function mentionAt(text: string, form: string, from: number, n: number, entity: string, rule: string): Annotation {
  const start = text.indexOf(form, from);
  return { id: `m${n}`, layer: 'mention', label: 'person', start, end: start + form.length, attrs: { entity, linkRule: rule }, provenance: { stage: 'link', version: 'test' } };
}

test('formatEntities lists each form and rule once per source, with a count, in order of first appearance', () => {
  const text = 'Tito spoke. The marshal left. Tito returned. Tito slept.';
  const anns = [
    mentionAt(text, 'Tito', 0, 1, 'Q915', 'alias-unique'),
    mentionAt(text, 'marshal', 0, 2, 'Q915', 'epithet-in-context'),
    mentionAt(text, 'Tito', 20, 3, 'Q915', 'alias-unique'),
    mentionAt(text, 'Tito', 40, 4, 'Q915', 'alias-unique'),
  ];
  const doc: AnalyzedSource = sourceOf(text, { title: 'Notes', annotations: anns });
  const record: EntityRecord = { id: 'Q915', name: 'Josip Broz Tito', type: 'person', qid: 'Q915', local: false, forms: ['Tito', 'marshal'], mentions: anns.map((a) => ({ source: doc.id, annotation: a.id })) };
  const lines = formatEntities([record], new Map([[doc.id, doc]]));
  assert.deepEqual(lines, ['Josip Broz Tito  [Q915] person  4 mention(s)', `    ${doc.id} Notes: Tito (alias-unique) ×3; marshal (epithet-in-context)`]);
});

test('the text listing keeps named entities and counts the records without a mention', () => {
  const rec = (id: string, n: number) => ({ id, name: id, type: 'person', local: true, mentions: Array.from({ length: n }, (_, i) => ({ source: 's', annotation: `m${i}` })) }) as unknown as EntityRecord;
  const { listed, note } = listedEntities([rec('local:vask', 2), rec('author:s', 0), rec('ref:archive', 0)]);
  assert.deepEqual(listed.map((r) => r.id), ['local:vask']);
  assert.match(note ?? '', /^\(2 more record\(s\) without a mention/);
  assert.equal(listedEntities([rec('local:vask', 1)]).note, undefined);
});
