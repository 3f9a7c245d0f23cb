import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKnowledgeBase, buildKnowledgeBase, type KbFile } from './load-kb.ts';
import { validateKnowledgeBase, validateKbFile } from './validate-kb.ts';

/** A small clean KB written for these tests. */
function clean(): KbFile {
  return {
    entities: [
      { id: 'Q1', qid: 'Q1', type: 'place', name: 'Ruritania', aliases: [{ text: 'Ruritanian', kind: 'demonym' }], start: '1900', source: 'https://www.wikidata.org/wiki/Q1' },
      { id: 'local:zenda', type: 'place', name: 'Zenda', aliases: [{ text: 'Strelsau', kind: 'metonym', needsContext: true }], standsFor: 'Q1' },
      { id: 'local:rudolf', type: 'person', name: 'Rudolf Rassendyll', aliases: [{ text: 'Rassendyll', kind: 'surname' }] },
    ],
    roles: [{ person: 'local:rudolf', office: 'King of Ruritania', officeKey: 'ruritania-king', org: 'Q1', from: '1894-05', to: '1894-06', source: 'A reference work' }],
    names: [{ entity: 'Q1', name: 'Kingdom of Ruritania', from: '1900', to: '1950', source: 'A reference work' }],
    memberships: [{ member: 'Q1', org: 'local:zenda', from: '1901', source: 'A reference work' }],
    events: [{ id: 'local:coronation', name: 'Coronation in Strelsau', date: '1894-05-12', class: 'appointment', participants: ['local:rudolf'], place: 'local:zenda', source: 'A reference work' }],
  };
}
const rulesOf = (f: KbFile) => validateKnowledgeBase(buildKnowledgeBase([f])).map((p) => p.rule);

test('the bundled knowledge base validates with zero problems', () => {
  const problems = validateKnowledgeBase(loadKnowledgeBase());
  assert.deepEqual(problems.slice(0, 5), []);
});

test('a clean hand-made KB has no problems', () => {
  assert.deepEqual(rulesOf(clean()), []);
});

test('missing required fields and bad QIDs are schema problems', () => {
  const f = clean();
  delete (f.entities![2] as { name?: string }).name;
  f.entities![0]!.qid = 'X1';
  const rules = rulesOf(f);
  assert.ok(rules.filter((r) => r === 'schema').length >= 2, rules.join());
  assert.equal(validateKbFile({ entities: [{ id: 'bad id', type: 'person', name: 'A', aliases: [] }] })[0]!.rule, 'schema');
});

test('dates that are not EDTF and periods that end before they start are caught', () => {
  const f = clean();
  f.roles![0]!.from = '1894-13-40';
  f.names![0]!.from = '1960';
  assert.deepEqual(rulesOf(f).sort(), ['date-order', 'edtf']);
});

test('duplicate ids across entities and events are caught', () => {
  const f = clean();
  f.events![0]!.id = 'local:zenda';
  assert.ok(rulesOf(f).includes('duplicate-id'));
});

test('references to unknown ids are caught', () => {
  const f = clean();
  f.memberships![0]!.org = 'local:nowhere';
  f.events![0]!.participants.push('Q999');
  assert.deepEqual(rulesOf(f), ['unknown-ref', 'unknown-ref']);
});

test('a fact without a source is caught', () => {
  const f = clean();
  f.roles![0]!.source = '';
  f.entities![2]!.start = '1860';
  const rules = rulesOf(f);
  assert.ok(rules.includes('no-source'), rules.join());
});

test('duplicate aliases on one entity (after normalization) are caught, metonyms need context', () => {
  const f = clean();
  f.entities![2]!.aliases.push({ text: 'RASSENDYLL’s', kind: 'other' });
  f.entities![1]!.aliases[0]!.needsContext = false;
  assert.deepEqual(rulesOf(f).sort(), ['duplicate-alias', 'metonym-context']);
});
