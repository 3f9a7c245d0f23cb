import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizeWords } from '../../models/tokenize.ts';
import { isHedgeAt, isWeaselAt, markLexicons, valenceOf } from './word-lexicons.ts';

/** Token norms of a sentence, as the rhetoric stage makes them. */
function norms(text: string): string[] {
  return tokenizeWords(text).map((t) => t.norm);
}

test('valenceOf reads AFINN-165 scores and gives 0 for unscored words', () => {
  assert.ok(valenceOf('betrayal') < 0);
  assert.ok(valenceOf('wonderful') > 0);
  assert.ok(valenceOf('catastrophic') <= -3);
  assert.equal(valenceOf('table'), 0);
  assert.equal(valenceOf(''), 0);
  // A phrase of the list is found when written with single spaces.
  assert.ok(valenceOf('fed up') < 0);
});

test('hedges and weasels are found as single words and as phrases', () => {
  const t = norms('Perhaps the council is, in my view, reportedly a lot slower than promised.');
  const at = (w: string): number => t.indexOf(w);
  assert.ok(isHedgeAt(t, at('perhaps')));
  assert.ok(isHedgeAt(t, at('my')), '"in my view" covers "my"');
  assert.ok(isHedgeAt(t, at('view')));
  assert.ok(!isHedgeAt(t, at('council')));
  assert.ok(isWeaselAt(t, at('reportedly')));
  assert.ok(isWeaselAt(t, at('lot')), '"a lot" covers "lot"');
  assert.ok(!isWeaselAt(t, at('council')));
  assert.ok(!isHedgeAt(t, -1) && !isHedgeAt(t, t.length));
  // Apostrophes are folded like the tokenizer folds them.
  const d = norms('I don’t know who wrote it.');
  assert.ok(isHedgeAt(d, d.indexOf('know')));
});

test('markLexicons agrees with the per-token helpers and lets phrases win over their words', () => {
  const t = norms('The plan is not good, perhaps a hate-filled and shameful mess, reportedly.');
  const m = markLexicons(t);
  assert.equal(m.valence.length, t.length);
  t.forEach((_, i) => {
    assert.equal(m.hedge[i], isHedgeAt(t, i) ? 1 : 0, `hedge at ${t[i]}`);
    assert.equal(m.weasel[i], isWeaselAt(t, i) ? 1 : 0, `weasel at ${t[i]}`);
  });
  // "not good" is a negative phrase: "good" alone would be positive.
  assert.ok(valenceOf('good') > 0);
  assert.equal(m.valence[t.indexOf('good')], valenceOf('not good'));
  assert.equal(m.valence[t.indexOf('not')], valenceOf('not good'));
  // A hyphenated word the list lacks takes its strongest part.
  assert.equal(valenceOf('hate-filled'), 0);
  assert.equal(m.valence[t.indexOf('hate-filled')], valenceOf('hate'));
  assert.equal(m.valence[t.indexOf('shameful')], valenceOf('shameful'));
  assert.equal(m.valence[t.indexOf('plan')], 0);
  assert.equal(m.valence[t.indexOf(',')], 0);
});
