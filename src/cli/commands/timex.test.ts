import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTimexes } from '../../stages/timex/find-timexes.ts';
import { formatTimexLine } from './timex.ts';

test('formatTimexLine prints span, text, type, value, EDTF, interval and anchor', () => {
  const [t] = findTimexes('We met yesterday.', { dct: '2001-09-12' });
  assert.ok(t);
  assert.equal(formatTimexLine(t), '[7,16)\t"yesterday"\tDATE\t2001-09-11\t2001-09-11\t2001-09-11..2001-09-11\tdocument:2001-09-12');
});

test('formatTimexLine shows open interval sides and the reason an expression is unresolved', () => {
  const [t] = findTimexes('Today it rains.');
  assert.ok(t);
  const line = formatTimexLine(t);
  assert.match(line, /\tnone\t\(.*document date.*\)$/);
});
