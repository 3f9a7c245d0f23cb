import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import type { KbFile } from '../../kb/load-kb.ts';
import { uninvertedName } from './link-mentions.ts';
import { lineTokenStage } from '../tokens/line-token-stage.ts';
import type { Source } from '../../core/types.ts';
import { runStages } from '../../pipeline/run-stages.ts';
import { mentionsStage } from '../mentions/index.ts';
import { linkStage } from './index.ts';
import { isPatronymic, isShortFormOf, linkMentions, localId } from './link-mentions.ts';

// A made-up world, so that tests depend on no real knowledge base.
const FIXTURE: KbFile = {
  entities: [
    { id: 'local:ivan-petrov', type: 'person', name: 'Ivan Petrov', start: '1890', end: '1960', aliases: [{ text: 'Petrov', kind: 'surname' }, { text: 'the Gardener', kind: 'epithet', needsContext: true }, { text: 'Marshal Petrov', kind: 'title' }] },
    { id: 'local:rurland', type: 'place', subtype: 'country', name: 'Rurland', aliases: [{ text: 'RR', kind: 'abbreviation' }, { text: 'Rurlandian', kind: 'demonym' }] },
    { id: 'local:novgrad', type: 'place', subtype: 'city', name: 'Novgrad', standsFor: 'local:rurland', aliases: [] },
    { id: 'local:kim-one', type: 'person', name: 'Kim Ar Sen', start: '1900', end: '1950', aliases: [{ text: 'Kim', kind: 'surname' }] },
    { id: 'local:kim-two', type: 'person', name: 'Kim Bo Ran', start: '1960', end: '2020', aliases: [{ text: 'Kim', kind: 'surname' }] },
    { id: 'local:us-fixture', type: 'place', name: 'United Shires', aliases: [{ text: 'US', kind: 'abbreviation' }] },
    { id: 'local:petrovsk', type: 'place', subtype: 'city', name: 'Petrovsk', aliases: [{ text: 'Petrov', kind: 'former', from: '1930', to: '1950' }] },
    { id: 'local:gardeners-party', type: 'organization', name: 'Gardeners Party', aliases: [{ text: 'the party', kind: 'other', needsContext: true }] },
    { id: 'local:novgrad-council', type: 'organization', name: 'Novgrad City Council', aliases: [{ text: 'city council', kind: 'other', needsContext: true }] },
    { id: 'local:novgrad-pact', type: 'organization', name: 'Novgrad Pact', aliases: [] },
  ],
  roles: [{ person: 'local:ivan-petrov', office: 'Chairman of the Gardeners Party', officeKey: 'gp-chair', org: 'local:gardeners-party', from: '1930', source: 'fixture' }],
};


function analyze(text: string) {
  const kb = buildKnowledgeBase([FIXTURE]);
  const source: Source = { id: 'src1', key: 'k', meta: { format: 'text' }, text, sourceMap: [], sections: [], messages: [] };
  const out = runStages(source, [lineTokenStage, mentionsStage, linkStage], { resources: { kb }, options: { mentions: { model: false } } });
  return out.annotations
    .filter((a) => a.layer === 'mention')
    .map((a) => ({ text: text.slice(a.start, a.end), label: a.label, ...a.attrs }) as { text: string; label: string } & Record<string, unknown>);
}

test('gazetteer is case-, possessive- and diacritic-tolerant but keeps abbreviations case-sensitive', () => {
  const ms = analyze('PETRÓV’s garden grew.\nLet us go to the US today.');
  assert.deepEqual(ms.map((m) => [m.text, m.entity]), [['PETRÓV', 'local:ivan-petrov'], ['US', 'local:us-fixture']]);
});

test('a capital is the place after a locative preposition and the state when it acts', () => {
  const ms = analyze('The delegation arrived in Novgrad at noon.\nNovgrad refused the offer.');
  assert.equal(ms[0]!.entity, 'local:novgrad');
  assert.equal(ms[1]!.entity, 'local:rurland');
  assert.equal(ms[1]!.standsFor, 'local:rurland');
  assert.equal(ms[1]!.via, 'local:novgrad');
  assert.equal(ms[1]!.form, 'metonym');
});

