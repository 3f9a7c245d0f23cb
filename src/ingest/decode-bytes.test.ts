import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeBytes } from './decode-bytes.ts';

const RU = 'Весной пятьдесят шестого года на съезде партии прозвучал закрытый доклад. Делегаты слушали молча, а потом долго спорили в коридорах.';

test('UTF-8 with and without BOM decodes without messages', () => {
  const plain = decodeBytes(Buffer.from('Grüße, мир'));
  assert.equal(plain.text, 'Grüße, мир');
  assert.equal(plain.messages.length, 0);
  const bom = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('abc')]));
  assert.equal(bom.text, 'abc');
  assert.equal(bom.bomLength, 3);
});

test('UTF-16 LE and BE with BOM', () => {
  for (const enc of ['utf-16le', 'utf-16be'] as const) {
    const body = iconv.encode(RU, enc);
    const bom = enc === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    const d = decodeBytes(Buffer.concat([Buffer.from(bom), body]));
    assert.equal(d.encoding, enc);
    assert.equal(d.text, RU);
  }
});

test('windows-1251 and KOI8-R are told apart and the guess is reported', () => {
  for (const enc of ['windows-1251', 'koi8-r']) {
    const d = decodeBytes(iconv.encode(RU, enc));
    assert.equal(d.encoding, enc);
    assert.equal(d.text, RU);
    assert.equal(d.messages[0]?.rule, 'decode:guessed-encoding');
  }
});

test('invalid and truncated UTF-8 decode with replacement and a warning', () => {
  const bad = decodeBytes(Buffer.concat([Buffer.from('naïve text '), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(' über')]));
  assert.ok(bad.text.includes('\uFFFD'));
  assert.equal(bad.messages[0]?.rule, 'decode:invalid-utf8');
  const cut = decodeBytes(Buffer.from('Ошибка').subarray(0, 11));
  assert.equal(cut.messages[0]?.rule, 'decode:truncated');
  assert.ok(cut.text.startsWith('Ошибк'));
});

test('UTF-16 with an unpaired surrogate: replaced with U+FFFD and reported', () => {
  // "A", a lone high surrogate, "B" in UTF-16 LE after the byte order mark.
  const d = decodeBytes(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00]));
  assert.equal(d.text, 'A\uFFFDB');
  assert.equal(d.messages[0]?.rule, 'decode:invalid-utf16');
});
