import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage, withoutQuotingSpeaker } from './index.ts';

/** Runs the stage over a fixture and returns the events of one class. */
function events(spec: FixtureSpec, cls: string): Annotation[] {
  return eventsStage.run(fixtureInput(spec)).annotations.filter((a) => a.label === cls);
}
type P = { role: string; text: string; pronoun?: string };
const roles = (a: Annotation | undefined) => ((a?.attrs.participants as P[] | undefined) ?? []).map((p) => [p.role, p.text]);

test('a comma-set aside between subject and verb holds no subject', () => {
  const [ev] = events({
    text: 'Mara Voss, furious that Brenmark stayed silent, dismissed Otto Quill.',
    mentions: [{ text: 'Mara Voss' }, { text: 'Brenmark', label: 'LOC' }, { text: 'Otto Quill' }],
  }, 'removal');
  assert.deepEqual(roles(ev), [['agent', 'Mara Voss'], ['patient', 'Otto Quill']]);
  // a coordination set off by commas is no aside: its names share the subject's role
  const [signed] = events({
    text: 'Brenmark, together with the Salt League, signed the accord.',
    mentions: [{ text: 'Brenmark', label: 'LOC' }, { text: 'Salt League', label: 'ORG' }],
  }, 'treaty');
  assert.deepEqual(roles(signed).map(([r]) => r), ['agent', 'agent']);
});

test('an -ing clause opened by "while" shares the main clause subject', () => {
  const [ev] = events({
    text: 'Otto Quill, while heading the river board, founded a school.',
    mentions: [{ text: 'Otto Quill' }],
  }, 'appointment');
  assert.deepEqual(roles(ev), [['agent', 'Otto Quill']]);
});

test('a sentence-opening participle takes the main clause subject: past participle as patient, -ing as agent', () => {
  const [elected] = events({
    text: 'Elected by the guilds, Otto Quill reformed the courts.',
    mentions: [{ text: 'Otto Quill' }],
  }, 'appointment');
  assert.deepEqual(roles(elected).filter(([r]) => r !== 'other'), [['patient', 'Otto Quill']]);
  const [arriving] = events({
    text: 'Arriving in Brenn, Mara Voss gave a speech.',
    mentions: [{ text: 'Brenn', label: 'LOC' }, { text: 'Mara Voss' }],
  }, 'visit');
  assert.deepEqual(roles(arriving), [['agent', 'Mara Voss'], ['place', 'Brenn']]);
});

test('"joined it": a neuter object pronoun of a joining verb is the organisation named last', () => {
  const [ev] = events({
    text: 'Brenmark proclaimed the creation of the Salt League.\nWithin a decade twelve towns joined it.',
    mentions: [{ text: 'Brenmark', label: 'LOC' }, { text: 'Salt League', label: 'ORG' }],
  }, 'joining');
  const ps = ev!.attrs.participants as P[];
  assert.deepEqual(ps.map((p) => [p.role, p.text, p.pronoun]), [['patient', 'Salt League', 'it']]);
  // "signed it" is about a document: no organisation is looked for
  const [signed] = events({
    text: 'The Salt League drafted an accord.\nTallow signed it in May.',
    mentions: [{ text: 'Salt League', label: 'ORG' }, { text: 'Tallow', label: 'LOC' }],
  }, 'treaty');
  assert.ok(signed, 'a treaty event');
  assert.ok(!roles(signed).some(([, t]) => t === 'Salt League'));
});

test('"went to X, then to Y": a destination told in steps stays with the visit', () => {
  const [ev] = events({
    text: 'Otto Quill went to Brenn, then to Tallow, and wrote home.',
    mentions: [{ text: 'Otto Quill' }, { text: 'Brenn', label: 'LOC' }, { text: 'Tallow', label: 'LOC' }],
  }, 'visit');
  assert.deepEqual(roles(ev), [['agent', 'Otto Quill'], ['place', 'Brenn'], ['place', 'Tallow']]);
});

test('a trigger word inside a place name is no event, inside an event name it is', () => {
  const text = 'The fleet wintered in Split.';
  assert.equal(events({ text, mentions: [{ text: 'Split', label: 'LOC' }] }, 'leaving').length, 0);
  const named = 'The Great Split of 1890 divided the guild.';
  const evs = eventsStage.run(fixtureInput({ text: named, mentions: [{ text: 'Great Split', label: 'MISC' }, { text: 'Split', label: 'LOC' }], timexes: [{ text: '1890', edtf: '1890' }] })).annotations;
  assert.ok(evs.some((a) => a.label === 'leaving'));
});

