import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairsOfMention } from './build-relations.ts';
import { computeCorpus } from './analyze-corpus.ts';
import { filterGraph } from './query-graph.ts';
import { fixtureKb, sourceWithEvents } from './testing.ts';

test('pairsOfMention: types come from the class and agent vs counterpart, co-listed roles are only co-mentioned', () => {
  // "Greece and Turkey quarrelled with Albania": one side against the other.
  const pairs = pairsOfMention('conflict', [
    { role: 'agent', entity: 'Q41' },
    { role: 'agent', entity: 'Q43' },
    { role: 'patient', entity: 'Q222' },
  ]);
  const byType = (t: string) => pairs.filter((p) => p.type === t).map((p) => `${p.from}-${p.to}`).sort();
  assert.deepEqual(byType('in-conflict-with'), ['Q222-Q41', 'Q222-Q43']);
  assert.deepEqual(byType('co-mentioned'), ['Q41-Q43']);
  // A directed type runs from the agent.
  assert.deepEqual(pairsOfMention('appointment', [{ role: 'patient', entity: 'Q35314' }, { role: 'agent', entity: 'Q855' }]), [{ type: 'appointed', from: 'Q855', to: 'Q35314' }]);
  // A class without a relation gives nothing.
  assert.deepEqual(pairsOfMention('statement', [{ role: 'agent', entity: 'Q855' }, { role: 'patient', entity: 'Q35314' }]), []);
});

test('buildRelations via computeCorpus: countries listed together get no conflict edge; the graph hides co-mentions', () => {
  const kb = fixtureKb();
  const doc = sourceWithEvents('List', [
    { text: 'In 1952 Greece and Turkey fought alongside each other in the mountains.', trigger: 'fought', cls: 'conflict', agents: [['Q41', 'Greece'], ['Q43', 'Turkey']], edtf: '1952', earliest: '1952-01-01', latest: '1952-12-31' },
  ]);
  const r = computeCorpus([doc], kb);
  assert.equal(r.relations.filter((x) => x.type === 'in-conflict-with').length, 0);
  assert.equal(r.relations.filter((x) => x.type === 'co-mentioned').length, 1);
  assert.equal(filterGraph(r.entities, r.relations).edges.length, 0);
  assert.equal(filterGraph(r.entities, r.relations, { types: ['co-mentioned'] }).edges.length, 1);
});

test('computeCorpus: a relation endpoint the KB lacks is named from the text, not shown as a bare id', () => {
  const doc = sourceWithEvents('Talks', [
    { text: 'In 1957 Khrushchev met Ivo Marek in Prague for talks on trade.', trigger: 'met', cls: 'meeting', agents: [['Q35314', 'Khrushchev']], others: [['Q99999991', 'Ivo Marek']], edtf: '1957', earliest: '1957-01-01', latest: '1957-12-31' },
  ]);
  const r = computeCorpus([doc], fixtureKb());
  const g = filterGraph(r.entities, r.relations);
  assert.deepEqual(g.edges.map((e) => [e.type, e.from, e.to]), [['met', 'Q35314', 'Q99999991']]);
  assert.equal(g.nodes.find((n) => n.id === 'Q99999991')?.name, 'Ivo Marek');
});
