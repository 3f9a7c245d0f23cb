import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';

/** Runs the stage over a fixture and returns the events of one class. */
function events(spec: FixtureSpec, cls: string): Annotation[] {
  return eventsStage.run(fixtureInput(spec)).annotations.filter((a) => a.label === cls);
}
type P = { role: string; entity?: string; text: string; pronoun?: string };
const parts = (a: Annotation) => a.attrs.participants as P[];
const edtf = (a: Annotation | undefined) => (a?.attrs.time as { edtf?: string } | undefined)?.edtf;
const inherited = (a: Annotation | undefined) => (a?.attrs.time as { inherited?: boolean } | undefined)?.inherited;

test('a relative clause keeps its date; the main clause inherits the narrative time', () => {
  const text = 'In 1880 the town grew.\nThe painter Ada Finch, who died in 1902, founded the guild of weavers.';
  const spec = {
    text,
    mentions: [{ text: 'Ada Finch', entity: 'local:finch' }, { text: 'guild of weavers', entity: 'local:guild', label: 'ORG' }],
    timexes: [{ text: '1880', edtf: '1880' }, { text: '1902', edtf: '1902' }],
  };
  const [died] = events(spec, 'death');
  assert.equal(edtf(died), '1902');
  assert.deepEqual(parts(died!).map((p) => [p.role, p.entity]), [['patient', 'local:finch']]);
  const [founded] = events(spec, 'founding');
  assert.deepEqual([edtf(founded), inherited(founded)], ['1880', true]);
});

test('coordinate clauses with their own dates: each verb takes its own, a later one shares the subject', () => {
  const text = 'Ada Finch visited Tallow in 1890 and in 1895 joined the guild of weavers.';
  const spec = {
    text,
    mentions: [{ text: 'Ada Finch', entity: 'local:finch' }, { text: 'Tallow', entity: 'local:tallow', label: 'LOC' }, { text: 'guild of weavers', entity: 'local:guild', label: 'ORG' }],
    timexes: [{ text: '1890', edtf: '1890' }, { text: '1895', edtf: '1895' }],
  };
  const [joined] = events(spec, 'joining');
  assert.equal(edtf(joined), '1895');
  assert.equal(parts(joined!).find((p) => p.role === 'agent')?.entity, 'local:finch');
});

test('a later date in another clause does not date an earlier verb', () => {
  const text = 'The mayor resigned; the harbour reopened in 1911.';
  const [resigned] = events({ text, timexes: [{ text: '1911', edtf: '1911' }] }, 'removal');
  assert.notEqual(edtf(resigned), '1911');
});

test('"since 1944" opens the interval, "by 1950" closes it', () => {
  const since = events({
    text: 'Since 1944 Otto Quill headed the river board.',
    mentions: [{ text: 'Otto Quill', entity: 'local:quill' }],
    timexes: [{ text: '1944', edtf: '1944' }],
  }, 'appointment');
  // the fixture timex has no signal: add one as the timex stage would
  assert.equal(edtf(since[0]), '1944');
  const input = fixtureInput({ text: 'Since 1944 Otto Quill headed the river board.', timexes: [{ text: '1944', edtf: '1944' }] });
  const timex = input.layer('timex')[0]!;
  (timex.attrs as Record<string, unknown>).signal = { text: 'Since', relation: 'after' };
  const [ev] = eventsStage.run(input).annotations.filter((a) => a.label === 'appointment');
  assert.equal(edtf(ev), '1944/..');
});

test('enumerated dates give one event per date, each with its own place', () => {
  const text = 'The fleet attacked Korvik (1712), Sennet (1718) and Lowe (1721).';
  const evs = events({
    text,
    mentions: ['Korvik', 'Sennet', 'Lowe'].map((n) => ({ text: n, entity: `local:${n.toLowerCase()}`, label: 'LOC' })),
    timexes: [{ text: '1712', edtf: '1712' }, { text: '1718', edtf: '1718' }, { text: '1721', edtf: '1721' }],
  }, 'conflict');
  const byDate = new Map(evs.map((e) => [edtf(e), parts(e).filter((p) => p.role === 'place').map((p) => p.entity)]));
  assert.deepEqual(byDate.get('1718'), ['local:sennet']);
  assert.deepEqual(byDate.get('1721'), ['local:lowe']);
  const wars = events({ text: 'Both the 1801 and 1809 wars ruined the valley.', timexes: [{ text: '1801', edtf: '1801' }, { text: '1809', edtf: '1809' }] }, 'conflict');
  assert.deepEqual(wars.map(edtf).sort(), ['1801', '1809']);
});

