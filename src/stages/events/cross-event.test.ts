/**
 * Rules that date or fill an event from another part of the text or from the knowledge base, on
 * fixture sentences written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation, Json } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import { closeOnceOnly } from './close-once-only.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';
import { officeAt, shareOfficeDate } from './share-office-date.ts';

const PROV = { stage: 'test', version: '0', rule: 'fixture', confidence: 1 };
const time = (a: Annotation | undefined) => a?.attrs.time as Record<string, Json> | undefined;

/** An event annotation with the attributes the stage writes. */
function ev(label: string, start: number, attrs: Record<string, Json>): Annotation {
  return makeAnnotation('fixture', 'event', start, start + 5, label, PROV, { polarity: 'positive', modality: 'asserted', ...attrs });
}

/** A knowledge base with one dated event and two states, enough for the rules under test. */
function tinyKb(): KnowledgeBase {
  const entities = [
    { id: 'local:north', type: 'place', name: 'Northland', aliases: [] },
    { id: 'local:south', type: 'place', name: 'Southland', aliases: [] },
  ];
  const events = [{ id: 'local:rift', name: 'Great Rift', date: '1871-06-02', class: 'conflict', participants: ['local:north', 'local:south'], source: 'test' }];
  return {
    entities,
    roles: [],
    names: [],
    events,
    byId: new Map(entities.map((e) => [e.id, e])),
    eventById: new Map(events.map((e) => [e.id, e])),
  } as unknown as KnowledgeBase;
}

/** Runs the stage with the tiny knowledge base. */
function run(spec: FixtureSpec): Annotation[] {
  return eventsStage.run({ ...fixtureInput(spec), resources: { kb: tinyKb() } }).annotations;
}

test('a once-only event open to the future is closed by the explicitly dated one about the same entity', () => {
  const open = ev('founding', 0, { participants: [{ role: 'patient', entity: 'local:league' }], time: { edtf: '1890-05/..', inherited: false } });
  const later = ev('founding', 50, { participants: [{ role: 'patient', entity: 'local:league' }], time: { edtf: '1893-06', inherited: false } });
  const other = ev('founding', 90, { participants: [{ role: 'patient', entity: 'local:guild' }], time: { edtf: '1891', inherited: false } });
  const [closed, kept] = closeOnceOnly([open, later, other]);
  assert.equal(time(closed)?.edtf, '1890-05/1893-06');
  assert.equal(time(closed)?.closedBy, later.id);
  assert.equal(time(kept)?.edtf, '1893-06');
  // a meeting can happen many times: not closed
  const meeting = ev('meeting', 0, { participants: [{ role: 'patient', entity: 'local:league' }], time: { edtf: '1890-05/..', inherited: false } });
  assert.equal(time(closeOnceOnly([meeting, { ...later, label: 'meeting' }])[0])?.edtf, '1890-05/..');
  // an earlier-starting event does not close it, and neither does an inherited date
  const before = ev('founding', 50, { participants: [{ role: 'patient', entity: 'local:league' }], time: { edtf: '1889', inherited: false } });
  const inheritedLater = ev('founding', 60, { participants: [{ role: 'patient', entity: 'local:league' }], time: { edtf: '1893', inherited: true } });
  assert.equal(time(closeOnceOnly([open, before, inheritedLater])[0])?.edtf, '1890-05/..');
});

test('office names: a leading "the" and a trailing complement are ignored; "premier" and "prime minister" are one office', () => {
  assert.equal(officeAt('Premier of Northland in May 1880'), officeAt(' the prime minister and'));
  assert.notEqual(officeAt('president of the republic'), officeAt('premier'));
  assert.equal(officeAt('prime suspect'), undefined);
});

