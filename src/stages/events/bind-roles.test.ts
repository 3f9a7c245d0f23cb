import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';
import { buildTriggerLexicon } from './lexicon.ts';
import { readSentences } from './read-layers.ts';
import { governingPreposition, isEventName, isPremodifier } from './bind-roles.ts';

/** Runs the stage over a fixture and returns the events of one class. */
function events(spec: FixtureSpec, cls: string): Annotation[] {
  return eventsStage.run(fixtureInput(spec)).annotations.filter((a) => a.label === cls);
}
type P = { role: string; entity?: string; text: string; pronoun?: string };
const roles = (a: Annotation | undefined) => ((a?.attrs.participants as P[] | undefined) ?? []).map((p) => [p.role, p.text]);
const core = (a: Annotation | undefined) => roles(a).filter(([r]) => r === 'agent' || r === 'patient');

test('a name after a preposition the verb does not take its patient with is a circumstance, not the patient', () => {
  const [ev] = events({
    text: 'The regent Mara Voss expelled Ada Finch from the Weavers Guild.',
    mentions: [{ text: 'Mara Voss' }, { text: 'Ada Finch' }, { text: 'Weavers Guild', label: 'ORG' }],
  }, 'removal');
  assert.deepEqual(roles(ev), [['agent', 'Mara Voss'], ['patient', 'Ada Finch'], ['other', 'Weavers Guild']]);
  // "fought against X": the class's own preposition still marks the patient
  const [war] = events({ text: 'Brenmark fought against Tallow.', mentions: [{ text: 'Brenmark', label: 'LOC' }, { text: 'Tallow', label: 'LOC' }] }, 'conflict');
  assert.deepEqual(core(war), [['agent', 'Brenmark'], ['patient', 'Tallow']]);
});

test('an object pronoun right after the verb takes the object slot and is resolved to an earlier person', () => {
  const [ev] = events({
    text: 'Otto Quill lost the vote.\nThe guild masters removed him from the Harbour Board.',
    mentions: [{ text: 'Otto Quill' }, { text: 'Harbour Board', label: 'ORG' }],
  }, 'removal');
  const ps = ev!.attrs.participants as P[];
  assert.deepEqual(ps.map((p) => [p.role, p.text, p.pronoun]), [['patient', 'Otto Quill', 'him'], ['other', 'Harbour Board', undefined]]);
});

test('an office held is no patient: "took over as secretary of X", "became premier of Y"', () => {
  const [took] = events({
    text: 'In 1911 Otto Quill took over as first secretary of the Brenmark Council.',
    mentions: [{ text: 'Otto Quill' }, { text: 'Brenmark Council', label: 'ORG' }],
    timexes: [{ text: '1911', edtf: '1911' }],
  }, 'appointment');
  assert.deepEqual(core(took), [['agent', 'Otto Quill']]);
  const [became] = events({
    text: 'Mara Voss became the chancellor of Tallow in 1920.',
    mentions: [{ text: 'Mara Voss' }, { text: 'chancellor of Tallow' }, { text: 'Tallow', label: 'LOC' }],
    timexes: [{ text: '1920', edtf: '1920' }],
  }, 'appointment');
  assert.deepEqual(core(became), [['agent', 'Mara Voss']]);
});

test('"become" is an appointment only with an office for complement', () => {
  assert.equal(events({ text: 'The border quarrel would soon become their own long war.' }, 'appointment').length, 0);
  assert.equal(events({ text: 'The harvests became poorer every year.' }, 'appointment').length, 0);
  assert.equal(events({ text: 'Brenmark had become the owner of a large fleet.', mentions: [{ text: 'Brenmark', label: 'LOC' }] }, 'appointment').length, 0);
  assert.equal(events({ text: 'Ada Finch became the 2nd secretary of the guild.', mentions: [{ text: 'Ada Finch' }] }, 'appointment').length, 1);
  assert.equal(events({ text: 'In 1899 she became head of the council.' }, 'appointment').length, 1);
  // other appointment verbs need no complement check
  assert.equal(events({ text: 'The council elected Ada Finch.', mentions: [{ text: 'Ada Finch' }] }, 'appointment').length, 1);
});