test('a verb after a comma-set relative clause shares the subject of the verb before the clause', () => {
  const text = 'Mara Voss criticized Otto Quill, who died in 1902, and called for a new vote.';
  const called = events({
    text,
    mentions: [{ text: 'Mara Voss' }, { text: 'Otto Quill' }],
    timexes: [{ text: '1902', edtf: '1902' }],
  }, 'statement').find((a) => (a.attrs.trigger as { start: number }).start === text.indexOf('called'));
  assert.deepEqual(roles(called), [['agent', 'Mara Voss']]);
});

test('"accusing it of …": an unresolved object pronoun still fills the object slot', () => {
  const [ev] = events({
    text: 'Brenmark protested, accusing it of harbouring Tallowese pirates.',
    mentions: [{ text: 'Brenmark', label: 'LOC' }, { text: 'Tallowese', label: 'GRP' }],
  }, 'statement');
  assert.ok(ev, 'a statement event');
  assert.ok(!roles(ev).some(([r]) => r === 'patient'));
});

test('"the criticism of X": some event nouns take the one acted on with "of", others the actor', () => {
  const [crit] = events({ text: 'The sharp criticism of Mara Voss began in 1890.', mentions: [{ text: 'Mara Voss' }], timexes: [{ text: '1890', edtf: '1890' }] }, 'statement');
  assert.deepEqual(roles(crit), [['patient', 'Mara Voss']]);
  const [speech] = events({ text: 'The long speech of Mara Voss was given in 1890.', mentions: [{ text: 'Mara Voss' }], timexes: [{ text: '1890', edtf: '1890' }] }, 'statement');
  assert.deepEqual(roles(speech), [['agent', 'Mara Voss']]);
});

test('"X returned to Y, simultaneously heading …": an -ing verb after a comma and adverbs shares the subject', () => {
  const [ev] = events({
    text: 'Otto Quill returned to Brenn, simultaneously heading the harbour board.',
    mentions: [{ text: 'Otto Quill' }, { text: 'Brenn', label: 'LOC' }],
  }, 'appointment');
  assert.deepEqual(roles(ev), [['agent', 'Otto Quill']]);
});

test('the speaker of a quote is no participant of the events told inside it', () => {
  const text = '"Otto Quill founded it," Mara Voss wrote.';
  const input = fixtureInput({ text, mentions: [{ text: 'Otto Quill' }, { text: 'Mara Voss' }] });
  const speaker = input.layer('mention').find((m) => text.slice(m.start, m.end) === 'Mara Voss')!;
  const claim = makeAnnotation('fixture', 'claim', 0, text.length, 'quote', { stage: 'claims', version: '1' }, {
    speaker: 'local:voss',
    speakerMention: speaker.id,
    content: { start: 1, end: text.indexOf(',"') },
  });
  const [ev] = eventsStage.run(fixtureInput({ text, mentions: [{ text: 'Otto Quill' }, { text: 'Mara Voss' }], extra: [claim] })).annotations.filter((a) => a.label === 'founding');
  assert.deepEqual(roles(ev), [['agent', 'Otto Quill']]);
  assert.equal(ev!.attrs.reportedBy, claim.id);
  // the filter itself: the speaker named outside the content goes, a pronoun for the speaker inside it stays
  const ps = [{ mention: speaker.id, start: speaker.start, end: speaker.end }, { mention: speaker.id, start: 2, end: 4 }, { mention: 'other', start: 30, end: 35 }];
  assert.deepEqual(withoutQuotingSpeaker(ps, claim), ps.slice(1));
  assert.deepEqual(withoutQuotingSpeaker(ps, undefined), ps);
});

test('a title the link stage resolved ("the marshal") takes part as the person it stands for', () => {
  const [ev] = events({
    text: 'Marshal Ada Finch inspected the fleet.\nIn 1903 the marshal dismissed Otto Quill.',
    mentions: [{ text: 'Marshal Ada Finch', entity: 'local:finch' }, { text: 'marshal', entity: 'local:finch' }, { text: 'Otto Quill', entity: 'local:quill' }],
    timexes: [{ text: '1903', edtf: '1903' }],
  }, 'removal');
  const ps = ev!.attrs.participants as Array<{ role: string; entity?: string; text: string }>;
  assert.deepEqual(ps.map((p) => [p.role, p.entity, p.text]), [['agent', 'local:finch', 'marshal'], ['patient', 'local:quill', 'Otto Quill']]);
});
