import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokensAndMentions } from './sentence-fixture.ts';
import { findEvaluations, isNounTakenForName, loadPersonLexicon } from './evaluate-persons.ts';

const lex = loadPersonLexicon();
const verbs = new Set(['said', 'accused', 'was', 'signed']);

const setup = tokensAndMentions;
const run = (text: string, names: Array<[string, string, string]>) => {
  const { tokens, mentions } = setup(text, names);
  return findEvaluations(mentions, tokens, lex, verbs).map((d) => [text.slice(d.start, d.end), d.entity, d.rule]);
};

test('a demonstrative or possessive with a person noun refers to the person named before', () => {
  const text = 'Ona Vask signed the decree. Then this fool changed it again. Our old tyrant said nothing.';
  assert.deepEqual(run(text, [['Ona Vask', 'local:vask', 'PER']]), [
    ['this fool', 'local:vask', 'evaluation-salient'],
    ['Our old tyrant', 'local:vask', 'evaluation-salient'],
  ]);
});

test('a quoted person noun is a reference, with its "of" complement and the name in apposition', () => {
  const text = 'The rally cheered the "loyal patriot" Ona Vask. Later, the "great reformer" of Nordland, Jan Peeters, spoke.';
  assert.deepEqual(
    run(text, [
      ['Ona Vask', 'local:vask', 'PER'],
      ['Jan Peeters', 'local:peeters', 'PER'],
      ['Nordland', 'local:nordland', 'LOC'],
    ]),
    [
      ["the \"loyal patriot\"", 'local:vask', 'evaluation-apposition'],
      ['the "great reformer" of Nordland', 'local:peeters', 'evaluation-apposition'],
    ],
  );
});

test('the subject of the same clause and the referent of a pronoun are not the referent', () => {
  const text = 'Jan Peeters praised Ona Vask. Ona Vask criticised the former boss of Nordland in public.';
  const names: Array<[string, string, string]> = [
    ['Jan Peeters', 'local:peeters', 'PER'],
    ['Ona Vask', 'local:vask', 'PER'],
    ['Nordland', 'local:nordland', 'LOC'],
  ];
  assert.deepEqual(run(text, names), [['the former boss of Nordland', 'local:peeters', 'evaluation-salient']]);
  const text2 = 'Ona Vask wrote about the reforms of Jan Peeters. She blamed her former boss for the losses.';
  assert.deepEqual(run(text2, names), [['her former boss', 'local:peeters', 'evaluation-salient']]);
});

test('adjectival uses, predicates and bare neutral nouns are no references; nobody named leaves one unresolved', () => {
  const names: Array<[string, string, string]> = [['Ona Vask', 'local:vask', 'PER']];
  assert.deepEqual(run('Ona Vask spoke. The opportunist policy of the party failed.', names), []);
  assert.deepEqual(run('Ona Vask spoke. The revisionist and reformist plan failed.', names), []);
  assert.deepEqual(run('Ona Vask spoke. Critics called her a "tyrant" in print.', names), []);
  assert.deepEqual(run('Ona Vask spoke. This leader answered, and the leader left.', names), []);
  assert.deepEqual(run('Ona Vask spoke. The communist country voted.', names), []);
  assert.deepEqual(run('Nobody came. This fool was at the window.', []), [['This fool', undefined, 'evaluation-unresolved']]);
});

test('idiomatic possessors, eponyms and the speaker named after the phrase are not referents', () => {
  const names: Array<[string, string, string]> = [
    ['Ona Vask', 'local:vask', 'PER'],
    ['Jan Peeters', 'local:peeters', 'PER'],
    ['Karl Marx', 'local:marx', 'PER'],
  ];
  assert.deepEqual(run('Ona Vask spoke. The fool\'s errand was over.', names), []);
  assert.deepEqual(run('Ona Vask spoke. Karl Marx wrote books. Later the loyal Marxist was promoted.', names), [
    ['the loyal Marxist', 'local:vask', 'evaluation-salient'],
  ]);
  assert.deepEqual(run('Jan Peeters left. Ona Vask stayed. Our dear leader is gone, said Ona Vask.', names), [['Our dear leader', 'local:peeters', 'evaluation-salient']]);
});

test('a lexicon noun the recognizer took for a new name is the noun', () => {
  const text = 'He honoured the bravest Menshevik after Ona Vask.';
  const { tokens } = setup(text, []);
  const start = text.indexOf('Menshevik');
  assert.equal(isNounTakenForName({ start, end: start + 9, label: 'PER', entity: 'local:menshevik', rule: 'local-new' }, tokens, lex), true);
  assert.equal(isNounTakenForName({ start, end: start + 9, label: 'PER', entity: 'local:menshevik', rule: 'alias-unique' }, tokens, lex), false);
});
