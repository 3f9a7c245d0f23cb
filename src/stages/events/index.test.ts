import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';

/** Runs the stage over a fixture and returns the events of one class. */
function events(spec: FixtureSpec, cls?: string): Annotation[] {
  const out = eventsStage.run(fixtureInput(spec)).annotations;
  return cls ? out.filter((a) => a.label === cls) : out;
}
type P = { role: string; entity?: string; text: string };
const parts = (a: Annotation) => a.attrs.participants as P[];
const time = (a: Annotation) => a.attrs.time as { edtf: string; inherited: boolean } | undefined;

test('passive voice: the subject of "was arrested" is the patient, "by X" the agent', () => {
  const text = 'In 1921 the poet Ivor Lamb was arrested by the Harbour Police in Dunmore.';
  const [ev] = events({
    text,
    mentions: [
      { text: 'Ivor Lamb', entity: 'local:ivor-lamb' },
      { text: 'Harbour Police', entity: 'local:harbour-police', label: 'ORG' },
      { text: 'Dunmore', entity: 'local:dunmore', label: 'LOC' },
    ],
    timexes: [{ text: '1921', edtf: '1921' }],
  }, 'arrest');
  assert.ok(ev, 'an arrest event');
  assert.equal(text.slice((ev.attrs.trigger as { start: number }).start, (ev.attrs.trigger as { end: number }).end), 'arrested');
  assert.deepEqual(parts(ev).map((p) => [p.role, p.entity]), [['patient', 'local:ivor-lamb'], ['agent', 'local:harbour-police'], ['place', 'local:dunmore']]);
  assert.equal(ev.attrs.place, 'local:dunmore');
  assert.deepEqual(time(ev), { edtf: '1921', timex: time(ev) && (ev.attrs.time as { timex: string }).timex, inherited: false, value: '1921' });
  assert.equal(ev.attrs.polarity, 'positive');
  assert.equal(ev.attrs.modality, 'asserted');
});

test('active voice: the subject is the agent and the object the patient', () => {
  const [ev] = events({
    text: 'The regent Mara Voss dismissed Otto Quill.',
    mentions: [{ text: 'Mara Voss', entity: 'local:voss' }, { text: 'Otto Quill', entity: 'local:quill' }],
  }, 'removal');
  assert.deepEqual(parts(ev!).map((p) => [p.role, p.entity]), [['agent', 'local:voss'], ['patient', 'local:quill']]);
});

test('negation: "did not sign" is a negative event', () => {
  const [ev] = events({
    text: 'The council of Brenmark did not sign the treaty in 1870.',
    mentions: [{ text: 'Brenmark', entity: 'local:brenmark', label: 'LOC' }],
    timexes: [{ text: '1870', edtf: '1870' }],
  }, 'treaty');
  assert.equal(ev!.attrs.polarity, 'negative');
  const never = events({ text: 'The two rulers never met.' }, 'meeting');
  assert.equal(never[0]!.attrs.polarity, 'negative');
});

test('modality: "could well end in a war" is possible, "would have" and "if … had" hypothetical', () => {
  const [war] = events({ text: 'The quarrel over the river could well end in a war between the two kingdoms.' }, 'conflict');
  assert.equal(war!.attrs.modality, 'possible');
  const [inv] = events({ text: 'If the fleet had sailed in spring, the duke would have invaded the island.' }, 'conflict');
  assert.equal(inv!.attrs.modality, 'hypothetical');
  const [imag] = events({ text: 'Imagine that the governor resigned tomorrow.' }, 'removal');
  assert.equal(imag!.attrs.modality, 'hypothetical');
  const [plain] = events({ text: 'The duke invaded the island.' }, 'conflict');
  assert.equal(plain!.attrs.modality, 'asserted');
});

test('inherited time: an undated sentence takes the last date before it, marked inherited, to the month', () => {
  const text = 'On 3 May 1899 the congress opened in Tallow.\n\nSoon afterwards the mayor resigned.';
  const evs = events({ text, timexes: [{ text: '3 May 1899', edtf: '1899-05-03' }] });
  const opened = evs.find((e) => e.label === 'meeting' && text.slice(e.start, e.end).includes('opened'));
  const resigned = evs.find((e) => e.label === 'removal');
  assert.deepEqual([time(opened!)?.edtf, time(opened!)?.inherited], ['1899-05-03', false]);
  // a later sentence is not on the same day: the inherited day date is kept only to its month
  assert.deepEqual([time(resigned!)?.edtf, time(resigned!)?.inherited], ['1899-05', true]);
  assert.equal((resigned!.attrs.time as { coarsenedFrom?: string }).coarsenedFrom, '1899-05-03');
});