test('"the arrest of X": a verb form after a determiner takes its "of" name as the patient', () => {
  const [ev] = events({ text: 'After the arrest of Ada Finch the guild closed.', mentions: [{ text: 'Ada Finch' }] }, 'arrest');
  assert.deepEqual(core(ev), [['patient', 'Ada Finch']]);
});

test('a comma right after a trigger ends its clause, unless it opens a parenthetical', () => {
  const [death] = events({
    text: "A year after Ada Finch's death, the Weavers Guild closed its doors.",
    mentions: [{ text: 'Ada Finch' }, { text: 'Weavers Guild', label: 'ORG' }],
  }, 'death');
  assert.deepEqual(roles(death), [['patient', 'Ada Finch']]);
  const [arrest] = events({
    text: 'Ada Finch was arrested, in 1921, by the Harbour Police.',
    mentions: [{ text: 'Ada Finch' }, { text: 'Harbour Police', label: 'ORG' }],
    timexes: [{ text: '1921', edtf: '1921' }],
  }, 'arrest');
  assert.deepEqual(core(arrest), [['patient', 'Ada Finch'], ['agent', 'Harbour Police']]);
});

test('a place may be the head of a longer prepositional phrase or coordinated with a place: no agent', () => {
  const [meet] = events({
    text: 'In the Tallowese capital Brenn, the guild masters met.',
    mentions: [{ text: 'Tallowese', label: 'GRP' }, { text: 'Brenn', label: 'LOC' }],
  }, 'meeting');
  assert.ok(meet, 'a meeting event');
  assert.deepEqual(core(meet), []);
  const [met] = events({
    text: 'In Brenn or Tallow, the guild masters met every spring.',
    mentions: [{ text: 'Brenn', label: 'LOC' }, { text: 'Tallow', label: 'LOC' }],
  }, 'meeting');
  assert.ok(met, 'a meeting event');
  assert.deepEqual(core(met), []);
  // after the trigger the place is kept as a place
  const [held] = events({
    text: 'The guild masters met in the Tallowese capital Brenn.',
    mentions: [{ text: 'Tallowese', label: 'GRP' }, { text: 'Brenn', label: 'LOC' }],
  }, 'meeting');
  assert.deepEqual(roles(held).find(([, t]) => t === 'Brenn'), ['place', 'Brenn']);
  assert.deepEqual(core(held), []);
});

test('a name nested in a longer one is not a participant of its own', () => {
  const [ev] = events({
    text: 'Brenmark Consul Otto Quill visited Tallow in 1902.',
    mentions: [{ text: 'Brenmark Consul Otto Quill' }, { text: 'Brenmark', label: 'LOC' }, { text: 'Tallow', label: 'LOC' }],
    timexes: [{ text: '1902', edtf: '1902' }],
  }, 'visit');
  assert.deepEqual(roles(ev), [['agent', 'Brenmark Consul Otto Quill'], ['place', 'Tallow']]);
});

test('isPremodifier: an adjective-like name before a common noun, or run on by an unnamed capitalized word', () => {
  const text = 'The Tallowese city of Brenn and the Tallowese troops met the Harbour Pact envoys.';
  const input = fixtureInput({ text, mentions: [{ text: 'Tallowese', label: 'GRP' }, { text: 'Tallowese', label: 'GRP', nth: 1 }, { text: 'Harbour', label: 'LOC' }] });
  const [s] = readSentences(input);
  const heads = new Set(['troops']);
  const [city, troops, harbour] = s!.mentions;
  assert.equal(isPremodifier(city!, s!, text, [], heads), true);
  assert.equal(isPremodifier(troops!, s!, text, [], heads), false);
  assert.equal(isPremodifier(harbour!, s!, text, [], heads), true);
});

