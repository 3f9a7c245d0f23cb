/**
 * Fixture sentences (written for these tests) for narrative anchoring: the reference time moves
 * with the text; deictic words need the document date; event-anchored phrases use the KB.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { findTimexes } from './find-timexes.ts';
import type { Timex } from './types.ts';

function one(list: Timex[], text: string): Timex {
  const hits = list.filter((t) => t.text === text);
  assert.equal(hits.length, 1, `expected one "${text}" in ${JSON.stringify(list.map((t) => t.text))}`);
  return hits[0]!;
}

/** A tiny invented knowledge base: one ruler, one assembly series, one war. */
const KB = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:ruler', type: 'person', name: 'Ivo Marek', aliases: [{ text: 'Marek', kind: 'surname' }], start: '1880-05-10', end: '1950-07-01', source: 'test' },
      { id: 'local:poet', type: 'person', name: 'Lena Vos', aliases: [{ text: 'Vos', kind: 'surname' }], source: 'test' },
    ],
    events: [
      { id: 'local:death-marek', name: 'Death of Marek', date: '1950-07-01', class: 'death', participants: ['local:ruler'], source: 'test' },
      { id: 'local:arrest-vos', name: 'Arrest of Vos', date: '1937-03', class: 'arrest', participants: ['local:poet'], source: 'test' },
      { id: 'local:assembly-5', name: '5th Assembly of the Union', date: '1952-04-02/1952-04-09', class: 'meeting', participants: [], aliases: ['5th Assembly'], source: 'test' },
      { id: 'local:assembly-7', name: '7th Assembly of the Union', date: '1958-06-01/1958-06-05', class: 'meeting', participants: [], aliases: ['7th Assembly'], source: 'test' },
      { id: 'local:long-war', name: 'Long Northern War', date: '1940-09-01/1944-11-30', class: 'conflict', participants: [], source: 'test' },
    ],
  },
]);

test('relative expressions follow the narrative, not the publication date', () => {
  const text = 'The mill opened in 1934. Four years later it burned. The following year it was rebuilt. In the same year a school opened. A few months after that, in the spring, the river flooded.';
  const found = findTimexes(text, { dct: '2015-06-01' });
  const later = one(found, 'Four years later');
  assert.deepEqual([later.value, later.anchor.kind], ['1938', 'narrative']);
  assert.equal(one(found, 'The following year').value, '1939');
  assert.equal(one(found, 'the same year').value, '1939');
  assert.equal(one(found, 'the spring').value, '1939-SP');
});

test('the reference time moves with each new explicit date', () => {
  const found = findTimexes('In 1921 the first line ran. In 1948 the second line ran. Two years later a third came.', { dct: '2010-01-01' });
  assert.equal(one(found, 'Two years later').value, '1950');
});

test('"soon" and "recently" in a historical narrative are relative to its time', () => {
  const found = findTimexes('In April 1956 the plan was announced. Soon the works began.', { dct: '2020-03-01' });
  const soon = one(found, 'Soon');
  assert.equal(soon.edtf, '1956-04/..');
  assert.equal(soon.anchor.kind, 'narrative');
});

test('deictic expressions use the document date, and stay unresolved without one', () => {
  const text = 'Today the square is quiet; this year the archive opened, half a century ago it was sealed.';
  const dated = findTimexes(text, { dct: '2019-05-20' });
  assert.equal(one(dated, 'Today').value, '2019-05-20');
  assert.equal(one(dated, 'this year').value, '2019');
  assert.equal(one(dated, 'half a century ago').value, '1969');
  const undated = findTimexes(text);
  for (const t of undated) {
    assert.equal(t.anchor.kind, 'none');
    assert.equal(t.edtf, null);
    assert.ok(t.note && t.note.length > 0, `"${t.text}" has a note`);
  }
});