test('a noun trigger takes the date that post-modifies it over a nearer one before it', () => {
  const text = 'The clerk used files gathered in 1911 on the deportations in the northern provinces in the 1890s.';
  const [ev] = events({ text, timexes: [{ text: '1911', edtf: '1911' }, { text: 'the 1890s', edtf: '189X' }] }, 'repression');
  assert.equal(time(ev!)?.edtf, '189X');
});

test('a past-perfect trigger happened by the time of its sentence', () => {
  const text = 'In the late 1960s, the envoy had already been removed from all posts.';
  const [ev] = events({ text, timexes: [{ text: 'the late 1960s', edtf: '1967~/1969~' }] }, 'removal');
  assert.equal(time(ev!)?.edtf, '../1969~');
});

test('an anniversary dates the event it is of, N years back', () => {
  const text = 'In May 1948 the town marked the 50th anniversary of the uprising with a parade.';
  const out = events({ text, timexes: [{ text: 'May 1948', edtf: '1948-05' }, { text: 'the 50th anniversary of the uprising', edtf: '1948-05-02' }] }, 'protest');
  assert.equal(time(out[0]!)?.edtf, '1898');
});

test('a date hung on a noun no trigger covers makes that noun a dated event; quantity changes are events', () => {
  const text = 'The committee cited the charter of 1921. By 1930 the number of members exceeded 400.';
  const out = events({ text, timexes: [{ text: '1921', edtf: '1921' }, { text: '1930', edtf: '1930' }] });
  const charter = out.find((e) => e.provenance.rule === 'owned-date');
  assert.equal(text.slice(charter!.start, charter!.end), 'charter of 1921');
  assert.equal(time(charter!)?.edtf, '1921');
  const exceeded = out.find((e) => text.slice((e.attrs.trigger as { start: number }).start, (e.attrs.trigger as { end: number }).end) === 'exceeded');
  assert.equal(exceeded?.label, 'other');
  assert.equal(time(exceeded!)?.edtf, '1930');
});

test('inherited time does not cross from the article into a comment', () => {
  const text = 'The treaty was signed in 1905.\nI think the mayor resigned.';
  const c = text.indexOf('I think');
  const evs = events({
    text,
    sections: [{ id: 'b', kind: 'body', start: 0, end: c - 1 }, { id: 'c1', kind: 'comment', start: c, end: text.length, author: 'reader1' }],
    timexes: [{ text: '1905', edtf: '1905' }],
  }, 'removal');
  assert.equal(evs[0]!.attrs.time, undefined);
});

test('the time in the same clause wins over another date in the sentence', () => {
  const text = 'The rebels rose in 1830; the king abdicated in 1831.';
  const evs = events({ text, timexes: [{ text: '1830', edtf: '1830' }, { text: '1831', edtf: '1831' }] }, 'removal');
  assert.equal(time(evs[0]!)?.edtf, '1831');
});

test('an event inside a reported claim keeps reportedBy', () => {
  const text = 'According to the chronicler, the bishop was executed in the square.';
  const claim = makeAnnotation('fixture', 'claim', 0, text.length, 'reported', { stage: 'claims', version: '1' }, {
    speaker: 'local:chronicler',
    content: { start: text.indexOf('the bishop'), end: text.length },
  });
  const [ev] = events({ text, extra: [claim] }, 'execution');
  assert.equal(ev!.attrs.reportedBy, claim.id);
});

test('a month name inside a date is not the modal "may"', () => {
  const text = 'On 3 May 1899 the congress opened in the old hall.';
  const [ev] = events({ text, timexes: [{ text: '3 May 1899', edtf: '1899-05-03' }] }, 'meeting');
  assert.equal(ev!.attrs.modality, 'asserted');
});

test('an event named inside "during …" takes that span; inside "after …" it ended by its start', () => {
  const text = 'During the Long Winter War, the mayor resigned.\n\nAfter the flood war, the docks reopened.';
  const out = events({ text, timexes: [{ text: 'During the Long Winter War', edtf: '1901-01-05/1903-03-01' }, { text: 'After the flood war', edtf: '1910-06-01/..' }] }, 'conflict');
  const byText = (w: string) => out.find((e) => text.slice((e.attrs.trigger as { start: number }).start, (e.attrs.trigger as { end: number }).end) === w);
  assert.equal(time(byText('War')!)?.edtf, '1901-01-05/1903-03-01');
  assert.equal(time(byText('war')!)?.edtf, '../1910-06-01');
});
