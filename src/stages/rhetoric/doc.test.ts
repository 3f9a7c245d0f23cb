import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc, splitLines } from './doc.ts';
import { tokenizeWords } from '../../models/tokenize.ts';

// Invented text with capitals, typographic quotes and dashes, inner apostrophes and hyphens, a
// no-break space, tabs, an emoji (a surrogate pair), an astral letter and a line separator.
const text = [
  'The MINISTER said: “We’ll never — EVER — give in,” and the so-called experts didn’t argue.',
  'Prices rose 12.5%\tin 2019\u00a0alone; the Bank’s chief ´quoted´ `nobody`… 😀 smiled.',
  'Ünïcödé wörds, 𝐀𝐁 letters, «guillemets» and „low quotes“ end here\u2028after a separator!',
  '',
  '   Indented line with trailing spaces   ',
].join('\n');

/** Tokens of each sentence by `tokenizeWords`, the reference `prepareDoc` must reproduce. */
function reference(sentences: ReadonlyArray<{ start: number; end: number }>) {
  return sentences.flatMap((s) => tokenizeWords(text, s.start, s.end));
}

test('prepareDoc gives the tokens of tokenizeWords per line: offsets, texts and norms', () => {
  const lines = splitLines(text);
  const doc = prepareDoc(text);
  assert.deepEqual(doc.tokens, reference(lines));
  assert.ok(doc.tokens.some((t) => t.text === 'MINISTER' && t.norm === 'minister'));
  assert.ok(doc.tokens.some((t) => t.text === 'We’ll' && t.norm === "we'll"));
  // A second document reads its norms from the per-process cache: still the same tokens.
  assert.deepEqual(prepareDoc(text).tokens, doc.tokens);
});

test('prepareDoc matches tokenizeWords when sentence edges cut words, surrogate pairs and spaces', () => {
  for (const step of [1, 2, 3, 5, 7, 11, 13]) {
    const cuts = [];
    for (let i = 0; i < text.length; i += step) cuts.push({ start: i, end: Math.min(text.length, i + step) });
    const doc = prepareDoc(text, cuts);
    assert.deepEqual(doc.tokens, reference(cuts), `cuts of ${step}`);
    // Sentence bookkeeping follows the tokens.
    for (let s = 0; s < cuts.length; s++) {
      for (let i = doc.sentenceTokenStart[s]!; i < doc.sentenceTokenStart[s + 1]!; i++) assert.equal(doc.tokenSentence[i], s);
    }
  }
});

test('prepareDoc counts norms and lists their positions', () => {
  const doc = prepareDoc('the cat and THE dog\nthe end');
  assert.equal(doc.normCounts.get('the'), 3);
  assert.deepEqual(doc.positions.get('the'), [0, 3, 5]);
  assert.deepEqual(Array.from(doc.sentenceTokenStart), [0, 5, 7]);
  assert.deepEqual(Array.from(doc.tokenSentence), [0, 0, 0, 0, 0, 1, 1]);
});
