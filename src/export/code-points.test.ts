import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointToUtf16, makeCodePointCounter, snapToCodePoint, splitsSurrogatePair } from './code-points.ts';

test('UTF-16 offsets become code-point offsets: each astral character before the offset counts once', () => {
  const text = 'a😀b🚢🌊c';
  const cp = makeCodePointCounter(text);
  // UTF-16: a=0, 😀=1..2, b=3, 🚢=4..5, 🌊=6..7, c=8
  assert.deepEqual([0, 1, 3, 4, 6, 8, 9].map(cp), [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(cp(text.length), Array.from(text).length);
});

test('code-point offsets convert back, and slicing by code points gives the same text', () => {
  const text = 'x😀 y 𝔘nicode 🚢!';
  const cp = makeCodePointCounter(text);
  const points = Array.from(text);
  for (let i = 0; i <= text.length; i++) {
    if (splitsSurrogatePair(text, i)) continue;
    assert.equal(codePointToUtf16(text, cp(i)), i);
    assert.equal(points.slice(0, cp(i)).join(''), text.slice(0, i));
  }
});

test('an offset inside a surrogate pair snaps to the pair start; offsets are clamped', () => {
  const text = 'a😀b';
  assert.equal(splitsSurrogatePair(text, 2), true);
  assert.equal(snapToCodePoint(text, 2), 1);
  assert.equal(snapToCodePoint(text, -5), 0);
  assert.equal(snapToCodePoint(text, 99), text.length);
  assert.equal(makeCodePointCounter(text)(2), 1);
});
