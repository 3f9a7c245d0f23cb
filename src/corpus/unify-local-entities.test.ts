import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCorpus } from './analyze-corpus.ts';
import { fixtureKb, sourceWithEvents } from './testing.ts';
import { applyEntityMerges, planLocalMerges, type EntitySummary } from './unify-local-entities.ts';

const person = (id: string, name: string, count = 1, local = true): EntitySummary => ({ id, name, type: 'person', local, count });
const plan = (es: EntitySummary[]) => Object.fromEntries([...planLocalMerges(es)].map(([id, m]) => [id, `${m.into} ${m.rule}`]));

test('planLocalMerges: a surname joins its one bearer, a middle name its short form', () => {
  assert.deepEqual(
    plan([person('local:ada-varga', 'Ada Varga', 5), person('local:varga', 'Varga', 3), person('local:ada-k-varga', 'Ada K. Varga', 2), person('local:tomas-erl', 'Tomas Erl')]),
    { 'local:varga': 'local:ada-varga surname', 'local:ada-k-varga': 'local:ada-varga middle-name' },
  );
});

test('planLocalMerges: a surname borne by several people joins only one mentioned far more often', () => {
  const bearers = [person('local:ada-varga', 'Ada Varga', 10), person('local:ivo-varga', 'Ivo Varga', 3), person('local:varga', 'Varga', 4)];
  assert.deepEqual(plan(bearers), {});
  bearers[0]!.count = 15;
  assert.deepEqual(plan(bearers), { 'local:varga': 'local:ada-varga surname' });
});

test('planLocalMerges: never merges KB entities, other types, given names or names with lower-case words', () => {
  assert.deepEqual(plan([person('Q1', 'Ada Varga', 5, false), person('local:varga', 'Varga')]), {});
  assert.deepEqual(plan([{ id: 'local:varga-mills', name: 'Varga Mills', type: 'organization', local: true, count: 5 }, { id: 'local:mills', name: 'Mills', type: 'organization', local: true, count: 2 }]), {});
  // "Varga" is mostly a first name here, so "Varga" alone is too ambiguous
  assert.deepEqual(plan([person('local:ada-varga', 'Ada Varga', 2), person('local:varga-nemeth', 'Varga Nemeth', 6), person('local:varga', 'Varga')]), {});
  assert.deepEqual(plan([person('local:ada-varga', 'Ada Varga', 2), person('local:varga', 'the Varga')]), {});
});

test('computeCorpus: one local person across sources, renamed everywhere, named by the full name, old ids kept', () => {
  const a = sourceWithEvents('A', [{ text: 'In 1961 Ada Varga met Tomas Erl in Lisbon.', trigger: 'met', cls: 'meeting', agents: [['local:ada-varga', 'Ada Varga']], others: [['local:tomas-erl', 'Tomas Erl']], edtf: '1961', earliest: '1961-01-01', latest: '1961-12-31' }]);
  const b = sourceWithEvents('B', [{ text: 'In 1963 Varga visited Tomas Erl again.', trigger: 'visited', cls: 'visit', agents: [['local:varga', 'Varga']], others: [['local:tomas-erl', 'Tomas Erl']], edtf: '1963', earliest: '1963-01-01', latest: '1963-12-31' }]);
  const merged = applyEntityMerges([a, b], planLocalMerges([person('local:ada-varga', 'Ada Varga'), person('local:varga', 'Varga'), person('local:tomas-erl', 'Tomas Erl')]));
  assert.equal(merged[0], a, 'a source with nothing to rename is returned as it is');
  const m = merged[1]!.annotations.find((x) => x.layer === 'mention' && x.attrs.mergedFrom === 'local:varga');
  assert.equal(m?.attrs.entity, 'local:ada-varga');
  assert.equal(m?.attrs.mergeRule, 'surname');
  const ev = merged[1]!.annotations.find((x) => x.layer === 'event')!;
  assert.deepEqual((ev.attrs.participants as Array<{ entity: string }>).map((p) => p.entity), ['local:ada-varga', 'local:tomas-erl']);
  assert.equal(b.annotations.find((x) => x.layer === 'mention')!.attrs.entity, 'local:varga', 'the input is not changed');

  const { entities, relations } = computeCorpus([a, b], fixtureKb());
  const ada = entities.find((e) => e.id === 'local:ada-varga')!;
  assert.equal(ada.mentions.length, 2);
  assert.equal(ada.name, 'Ada Varga');
  assert.deepEqual(ada.merged, [{ id: 'local:varga', rule: 'surname' }]);
  assert.ok(!entities.some((e) => e.id === 'local:varga'));
  assert.ok(relations.every((r) => r.from !== 'local:varga' && r.to !== 'local:varga'));
});

test('computeCorpus: event labels name local entities as the sources write them, not by the slug of their id', () => {
  const a = sourceWithEvents('A', [{ text: 'In 1961 Ada Varga met Tomas Erl in Lisbon.', trigger: 'met', cls: 'meeting', agents: [['local:ada-varga', 'Ada Varga']], others: [['local:tomas-erl', 'Tomas Erl']], edtf: '1961', earliest: '1961-01-01', latest: '1961-12-31' }]);
  const [ev] = computeCorpus([a], fixtureKb()).events;
  assert.match(ev!.label, /Ada Varga/);
  assert.doesNotMatch(ev!.label, /ada-varga|tomas-erl/);
});
