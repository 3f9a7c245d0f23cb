import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { spanFeatures } from './features.ts';

const text = 'They call it a plan, but the so-called reform is a shameless betrayal of every worker.';

/** The span of the first occurrence of `phrase` in the text. */
function spanOf(phrase: string): { start: number; end: number } {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return { start, end: start + phrase.length };
}

test('character 4-grams cover long spans too, scaled down like their words', () => {
  const doc = prepareDoc(text);
  const long = spanFeatures(doc, spanOf('a shameless betrayal of every worker'));
  const short = spanFeatures(doc, spanOf('shameless betrayal'));
  // A 6-word span still carries the 4-grams of its words ("shameless" → "hame").
  assert.ok(long.get('c4\thame')! > 0);
  assert.ok(short.get('c4\thame')! > 0);
  // Short spans weigh each 4-gram 0.5; longer spans less, in step with their word features.
  assert.equal(short.get('c4\thame'), 0.5);
  assert.ok(long.get('c4\thame')! < 0.5);
  assert.ok(Math.abs(long.get('c4\thame')! / long.get('w\tshameless')! - 0.5) < 1e-9);
});

test('the span boundaries show in the 4-grams (spaces pad the first and last word)', () => {
  const doc = prepareDoc(text);
  const f = spanFeatures(doc, spanOf('so-called reform'));
  assert.ok(f.has('c4\t so-'));
  assert.ok(f.has('c4\torm '));
  assert.ok(!f.has('c4\t the'));
});
