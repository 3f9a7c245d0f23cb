import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { decodeSpans, isContentToken, type DecodeParams } from './model.ts';

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

test('gain decoding with minGapChars keeps spans of a sentence part more than that many characters apart', () => {
  const probs = all(0.05);
  const at = (w: string) => doc.tokens.findIndex((t) => t.norm === w);
  probs[at('shameful')] = 0.9;
  probs[at('cover')] = 0.3;
  probs[at('story')] = 0.9;
  const gain: DecodeParams = { ...base, threshold: 0, spanCost: 0.4, coverGain: 0.001, gapBelow: 0.5 };
  // Only the low-token rule: the phrase comes out in two pieces 7 characters apart.
  assert.deepEqual(decodeSpans(doc, probs, gain).map(words), ['shameful', 'story']);
  const kept = decodeSpans(doc, probs, { ...gain, minGapChars: 10 });
  assert.equal(kept.length, 1, kept.map(words).join('|'));
  // Spans of different sentence parts may stay close.
  assert.deepEqual(decodeSpans(doc, all(0.9), { ...gain, minGapChars: 10 }).map(words), ['They lied to us again', 'Nobody believes the shameful cover story now']);
});

/** The gain of a span of tokens [k, j] as `decodeSpansByGain` counts it (no smoothing). */
function spanGain(d: ReturnType<typeof prepareDoc>, p: Float64Array, k: number, j: number, cost: number, gain: number): number {
  let mass = p[k]! * (d.tokens[k]!.end - d.tokens[k]!.start);
  for (let t = k + 1; t <= j; t++) mass += p[t]! * (d.tokens[t]!.end - d.tokens[t - 1]!.end);
  return mass / (d.tokens[j]!.end - d.tokens[k]!.start) - cost + gain * mass;
}

test('gain decoding finds the best span set under both gap rules and contentOnly (brute force on short sentences)', () => {
  const d = prepareDoc('Cruel lies and the sly tricks of the meek people');
  const n = d.tokens.length;
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let round = 0; round < 40; round++) {
    const p = Float64Array.from({ length: n }, () => rand());
    const params: DecodeParams = { threshold: 0, gap: 0, smooth: 0, minWords: 1, spanCost: 0.3 + 0.3 * rand(), coverGain: 0.02 * rand(), gapBelow: 0.2 + 0.6 * rand(), minGapChars: Math.floor(12 * rand()), maxTokens: 4, contentOnly: round % 2 === 1 };
    const cost = params.spanCost!;
    const g = params.coverGain!;
    // Best total over all valid span sets, spans in order.
    const best = (from: number, prevEnd: number): number => {
      let v = 0;
      for (let k = from; k < n; k++) {
        if (prevEnd >= 0) {
          let low = false;
          for (let t = prevEnd + 1; t < k; t++) if (p[t]! < params.gapBelow!) low = true;
          if (!low || d.tokens[k]!.start - d.tokens[prevEnd]!.end <= params.minGapChars!) continue;
        }
        for (let j = k; j < n && j - k < params.maxTokens!; j++) {
          if (params.contentOnly && !d.tokens.slice(k, j + 1).some((t) => isContentToken(t))) continue;
          v = Math.max(v, spanGain(d, p, k, j, cost, g) + best(j + 1, j));
        }
      }
      return v;
    };
    const found = decodeSpans(d, p, params).map((s) => {
      const k = d.tokens.findIndex((t) => t.start === s.start);
      const j = d.tokens.findIndex((t) => t.end === s.end);
      return spanGain(d, p, k, j, cost, g);
    });
    assert.ok(Math.abs(found.reduce((a, b) => a + b, 0) - best(0, -1)) < 1e-9, `round ${round}`);
  }
});

test('with contentOnly no span is made only of function words and punctuation', () => {
  const d = prepareDoc('Traitors lied and cheated on the whole nation , said the crooked liars in the capital today');
  const p = new Float64Array(d.tokens.length).fill(0.05);
  const at = (w: string) => d.tokens.findIndex((t) => t.norm === w);
  for (const w of ['traitors', 'lied']) p[at(w)] = 0.95;
  p[at('on')] = 0.95; // a lone probable function word between two real spans
  for (const w of ['crooked', 'liars']) p[at(w)] = 0.95;
  const text = (s: { start: number; end: number }) => d.text.slice(s.start, s.end);
  const gain: DecodeParams = { threshold: 0, gap: 0, smooth: 0, minWords: 1, spanCost: 0.4, coverGain: 0.001, gapBelow: 0.5, minGapChars: 5 };
  assert.deepEqual(decodeSpans(d, p, gain).map(text), ['Traitors lied', 'on', 'crooked liars']);
  assert.deepEqual(decodeSpans(d, p, { ...gain, contentOnly: true }).map(text), ['Traitors lied', 'crooked liars']);
  // The threshold decoding drops such spans too.
  const thr: DecodeParams = { threshold: 0.5, gap: 0, smooth: 0, minWords: 1 };
  assert.deepEqual(decodeSpans(d, p, thr).map(text), ['Traitors lied', 'on', 'crooked liars']);
  assert.deepEqual(decodeSpans(d, p, { ...thr, contentOnly: true }).map(text), ['Traitors lied', 'crooked liars']);
});

test('isContentToken tells content words from function words and punctuation', () => {
  const d = prepareDoc('The liars , of course , were on it');
  assert.deepEqual(d.tokens.filter((t) => isContentToken(t)).map((t) => t.text), ['liars', 'course']);
});
