/**
 * Which time an event takes, on fixture sentences written for these tests: a heading opens a new
 * stretch of narrative, an inherited date is worth less the further back it was stated, "and then"
 * dates what follows it, and a stated date beats a bare connective ("Meanwhile") in its clause.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation, Json, Section } from '../../core/types.ts';
import { fixtureInput, fixtureSentences, fixtureTokens, nthIndex } from './fixture-layers.ts';
import { eventsStage } from './index.ts';
import { inheritedConfidence, isConnectiveTime } from './pick-time.ts';
import type { SentenceView } from './read-layers.ts';
import { splitClauses } from './split-clauses.ts';

const PROV = { stage: 'test', version: '0', rule: 'fixture', confidence: 1 };

/** A timex annotation with the attributes the timex stage writes. */
function timex(text: string, needle: string, attrs: Record<string, Json>, nth = 0): Annotation {
  const p = nthIndex(text, needle, nth);
  return makeAnnotation('fixture', 'timex', p, p + needle.length, 'DATE', PROV, attrs);
}
const stated = (text: string, needle: string, edtf: string) => timex(text, needle, { edtf, value: edtf, anchor: { kind: 'none' } });
const time = (a: Annotation | undefined) => a?.attrs.time as Record<string, Json> | undefined;
const triggerText = (text: string, a: Annotation) => {
  const t = a.attrs.trigger as { start: number; end: number };
  return text.slice(t.start, t.end);
};

/** All events over a text, with the given timexes and sections. */
function run(text: string, timexes: Annotation[], sections?: Section[]): Annotation[] {
  return eventsStage.run(fixtureInput({ text, extra: timexes, ...(sections ? { sections } : {}) })).annotations;
}
const byTrigger = (text: string, evs: Annotation[], word: string) => evs.find((a) => triggerText(text, a) === word);

/** Sections over a text, one per line, with the given kinds. */
function lineSections(text: string, kinds: Section['kind'][]): Section[] {
  const out: Section[] = [];
  let pos = 0;
  text.split('\n').forEach((line, i) => {
    out.push({ id: `sec-${i}`, kind: kinds[i] ?? 'body', start: pos, end: pos + line.length });
    pos += line.length + 1;
  });
  return out;
}

test('a heading opens a new stretch of narrative: the date before it does not carry over', () => {
  const text = 'In 1904 the mayor resigned.\nThe harbour strike\nThe council dismissed the clerk.';
  const evs = run(text, [stated(text, '1904', '1904')], lineSections(text, ['body', 'heading', 'body']));
  assert.equal(time(byTrigger(text, evs, 'resigned'))?.edtf, '1904');
  assert.equal(time(byTrigger(text, evs, 'dismissed')), undefined);
  // without the heading the date is inherited
  const plain = text.replace('\nThe harbour strike', '');
  const flat = run(plain, [stated(plain, '1904', '1904')]);
  assert.equal(time(byTrigger(plain, flat, 'dismissed'))?.edtf, '1904');
});

test('a date in the heading itself dates the part it opens', () => {
  const text = 'In 1904 the mayor resigned.\nThe strike of 1911\nThe council dismissed the clerk.';
  const evs = run(text, [stated(text, '1904', '1904'), stated(text, '1911', '1911')], lineSections(text, ['body', 'heading', 'body']));
  assert.deepEqual([time(byTrigger(text, evs, 'dismissed'))?.edtf, time(byTrigger(text, evs, 'dismissed'))?.inherited], ['1911', true]);
});

test('an inherited date is worth less the further back it was stated', () => {
  const text = 'In 1904 the mayor resigned. The council dismissed the clerk. The council dismissed the porter.\nThe council dismissed the cook.';
  const evs = run(text, [stated(text, '1904', '1904')], lineSections(text, ['body', 'body']));
  const conf = (w: string) => time(evs.find((a) => text.slice((a.attrs.trigger as { start: number }).start).startsWith(`dismissed the ${w}`)))?.confidence;
  assert.deepEqual([conf('clerk'), conf('porter'), conf('cook')], [inheritedConfidence('sentence'), inheritedConfidence('paragraph'), inheritedConfidence('text')]);
  assert.ok(inheritedConfidence('sentence') > inheritedConfidence('paragraph') && inheritedConfidence('paragraph') > inheritedConfidence('text'));
  // a date stated in the sentence carries no inherited confidence
  assert.equal(time(byTrigger(text, evs, 'resigned'))?.confidence, undefined);
});