test('a comment region resolves deictic words against its own timestamp', () => {
  const text = 'Article body. In 1960 he left.\nComment: today I read it, four years later than planned.';
  const start = text.indexOf('Comment');
  const found = findTimexes(text, { dct: '2017-11-02', regions: [{ start, end: text.length, dct: '2018-01-15T10:00' }] });
  assert.equal(one(found, 'today').value, '2018-01-15');
  // narrative time restarts inside the comment: "four years later" counts from the comment's date
  assert.equal(one(found, 'four years later').anchor.kind, 'document');
});

test('event-anchored expressions take their dates from the knowledge base', () => {
  const text = "Ivo Marek ruled for decades. After Marek's death the council met; a few months after Marek's death it dissolved. On the eve of the 70th anniversary of his birth there was a parade.";
  const found = findTimexes(text, { kb: KB });
  const after = one(found, "After Marek's death");
  assert.deepEqual([after.edtf, after.anchor], ['1950-07-01/..', { kind: 'kb-event', ref: 'local:death-marek' }]);
  assert.equal(one(found, "a few months after Marek's death").value, '1950');
  const eve = one(found, 'On the eve of the 70th anniversary of his birth');
  assert.equal(eve.value, '1950-05-09');
  assert.equal(eve.anchor.ref, 'local:ruler#birth');
});

test('event pairs and the last named war', () => {
  const text = 'Between the 5th and 7th assemblies the union grew. The Long Northern War ended badly; after the war the ports reopened.';
  const found = findTimexes(text, { kb: KB });
  assert.equal(one(found, 'Between the 5th and 7th assemblies').edtf, '1952-04-09/1958-06-01');
  assert.equal(one(found, 'after the war').edtf, '1944-11-30/..');
});

test('event phrases with no KB event stay unresolved with a note', () => {
  const found = findTimexes("After Vos's funeral the poems spread.", { kb: KB });
  const t = one(found, "After Vos's funeral");
  assert.equal(t.anchor.kind, 'none');
  assert.match(t.note ?? '', /no dated event/);
});

test('"the last day of …" is not resolved against the document date', () => {
  const text = 'The resolution passed on the last day of the plenum. Last year the harvest failed.';
  const found = findTimexes(text, { dct: '2020-06-03' });
  const ofPhrase = one(found, 'the last day');
  assert.equal(ofPhrase.edtf, null);
  assert.equal(ofPhrase.anchor.kind, 'none');
  const deictic = one(found, 'Last year');
  assert.equal(deictic.edtf, '2019');
});

test('anniversaries count from an officially celebrated date when the KB has one', () => {
  const kb = buildKnowledgeBase([
    {
      entities: [{ id: 'local:ruler', type: 'person', name: 'Ivo Marek', aliases: [{ text: 'Marek', kind: 'surname' }], start: '1880-05-10', source: 'test' }],
      events: [{ id: 'local:marek-official-birth', name: 'Official birth of Marek', date: '1881-01-02', class: 'birth', subtype: 'official date', participants: ['local:ruler'], source: 'test' }],
    },
  ]);
  const found = findTimexes("Marek spoke. On the eve of the 70th anniversary of Marek's birth there was a parade. After Marek's birth the town grew.", { kb });
  const eve = one(found, "On the eve of the 70th anniversary of Marek's birth");
  assert.deepEqual([eve.value, eve.anchor.ref], ['1951-01-01', 'local:marek-official-birth']);
  assert.equal(one(found, "After Marek's birth").anchor.ref, 'local:ruler#birth');
});

test('"later that year" is the year of the narrative reference time', () => {
  const found = findTimexes('The ferry line opened in March 1908. A storm sank its first boat later that year.', { dct: '2021-02-01' });
  const later = one(found, 'later that year');
  assert.deepEqual([later.value, later.anchor.kind], ['1908', 'narrative']);
});

