import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from './split-sentences.ts';

const sents = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

test('initials and abbreviations do not end a sentence', () => {
  assert.deepEqual(sents('The envoy met I. B. Tito at Brioni. Then he left.'), ['The envoy met I. B. Tito at Brioni.', 'Then he left.']);
  assert.deepEqual(sents('She studied at the university named after M.V. Lomonosov in Moscow. It was 1950.'), [
    'She studied at the university named after M.V. Lomonosov in Moscow.',
    'It was 1950.',
  ]);
  assert.deepEqual(sents('Dr. Ivanov and Gen. Petrov arrived. The U.S. delegation waited.'), ['Dr. Ivanov and Gen. Petrov arrived.', 'The U.S. delegation waited.']);
});

test('quotes inside and at the end of sentences', () => {
  assert.deepEqual(sents('He shouted "Enough!" and walked out. Nobody followed.'), ['He shouted "Enough!" and walked out.', 'Nobody followed.']);
  assert.deepEqual(sents('“We will bury you.” The words stuck.'), ['“We will bury you.”', 'The words stuck.']);
});

test('ellipses split only before a capital', () => {
  assert.deepEqual(sents('The trains went on … and on. Later … Nothing.'), ['The trains went on … and on.', 'Later …', 'Nothing.']);
});

test('paragraphs, bullets and headings are separate sentences', () => {
  const t = 'A Heading Without Stop\n\nFirst line here.\n  •  A photo caption\n\nPhoto agency';
  assert.deepEqual(sents(t), ['A Heading Without Stop', 'First line here.', 'A photo caption', 'Photo agency']);
});

test('a paragraph broken by blank lines mid-sentence is joined', () => {
  const t = 'People tied the repressions only to the\n\n\n\nname of one man. Others disagreed.';
  assert.deepEqual(sents(t), ['People tied the repressions only to the\n\n\n\nname of one man.', 'Others disagreed.']);
});

test('offsets are absolute within a region', () => {
  const t = 'Skip me. Keep this. And this.';
  const spans = splitSentences(t, { start: 9, end: t.length });
  assert.deepEqual(spans.map((s) => t.slice(s.start, s.end)), ['Keep this.', 'And this.']);
});

test('a paragraph of bare initials glues to the sentences around it', () => {
  const t = 'Said a lecturer of the State University.\n\nA.B.\n\nPetrov Ivan Sidorov, the reform failed.\n\nNext one.';
  assert.deepEqual(sents(t), ['Said a lecturer of the State University.\n\nA.B.\n\nPetrov Ivan Sidorov, the reform failed.', 'Next one.']);
});

test('splitting one text does not disturb the next (the boundary pattern is shared)', () => {
  const text = 'Ada came. Then Bo left! Was it late?';
  const first = splitSentences(text);
  splitSentences('Other text. Another one.\nA third line');
  assert.deepEqual(splitSentences(text), first);
  assert.equal(first.length, 3);
});