test('"replacing X as prime minister" takes the date of "became Premier" told of the same person nearby', () => {
  const text = 'In May 1879 the vote went against her. She then replaced Ivor Lamb as prime minister. She became Premier of Northland in March 1880.';
  const p1 = text.indexOf('replaced');
  const p2 = text.indexOf('became');
  const replaced = ev('removal', p1, { trigger: { start: p1, end: p1 + 8 }, sentence: 1, participants: [{ role: 'agent', entity: 'local:voss' }, { role: 'patient', entity: 'local:lamb' }], time: { edtf: '1879-05', inherited: true } });
  const became = ev('appointment', p2, { trigger: { start: p2, end: p2 + 6 }, sentence: 2, participants: [{ role: 'agent', entity: 'local:voss' }], time: { edtf: '1880-03', inherited: false } });
  const [r] = shareOfficeDate([replaced, became], text, () => 0);
  assert.deepEqual([time(r)?.edtf, time(r)?.relation, time(r)?.inherited], ['1880-03', 'same-office-change', false]);
  // another person, or another paragraph: no sharing
  const stranger = { ...became, attrs: { ...became.attrs, participants: [{ role: 'agent', entity: 'local:quill' }] } };
  assert.equal(time(shareOfficeDate([replaced, stranger], text, () => 0)[0])?.edtf, '1879-05');
  assert.equal(time(shareOfficeDate([replaced, became], text, (i) => i)[0])?.edtf, '1879-05');
});

test('an aspectual verb dates its subject noun: "the drought that began in 1921"', () => {
  const text = 'The drought that began in 1921 ruined the valley. The harvest began to fail.';
  const anns = run({ text, timexes: [{ text: '1921', edtf: '1921' }] });
  const drought = anns.find((a) => a.provenance.rule === 'aspectual-subject');
  assert.ok(drought);
  assert.equal(text.slice((drought.attrs.trigger as { start: number }).start, (drought.attrs.trigger as { end: number }).end), 'drought');
  assert.equal(time(drought)?.edtf, '1921');
  // "began to fail": the failing is the event, not the harvest; no date either
  assert.equal(anns.filter((a) => a.provenance.rule === 'aspectual-subject').length, 1);
});

test('"later that year" with no earlier date takes the year of a dated KB event the paragraph names', () => {
  const text = 'The treaty also fuelled the riots that erupted later that year in the ports. Until the Great Rift, trade had flowed freely.';
  const spec: FixtureSpec = {
    text,
    mentions: [{ text: 'Great Rift', entity: 'local:rift', label: 'MISC' }],
    extra: [makeAnnotation('fixture', 'timex', text.indexOf('later that year'), text.indexOf('later that year') + 15, 'DATE', PROV, { value: 'XXXX', edtf: null })],
  };
  const riots = run(spec).find((a) => a.label === 'protest');
  assert.deepEqual([time(riots)?.edtf, time(riots)?.relation, time(riots)?.anchorEvent], ['1871', 'kb-fallback', 'local:rift']);
  // without any dated KB event named, it stays undated
  const bare = run({ ...spec, mentions: [] }).find((a) => a.label === 'protest');
  assert.equal(time(bare), undefined);
});

test('coordinated subjects share the agent role: "X, together with Y and Z, signed"', () => {
  const text = 'Northland, together with Eastmark and Southland, signed the pact.';
  const mentions = [
    { text: 'Northland', entity: 'local:north', label: 'LOC' },
    { text: 'Eastmark', entity: 'local:east', label: 'LOC' },
    { text: 'Southland', entity: 'local:south', label: 'LOC' },
  ];
  const [signed] = run({ text, mentions }).filter((a) => a.label === 'treaty');
  const agents = (signed!.attrs.participants as Array<{ role: string; entity: string }>).filter((p) => p.role === 'agent').map((p) => p.entity);
  assert.deepEqual(agents.sort(), ['local:east', 'local:north', 'local:south']);
});

test('a trigger inside the name of a KB event brings that event\'s known participants, marked as from the KB', () => {
  const text = 'Trade collapsed after the Great Rift war of 1871.';
  const anns = run({ text, mentions: [{ text: 'Great Rift war', entity: 'local:rift', label: 'MISC' }], timexes: [{ text: '1871', edtf: '1871' }] });
  const war = anns.find((a) => a.label === 'conflict');
  const kbParts = (war?.attrs.participants as Array<{ entity: string; basis?: string }>).filter((p) => p.basis === 'kb-event').map((p) => p.entity);
  assert.deepEqual(kbParts.sort(), ['local:north', 'local:south']);
});
