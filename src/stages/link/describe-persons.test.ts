import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { tokensAndMentions } from './sentence-fixture.ts';
import { findDescriptions, parseDescription } from './describe-persons.ts';

const kb = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:vask', type: 'person', name: 'Ona Vask', aliases: [] },
      { id: 'local:peeters', type: 'person', name: 'Jan Peeters', aliases: [] },
      { id: 'local:cc', type: 'organization', name: 'Central Committee', partOf: 'local:party', aliases: [] },
      { id: 'local:party', type: 'organization', name: 'Workers Party', aliases: [] },
    ],
    roles: [{ person: 'local:vask', office: 'First Secretary of the Workers Party', officeKey: 'wp-first', org: 'local:party', from: '1950', source: 'fixture' }],
  },
]);
const cues = {
  roleNouns: ['historian', 'political scientist', 'director', 'head', 'expert', 'secretary', 'first secretary', 'advisor', 'rector'],
  genericRoleNouns: new Set(['expert']),
  titles: ['first secretary', 'secretary'],
  verbs: new Set(['said', 'noted']),
};
const setup = tokensAndMentions;
const spans = (text: string, ds: ReturnType<typeof findDescriptions>) => ds.map((d) => [text.slice(d.start, d.end), d.entity, d.rule]);
/** The descriptions found in `text` with mentions at the given names (fixture KB and cues), as [text, entity, rule]. */
const describeAll = (text: string, names: Array<[string, string, string]>) => {
  const { tokens, mentions } = setup(text, names);
  return spans(text, findDescriptions(kb, mentions, tokens, cues));
};

test('a description parses as article, modifiers, a role noun and its complement', () => {
  const { tokens } = setup('the advisor to the rector of the City University', []);
  assert.equal(parseDescription(tokens, 0, tokens.length, [['advisor'], ['rector']])?.role, 'advisor');
  const bad = setup('he quickly said that', []).tokens;
  assert.equal(parseDescription(bad, 0, bad.length, [['advisor']]), undefined);
});

test('appositions before and after a name describe that person', () => {
  const text = 'Dutch historian and political scientist Jan Peeters disagreed. Ona Vask, director of the Town Archive, said so.';
  assert.deepEqual(describeAll(text, [['Jan Peeters', 'local:peeters', 'PER'], ['Ona Vask', 'local:vask', 'PER']]), [
    ['Dutch historian and political scientist', 'local:peeters', 'appositive'],
    ['director of the Town Archive', 'local:vask', 'appositive'],
  ]);
});

test('a capitalized title before a name is taken with the name', () => {
  const text = 'In 1960 the First Secretary Ona Vask spoke.';
  assert.deepEqual(describeAll(text, [['Ona Vask', 'local:vask', 'PER']]), [['First Secretary Ona Vask', 'local:vask', 'title-name']]);
});

test('an office described without a name is its holder named in the document', () => {
  const text = 'Ona Vask arrived. Later the first secretary of the Central Committee spoke. The expert said nothing.';
  assert.deepEqual(describeAll(text, [['Ona Vask', 'local:vask', 'PER'], ['Central Committee', 'local:cc', 'ORG']]), [['first secretary of the Central Committee', 'local:vask', 'role-holder']]);
});

test('a bare description refers back to the last person so described', () => {
  const text = 'Jan Peeters, head of the Town Archive, wrote. Ona Vask agreed. Then the head said no, and the expert noted it.';
  const { tokens, mentions } = setup(text, [['Jan Peeters', 'local:peeters', 'PER'], ['Ona Vask', 'local:vask', 'PER']]);
  const ds = findDescriptions(kb, mentions, tokens, cues).filter((d) => d.rule === 'description-coref');
  assert.deepEqual(spans(text, ds), [
    ['the head', 'local:peeters', 'description-coref'],
    ['the expert', 'local:peeters', 'description-coref'],
  ]);
});

test('an office nobody named held is its holder in the last year written before it', () => {
  const text = 'In 1955 the first secretary of the Central Committee travelled.';
  assert.deepEqual(describeAll(text, [['Central Committee', 'local:cc', 'ORG']]), [['first secretary of the Central Committee', 'local:vask', 'role-holder-at-time']]);
  const before = setup('In 1940 the first secretary of the Central Committee travelled.', [['Central Committee', 'local:cc', 'ORG']]);
  assert.deepEqual(findDescriptions(kb, before.mentions, before.tokens, cues), []);
});

test('adjectives on a name make an evaluative epithet of the whole phrase', () => {
  const text = 'Nobody trusted the stubborn and cunning Ona Vask then.';
  assert.deepEqual(describeAll(text, [['Ona Vask', 'local:vask', 'PER']]), [['the stubborn and cunning Ona Vask', 'local:vask', 'epithet-name']]);
  // a noun before the name is no epithet: "the report Vask gave"
  const noun = setup('They read the report Ona Vask gave.', [['Ona Vask', 'local:vask', 'PER']]);
  assert.deepEqual(findDescriptions(kb, noun.mentions, noun.tokens, cues), []);
});

test('without an article, only known adjectives make an epithet of a name', () => {
  const withAdjectives = { ...cues, nameAdjectives: new Set(['wise', 'old']) };
  const text = 'In the end wise Ona Vask kept quiet.';
  const a = setup(text, [['Ona Vask', 'local:vask', 'PER']]);
  assert.deepEqual(spans(text, findDescriptions(kb, a.mentions, a.tokens, withAdjectives)), [['wise Ona Vask', 'local:vask', 'epithet-name']]);
  // without the word list, or with a word shaped like an adjective only, no epithet
  assert.deepEqual(findDescriptions(kb, a.mentions, a.tokens, cues), []);
  const shaped = setup('The files of dangerous Ona Vask were read.', [['Ona Vask', 'local:vask', 'PER']]);
  assert.deepEqual(findDescriptions(kb, shaped.mentions, shaped.tokens, withAdjectives), []);
  // "ten years old Vask" is a measure phrase
  const measure = setup('At ten years old Ona Vask moved away.', [['Ona Vask', 'local:vask', 'PER']]);
  assert.deepEqual(findDescriptions(kb, measure.mentions, measure.tokens, withAdjectives), []);
});

