import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import { tokenRecords } from './token-records.ts';

/** Token annotations of a text split at spaces, with the norms and sentence numbers the tokens stage gives. */
function layer(text: string, sentenceOf: (i: number) => number): Annotation[] {
  const out: Annotation[] = [];
  let at = 0;
  text.split(' ').forEach((w, i) => {
    out.push({ id: `t:${at}`, layer: 'token', start: at, end: at + w.length, label: 'w', attrs: { norm: w.toLowerCase(), sentence: sentenceOf(i) }, provenance: { stage: 'tokens', version: '0' } });
    at += w.length + 1;
  });
  return out;
}

test('token records carry span, surface, norm and sentence, and are made once per token layer', () => {
  const text = 'Ona Vask left . she came back';
  const tokens = layer(text, (i) => (i < 4 ? 0 : 1));
  const records = tokenRecords(text, tokens);
  assert.deepEqual(records[1], { start: 4, end: 8, text: 'Vask', norm: 'vask', sentence: 0 });
  assert.deepEqual(records[4], { start: 16, end: 19, text: 'she', norm: 'she', sentence: 1 });
  // the same layer again: the same records; another text over a layer of the same shape: its own records
  assert.equal(tokenRecords(text, tokens), records);
  const other = 'Ivo Kess ran . he went home';
  const again = tokenRecords(other, tokens);
  assert.notEqual(again, records);
  assert.equal(again[1]!.text, 'Kess');
  // a token without a norm or sentence: the lower-cased surface, sentence 0
  const bare: Annotation[] = [{ id: 't:0', layer: 'token', start: 0, end: 3, label: 'w', attrs: {}, provenance: { stage: 'tokens', version: '0' } }];
  assert.deepEqual(tokenRecords('ABC', bare), [{ start: 0, end: 3, text: 'ABC', norm: 'abc', sentence: 0 }]);
});
