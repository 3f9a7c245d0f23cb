import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import { timeOfAnchor } from './pick-time.ts';

const TEXT = 'The board met before the start of the 5th Assembly, and after the Long War.';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

/** A timex over `s` as the timex stage writes one anchored on a KB event. */
function timex(s: string, edtf: string, ref?: string) {
  const { start, end } = at(s);
  return makeAnnotation('src', 'timex', start, end, 'DATE', PROV, { edtf, anchor: ref ? { kind: 'kb-event', ref } : { kind: 'none' } });
}

const PROV = { stage: 'timex', version: 'test' };
const DATES: Record<string, string> = { 'local:assembly-5': '1952-04-02/1952-04-09', 'local:long-war': '1940-09-01/1944-11-30' };

test('the event a before/after phrase is anchored on takes its KB date', () => {
  const before = timeOfAnchor(TEXT, timex('before the start of the 5th Assembly', '../1952-04-02', 'local:assembly-5'), at('Assembly'), (id) => DATES[id]);
  assert.deepEqual(before, { edtf: '1952-04-02/1952-04-09', timex: before?.timex, inherited: false, relation: 'named', anchorEvent: 'local:assembly-5', interval: { earliest: '1952-04-02', latest: '1952-04-09' } });
  const after = timeOfAnchor(TEXT, timex('after the Long War', '1944-11-30/..', 'local:long-war'), at('War'), (id) => DATES[id]);
  assert.equal(after?.edtf, '1940-09-01/1944-11-30');
});

test('without a KB date the anchor keeps the open interval the phrase says', () => {
  const before = timeOfAnchor(TEXT, timex('before the start of the 5th Assembly', '../1952-04-02', 'local:assembly-5'), at('Assembly'));
  assert.deepEqual([before?.edtf, before?.relation], ['1952-04-02/..', 'anchor-of-before']);
  const unknown = timeOfAnchor(TEXT, timex('after the Long War', '1944-11-30/..', 'local:other'), at('War'), (id) => DATES[id]);
  assert.deepEqual([unknown?.edtf, unknown?.relation], ['../1944-11-30', 'anchor-of-after']);
  const unanchored = timeOfAnchor(TEXT, timex('after the Long War', '1944-11-30/..'), at('War'), (id) => DATES[id]);
  assert.equal(unanchored?.relation, 'anchor-of-after');
});