test('demonyms are groups linked to their country; epithets need the entity named in the document', () => {
  const ms = analyze('Rurlandian workers met Ivan Petrov.\nLater the Gardener spoke.');
  assert.deepEqual(ms.map((m) => [m.text, m.label, m.entity]), [['Rurlandian', 'GRP', 'local:rurland'], ['Ivan Petrov', 'PER', 'local:ivan-petrov'], ['Gardener', 'PER', 'local:ivan-petrov']]);
  const alone = analyze('Later the Gardener spoke.');
  assert.equal(alone[0]!.entity, undefined);
  assert.equal(alone[0]!.linkRule, 'unresolved');
});

test('two people with one name are told apart by the years of the document, or left unresolved', () => {
  assert.equal(analyze('In 1935 and 1938 Kim travelled.')[0]!.entity, 'local:kim-one');
  assert.equal(analyze('In 1975 Kim travelled.')[0]!.entity, 'local:kim-two');
  const none = analyze('Kim travelled.')[0]!;
  assert.equal(none.linkRule, 'unresolved');
  assert.deepEqual(none.candidates, ['local:kim-one', 'local:kim-two']);
});

test('unknown short forms corefer with the fuller name anywhere in the document', () => {
  const kb = buildKnowledgeBase([]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'PER' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, 'Lumba'), m(10, 'Petra Lumba'), m(30, 'P. Lumba'), m(50, 'Oskar Vell')], { text: '' });
  assert.deepEqual(rs.map((r) => r.entity), ['local:petra-lumba', 'local:petra-lumba', 'local:petra-lumba', 'local:oskar-vell']);
  assert.deepEqual(rs.map((r) => r.linkRule), ['coref-short-form', 'local-new', 'coref-short-form', 'local-new']);
});

test('short forms: subsets and initials, never longer or unrelated names', () => {
  assert.equal(isShortFormOf(['lumba'], ['petra', 'lumba']), true);
  assert.equal(isShortFormOf(['p', 'lumba'], ['petra', 'lumba']), true);
  assert.equal(isShortFormOf(['petra', 'lumba'], ['petra', 'lumba']), false);
  assert.equal(isShortFormOf(['q', 'lumba'], ['petra', 'lumba']), false);
  assert.equal(localId('Ludo De Wítte'), 'local:ludo-de-witte');
});

test('a bare title refers back to the last person named who bears it', () => {
  const ms = analyze('Marshal Petrov reviewed the troops.\nThen the marshal left, and the general stayed.');
  const title = ms.find((m) => m.text === 'marshal')!;
  assert.equal(title.entity, 'local:ivan-petrov');
  assert.equal(title.linkRule, 'title-coref');
  // nobody named so far is a general: "the general" stays plain text
  assert.equal(ms.some((m) => m.text === 'general'), false);
  // no person named before: no title mention
  assert.equal(analyze('Then the marshal left.').length, 0);
});

test('a name inside a longer personal name is part of it, not a town once so called', () => {
  const ms = analyze('In 1940 Ivan Petrov spoke.');
  assert.deepEqual(ms.map((m) => [m.text, m.entity]), [['Ivan Petrov', 'local:ivan-petrov']]);
});

test('a generic short form links to the body the document is related to, else stays unresolved', () => {
  // the party its chairman led; the council of the city it names
  const ms = analyze('Ivan Petrov addressed the party.\nIn Novgrad the city council met.');
  assert.equal(ms.find((m) => m.text === 'party')!.entity, 'local:gardeners-party');
  assert.equal(ms.find((m) => m.text === 'city council')!.entity, 'local:novgrad-council');
  const alone = analyze('The city council met.');
  assert.equal(alone.find((m) => /council/.test(m.text))!.linkRule, 'unresolved');
});

test('a given name with a patronymic is the person of that given name the document names', () => {
  const kb = buildKnowledgeBase([]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'PER' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, 'Petra Lumba'), m(20, 'Petra Ivanovna'), m(40, 'Oskar Petrovich')], { text: '' });
  assert.deepEqual(rs.map((r) => r.entity), ['local:petra-lumba', 'local:petra-lumba', 'local:oskar-petrovich']);
  assert.equal(rs[1]!.linkRule, 'coref-short-form');
  assert.equal(isPatronymic('sergeyevich'), true);
  assert.equal(isPatronymic('rich'), false);
});

test('an epithet in scare quotes is one mention with its quotation marks', () => {
  const ms = analyze('Ivan Petrov spoke.\nThen the “Gardener” left.');
  const epithet = ms.find((m) => m.entity === 'local:ivan-petrov' && m.form === 'epithet')!;
  assert.equal(epithet.text, '“Gardener”');
});

