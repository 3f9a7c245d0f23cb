import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';
import { compoundSides } from './compound-sides.ts';

/** Runs the stage over a fixture and returns the events of one class, in text order. */
function events(spec: FixtureSpec, cls: string): Annotation[] {
  return eventsStage.run(fixtureInput(spec)).annotations.filter((a) => a.label === cls).sort((a, b) => a.start - b.start);
}
type P = { role: string; text: string; basis?: string };
const parts = (a: Annotation | undefined) => (a?.attrs.participants as P[] | undefined) ?? [];

test('"It was ratified": a pronoun subject takes the participants of the earlier event of its class', () => {
  const [signed, ratified] = events({
    text: 'Brenmark and Tallow signed an accord on salt.\nIt was ratified in 1901.',
    mentions: [{ text: 'Brenmark', label: 'LOC' }, { text: 'Tallow', label: 'LOC' }],
    timexes: [{ text: '1901', edtf: '1901' }],
  }, 'treaty');
  assert.deepEqual(parts(ratified).map((p) => [p.role, p.text, p.basis]), [['agent', 'Tallow', 'event-anaphora'], ['agent', 'Brenmark', 'event-anaphora']]);
  assert.equal(ratified!.attrs.anaphorOf, signed!.id);
});

test('"this decision" with no participants of its own points back; one with its own does not, nor one of another class', () => {
  const [, again] = events({
    text: 'In 1880 the Brenmark Council decided to close the port.\nThis decision angered the fishermen.',
    mentions: [{ text: 'Brenmark Council', label: 'ORG' }],
    timexes: [{ text: '1880', edtf: '1880' }],
  }, 'decision');
  assert.deepEqual(parts(again).map((p) => [p.role, p.text]), [['agent', 'Brenmark Council']]);
  const [, own] = events({
    text: 'In 1880 the Brenmark Council decided to close the port.\nThis decision of Mara Voss angered the fishermen.',
    mentions: [{ text: 'Brenmark Council', label: 'ORG' }, { text: 'Mara Voss' }],
    timexes: [{ text: '1880', edtf: '1880' }],
  }, 'decision');
  assert.deepEqual(parts(own).map((p) => p.text), ['Mara Voss']);
  assert.equal(own!.attrs.anaphorOf, undefined);
  const [protest] = events({
    text: 'In 1880 the Brenmark Council decided to close the port.\nThe protest lasted until 1881.',
    mentions: [{ text: 'Brenmark Council', label: 'ORG' }],
    timexes: [{ text: '1880', edtf: '1880' }, { text: '1881', edtf: '1881' }],
  }, 'protest');
  assert.ok(protest, 'a protest event');
  assert.deepEqual(parts(protest), []);
});

test('compoundSides: a compound adjective names two states through their demonyms and combining forms', () => {
  const place = (id: string, demonym: string) => ({ id, type: 'place', name: id, aliases: [{ text: demonym, kind: 'demonym' }] });
  const kb = { entities: [place('local:varnia', 'Varnian'), place('local:tallow', 'the Tallowese'), { id: 'local:tallowese-people', type: 'group', name: 'Tallowese people', aliases: [{ text: 'Tallowese', kind: 'demonym' }] }] } as unknown as KnowledgeBase;
  assert.deepEqual(compoundSides('Varnian-Tallowese', kb, {}), ['local:varnia', 'local:tallow']);
  assert.deepEqual(compoundSides('Varno-Tallowese', kb, { varno: 'varnian' }), ['local:varnia', 'local:tallow']);
  assert.equal(compoundSides('Varnian-Varnian', kb, {}), undefined);
  assert.equal(compoundSides('Varnian-Frisian', kb, {}), undefined);
});

test('"Organized by X and Y, it …": a fronted participle clause gives the agents of the event "it" stands for', () => {
  const [congress] = events({
    text: 'The last such congress took place in 1921.\nOrganized by Mara Voss and the Dock Union, it lasted a week.',
    mentions: [{ text: 'Mara Voss' }, { text: 'Dock Union', label: 'ORG' }],
    timexes: [{ text: '1921', edtf: '1921' }],
  }, 'meeting');
  assert.deepEqual(parts(congress).map((p) => [p.role, p.text, p.basis]), [['agent', 'Mara Voss', 'event-anaphora'], ['agent', 'Dock Union', 'event-anaphora']]);
  // another subject than "it", or more than names after "by": nothing taken
  const [other] = events({
    text: 'The last such congress took place in 1921.\nOrganized by Mara Voss, the fair lasted a week.',
    mentions: [{ text: 'Mara Voss' }],
    timexes: [{ text: '1921', edtf: '1921' }],
  }, 'meeting');
  assert.deepEqual(parts(other), []);
  const [loose] = events({
    text: 'The last such congress took place in 1921.\nOrganized by friends of Mara Voss, it lasted a week.',
    mentions: [{ text: 'Mara Voss' }],
    timexes: [{ text: '1921', edtf: '1921' }],
  }, 'meeting');
  assert.deepEqual(parts(loose), []);
});

test('"these meetings were held …": a demonstrative event noun of the class as a verb\'s subject points back', () => {
  const [, held] = events({
    text: 'In 1920 the congresses of the Dock Union began.\nIn 1925 these congresses were held in Brenmark.',
    mentions: [{ text: 'Dock Union', label: 'ORG' }, { text: 'Brenmark', label: 'LOC' }],
    timexes: [{ text: '1920', edtf: '1920' }, { text: '1925', edtf: '1925' }],
  }, 'meeting');
  assert.deepEqual(parts(held).filter((p) => p.basis).map((p) => p.text), ['Dock Union']);
  // a noun of another class ("these people") does not
  const [, other] = events({
    text: 'In 1920 the congresses of the Dock Union began.\nIn 1925 these people were held in Brenmark.',
    mentions: [{ text: 'Dock Union', label: 'ORG' }, { text: 'Brenmark', label: 'LOC' }],
    timexes: [{ text: '1920', edtf: '1920' }, { text: '1925', edtf: '1925' }],
  }, 'meeting');
  assert.ok(!parts(other).some((p) => p.basis), JSON.stringify(parts(other)));
});
