import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countFixed } from './kb-anchor.ts';
import { loadTimexRules, type CompiledRule } from './load-rules.ts';
import { matchRules } from './match-rules.ts';

// A small rule shaped like the knowledge-base alias rule: optional words, then one of a list of names.
const body = String.raw`(?:(?:(?<num>[0-9]+)\s+(?<unit>years|months)\s+)?(?:(?<prep>after|before)\s+)?(?:the\s+)?(?<kbAlias>great flood|flood|harvest fair))(?![\p{L}\p{N}])`;
const plain: CompiledRule = { id: 'names', kind: 'event', re: new RegExp(body, 'giu'), priority: 0 };
const scanned: CompiledRule = {
  ...plain,
  scan: {
    anchor: /(?<![\p{L}\p{N}'’])(?:great flood|flood|harvest fair)(?![\p{L}\p{N}])/giu,
    before: countFixed('months') + countFixed('before') + countFixed('the'),
    sticky: new RegExp(body, 'iuy'),
  },
};

const spans = (text: string, rule: CompiledRule) => {
  const rules = { ...loadTimexRules('en'), rules: [] };
  return matchRules(text, rules, [rule]).map((c) => [text.slice(c.start, c.end), c.groups.kbAlias]);
};

test('a scanned rule finds exactly what scanning the whole text finds', () => {
  const texts = [
    'Two  \n\n  years    after   the great flood, and 1234567 months before the Flood; the harvest fair came.',
    'Overflood and preflood are no floods; "the flood" is; after floodwaters, before the harvest fairs.',
    'Great flood, great  flood and GREAT FLOOD after the Harvest Fair 12 years after flood.',
    'nothing here at all',
  ];
  for (const t of texts) assert.deepEqual(spans(t, scanned), spans(t, plain), t);
  assert.deepEqual(spans(texts[0]!, scanned), [
    ['after   the great flood', 'great flood'], // "Two" is no digit run
    ['1234567 months before the Flood', 'Flood'],
    ['the harvest fair', 'harvest fair'],
  ]);
});

test('countFixed leaves out whitespace and digits', () => {
  assert.equal(countFixed('12 years  after'), 'yearsafter'.length);
  assert.equal(countFixed(' \t\n'), 0);
});