test('punctuation and interjections taken for names are dropped, not made into local people', () => {
  const kb = buildKnowledgeBase([]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'PER' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, 'Alas'), m(10, '!'), m(20, 'Oskar Vell')], { text: '' });
  assert.deepEqual(rs.map((r) => [r.linkRule, r.partOfName === true]), [['not-a-name', true], ['not-a-name', true], ['local-new', false]]);
});

test('an ordinal or a number alone taken for a name is no name; a name with one is', () => {
  const kb = buildKnowledgeBase([]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'ORG' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, '100th'), m(10, '1921'), m(20, '22nd Dock Congress')], { text: '' });
  assert.deepEqual(rs.map((r) => [r.linkRule, r.partOfName === true]), [['not-a-name', true], ['not-a-name', true], ['local-new', false]]);
});

test('the stage writes comment authors as person mentions from the comment header lines', () => {
  const kb = buildKnowledgeBase([FIXTURE]);
  const text = '1. ivan77 Offline ivan77\nivan77 (Ivan) 2 May 2020 10: 00\nIvan Petrov was right.';
  const source: Source = {
    id: 'src2',
    key: 'k2',
    meta: { format: 'text' },
    text,
    sourceMap: [],
    sections: [
      { id: 'h', kind: 'chrome', role: 'comment-header', parent: 'c', start: 0, end: 24 },
      { id: 'm', kind: 'chrome', role: 'comment-meta', parent: 'c', start: 25, end: 56 },
      { id: 'c', kind: 'comment', author: 'ivan77', displayName: 'Ivan', start: 57, end: text.length },
    ],
    messages: [],
  };
  const out = runStages(source, [lineTokenStage, mentionsStage, linkStage], { resources: { kb }, options: { mentions: { model: false } } });
  const ms = out.annotations
    .filter((a) => a.layer === 'mention')
    .sort((a, b) => a.start - b.start)
    .map((a) => [text.slice(a.start, a.end), a.attrs.entity, a.attrs.linkRule]);
  assert.deepEqual(ms, [
    ['ivan77', 'local:user-ivan77', 'comment-author'],
    ['ivan77', 'local:user-ivan77', 'comment-author'],
    ['ivan77 (Ivan)', 'local:user-ivan77', 'comment-author'],
    ['Ivan Petrov', 'local:ivan-petrov', 'alias-unique'],
  ]);
});

test('a bare title nobody named bears is the holder at that time of an office in a body the document names', () => {
  const ms = analyze('In 1935 the Gardeners Party met.\nThen the chairman spoke.');
  const chair = ms.find((m) => m.text === 'chairman')!;
  assert.equal(chair.entity, 'local:ivan-petrov');
  assert.equal(chair.linkRule, 'title-holder-at-time');
  // before the office existed there is no holder
  assert.equal(analyze('In 1925 the Gardeners Party met.\nThen the chairman spoke.').some((m) => m.text === 'chairman'), false);
});

test('a title that is also an adjective is no name before a noun', () => {
  const kb = buildKnowledgeBase([{ entities: [{ id: 'local:gen', type: 'person', name: 'Oskar Vell', aliases: [{ text: 'General Vell', kind: 'title' }] }] }]);
  const source: Source = { id: 's3', key: 'k3', meta: { format: 'text' }, text: 'General Vell came.\nThe general mood was calm.\nLater the general left.', sourceMap: [], sections: [], messages: [] };
  const out = runStages(source, [lineTokenStage, mentionsStage, linkStage], { resources: { kb }, options: { mentions: { model: false } } });
  const texts = out.annotations.filter((a) => a.layer === 'mention' && a.attrs.linkRule === 'title-coref').map((a) => a.start);
  assert.deepEqual(texts, [source.text.lastIndexOf('general')]);
});

test('a seat of government named inside a longer name is the place, whatever the words around', () => {
  const ms = analyze('Rurland joined the Novgrad Pact.');
  assert.deepEqual(ms.filter((m) => m.text === 'Novgrad').map((m) => [m.entity, m.linkRule]), [['local:novgrad', 'metonym-literal-context']]);
  assert.equal(ms.find((m) => m.text === 'Novgrad Pact')!.entity, 'local:novgrad-pact');
});

