import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStages } from './run-stages.ts';
import { checkRegistry } from './check-registry.ts';
import { makeAnnotation } from '../core/annotation.ts';
import type { Stage } from './stage.ts';
import type { Source } from '../core/types.ts';

const source: Source = {
  id: 'src1',
  key: 'k',
  meta: { format: 'text' },
  text: 'Alpha beta.',
  sourceMap: [[0, 0]],
  sections: [],
  messages: [],
};

const words: Stage = {
  name: 'words',
  version: '1',
  requires: [],
  assigns: ['word'],
  run: ({ source: s }) => ({
    annotations: [...s.text.matchAll(/\w+/g)].map((m) => makeAnnotation(s.id, 'word', m.index, m.index + m[0].length, 'W', { stage: 'words', version: '1' })),
  }),
};
const counter: Stage = {
  name: 'count',
  version: '1',
  requires: ['word'],
  assigns: ['count'],
  run: ({ layer, source: s }) => ({
    annotations: [makeAnnotation(s.id, 'count', 0, s.text.length, String(layer('word').length), { stage: 'count', version: '1' })],
  }),
};
const broken: Stage = { name: 'broken', version: '1', requires: [], assigns: ['word'], run: () => { throw new Error('boom'); } };

test('later stages see earlier layers', () => {
  const out = runStages(source, [words, counter]);
  assert.equal(out.annotations.filter((a) => a.layer === 'word').length, 2);
  assert.equal(out.annotations.find((a) => a.layer === 'count')?.label, '2');
});

test('a throwing stage becomes a fatal message and its dependants are skipped', () => {
  const out = runStages(source, [broken, counter]);
  assert.equal(out.annotations.length, 0);
  assert.ok(out.messages.some((m) => m.severity === 'fatal' && m.source === 'broken' && m.reason.includes('boom')));
  assert.ok(out.messages.some((m) => m.rule === 'pipeline:skipped' && m.source === 'count'));
});

test('the registry check rejects a stage whose requirement is assigned later', () => {
  assert.throws(() => checkRegistry([counter, words]), /requires word/);
  assert.throws(() => checkRegistry([words, words]), /share one name/);
});

test('the input source is not mutated', () => {
  const before = JSON.stringify(source);
  runStages(source, [words, counter]);
  assert.equal(JSON.stringify(source), before);
});

test('layer() is sorted by start (longer first) after every stage, also when a later stage adds to an earlier layer out of order', () => {
  const span = (id: string, start: number, end: number) => makeAnnotation('src1', 'mark', start, end, id, { stage: 'marks', version: '1' });
  const first: Stage = { name: 'first', version: '1', requires: [], assigns: ['mark'], run: () => ({ annotations: [span('a', 6, 10), span('b', 0, 5)] }) };
  const seen: string[][] = [];
  const second: Stage = {
    name: 'second',
    version: '1',
    requires: ['mark'],
    assigns: ['mark', 'other'],
    run: ({ layer }) => {
      seen.push(layer('mark').map((a) => a.label));
      return { annotations: [span('c', 6, 11), span('d', 0, 2), makeAnnotation('src1', 'other', 3, 4, 'o', { stage: 'second', version: '1' })] };
    },
  };
  const third: Stage = {
    name: 'third',
    version: '1',
    requires: ['mark'],
    assigns: ['none'],
    run: ({ layer }) => {
      seen.push(layer('mark').map((a) => a.label));
      return { annotations: [] };
    },
  };
  runStages(source, [first, second, third]);
  assert.deepEqual(seen, [['b', 'a'], ['b', 'd', 'c', 'a']]);
});
