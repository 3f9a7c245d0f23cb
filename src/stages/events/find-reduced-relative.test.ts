import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, fixtureSentences, fixtureTokens, nthIndex } from './fixture-layers.ts';
import { eventsStage } from './index.ts';
import { isParticiple, reducedRelativeOf } from './find-reduced-relative.ts';
import type { SentenceView } from './read-layers.ts';

const PROV = { stage: 'test', version: '0', rule: 'fixture', confidence: 1 };

/** A one-sentence view and a timex on `needle`. */
function setup(text: string, needle: string): { s: SentenceView; x: Annotation } {
  const sentences = fixtureSentences(text);
  const tokens = fixtureTokens(text, sentences).map((t) => ({ start: t.start, end: t.end, norm: text.slice(t.start, t.end).toLowerCase() }));
  const p = nthIndex(text, needle);
  const x = makeAnnotation('fixture', 'timex', p, p + needle.length, 'DATE', PROV, { edtf: '1911' });
  return { s: { index: 0, start: 0, end: text.length, paragraph: 0, tokens, mentions: [], timexes: [x] }, x };
}
const word = (text: string, span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : undefined);

test('reducedRelativeOf: a date after a participle that follows a prepositional object', () => {
  const a = 'The bishop accused the mayor of the thefts committed during the strike.';
  assert.equal(word(a, reducedRelativeOf(setup(a, 'during the strike').s, setup(a, 'during the strike').x)), 'committed');
  const b = 'The council spoke about the bridges built in 1911.';
  assert.equal(word(b, reducedRelativeOf(setup(b, '1911').s, setup(b, '1911').x)), 'built');
  // a finite verb, a passive and a bare object are no reduced relative
  for (const [text, needle] of [
    ['The mayor committed thefts during the strike.', 'during the strike'],
    ['Thefts were committed in 1911.', '1911'],
    ['The guards arrested the mayor in 1911.', '1911'],
    ['The bishop accused the mayor of theft in 1911.', '1911'],
  ] as const) {
    const { s, x } = setup(text, needle);
    assert.equal(reducedRelativeOf(s, x), undefined, text);
  }
});

test('isParticiple: -ed forms and listed irregular participles', () => {
  assert.equal(isParticiple('committed'), true);
  assert.equal(isParticiple('held'), true);
  assert.equal(isParticiple('red'), false);
  assert.equal(isParticiple('mayor'), false);
});

test('a later date in a reduced relative does not date the verb before it', () => {
  const text = 'In 1920 the bishop denounced the mayor for the thefts committed during the strike.';
  const strike = { text: 'during the strike', edtf: '1911' };
  const evs = eventsStage.run(fixtureInput({ text, timexes: [{ text: '1920', edtf: '1920' }, strike] })).annotations;
  const denounced = evs.find((a) => text.slice((a.attrs.trigger as { start: number }).start).startsWith('denounced'));
  assert.equal((denounced?.attrs.time as { edtf?: string } | undefined)?.edtf, '1920');
  // with no date before it, the verb is left to the narrative rather than given the participle's date
  const text2 = 'The bishop denounced the mayor for the thefts committed during the strike.';
  const evs2 = eventsStage.run(fixtureInput({ text: text2, timexes: [{ text: 'during the strike', edtf: '1911' }] })).annotations;
  const d2 = evs2.find((a) => text2.slice((a.attrs.trigger as { start: number }).start).startsWith('denounced'));
  assert.ok(d2);
  assert.notEqual((d2.attrs.time as { edtf?: string } | undefined)?.edtf, '1911');
});