test('one span naming two bodies gives two mentions with distinct ids', () => {
  const kb = buildKnowledgeBase([
    {
      entities: [
        { id: 'local:wp-a', type: 'organization', name: 'Workers Party of Arland', aliases: [] },
        { id: 'local:wp-b', type: 'organization', name: 'Workers Party of Borland', aliases: [] },
      ],
    },
  ]);
  const text = 'Delegates of the Workers Parties of Arland and Borland met.';
  const source: Source = { id: 'src2', key: 'k', meta: { format: 'text' }, text, sourceMap: [], sections: [], messages: [] };
  const out = runStages(source, [lineTokenStage, mentionsStage, linkStage], { resources: { kb }, options: { mentions: { model: false } } });
  const both = out.annotations.filter((a) => a.layer === 'mention' && text.slice(a.start, a.end) === 'Workers Parties of Arland and Borland');
  assert.deepEqual(both.map((a) => a.attrs.entity).sort(), ['local:wp-a', 'local:wp-b']);
  assert.equal(new Set(both.map((a) => a.id)).size, 2);
});

test('a capitalized epithet read in lower case is the person only right after the person is named', () => {
  const ms = analyze('Ivan Petrov planted trees in 1931. A statue of the gardener stood there.\nKim Ar Sen came in 1931. Then the gardener left.');
  const gardeners = ms.filter((m) => m.text === 'gardener');
  assert.deepEqual(gardeners.map((m) => m.entity), ['local:ivan-petrov']);
  // with the person not named at all, the lower-case word is no mention, not even an unresolved one
  assert.deepEqual(analyze('Kim Ar Sen came in 1931. Then the gardener left.').filter((m) => m.text === 'gardener'), []);
  // capitalized, it is the epithet wherever it stands once the person is named
  assert.equal(analyze('Ivan Petrov planted trees. Kim Ar Sen came. Then the Gardener left.').find((m) => m.text === 'Gardener')?.entity, 'local:ivan-petrov');
});

test('a form of address before a short name does not hide the fuller name it repeats', () => {
  const kb = buildKnowledgeBase([]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'PER' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, 'Petra Lumba'), m(20, 'Comrade Lumba'), m(40, 'Comrade Vell')], { text: '' });
  assert.deepEqual(rs.map((r) => [r.entity, r.linkRule]), [['local:petra-lumba', 'local-new'], ['local:petra-lumba', 'coref-short-form'], ['local:comrade-vell', 'local-new']]);
});

test('a hyphenated name whose parts are two names of one entity is that entity', () => {
  const kb = buildKnowledgeBase([FIXTURE, { entities: [{ id: 'local:osteria', type: 'place', name: 'Osteria', aliases: [{ text: 'Osterland', kind: 'former' }] }] }]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'LOC' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, 'Osterland-Osteria'), m(30, 'Rurland-Osteria')], { text: '' });
  assert.deepEqual(rs.map((r) => [r.entity, r.linkRule]), [['local:osteria', 'hyphen-same-entity'], ['local:rurland-osteria', 'local-new']]);
});

test('a short form of initials only still finds its fuller name; a name with no fuller form stays its own', () => {
  const kb = buildKnowledgeBase([]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'PER' as const, text, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [m(0, 'Petra Lumba'), m(20, 'P.'), m(30, 'Lumba Dorn')], { text: '' });
  assert.deepEqual(rs.map((r) => r.entity), ['local:petra-lumba', 'local:petra-lumba', 'local:lumba-dorn']);
  assert.deepEqual(rs.map((r) => r.linkRule), ['local-new', 'coref-short-form', 'local-new']);
});

test('a document links the same whatever documents were linked before it (memos shared across documents)', () => {
  const kb = buildKnowledgeBase([FIXTURE]);
  const m = (start: number, text: string) => ({ start, end: start + text.length, label: 'PER' as const, text, candidates: [], before: [], after: [] });
  // short names (shared memo) and a long one (memo of one document)
  const first = [m(0, 'Oskar Vellamaa-Rinne'), m(30, 'Vellamaa-Rinne'), m(50, 'Vell'), m(60, 'Anna Vell')];
  const other = [m(0, 'Vell'), m(10, 'Oskar Vellamaa-Rinne Jr'), m(40, 'Anna')];
  const before = linkMentions(kb, first, { text: '' });
  linkMentions(kb, other, { text: '' });
  const after = linkMentions(kb, first, { text: '' });
  assert.deepEqual(after, before);
  assert.deepEqual(before.map((r) => r.entity), ['local:oskar-vellamaa-rinne', 'local:oskar-vellamaa-rinne', 'local:anna-vell', 'local:anna-vell']);
});

