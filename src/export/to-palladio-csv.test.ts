import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CorpusEntity, CorpusEvent } from '../corpus/types.ts';
import { csvField, parseCsv, toCsv } from './csv.ts';
import { fixtureDoc } from './testing.ts';
import { toPalladioCsv } from './to-palladio-csv.ts';

test('RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled, lines end in CRLF', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "no"'), '"say ""no"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(undefined), '');
  assert.equal(toCsv(['a', 'b'], [[1, 'x,y']]), 'a,b\r\n1,"x,y"\r\n');
  const rows = [['=1+1', 'quote " inside', 'line\r\nbreak', '', 'comma, here', '😀']];
  assert.deepEqual(parseCsv(toCsv(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], rows)).slice(1), rows);
});

/** Two invented entities and events: one event dated, one undated, names with commas and quotes. */
function corpus() {
  const entities: CorpusEntity[] = [
    { id: 'Q999001', qid: 'Q999001', name: 'Bront, Mayor', type: 'person', local: false, mentions: [{ source: 's1', annotation: 'm1' }, { source: 's2', annotation: 'm2' }] },
    { id: 'local:velmora', name: 'Velmora "Old Town"', type: 'place', local: true, mentions: [{ source: 's1', annotation: 'm3' }] },
  ];
  const events: CorpusEvent[] = [
    { id: 'ev1', class: 'founding', label: 'The harbour opened', interval: { earliest: '1921-05-01', latest: '1921-05-31' }, edtf: '1921-05', support: [], participants: ['Q999001', 'local:velmora', 'Q999002'], agents: ['Q999001'], sources: ['s1', 's2'], conflicts: [] },
    { id: 'ev2', class: 'meeting', label: 'A meeting, undated', edtf: '', support: [], participants: ['Q999001'], agents: [], sources: ['s1'], conflicts: [] },
  ];
  const doc = fixtureDoc();
  doc.annotations.push({ ...doc.annotations[0]!, id: 'mention:x', attrs: { entity: 'Q999002', name: 'Harbour Board' } });
  return { entities, events, relations: [], conflicts: [], sources: [doc] };
}

test('entity–event edges: one row per participant with role, event class and Palladio dates', () => {
  const tables = toPalladioCsv(corpus());
  const [header, ...rows] = parseCsv(tables['entity-event.csv']);
  assert.deepEqual(header, ['Entity', 'EntityId', 'EntityType', 'Role', 'Event', 'EventId', 'Class', 'Start', 'End', 'Sources']);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], ['Bront, Mayor', 'Q999001', 'person', 'agent', 'The harbour opened', 'ev1', 'founding', '1921-05-01', '1921-05-31', '2']);
  assert.deepEqual(rows[1]!.slice(0, 4), ['Velmora "Old Town"', 'local:velmora', 'place', 'participant']);
  // An entity missing from the entity records is named from a mention in the sources.
  assert.equal(rows[2]![0], 'Harbour Board');
  assert.deepEqual(rows[3]!.slice(4, 9), ['A meeting, undated', 'ev2', 'meeting', '', '']);
});

test('entity table links QIDs to Wikidata; the event table comes from the timeline export', () => {
  const tables = toPalladioCsv(corpus());
  const ents = parseCsv(tables['entities.csv']);
  assert.equal(ents.length, 3);
  assert.deepEqual(ents.find((r) => r[0] === 'Q999001'), ['Q999001', 'Bront, Mayor', 'person', 'http://www.wikidata.org/entity/Q999001', '2', '2']);
  assert.deepEqual(ents.find((r) => r[0] === 'local:velmora'), ['local:velmora', 'Velmora "Old Town"', 'place', '', '1', '1']);
  const events = parseCsv(tables['events.csv']);
  assert.equal(events.length, 3);
  assert.ok(events.some((r) => r.includes('The harbour opened') && r.includes('1921-05-01')));
});
