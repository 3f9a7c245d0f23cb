/**
 * Narrative dating conventions of the events stage, on fixture sentences written for these tests:
 * knowledge-base anchors the text only names are dated to the year, and a sentence opened by a
 * result-state participle runs from the reference time on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation, Json } from '../../core/types.ts';
import { fixtureInput, fixtureSentences, fixtureTokens, nthIndex } from './fixture-layers.ts';
import { eventsStage } from './index.ts';
import { afterTime, datesInView, opensWithParticiple, yearLevelKbTime } from './pick-time.ts';
import type { SentenceView } from './read-layers.ts';

const PROV = { stage: 'test', version: '0', rule: 'fixture', confidence: 1 };

/** A timex annotation with the attributes the timex stage writes (anchor, interval). */
function timex(text: string, needle: string, attrs: Record<string, Json>): Annotation {
  const p = nthIndex(text, needle);
  return makeAnnotation('fixture', 'timex', p, p + needle.length, 'DATE', PROV, attrs);
}

/** The events of a class over a text whose timexes are given whole. */
function events(text: string, timexes: Annotation[], cls: string): Annotation[] {
  return eventsStage.run(fixtureInput({ text, extra: timexes })).annotations.filter((a) => a.label === cls);
}
const time = (a: Annotation | undefined) => a?.attrs.time as Record<string, Json> | undefined;

test('an interval anchored on a KB event the text only names is dated to the year; the day stays in coarsenedFrom', () => {
  const text = 'After the flood of the delta the governor resigned.';
  const x = timex(text, 'After the flood of the delta', { edtf: '1872-04-19/..', value: '1872-04-19', anchor: { kind: 'kb-event', ref: 'local:flood' }, interval: { earliest: '1872-04-19', latest: null } });
  const [ev] = events(text, [x], 'removal');
  assert.equal(time(ev)?.edtf, '1872/..');
  assert.equal(time(ev)?.coarsenedFrom, '1872-04-19/..');
  assert.deepEqual(time(ev)?.interval, { earliest: '1872-04-19', latest: null });
});

test('the KB day is kept when the text itself states it', () => {
  const text = 'The delta flooded on 19 April 1872. After the flood of the delta the governor resigned.';
  const stated = timex(text, '19 April 1872', { edtf: '1872-04-19', value: '1872-04-19', anchor: { kind: 'none' } });
  const x = timex(text, 'After the flood of the delta', { edtf: '1872-04-19/..', value: '1872-04-19', anchor: { kind: 'kb-event', ref: 'local:flood' } });
  const [ev] = events(text, [stated, x], 'removal');
  assert.equal(time(ev)?.edtf, '1872-04-19/..');
});

test('a day stated paragraphs back, with other dates told since, no longer keeps a named KB event at day precision', () => {
  const text = [
    'The delta flooded on 19 April 1872.',
    '',
    'The dikes were rebuilt in May 1874 by the engineers of the province.',
    '',
    'The rebuilding that started after the flood of the delta cost the treasury dearly.',
  ].join('\n');
  const stated = timex(text, '19 April 1872', { edtf: '1872-04-19', value: '1872-04-19', anchor: { kind: 'none' } });
  const later = timex(text, 'May 1874', { edtf: '1874-05', value: '1874-05', anchor: { kind: 'none' } });
  const x = timex(text, 'after the flood of the delta', { edtf: '1872-04-19/..', value: '1872-04-19', anchor: { kind: 'kb-event', ref: 'local:flood' }, interval: { earliest: '1872-04-19', latest: null } });
  const rebuilding = eventsStage.run(fixtureInput({ text, extra: [stated, later, x] })).annotations.find((a) => a.provenance.rule === 'aspectual-subject');
  assert.ok(rebuilding, 'the aspectual subject "rebuilding" is an event');
  assert.equal(time(rebuilding)?.edtf, '1872/..');
  assert.equal(time(rebuilding)?.coarsenedFrom, '1872-04-19/..');
});

test('datesInView: the days of the sentence\'s paragraph and of the reference time, not those further back', () => {
  const text = 'It rained on 2 March 1901.\n\nThe mill burned on 9 June 1905.\n\nThe miller left on 1 July 1905 and the mayor spoke.';
  const sentences = fixtureSentences(text).map((s, index): SentenceView => ({ index, start: s.start, end: s.end, paragraph: Number(s.attrs.paragraph), tokens: [], mentions: [], timexes: [] }));
  const put = (needle: string, edtf: string) => {
    const x = timex(text, needle, { edtf, value: edtf, anchor: { kind: 'none' } });
    sentences.find((s) => s.start <= x.start && x.start < s.end)!.timexes.push(x);
  };
  put('2 March 1901', '1901-03-02');
  put('9 June 1905', '1905-06-09');
  put('1 July 1905', '1905-07-01');
  assert.deepEqual([...datesInView(sentences, 2)].sort(), ['1905-06-09', '1905-07-01']);
  assert.deepEqual([...datesInView(sentences, 1)].sort(), ['1901-03-02', '1905-06-09']);
});

test('yearLevelKbTime leaves points, narrative anchors and year intervals alone', () => {
  const kb = makeAnnotation('f', 'timex', 0, 5, 'DATE', PROV, { edtf: '1900-01-01/1903-05-02', anchor: { kind: 'kb-event' } });
  const narrative = makeAnnotation('f', 'timex', 0, 5, 'DATE', PROV, { edtf: '1900-01-01/..', anchor: { kind: 'narrative' } });
  assert.equal(yearLevelKbTime({ edtf: '1900-01-01/1903-05-02' }, kb, new Set()).edtf, '1900/1903');
  assert.equal(yearLevelKbTime({ edtf: '1900-01-01' }, kb, new Set()).edtf, '1900-01-01');
  assert.equal(yearLevelKbTime({ edtf: '1900-01-01/..' }, narrative, new Set()).edtf, '1900-01-01/..');
});