test('a subject pronoun is resolved to the last person named, and a prepositional name is no agent', () => {
  const text = 'Mara Voss grew up in Dunmore.\nDuring the Quill years, she resigned from the council.';
  const [ev] = events({
    text,
    mentions: [{ text: 'Mara Voss', entity: 'local:voss' }, { text: 'Dunmore', entity: 'local:dunmore', label: 'LOC' }, { text: 'Quill', entity: 'local:quill' }],
  }, 'removal');
  const agent = parts(ev!).find((p) => p.role === 'agent');
  assert.equal(agent?.entity, 'local:voss');
  assert.equal(agent?.pronoun, 'she');
});

test('passive coordination: "was arrested and executed" shares the patient', () => {
  const [ev] = events({ text: 'The rebel Ivor Lamb was arrested and executed.', mentions: [{ text: 'Ivor Lamb', entity: 'local:lamb' }] }, 'execution');
  assert.deepEqual(parts(ev!).map((p) => [p.role, p.entity]), [['patient', 'local:lamb']]);
});

test('"with the help of X" makes X a helper, not the agent', () => {
  const [ev] = events({
    text: 'With the help of Otto Quill, Mara Voss dismissed the steward Ivor Lamb.',
    mentions: [{ text: 'Otto Quill', entity: 'local:quill' }, { text: 'Mara Voss', entity: 'local:voss' }, { text: 'Ivor Lamb', entity: 'local:lamb' }],
  }, 'removal');
  const roles = new Map(parts(ev!).map((p) => [p.entity, p.role]));
  assert.equal(roles.get('local:voss'), 'agent');
  assert.equal(roles.get('local:quill'), 'other');
  assert.equal(roles.get('local:lamb'), 'patient');
});

test('a bare event noun needs a date or a participant to count', () => {
  assert.equal(events({ text: 'Every report mentions a crisis of some kind.' }, 'conflict').length, 0);
  assert.equal(events({ text: 'The crisis of 1873 ruined the bank.', timexes: [{ text: '1873', edtf: '1873' }] }, 'conflict').length, 1);
  const arrest = events({ text: 'Everyone feared the arrest of Ivor Lamb.', mentions: [{ text: 'Ivor Lamb', entity: 'local:lamb' }] }, 'arrest');
  assert.equal(arrest.length, 1);
});

test('the subject of an intransitive verb of dying undergoes it; a verb with an object keeps its agent', () => {
  const text = 'Ada Finch perished in the flood of 1902. In 1903 Oskar Vell starved the Tallow garrison.';
  const spec = {
    text,
    mentions: [{ text: 'Ada Finch', entity: 'local:finch' }, { text: 'Oskar Vell', entity: 'local:vell' }, { text: 'Tallow garrison', entity: 'local:garrison', label: 'ORG' }],
    timexes: [{ text: '1902', edtf: '1902' }, { text: '1903', edtf: '1903' }],
  };
  const [perished, starved] = events(spec, 'death');
  assert.deepEqual(parts(perished!).map((p) => [p.role, p.entity]), [['patient', 'local:finch']]);
  assert.deepEqual(parts(starved!).map((p) => [p.role, p.entity]), [['agent', 'local:vell'], ['patient', 'local:garrison']]);
});

test('an -ing participle after a noun takes no date that stands past a later verb', () => {
  const text = 'In 1920 the guild grew.\nThe clerk accusing Oskar Vell of theft told the court in 1923 that the ledgers were forged.';
  const spec = { text, mentions: [{ text: 'Oskar Vell', entity: 'local:vell' }], timexes: [{ text: '1920', edtf: '1920' }, { text: '1923', edtf: '1923' }] };
  const accusing = events(spec, 'statement').find((e) => text.slice(e.start, e.end).includes('accusing'));
  assert.ok(accusing, 'the accusation is an event');
  assert.notEqual(edtf(accusing), '1923');
});