test('the office holder is the one in office at the narrative time, unless the office is "future" or "former"', () => {
  const kb2 = buildKnowledgeBase([
    {
      entities: [
        { id: 'local:a', type: 'person', name: 'Ana Lind', aliases: [] },
        { id: 'local:b', type: 'person', name: 'Bo Lind', aliases: [] },
        { id: 'local:land', type: 'place', name: 'Arland', aliases: [] },
      ],
      roles: [
        { person: 'local:a', office: 'President of Arland', officeKey: 'ar-p', org: 'local:land', from: '1950', to: '1959', source: 'fixture' },
        { person: 'local:b', office: 'President of Arland', officeKey: 'ar-p', org: 'local:land', from: '1960', to: '1969', source: 'fixture' },
      ],
    },
  ]);
  const text = 'Bo Lind and Ana Lind met. In 1955 the president of Arland spoke. Later the future president of Arland replied.';
  const { tokens, mentions } = setup(text, [['Bo Lind', 'local:b', 'PER'], ['Ana Lind', 'local:a', 'PER'], ['Arland', 'local:land', 'LOC']]);
  const cues2 = { ...cues, titles: ['president'] };
  const ds = findDescriptions(kb2, mentions, tokens, cues2).filter((d) => d.rule.startsWith('role-holder'));
  assert.deepEqual(spans(text, ds), [
    ['president of Arland', 'local:a', 'role-holder'],
    ['future president of Arland', 'local:a', 'role-holder'],
  ]);
});

test('a year before a title is not part of the title', () => {
  const text = 'In 1960 Secretary Ona Vask spoke.';
  assert.deepEqual(describeAll(text, [['Ona Vask', 'local:vask', 'PER']]), [['Secretary Ona Vask', 'local:vask', 'title-name']]);
});

test('role nouns sharing a first word match the longest, and ordinals read as words', () => {
  const { tokens } = setup('the 1st secretary of the Town Board', []);
  assert.equal(parseDescription(tokens, 0, tokens.length, [['first', 'secretary'], ['first'], ['secretary']])?.role, 'first secretary');
  assert.equal(parseDescription(tokens, 0, tokens.length, [['first'], ['secretary']])?.role, 'first');
  const none = setup('the second clerk of the Town Board', []).tokens;
  assert.equal(parseDescription(none, 0, none.length, [['first', 'secretary']]), undefined);
});

test('descriptions are found the same when tokens overlap and are not strictly ordered', () => {
  const text = 'Dutch historian Jan Peeters disagreed.';
  const { tokens, mentions } = setup(text, [['Jan Peeters', 'local:peeters', 'PER']]);
  // a zero-width token where the full stop starts: starts no longer strictly increase
  const stop = tokens.length - 1;
  const withGap = [...tokens.slice(0, stop), { ...tokens[stop]!, end: tokens[stop]!.start, text: '', norm: '' }, tokens[stop]!];
  assert.deepEqual(spans(text, findDescriptions(kb, mentions, withGap, cues)), [['Dutch historian', 'local:peeters', 'appositive']]);
  assert.deepEqual(spans(text, findDescriptions(kb, mentions, tokens, cues)), [['Dutch historian', 'local:peeters', 'appositive']]);
});

test('a title taken with a name starts at the capitalized words of the title, not at the words before it', () => {
  const text = 'He cited a review by Town Historian Jan Peeters today.';
  assert.deepEqual(describeAll(text, [['Jan Peeters', 'local:peeters', 'PER']]), [['Town Historian Jan Peeters', 'local:peeters', 'title-name']]);
});

test('a capitalized form of address before a name is taken with it, like a title', () => {
  const { tokens, mentions } = setup('Then Comrade Peeters spoke, and comrade Peeters agreed.', [['Peeters', 'local:peeters', 'PER']]);
  const found = findDescriptions(kb, mentions, tokens, { ...cues, honorifics: new Set(['comrade']) });
  assert.deepEqual(spans('Then Comrade Peeters spoke, and comrade Peeters agreed.', found), [['Comrade Peeters', 'local:peeters', 'title-name']]);
});

test('a titled description set off by commas inside a clause describes the name it encloses', () => {
  const text = 'Nobody knows how the Town Director of Archives, Ona Vask, heard of it.';
  assert.deepEqual(describeAll(text, [['Ona Vask', 'local:vask', 'PER']]), [['the Town Director of Archives', 'local:vask', 'appositive']]);
  // an untitled one is not taken: "to the editor, Jan Peeters," may address one person and name another
  const plain = 'She wrote to the director, Ona Vask, about it.';
  assert.deepEqual(describeAll(plain, [['Ona Vask', 'local:vask', 'PER']]), []);
  // nor is a titled one before a name followed by no second comma
  const open = 'Nobody knows how the Town Director of Archives, Ona Vask heard of it.';
  assert.deepEqual(describeAll(open, [['Ona Vask', 'local:vask', 'PER']]), []);
});

test('title-name: a capitalized closed-class word before the title is no part of the mention', () => {
  const text = 'After Town Historian Jan Peeters spoke, the hall emptied.';
  assert.deepEqual(describeAll(text, [['Jan Peeters', 'local:peeters', 'PER']]), [['Town Historian Jan Peeters', 'local:peeters', 'title-name']]);
});
