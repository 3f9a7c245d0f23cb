import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';

/** Runs the stage over a fixture and returns the events of one class, in text order. */
function events(spec: FixtureSpec, cls: string): Annotation[] {
  return eventsStage.run(fixtureInput(spec)).annotations.filter((a) => a.label === cls).sort((a, b) => a.start - b.start);
}
type P = { role: string; text: string; pronoun?: string };
const parts = (a: Annotation | undefined) => ((a?.attrs.participants as P[] | undefined) ?? []).map((p) => [p.role, p.text, p.pronoun]);

test('a possessive instigator phrase opening the sentence names who set its agentless events in motion', () => {
  const spec = {
    text: 'Mara Voss distrusted the harbour board.\nThen, at her suggestion, Ivo Lant was arrested and Per Dahl was dismissed in 1903.',
    mentions: [{ text: 'Mara Voss' }, { text: 'Ivo Lant' }, { text: 'Per Dahl' }],
    timexes: [{ text: '1903', edtf: '1903' }],
  };
  for (const cls of ['arrest', 'removal']) {
    const ps = parts(events(spec, cls)[0]);
    assert.ok(ps.some(([role, text, pronoun]) => role === 'other' && text === 'Mara Voss' && pronoun === 'her'), `${cls}: ${JSON.stringify(ps)}`);
    assert.ok(!ps.some(([role]) => role === 'agent'), `${cls}: ${JSON.stringify(ps)}`);
  }
});

test('a name with "\'s" right after a passive trigger instigates it; an event with an agent, or another clause, is left alone', () => {
  const [jailed] = events({
    text: 'In 1903 Ivo Lant was arrested on Mara Voss\'s orders.',
    mentions: [{ text: 'Ivo Lant' }, { text: 'Mara Voss' }],
    timexes: [{ text: '1903', edtf: '1903' }],
  }, 'arrest');
  assert.ok(parts(jailed).some(([role, text]) => role === 'other' && text === 'Mara Voss'), JSON.stringify(parts(jailed)));
  const [own] = events({
    text: 'In 1903, at her suggestion, the guards arrested Ivo Lant.',
    mentions: [{ text: 'guards', label: 'ORG' }, { text: 'Ivo Lant' }],
    timexes: [{ text: '1903', edtf: '1903' }],
  }, 'arrest');
  assert.ok(!parts(own).some(([role]) => role === 'other'), JSON.stringify(parts(own)));
  const [apart] = events({
    text: 'Mara Voss spoke at her request; in 1903 Ivo Lant was arrested.',
    mentions: [{ text: 'Mara Voss' }, { text: 'Ivo Lant' }],
    timexes: [{ text: '1903', edtf: '1903' }],
  }, 'arrest');
  assert.deepEqual(parts(apart), [['patient', 'Ivo Lant', undefined]]);
});

test('", which led to a coup": the subject of the clause before is the cause of the event noun', () => {
  const [coup] = events({
    text: 'In 1911 the Dock Union delayed its answer, which soon led to a coup in Brenmark.',
    mentions: [{ text: 'Dock Union', label: 'ORG' }, { text: 'Brenmark', label: 'LOC' }],
    timexes: [{ text: '1911', edtf: '1911' }],
  }, 'removal');
  assert.ok(parts(coup).some(([role, text]) => role === 'other' && text === 'Dock Union'), JSON.stringify(parts(coup)));
  // without ", which" the clause is no cause: "the answer led to a coup" names none
  const [plain] = events({
    text: 'In 1911 the Dock Union met, and the delay led to a coup in Brenmark.',
    mentions: [{ text: 'Dock Union', label: 'ORG' }, { text: 'Brenmark', label: 'LOC' }],
    timexes: [{ text: '1911', edtf: '1911' }],
  }, 'removal');
  assert.ok(!parts(plain).some(([, text]) => text === 'Dock Union'), JSON.stringify(parts(plain)));
});

test('"served as" tells an office held, with its holder as agent', () => {
  const [served] = events({
    text: 'In 1911 Mara Voss served as the mayor of Brenmark.',
    mentions: [{ text: 'Mara Voss' }, { text: 'Brenmark', label: 'LOC' }],
    timexes: [{ text: '1911', edtf: '1911' }],
  }, 'appointment');
  assert.ok(parts(served).some(([role, text]) => role === 'agent' && text === 'Mara Voss'), JSON.stringify(parts(served)));
});
