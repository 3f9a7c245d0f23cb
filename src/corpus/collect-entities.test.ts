import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../kb/load-kb.ts';
import type { AnalyzedSource, Annotation } from '../core/types.ts';
import { collectEntities } from './collect-entities.ts';

const mention = (id: string, start: number, end: number, label: string, attrs: Annotation['attrs']): Annotation => ({ id, layer: 'mention', start, end, label, attrs, provenance: { stage: 'link', version: '1' } });
const doc = (id: string, text: string, annotations: Annotation[]): AnalyzedSource => ({ id, key: id, meta: { format: 'text' }, text, sourceMap: [], sections: [], messages: [], annotations });

test('groups mentions by entity across sources, with KB names and qids, local names by frequency', () => {
  const kb = buildKnowledgeBase([{ entities: [{ id: 'Q99', qid: 'Q99', type: 'place', subtype: 'city', name: 'Novgrad', aliases: [] }] }]);
  const a = doc('A', 'Novgrad met Petra Lumba. Lumba left.', [
    mention('m1', 0, 7, 'LOC', { entity: 'Q99', name: 'Novgrad' }),
    mention('m2', 12, 23, 'PER', { entity: 'local:petra-lumba', name: 'Petra Lumba' }),
    mention('m3', 25, 30, 'PER', { entity: 'local:petra-lumba', name: 'Petra Lumba' }),
  ]);
  const b = doc('B', 'In Novgrad, someone.', [mention('m4', 3, 10, 'LOC', { entity: 'Q99', name: 'Novgrad' }), mention('m5', 12, 19, 'PER', { linkRule: 'unresolved' })]);
  const recs = collectEntities([a, b], kb);
  assert.deepEqual(recs.map((r) => [r.id, r.name, r.type, r.local, r.qid]), [['Q99', 'Novgrad', 'place', false, 'Q99'], ['local:petra-lumba', 'Petra Lumba', 'person', true, undefined]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
  const nov = recs.find((r) => r.id === 'Q99')!;
  assert.deepEqual(nov.mentions, [{ source: 'A', annotation: 'm1' }, { source: 'B', annotation: 'm4' }]);
  assert.deepEqual(recs.find((r) => r.local)!.forms, ['Lumba', 'Petra Lumba']);
});

test('claim speakers no mention names (author voice, unnamed groups) become local speaker records', () => {
  const kb = buildKnowledgeBase([]);
  const claim = (id: string, speaker: string, speakerName: string, speakerType: string): Annotation => ({ id, layer: 'claim', start: 0, end: 5, label: 'reported', attrs: { speaker, speakerName, speakerType }, provenance: { stage: 'claims', version: '1' } });
  const a = doc('A', 'Petra Lumba spoke.', [
    mention('m1', 0, 11, 'PER', { entity: 'local:petra-lumba', name: 'Petra Lumba' }),
    { ...claim('c1', 'author:harbour-radio', 'author (Harbour Radio)', 'author'), attrs: { speaker: 'author:harbour-radio', speakerName: 'author (Harbour Radio)', speakerType: 'author', speakerBasis: { rule: 'author:interview-outlet', confidence: 0.7 } } },
    claim('c2', 'local:historians', 'historians (unnamed)', 'group'),
    claim('c3', 'local:petra-lumba', 'Petra Lumba', 'person'),
    claim('c4', 'commenter:x', 'x', 'commenter'),
  ]);
  const recs = collectEntities([a], kb);
  assert.deepEqual(recs.map((r) => [r.id, r.name, r.type, r.mentions.length]), [
    ['author:harbour-radio', 'author (Harbour Radio)', 'author', 0],
    ['local:historians', 'historians (unnamed)', 'group', 0],
    ['local:petra-lumba', 'Petra Lumba', 'person', 1],
  ]);
  assert.deepEqual(recs[0]!.basis, { rule: 'author:interview-outlet', confidence: 0.7 });
});