test('"meanwhile" opens a parallel thread from the reference time on; "at that time" is the time itself', () => {
  const found = findTimexes('The port was closed in 1911. Meanwhile the smugglers moved inland. At that time the roads were poor.', { dct: '2021-02-01' });
  const meanwhile = one(found, 'Meanwhile');
  assert.deepEqual([meanwhile.edtf, meanwhile.interval], ['1911/..', { earliest: '1911-01-01', latest: null }]);
  assert.equal(one(found, 'At that time').edtf, '1911');
});

test('"recently" at a past reference time is the year before it, approximate, not all of the past', () => {
  const found = findTimexes('In October 1922 the minister resigned. He had recently lost a vote.', { dct: '2020-03-01' });
  const recently = one(found, 'recently');
  assert.deepEqual([recently.value, recently.edtf, recently.interval], ['PAST_REF', '1921-10~/1922-10', { earliest: '1921-10-01', latest: '1922-10-31' }]);
  // in a news report "recently" stays open before the document date
  assert.equal(one(findTimexes('The minister recently lost a vote.', { dct: '2020-03-01' }), 'recently').edtf, '../2020-03-01');
});

test('"on the eve of" a KB date is the fortnight before it, at month precision; the eve governs a coordinated anniversary', () => {
  const single = one(findTimexes("Marek spoke often. On the eve of the 70th anniversary of Marek's birth there was a parade.", { kb: KB }), "On the eve of the 70th anniversary of Marek's birth");
  // birth 1880-05-10: the eve runs 26 April – 9 May 1950
  assert.deepEqual([single.value, single.edtf, single.interval], ['1950-05-09', '1950-04~/1950-05~', { earliest: '1950-04-26', latest: '1950-05-09' }]);
  const found = findTimexes("Marek spoke often. On the eve of the 60th anniversary and the 70th anniversary of Marek's birth the town held parades.", { kb: KB });
  assert.deepEqual(found.filter((t) => t.anchor.kind === 'kb-event').map((t) => t.edtf), ['1940-04~/1940-05~', '1950-04~/1950-05~']);
});

test('"less than N years after <clause>" dates the clause by the date stated before it', () => {
  const text = 'On 9 June 1934, less than two years after the founder had retired, the firm went bankrupt.';
  const within = one(findTimexes(text, { dct: '2020-03-01' }), 'less than two years');
  assert.deepEqual([within.type, within.value, within.edtf, within.scope], ['DURATION', 'P2Y', '1932-06-09/1934-06-09', 'clause']);
  const over = one(findTimexes('In 1934, more than ten years after the dam was built, it cracked.', { dct: '2020-03-01' }), 'more than ten years');
  assert.equal(over.edtf, '../1924');
  const plain = one(findTimexes('In 1934, five years after the dam was built, it cracked.', { dct: '2020-03-01' }), 'five years');
  assert.equal(plain.edtf, '1929~');
  // no date before it in the sentence: a bare duration
  assert.equal(one(findTimexes('Less than two years after the founder retired, the firm failed.', { dct: '2020-03-01' }), 'Less than two years').edtf, null);
});

test('"the start of" / "the end of" a named KB event picks that end of its dates', () => {
  const found = findTimexes('The council met even before the start of the 5th Assembly, and again after the end of the 7th Assembly. By the end of the Long Northern War the town was empty.', { kb: KB });
  const before = one(found, 'before the start of the 5th Assembly');
  assert.deepEqual([before.edtf, before.anchor.kind], ['../1952-04-02', 'kb-event']);
  assert.equal(one(found, 'after the end of the 7th Assembly').edtf, '1958-06-05/..');
  assert.equal(one(found, 'By the end of the Long Northern War').edtf, '../1944-11-30');
  // without an edge word "after" still counts from the end and "at" means the whole event
  const plain = findTimexes('The council met after the 5th Assembly; at the 7th Assembly it split.', { kb: KB });
  assert.equal(one(plain, 'after the 5th Assembly').edtf, '1952-04-09/..');
  assert.equal(one(plain, 'at the 7th Assembly').edtf, '1958-06-01/1958-06-05');
});
