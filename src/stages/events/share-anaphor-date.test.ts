import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation, Json, Section } from '../../core/types.ts';
import { fixtureInput } from './fixture-layers.ts';
import { eventsStage } from './index.ts';

/** The events over a fixture text with the given stated dates (and sections). */
function run(text: string, timexes: Array<{ text: string; edtf: string }>, sections?: Section[], mentions?: Array<{ text: string; entity: string; nth?: number }>): Annotation[] {
  return eventsStage.run(fixtureInput({ text, timexes, ...(sections ? { sections } : {}), ...(mentions ? { mentions } : {}) })).annotations;
}
const at = (text: string, evs: Annotation[], needle: string, nth = 0) => {
  let p = -1;
  for (let k = 0; k <= nth; k++) p = text.indexOf(needle, p + 1);
  return evs.find((a) => (a.attrs.trigger as { start: number }).start === p);
};
const time = (a: Annotation | undefined) => a?.attrs.time as Record<string, Json> | undefined;

test('an event noun told again takes the told event\'s date, not the narrative time', () => {
  const text = "On 3 May 1911 Ada Finch made a report to the council. In 1912 the harbour froze. The text of Ada Finch's report is lost.";
  const finch = [{ text: 'Ada Finch', entity: 'local:finch' }, { text: 'Ada Finch', entity: 'local:finch', nth: 1 }];
  const evs = run(text, [{ text: '3 May 1911', edtf: '1911-05-03' }, { text: '1912', edtf: '1912' }], undefined, finch);
  const again = at(text, evs, 'report', 1);
  assert.ok(again, 'the report told again is an event');
  const told = time(again);
  assert.deepEqual([told?.edtf, told?.inherited, told?.basis], ['1911-05-03', true, 'event-anaphora']);
  const first = evs.find((a) => a.label === again.label && a !== again);
  assert.equal(told?.from, first?.id);
});

test('no antecedent across a heading, beyond three sentences, or with another agent', () => {
  const heading = "On 3 May 1911 Ada Finch made a report to the council.\nLater years\nThe text of Ada Finch's report is lost.";
  const finch = [{ text: 'Ada Finch', entity: 'local:finch' }, { text: 'Ada Finch', entity: 'local:finch', nth: 1 }];
  const lines = heading.split('\n');
  const sections: Section[] = [
    { id: 's0', kind: 'body', start: 0, end: lines[0]!.length },
    { id: 's1', kind: 'heading', start: lines[0]!.length + 1, end: lines[0]!.length + 1 + lines[1]!.length },
    { id: 's2', kind: 'body', start: heading.length - lines[2]!.length, end: heading.length },
  ];
  const h = run(heading, [{ text: '3 May 1911', edtf: '1911-05-03' }], sections, finch);
  assert.ok(at(heading, h, 'report', 1));
  assert.notEqual(time(at(heading, h, 'report', 1))?.basis, 'event-anaphora');

  const far = "On 3 May 1911 Ada Finch made a report to the council. The river rose. The mill stopped. The bridge fell. The text of Ada Finch's report is lost.";
  const f = run(far, [{ text: '3 May 1911', edtf: '1911-05-03' }], undefined, finch);
  assert.ok(at(far, f, 'report', 1));
  assert.notEqual(time(at(far, f, 'report', 1))?.basis, 'event-anaphora');

  const other = 'On 3 May 1911 Ada Finch made a report to the council. The text of Otto Quill\'s report is lost.';
  const o = run(other, [{ text: '3 May 1911', edtf: '1911-05-03' }], undefined, [{ text: 'Ada Finch', entity: 'local:finch' }, { text: 'Otto Quill', entity: 'local:quill' }]);
  assert.ok(at(other, o, 'report', 1));
  assert.notEqual(time(at(other, o, 'report', 1))?.basis, 'event-anaphora');
});
