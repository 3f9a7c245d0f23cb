import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importWikidata, wikidataTimeToEdtf } from './import-wikidata.ts';
import { buildKnowledgeBase } from './load-kb.ts';
import { validateKnowledgeBase } from './validate-kb.ts';

const time = (t: string, precision = 11) => ({ datavalue: { value: { time: t, precision } } });
const item = (id: string) => ({ datavalue: { value: { id } } });
const person = {
  id: 'Q901', labels: { en: { value: 'Ivan Testov' } }, aliases: { en: [{ value: 'Testov' }, { value: 'ITV' }] },
  claims: {
    P31: [{ mainsnak: item('Q5') }],
    P569: [{ mainsnak: time('+1901-02-03T00:00:00Z') }],
    P570: [{ mainsnak: time('+1970-00-00T00:00:00Z', 9) }],
    P39: [{ mainsnak: item('Q902'), qualifiers: { P580: [time('+1950-05-00T00:00:00Z', 10)], P582: [time('+1955-01-01T00:00:00Z')] } }],
    P463: [{ mainsnak: item('Q903'), qualifiers: { P580: [time('+1930-00-00T00:00:00Z', 9)] } }],
  },
};
const office = { id: 'Q902', labels: { en: { value: 'Chief Tester' } }, claims: { P31: [{ mainsnak: item('Q4164871') }] } };
const club = { id: 'Q903', labels: { en: { value: 'Testers Club' } }, claims: { P31: [{ mainsnak: item('Q43229') }], P571: [{ mainsnak: time('+1920-00-00T00:00:00Z', 9) }] } };
const clash = { id: 'Q904', labels: { en: { value: 'Battle of Testfield' } }, claims: { P31: [{ mainsnak: item('Q178561') }], P585: [{ mainsnak: time('+1941-07-01T00:00:00Z') }], P710: [{ mainsnak: item('Q901') }] } };

test('Wikidata times become EDTF at their precision', () => {
  assert.equal(wikidataTimeToEdtf({ time: '+1953-03-05T00:00:00Z', precision: 11 }), '1953-03-05');
  assert.equal(wikidataTimeToEdtf({ time: '+1964-10-00T00:00:00Z', precision: 10 }), '1964-10');
  assert.equal(wikidataTimeToEdtf({ time: '+1960-00-00T00:00:00Z', precision: 8 }), '196X');
});

test('entity JSON ({entities}) becomes entities, roles, memberships and events that validate', () => {
  const text = JSON.stringify({ entities: { Q901: person, Q902: office, Q903: club, Q904: clash } });
  const kb = importWikidata(text);
  const ivan = kb.entities!.find((e) => e.id === 'Q901')!;
  assert.equal(ivan.type, 'person');
  assert.equal(ivan.start, '1901-02-03');
  assert.equal(ivan.end, '1970');
  assert.deepEqual(ivan.aliases, [{ text: 'Testov', kind: 'other' }, { text: 'ITV', kind: 'abbreviation' }]);
  assert.deepEqual(kb.roles, [{ person: 'Q901', office: 'Chief Tester', officeKey: 'chief-tester', from: '1950-05', to: '1955-01-01', source: 'https://www.wikidata.org/wiki/Q901' }]);
  assert.equal(kb.memberships![0]!.org, 'Q903');
  assert.deepEqual(kb.events!.map((e) => [e.id, e.class, e.date, e.participants.join()]), [['Q904', 'conflict', '1941-07-01', 'Q901']]);
  assert.deepEqual(validateKnowledgeBase(buildKnowledgeBase([kb])), []);
});

test('one entity per line (dump style, trailing commas) reads the same', () => {
  const text = `[\n${JSON.stringify(person)},\n${JSON.stringify(club)}\n`;
  assert.deepEqual(importWikidata(text).entities!.map((e) => e.id), ['Q901', 'Q903']);
});