test('"and then" dates what follows it, not the verb before it', () => {
  const text = 'In 1903 the guild met. The mayor resigned in haste, and then the council dismissed the clerk.';
  const then = timex(text, 'and then', { edtf: '1903/..', value: '1903', anchor: { kind: 'narrative' } });
  const evs = run(text, [stated(text, '1903', '1903'), then]);
  assert.equal(time(byTrigger(text, evs, 'dismissed'))?.timex, then.id);
  const resigned = time(byTrigger(text, evs, 'resigned'));
  assert.notEqual(resigned?.timex, then.id);
  assert.deepEqual([resigned?.edtf, resigned?.inherited], ['1903', true]);
});

test('splitClauses: a sequence expression after a comma or at "and" starts a new clause', () => {
  const text = 'The mayor resigned and then the clerk left.';
  const sentences = fixtureSentences(text);
  const tokens = fixtureTokens(text, sentences).map((t) => ({ start: t.start, end: t.end, norm: text.slice(t.start, t.end).toLowerCase() }));
  const x = timex(text, 'and then', { edtf: '1903/..', anchor: { kind: 'narrative' } });
  const { ids } = splitClauses(tokens, [x]);
  const at = (w: string) => ids[tokens.findIndex((t) => t.norm === w)];
  assert.notEqual(at('resigned'), at('left'));
  // a plain "and" between nouns does not split
  const plain = splitClauses(tokens, []);
  assert.equal(plain.ids[tokens.findIndex((t) => t.norm === 'resigned')], plain.ids[tokens.findIndex((t) => t.norm === 'left')]);
});

test('"Meanwhile" gives way to a date stated in the same clause', () => {
  // the connective is nearer to the noun than the date is: nearness alone would pick it
  const text = 'The treaty was signed in 1929. Meanwhile, the dismissal of the clerk was approved by the guild assembly in May 1931.';
  const meanwhile = timex(text, 'Meanwhile', { edtf: '1929/..', value: '1929', anchor: { kind: 'narrative' } });
  const evs = run(text, [stated(text, '1929', '1929'), meanwhile, stated(text, 'May 1931', '1931-05')]);
  assert.equal(time(byTrigger(text, evs, 'dismissal'))?.edtf, '1931-05');
});

test('isConnectiveTime: bare connectives only, not measured or named relative times', () => {
  const text = 'Meanwhile the clerk left, and two years later the mayor resigned.';
  const sentences = fixtureSentences(text);
  const tokens = fixtureTokens(text, sentences).map((t) => ({ start: t.start, end: t.end, norm: text.slice(t.start, t.end).toLowerCase() }));
  const s: SentenceView = { index: 0, start: 0, end: text.length, paragraph: 0, tokens, mentions: [], timexes: [] };
  assert.equal(isConnectiveTime(s, timex(text, 'Meanwhile', { edtf: '1929/..', anchor: { kind: 'narrative' } })), true);
  assert.equal(isConnectiveTime(s, timex(text, 'two years later', { edtf: '1931', anchor: { kind: 'narrative' } })), false);
  // a stated date is no connective
  assert.equal(isConnectiveTime(s, timex(text, 'Meanwhile', { edtf: '1929', anchor: { kind: 'none' } })), false);
});

test('a date before a reported content dates the report: the reported event came by then', () => {
  const text = 'In 1931 the mayor told the council that the clerk had stolen the funds and that the guards arrested him.';
  const claim = makeAnnotation('fixture', 'claim', 0, text.length, 'reported', { stage: 'claims', version: '1' }, {
    speaker: 'local:mayor',
    content: { start: text.indexOf('the clerk'), end: text.length - 1 },
  });
  const evs = run(text, [stated(text, '1931', '1931'), claim]);
  const arrested = time(byTrigger(text, evs, 'arrested'));
  assert.deepEqual([arrested?.edtf, arrested?.reported], ['../1931', true]);
  // a date inside the content is the reported event's own
  const text2 = 'The mayor told the council that the guards arrested the clerk in 1931.';
  const claim2 = makeAnnotation('fixture', 'claim', 0, text2.length, 'reported', { stage: 'claims', version: '1' }, {
    speaker: 'local:mayor',
    content: { start: text2.indexOf('the guards'), end: text2.length - 1 },
  });
  const own = time(byTrigger(text2, run(text2, [stated(text2, '1931', '1931'), claim2]), 'arrested'));
  assert.deepEqual([own?.edtf, own?.reported], ['1931', undefined]);
});

test('a modal reported content is not put before the report', () => {
  const text = 'In 1931 the mayor announced that the guards would arrest the clerk.';
  const claim = makeAnnotation('fixture', 'claim', 0, text.length, 'reported', { stage: 'claims', version: '1' }, {
    speaker: 'local:mayor',
    content: { start: text.indexOf('the guards'), end: text.length - 1 },
  });
  const ev = byTrigger(text, run(text, [stated(text, '1931', '1931'), claim]), 'arrest');
  assert.notEqual(ev?.attrs.modality, 'asserted');
  assert.notEqual(time(ev)?.edtf, '../1931');
});
