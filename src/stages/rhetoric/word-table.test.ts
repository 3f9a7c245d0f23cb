import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { docWords, forEachWordValue, newWordCache } from './word-table.ts';

const first = prepareDoc('The lanterns glowed over the harbour.\nThe harbour slept.');
const second = prepareDoc('Lanterns and ropes lay on the quay.');

test('a norm keeps one id across documents, and each token carries the id of its norm', () => {
  const a = docWords(first);
  const b = docWords(second);
  assert.deepEqual(a.norms, [...first.positions.keys()]);
  const idOf = (d: typeof a, norm: string) => d.ids[d.norms.indexOf(norm)];
  assert.equal(idOf(a, 'lanterns'), idOf(b, 'lanterns'));
  assert.equal(idOf(a, 'the'), idOf(b, 'the'));
  assert.notEqual(idOf(a, 'harbour'), idOf(b, 'quay'));
  first.tokens.forEach((t, i) => assert.equal(a.tokenIds[i], idOf(a, t.norm), t.norm));
  assert.equal(docWords(first), a, 'cached per document');
});

test('forEachWordValue computes a value once per norm and process, visiting norms in document order', () => {
  const cache = newWordCache<string>();
  const computed: string[] = [];
  const visit = (doc: typeof first) => {
    const seen: Array<[string, string, number[]]> = [];
    forEachWordValue(doc, cache, (norm) => (computed.push(norm), norm.toUpperCase()), (value, at, norm) => seen.push([norm, value, [...at]]));
    return seen;
  };
  const one = visit(first);
  assert.deepEqual(one.map((s) => s[0]), [...first.positions.keys()]);
  assert.deepEqual(one.find((s) => s[0] === 'harbour'), ['harbour', 'HARBOUR', first.positions.get('harbour')]);
  const before = computed.length;
  visit(first);
  assert.equal(computed.length, before, 'nothing recomputed for a document seen before');
  const two = visit(second);
  assert.deepEqual(computed.slice(before), [...second.positions.keys()].filter((n) => !first.positions.has(n)));
  assert.equal(two.find((s) => s[0] === 'the')![1], 'THE');
});