test('an office with its body right before a name is a mention of that person, the name kept as it is', () => {
  const office = (text: string) => analyze(text).filter((m) => m.linkRule === 'office-name').map((m) => [m.text, m.entity]);
  // a capitalized office before an initial and a surname: the office phrase alone, besides the title with the name
  const titled = analyze('In 1940 the Chairman of the Gardeners Party I. Petrov opened the meeting.');
  assert.deepEqual(titled.filter((m) => m.linkRule === 'office-name').map((m) => [m.text, m.entity, m.form]), [['Chairman of the Gardeners Party', 'local:ivan-petrov', 'description']]);
  assert.ok(titled.some((m) => m.text.endsWith('Petrov') && m.linkRule !== 'office-name' && m.entity === 'local:ivan-petrov'));
  // a lower-case office whose body is written in lower case
  assert.deepEqual(office('Then the first secretary of the district committee Ivan Petrov arrived.'), [['the first secretary of the district committee', 'local:ivan-petrov']]);
  // an office noun that is no role noun (a vocabulary of the rule alone)
  assert.deepEqual(office('Next the commissar of the northern district Kim Bo Ran spoke.'), [['the commissar of the northern district', 'local:kim-two']]);
  // an office and a verb before the name, or a time phrase between them, is no office of that name
  assert.deepEqual(office('The minister of the interior told Ivan Petrov nothing.'), []);
  assert.deepEqual(office('The chairman of the party at the time Ivan Petrov resigned.'), []);
});

test('a demonym or state name and an office before a name, without an article, are one mention of that person', () => {
  const phrase = (text: string) => analyze(text).filter((m) => m.linkRule === 'demonym-office-name').map((m) => [m.text, m.entity, m.form]);
  // a lower-case office noun: the whole phrase, and the demonym with the office still a description of its own
  const lower = analyze('On Monday Rurlandian leader Ivan Petrov left Novgrad.');
  assert.deepEqual(lower.filter((m) => m.linkRule === 'demonym-office-name').map((m) => [m.text, m.entity, m.form]), [['Rurlandian leader Ivan Petrov', 'local:ivan-petrov', 'title']]);
  assert.ok(lower.some((m) => m.text === 'Rurlandian leader' && m.entity === 'local:ivan-petrov'));
  // a capitalized title: the phrase starts at the demonym, not at the capitalized word before it
  assert.deepEqual(phrase('Yesterday Rurlandian President Kim Bo Ran replied.'), [['Rurlandian President Kim Bo Ran', 'local:kim-two', 'title']]);
  assert.ok(!analyze('Yesterday Rurlandian President Kim Bo Ran replied.').some((m) => m.text.startsWith('Yesterday')));
  // a state's short name and an office with its body
  assert.deepEqual(phrase('The envoy met US Secretary of State Kim Bo Ran.'), [['US Secretary of State Kim Bo Ran', 'local:kim-two', 'title']]);
  // no office between the demonym and the name, or a noun that is no office: no such mention
  assert.deepEqual(phrase('A Rurlandian delegation met Ivan Petrov.'), []);
  assert.deepEqual(phrase('Rurlandian historian Ivan Petrov wrote a book.'), []);
});

test('words taken for names that name no entity (derivatives, modifiers) make no new local entity; names still do', () => {
  const kb = buildKnowledgeBase([]);
  const text = 'Under Vaskism the anti-Ostrian mood grew in the Northern provinces, and Petra Lumba wrote about it.';
  const at = (s: string, label: 'PER' | 'LOC' | 'MISC') => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label, text: s, candidates: [], before: [], after: [] });
  const rs = linkMentions(kb, [at('Vaskism', 'LOC'), at('anti-Ostrian', 'MISC'), at('Northern', 'MISC'), at('Petra Lumba', 'PER')], { text });
  assert.deepEqual(
    rs.map((r) => [r.linkRule, r.entity ?? null, r.label]),
    [['not-an-entity', null, 'MISC'], ['not-an-entity', null, 'MISC'], ['not-an-entity', null, 'MISC'], ['local-new', 'local:petra-lumba', 'PER']],
  );
});

test('uninvertedName: a name written surname first reads given name first', () => {
  assert.equal(uninvertedName('Vell, Oskar'), 'Oskar Vell');
  assert.equal(uninvertedName('Peeters, J. K.'), 'J. K. Peeters');
  assert.equal(uninvertedName('Oskar Vell'), undefined);
  assert.equal(uninvertedName('Tamsby, the port'), undefined);
});
