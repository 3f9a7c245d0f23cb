import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, type FixtureSpec } from './fixture-layers.ts';
import { eventsStage } from './index.ts';

const events = (spec: FixtureSpec, cls: string): Annotation[] => eventsStage.run(fixtureInput(spec)).annotations.filter((a) => a.label === cls);
const time = (a: Annotation | undefined) => a?.attrs.time as { edtf?: string; inherited?: boolean } | undefined;

test('a date hung on another noun by "of" is not the event\'s date', () => {
  const text = 'In 1871 the town grew.\nThe guild put the charter of 1790 in the rules approved by the 9th Congress of the Tanners.';
  const spec = {
    text,
    mentions: [{ text: '9th Congress of the Tanners', entity: 'local:ninth-congress', label: 'MISC' }],
    timexes: [{ text: '1871', edtf: '1871' }, { text: '1790', edtf: '1790' }],
  };
  for (const cls of ['meeting', 'decision']) {
    for (const ev of events(spec, cls)) assert.notEqual(time(ev)?.edtf, '1790', `${cls}: ${JSON.stringify(time(ev))}`);
  }
  assert.ok(events(spec, 'meeting').length > 0);
});

test('the same shape still dates the event when the date is its own or a time noun\'s', () => {
  // The congress itself "of 1790" is dated 1790 (a wrong date stays visible to the checks).
  const own = events({ text: 'The rules were approved by the 9th Congress of 1790.', timexes: [{ text: '1790', edtf: '1790' }] }, 'meeting');
  assert.deepEqual(own.map((e) => time(e)?.edtf), ['1790']);
  // "in the spring of 1790" dates the clause.
  const spring = events({ text: 'In the spring of 1790 the tanners held a congress in Orvald.', timexes: [{ text: 'the spring of 1790', edtf: '1790' }] }, 'meeting');
  assert.deepEqual(spring.map((e) => time(e)?.edtf), ['1790']);
  // A bare date after the noun and no "of": the event's.
  const bare = events({ text: 'The tanners held a congress in 1790 in Orvald.', timexes: [{ text: '1790', edtf: '1790' }] }, 'meeting');
  assert.deepEqual(bare.map((e) => time(e)?.edtf), ['1790']);
});

test('"from" hangs a date on a determined noun only', () => {
  const letter = events({ text: 'The tanners held a congress that read a letter from 1790 aloud.', timexes: [{ text: '1790', edtf: '1790' }] }, 'meeting');
  assert.ok(letter.every((e) => time(e)?.edtf !== '1790'));
  const prison = events({ text: 'Mara Tolk resigned in prison from 1790 onwards.', mentions: [{ text: 'Mara Tolk', entity: 'local:tolk' }], timexes: [{ text: '1790', edtf: '1790' }] }, 'removal');
  assert.deepEqual(prison.map((e) => time(e)?.edtf), ['1790']);
});