test('governingPreposition walks back over determiners and premodifiers only', () => {
  const text = 'They met in the old Tallowese capital Brenn and visited 1902 Brenn.';
  const input = fixtureInput({ text });
  const [s] = readSentences(input);
  const preps = new Set(['in', 'of']);
  assert.equal(governingPreposition(s!.tokens, text.indexOf('Brenn'), preps, text), 'in');
  assert.equal(governingPreposition(s!.tokens, text.lastIndexOf('Brenn'), preps, text), undefined);
});

test('isEventName: a KB event, or a miscellaneous name ending in an event noun, is no actor', () => {
  const text = 'The Salt Uprising and the Harbour Guild and the Long War.';
  const input = fixtureInput({ text, mentions: [{ text: 'Salt Uprising', label: 'MISC' }, { text: 'Harbour Guild', label: 'ORG' }, { text: 'Long War', label: 'MISC', entity: 'local:long-war' }] });
  const [s] = readSentences(input);
  const lexicon = buildTriggerLexicon();
  const [uprising, guild, war] = s!.mentions;
  assert.equal(isEventName(uprising!, s!, undefined, lexicon), true);
  assert.equal(isEventName(guild!, s!, undefined, lexicon), false);
  const kb = { byId: new Map([['local:long-war', { id: 'local:long-war', type: 'event', name: 'Long War', aliases: [] }]]), eventById: new Map() } as unknown as KnowledgeBase;
  assert.equal(isEventName(war!, s!, kb, lexicon), true);
});

test('a relative "that" before a verb trigger does not make it a noun: its object stays the patient', () => {
  const [ev] = events({
    text: 'It was the Brenmark fleet that attacked Tallow.',
    mentions: [{ text: 'Brenmark', label: 'LOC' }, { text: 'Tallow', label: 'LOC' }],
  }, 'conflict');
  assert.deepEqual(roles(ev).find(([, t]) => t === 'Tallow'), ['patient', 'Tallow']);
});

test('an adjective-like name linked to no entity is no agent: "the Northern offensive"', () => {
  const [linked] = events({ text: 'The Tallowese offensive began in 1890.', mentions: [{ text: 'Tallowese', label: 'GRP', entity: 'local:tallow' }], timexes: [{ text: '1890', edtf: '1890' }] }, 'conflict');
  const [unlinked] = events({ text: 'The Northern offensive began in 1890.', mentions: [{ text: 'Northern', label: 'GRP' }], timexes: [{ text: '1890', edtf: '1890' }] }, 'conflict');
  assert.deepEqual([core(linked), core(unlinked)], [[['agent', 'Tallowese']], []]);
});

test('a premodifier nearest the verb stops the subject search: the subject is the noun it modifies', () => {
  const [ev] = events({
    text: 'Ada Finch said the Tallowese salt tax provoked riots.',
    mentions: [{ text: 'Ada Finch' }, { text: 'Tallowese', label: 'GRP' }],
  }, 'other');
  assert.ok(ev, 'an event for "provoked"');
  assert.deepEqual(core(ev), []);
});

test('"a charter approved by X" (reduced passive) makes X the agent; "predicted to X" makes X the recipient', () => {
  const [approved] = events({ text: 'The guild kept a charter approved by the Brenmark Council.', mentions: [{ text: 'Brenmark Council', label: 'ORG' }] }, 'decision');
  assert.deepEqual(core(approved), [['agent', 'Brenmark Council']]);
  const [predicted] = events({ text: 'Mara Voss predicted to Otto Quill a long winter.', mentions: [{ text: 'Mara Voss' }, { text: 'Otto Quill' }] }, 'statement');
  assert.deepEqual(roles(predicted), [['agent', 'Mara Voss'], ['recipient', 'Otto Quill']]);
});
