import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { classifyGivenSpans, rankGivenSpans, repeatCategories, rerankForRepeat, tuneRepeatOffsets, type RankedGivenSpan } from './classify-given.ts';
import { loadRhetoricModel } from './model.ts';
import type { PtcLabel } from './ptc.ts';

const text = ['They call the new tax a swindle.', 'A swindle, they say, and a cruel swindle at that.', 'What a "swindle"!', 'The tax is fair, and the tax is low.'].join('\n');

/** The spans of every occurrence of `word` in `text` (UTF-16 offsets), optionally widened by `extra` characters on the right. */
function spansOf(word: string, extra = 0): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) out.push({ start: at, end: at + word.length + extra });
  return out;
}

test('repeat categories: the first of four mentions, the later ones, pairs, and punctuation ignored', () => {
  const doc = prepareDoc(text);
  const swindles = spansOf('swindle');
  assert.equal(swindles.length, 4);
  // The last mention is given with its closing quote: the wording is still "swindle".
  const last = { start: swindles[3]!.start, end: swindles[3]!.end + 1 };
  const taxes = spansOf('tax');
  assert.equal(taxes.length, 3);
  const spans = [...swindles.slice(0, 3), last, taxes[1]!, taxes[2]!, { start: 0, end: 4 }];
  assert.deepEqual(repeatCategories(doc, spans), ['first4', 'later4', 'later4', 'later4', null, 'later2', null]);
  // Three mentions: later ones are `later3`; a span listed twice at the same offsets counts once.
  const three = [swindles[0]!, swindles[1]!, swindles[1]!, swindles[2]!];
  assert.deepEqual(repeatCategories(doc, three), [null, 'later3', 'later3', 'later3']);
});

test('rerankForRepeat moves Repetition up by its offset and keeps a distribution', () => {
  const ranked = [
    { technique: 'Loaded_Language', p: 0.6 },
    { technique: 'Repetition', p: 0.3 },
    { technique: 'Doubt', p: 0.1 },
  ];
  assert.deepEqual(rerankForRepeat(ranked, 0).map((r) => r.technique), ['Loaded_Language', 'Repetition', 'Doubt']);
  const up = rerankForRepeat(ranked, 1);
  assert.deepEqual(up.map((r) => r.technique), ['Repetition', 'Loaded_Language', 'Doubt']);
  assert.ok(Math.abs(up.reduce((s, r) => s + r.p, 0) - 1) < 1e-12);
  assert.deepEqual(rerankForRepeat(ranked, -3)[2]!.technique, 'Repetition');
});

test('tuneRepeatOffsets picks the smallest offset that names the most spans right, per category', () => {
  const doc = prepareDoc('x');
  const span = (technique: string, pRep: number, category: RankedGivenSpan['category']): RankedGivenSpan => ({
    doc,
    group: [{ article: '1', technique, start: 0, end: 1 }],
    ranked: [
      { technique: 'Loaded_Language', p: 1 - pRep - 0.01 },
      { technique: 'Repetition', p: pRep },
      { technique: 'Doubt', p: 0.01 },
    ].sort((x, y) => y.p - x.p),
    category,
  });
  const spans = [
    // later4: Repetition is right three times out of four, at 0.3 against 0.69 (log ratio 0.83): offset 1 wins.
    span('Repetition', 0.3, 'later4'),
    span('Repetition', 0.3, 'later4'),
    span('Repetition', 0.3, 'later4'),
    span('Loaded_Language', 0.3, 'later4'),
    // later2: Loaded_Language is right: no offset.
    span('Loaded_Language', 0.3, 'later2'),
    // Not a repeat: never tuned.
    span('Repetition', 0.3, null),
  ];
  assert.deepEqual(tuneRepeatOffsets(spans), { later4: 1 });
});

test('classifyGivenSpans: offsets change only later mentions; a span listed twice gets two techniques', () => {
  const model = loadRhetoricModel();
  const doc = prepareDoc(text);
  const docs = new Map([['1', doc]]);
  const rows: PtcLabel[] = spansOf('swindle').map((s) => ({ article: '1', technique: null, ...s }));
  rows.push({ ...rows[0]! });
  const plain = classifyGivenSpans(docs, rows, model.tc, {});
  const pushed = classifyGivenSpans(docs, rows, model.tc, { later4: 50 });
  assert.equal(plain.length, rows.length);
  // Output is grouped by offsets: the first span's two rows come first and differ.
  assert.notEqual(plain[0]!.technique, plain[1]!.technique);
  assert.deepEqual(pushed.slice(0, 2), plain.slice(0, 2));
  assert.deepEqual(pushed.slice(2).map((r) => r.technique), ['Repetition', 'Repetition', 'Repetition']);
  const ranked = rankGivenSpans(docs, rows, model.tc);
  assert.deepEqual(ranked.map((r) => r.category), ['first4', 'later4', 'later4', 'later4']);
  assert.equal(ranked[0]!.group.length, 2);
});
