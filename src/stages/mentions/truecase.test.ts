import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTitleCase, truecaseSentenceStarts } from './truecase.ts';
import { attestedSpan, runningTextOf } from './find-mentions.ts';

const words = (s: string) => s.split(' ');
/** The sentences as the recognizer reads them after `truecaseSentenceStarts` (on copies). */
const cased = (doc: string[][]) => {
  const lists = doc.map((s) => [...s]);
  truecaseSentenceStarts(lists);
  return lists;
};

test('isTitleCase: most longer words capitalized, two of them common words, not all in capitals', () => {
  const lower = new Set(['vows', 'to', 'fight', 'the']);
  assert.ok(isTitleCase(words('Mayor Vell Vows To Fight Harbour Ruling'), lower));
  assert.ok(!isTitleCase(words('Mayor Vell vowed to fight the harbour ruling .'), lower));
  assert.ok(!isTitleCase(words('MAYOR VELL VOWS TO FIGHT'), lower));
  assert.ok(!isTitleCase(words('Vell Vows'), lower));
  // two longer words suffice when the capitalized words prove common ("Its" is closed-class, "thaw" is written in lower case)
  assert.ok(isTitleCase(words('The Thaw and Its Limits'), new Set(['thaw'])));
  // a short sentence full of names is no headline
  assert.ok(!isTitleCase(words('They met Oren Dask and met Ilse Varn'), lower));
});

test('truecaseSentenceStarts: a common first word goes to lower case, a name stays, headlines are left alone', () => {
  const doc = [
    words('Undermine Tomas Vell , they said .'),
    words('They will undermine him after the vote .'),
    words('Tomas Vell left .'),
    words('Mayor Vell Vows To Fight Harbour Ruling'),
  ];
  const out = cased(doc);
  assert.deepEqual(out[0], words('undermine Tomas Vell , they said .'), 'seen in lower case, never capitalized inside a sentence');
  assert.deepEqual(out[1], words('they will undermine him after the vote .'), 'a closed-class word');
  assert.deepEqual(out[2], doc[2], 'a name stays');
  assert.deepEqual(out[3], doc[3], 'a headline is left alone');
});

test('truecaseSentenceStarts: closed-class words without evidence and contractions anywhere; titles and name-like words stay', () => {
  assert.deepEqual(cased([words('After Tomas Vell spoke , I’m sure I\'ll go . Don\'t')])[0], words('after Tomas Vell spoke , i’m sure i\'ll go . don\'t'));
  assert.deepEqual(cased([words('Mr Vell spoke .'), words('May Vell spoke .')]).map((x) => x[0]), ['Mr', 'May']);
  // headlines are reported: the common words of this one are written in lower case in the running text
  assert.deepEqual(truecaseSentenceStarts([words('Mayor Vell Vows To Fight Harbour Ruling'), words('He vows to fight on .')]), [true, false]);
});

test('attestedSpan: a headline name keeps only the part the running text writes too, or nothing', () => {
  const sentence = (text: string) => text.split(' ').map((t, i) => ({ text: t, start: i, end: i + 1 }));
  const doc = [sentence('Reporter Hounds Keith Vell Over Harbour Deal'), sentence('Keith Vell said the deal was fair .')];
  const running = runningTextOf(doc, [true, false]);
  assert.deepEqual(attestedSpan(doc[0]!, 0, 4, running), [2, 4], '"Keith Vell" is written in the running text');
  assert.equal(attestedSpan(doc[0]!, 5, 7, running), undefined, '"Harbour Deal" is not');
  // a word capitalized only at the start of a running sentence attests nothing
  const doc2 = [sentence('After Harbour Deal Tomas Vell Resigns'), sentence('After the vote , Tomas Vell left .')];
  assert.deepEqual(attestedSpan(doc2[0]!, 0, 6, runningTextOf(doc2, [true, false])), [3, 5]);
});
