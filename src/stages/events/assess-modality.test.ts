import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';
import { assessPredicate, type ModalityCues } from './assess-modality.ts';
import { readDataJson } from './lexicon.ts';

/** Runs the stage over a fixture and returns the events of one class. */
function events(spec: FixtureSpec, cls: string): Annotation[] {
  return eventsStage.run(fixtureInput(spec)).annotations.filter((a) => a.label === cls);
}
const mood = (a: Annotation | undefined) => [a?.attrs.polarity, a?.attrs.modality];

test('an event noun denied by its predicate is negative: "never happened", "was called off"', () => {
  assert.deepEqual(mood(events({ text: 'The meeting of Ada Finch and Otto Quill never happened.', mentions: [{ text: 'Ada Finch' }, { text: 'Otto Quill' }] }, 'meeting')[0]), ['negative', 'asserted']);
  assert.deepEqual(mood(events({ text: 'In 1907 the royal visit to Brenn was called off.', mentions: [{ text: 'Brenn', label: 'LOC' }], timexes: [{ text: '1907', edtf: '1907' }] }, 'visit')[0]), ['negative', 'asserted']);
  // a predicate beyond the noun's clause does not count
  assert.deepEqual(mood(events({ text: 'The meeting in Brenn opened, and the feared riot never happened.', mentions: [{ text: 'Brenn', label: 'LOC' }] }, 'meeting')[0]), ['positive', 'asserted']);
});

test('an event noun that "was planned" is intended (future), a told one asserted', () => {
  assert.deepEqual(mood(events({ text: 'A visit to Brenn was planned for the spring of 1907.', mentions: [{ text: 'Brenn', label: 'LOC' }], timexes: [{ text: 'the spring of 1907', edtf: '1907-21' }] }, 'visit')[0]), ['positive', 'future']);
  assert.deepEqual(mood(events({ text: 'The visit to Brenn lasted a week.', mentions: [{ text: 'Brenn', label: 'LOC' }] }, 'visit')[0]), ['positive', 'asserted']);
});

test('hypotheticals and possibilities are not asserted: "if X had invaded", "could well end in", "would have"', () => {
  assert.equal(events({ text: 'If the duke had invaded the island, the harvest would have been lost.' }, 'conflict')[0]!.attrs.modality, 'hypothetical');
  assert.equal(events({ text: 'The quarrel over the salt tax could well end in a war with Tallow.', mentions: [{ text: 'Tallow', label: 'LOC' }] }, 'conflict')[0]!.attrs.modality, 'possible');
  assert.equal(events({ text: 'Without the storm the fleet would have attacked Brenn.', mentions: [{ text: 'Brenn', label: 'LOC' }] }, 'conflict')[0]!.attrs.modality, 'hypothetical');
});

test('assessPredicate reads the data cues and stops at a clause break', () => {
  const cues = readDataJson<ModalityCues>('events/modality.json');
  const toks = (s: string) => s.split(' ').map((norm, i) => ({ start: i, end: i + 1, norm }));
  assert.equal(assessPredicate(toks('the meeting did not take place'), 2, cues)?.polarity, 'negative');
  assert.equal(assessPredicate(toks('the meeting , which never happened'), 2, cues), undefined);
  assert.equal(assessPredicate(toks('the meeting opened'), 2, cues), undefined);
});
