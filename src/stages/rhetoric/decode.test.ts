import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { decodeSpans, type DecodeParams } from './model.ts';

// One line holding two sentences; every token is given the same high probability.
const text = 'They lied to us again. Nobody believes the shameful cover story now.';
const doc = prepareDoc(text);
const all = (p: number) => new Float64Array(doc.tokens.length).fill(p);
const base: DecodeParams = { threshold: 0.5, gap: 0, smooth: 0, minWords: 1 };
const words = (s: { start: number; end: number }) => text.slice(s.start, s.end);

test('without sentence splitting the whole line is one span; with it, one span per sentence', () => {
  assert.deepEqual(decodeSpans(doc, all(0.9), base).map(words), [text.slice(0, -1)]);
  assert.deepEqual(decodeSpans(doc, all(0.9), { ...base, splitSentences: true }).map(words), ['They lied to us again', 'Nobody believes the shameful cover story now']);
});

test('maxWords cuts a long run into pieces no longer than the cap', () => {
  const spans = decodeSpans(doc, all(0.9), { ...base, splitSentences: true, maxWords: 4 });
  assert.ok(spans.length >= 4);
  for (const s of spans) assert.ok(words(s).split(' ').length <= 4, words(s));
});

test('a run whose peak stays under `peak` is dropped', () => {
  assert.equal(decodeSpans(doc, all(0.6), { ...base, peak: 0.7 }).length, 0);
  assert.equal(decodeSpans(doc, all(0.6), { ...base, peak: 0.5 }).length, 1);
});

test('function words are trimmed from the edges when trimEdges is on', () => {
  const probs = all(0.1);
  const from = doc.tokens.findIndex((t) => t.norm === 'believes');
  const to = doc.tokens.findIndex((t) => t.norm === 'story');
  for (let i = from + 1; i <= to; i++) probs[i] = 0.9; // "the shameful cover story"
  assert.deepEqual(decodeSpans(doc, probs, base).map(words), ['the shameful cover story']);
  assert.deepEqual(decodeSpans(doc, probs, { ...base, trimEdges: true }).map(words), ['shameful cover story']);
});

test('gain decoding covers a probable phrase, stops at sentence ends and drops all when spans cost too much', () => {
  const probs = all(0.05);
  const from = doc.tokens.findIndex((t) => t.norm === 'shameful');
  for (let i = from; i < from + 3; i++) probs[i] = 0.9; // "shameful cover story"
  const gain: DecodeParams = { ...base, threshold: 0, spanCost: 0.4, coverGain: 0.001, gapBelow: 0.5 };
  assert.deepEqual(decodeSpans(doc, probs, gain).map(words), ['shameful cover story']);
  // Without the gap rule the phrase may be cut at a probable word (more spans, each precise).
  assert.deepEqual(decodeSpans(doc, probs, { ...gain, gapBelow: 1 }).map(words), ['shameful', 'story']);
  assert.equal(decodeSpans(doc, probs, { ...gain, spanCost: 0.95 }).length, 0);
  // Everything probable: one span per sentence, never across the full stop inside the line.
  assert.deepEqual(decodeSpans(doc, all(0.9), gain).map(words), ['They lied to us again', 'Nobody believes the shameful cover story now']);
});

test('gain decoding: a higher cover gain widens the span, maxTokens caps its length', () => {
  const probs = all(0.3);
  const from = doc.tokens.findIndex((t) => t.norm === 'shameful');
  probs[from] = 0.95;
  const gain: DecodeParams = { ...base, threshold: 0, spanCost: 0.5, coverGain: 0, gapBelow: 0.2 };
  assert.deepEqual(decodeSpans(doc, probs, gain).map(words), ['shameful']);
  const wide = decodeSpans(doc, probs, { ...gain, coverGain: 0.1 }).map(words);
  assert.ok(wide.some((w) => w.includes('shameful') && w.length > 'shameful'.length), wide.join('|'));
  for (const s of decodeSpans(doc, probs, { ...gain, coverGain: 0.1, maxTokens: 2 })) assert.ok(words(s).split(' ').length <= 2, words(s));
});

test('gain decoding gives the same spans whatever was decoded before (its work arrays are reused)', () => {
  const probs = all(0.05);
  const from = doc.tokens.findIndex((t) => t.norm === 'shameful');
  for (let i = from; i < from + 3; i++) probs[i] = 0.9;
  const gain: DecodeParams = { ...base, threshold: 0, spanCost: 0.4, coverGain: 0.001, gapBelow: 0.5 };
  const alone = decodeSpans(doc, probs, gain);
  // A longer text decoded in between leaves its values in the work arrays.
  const long = prepareDoc('We were told lies, lies and more lies by people who knew better all along, every single day of the year');
  decodeSpans(long, new Float64Array(long.tokens.length).fill(0.95), gain);
  assert.deepEqual(decodeSpans(doc, probs, gain), alone);
  assert.deepEqual(alone.map(words), ['shameful cover story']);
});