test('a sentence opened by a result-state participle runs from the inherited date on', () => {
  const text = 'The assembly met in June 1931. Reelected by a wide margin, the chancellor dismissed the general. The chancellor dismissed the admiral.';
  const x = timex(text, 'June 1931', { edtf: '1931-06', value: '1931-06', anchor: { kind: 'none' } });
  const [general, admiral] = events(text, [x], 'removal');
  assert.deepEqual([time(general)?.edtf, time(general)?.relation, time(general)?.inherited], ['1931-06/..', 'after', true]);
  // an ordinary undated sentence keeps the inherited month
  assert.equal(time(admiral)?.edtf, '1931-06');
});

/** A sentence view of a one-sentence text (tokens only). */
function view(text: string): SentenceView {
  const sentences = fixtureSentences(text);
  const tokens = fixtureTokens(text, sentences).map((t) => ({ start: t.start, end: t.end, norm: text.slice(t.start, t.end).toLowerCase() }));
  return { index: 0, start: 0, end: text.length, paragraph: 0, tokens, mentions: [], timexes: [] };
}

test('opensWithParticiple: state-begun participial openers, not adverbs, names, other participles or plain sentences', () => {
  assert.equal(opensWithParticiple(view('Having lost the vote, the mayor left.'), 'Having lost the vote, the mayor left.'), true);
  assert.equal(opensWithParticiple(view('Installed as regent, she toured the coast.'), 'Installed as regent, she toured the coast.'), true);
  assert.equal(opensWithParticiple(view('Elected Chancellor in a landslide, he cut taxes.'), 'Elected Chancellor in a landslide, he cut taxes.'), true);
  assert.equal(opensWithParticiple(view('Indeed, the mayor left.'), 'Indeed, the mayor left.'), false);
  assert.equal(opensWithParticiple(view('United Nations troops, once landed, held the port.'), 'United Nations troops, once landed, held the port.'), false);
  assert.equal(opensWithParticiple(view('The mayor left, and the town mourned.'), 'The mayor left, and the town mourned.'), false);
  // a participle that names no begun state: the sentence is at the reference time, not after it
  assert.equal(opensWithParticiple(view('Asked about the harbour, the mayor said little.'), 'Asked about the harbour, the mayor said little.'), false);
});

test('afterTime opens a point and leaves intervals alone', () => {
  assert.equal(afterTime({ edtf: '1931-06' }).edtf, '1931-06/..');
  assert.equal(afterTime({ edtf: '1931/1933' }).edtf, '1931/1933');
});

test('a clause-scoped interval dates the events of its clause only; the main clause keeps the sentence date', () => {
  const text = 'On 9 June 1934, less than two years after the founder had resigned, the board dismissed the manager.';
  const day = timex(text, '9 June 1934', { edtf: '1934-06-09', value: '1934-06-09', anchor: { kind: 'none' } });
  const within = timex(text, 'less than two years', { edtf: '1932-06-09/1934-06-09', value: 'P2Y', anchor: { kind: 'narrative' }, scope: 'clause' });
  within.label = 'DURATION';
  const removals = events(text, [day, within], 'removal');
  const byTrigger = (w: string) => removals.find((a) => text.slice((a.attrs.trigger as { start: number }).start, (a.attrs.trigger as { end: number }).end) === w);
  assert.equal(time(byTrigger('resigned'))?.edtf, '1932-06-09/1934-06-09');
  assert.equal(time(byTrigger('dismissed'))?.edtf, '1934-06-09');
});

test('a KB anchor inside one year is that year, not a year-long interval', () => {
  const text = 'During the harbour strike the mayor resigned.';
  const x = timex(text, 'During the harbour strike', { edtf: '1902-03-10/1902-05-02', value: '1902-03-10', anchor: { kind: 'kb-event', ref: 'local:strike' }, interval: { earliest: '1902-03-10', latest: '1902-05-02' } });
  const [ev] = events(text, [x], 'removal');
  assert.equal(time(ev)?.edtf, '1902');
  assert.equal(time(ev)?.coarsenedFrom, '1902-03-10/1902-05-02');
});

test('"by X" after a participle names a cause, not a deadline: the event takes the date after it', () => {
  const text = 'The governor resigned, forced by the tariff dispute, and in 1911 the council was dissolved.';
  const by = timex(text, 'by the tariff dispute', { edtf: '../1909', value: '1909', anchor: { kind: 'kb-event', ref: 'local:tariff' }, interval: { earliest: null, latest: '1909-12-31' } });
  const year = timex(text, '1911', { edtf: '1911', value: '1911', anchor: { kind: 'none' } });
  const deep = eventsStage.run(fixtureInput({ text, extra: [by, year] })).annotations;
  // no event takes the "by" expression as its date
  assert.ok(deep.length > 0);
  assert.ok(deep.every((a) => time(a)?.timex !== by.id), JSON.stringify(deep.map((a) => time(a))));
  // a deadline "by" keeps its meaning
  const text2 = 'By the spring fair the governor had resigned.';
  const fair = timex(text2, 'By the spring fair', { edtf: '../1907-04', value: '1907-04', anchor: { kind: 'kb-event', ref: 'local:fair' } });
  const [gone] = events(text2, [fair], 'removal');
  assert.equal(time(gone)?.timex, fair.id);
});
