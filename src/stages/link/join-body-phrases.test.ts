import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { tokensAndMentions } from './sentence-fixture.ts';
import { joinBodyPhrases } from './join-body-phrases.ts';
import type { LinkResult } from './link-result.ts';
import type { EntityCandidate, MentionLabel } from '../mentions/find-mentions.ts';

// A made-up state with an army and a party, a leadership named after its seat, and a second state.
const kb = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:rurland', type: 'place', subtype: 'country', name: 'Rurland', aliases: [{ text: 'Rurlandian', kind: 'demonym' }] },
      { id: 'local:osteria', type: 'place', subtype: 'country', name: 'Osteria', aliases: [{ text: 'Osterian', kind: 'demonym' }] },
      { id: 'local:army', type: 'organization', subtype: 'military', name: 'Green Army', partOf: 'local:rurland', aliases: [] },
      { id: 'local:party', type: 'organization', subtype: 'party', name: 'Rurland Party', partOf: 'local:rurland', aliases: [] },
      { id: 'local:cc', type: 'organization', subtype: 'party body', name: 'Central Committee', partOf: 'local:party', aliases: [] },
      { id: 'local:guild', type: 'organization', subtype: 'society', name: 'Guild', aliases: [] },
      { id: 'local:tower', type: 'organization', subtype: 'leadership', name: 'Tower leadership', aliases: [] },
      { id: 'local:vask', type: 'person', name: 'Vask', aliases: [] },
      { id: 'local:peeters', type: 'person', name: 'Peeters', aliases: [] },
    ],
    roles: [{ person: 'local:vask', office: 'Secretary of the Rurland Party', officeKey: 'rp-sec', org: 'local:party', from: '1950', source: 'fixture' }],
  },
]);
const DEMONYMS: Record<string, string> = { Rurlandian: 'local:rurland', Osterian: 'local:osteria' };
const NAMES: Array<[string, string, MentionLabel]> = [
  ['Green Army', 'local:army', 'ORG'],
  ['Central Committee', 'local:cc', 'ORG'],
  ['Guild', 'local:guild', 'ORG'],
  ['Tower', 'local:tower', 'ORG'],
  ['Vask', 'local:vask', 'PER'],
  ['Peeters', 'local:peeters', 'PER'],
];
const words = {
  stateNouns: new Set(['state', 'government', 'authorities']),
  memberNouns: new Set(['leaders', 'leadership', 'revisionists']),
  verbs: new Set(['said', 'fell']),
  groupHeads: new Set(['parties', 'movements']),
  localIdOf: (name: string) => `local:${name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
};
/** Unknown names, linked as new local names. */
const UNKNOWN = ['Vaskist-Oster'];

/** Links the known names and demonyms of `text` as the linker would, joins the phrases, returns the mentions kept as [text, entity, rule]. */
function join(text: string): Array<[string, string | undefined, string]> {
  const { tokens } = tokensAndMentions(text, []);
  const found: Array<{ r: LinkResult; c: EntityCandidate[] }> = [];
  for (const t of tokens) {
    const d = DEMONYMS[t.text];
    if (d) found.push({ r: { start: t.start, end: t.end, label: 'GRP', entity: d, form: 'demonym', linkRule: 'alias-unique', linkScore: 0.85 }, c: [{ entity: d, kind: 'demonym' }] });
  }
  for (const [name, entity, label] of NAMES) {
    for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      found.push({ r: { start: m.index, end: m.index + name.length, label, entity, form: 'name', linkRule: 'alias-unique', linkScore: 0.95 }, c: [{ entity, kind: 'canonical' }] });
    }
  }
  for (const name of UNKNOWN) {
    for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      found.push({ r: { start: m.index, end: m.index + name.length, label: 'MISC', entity: words.localIdOf(name), name, form: 'name', linkRule: 'local-new', linkScore: 0.5 }, c: [] });
    }
  }
  found.sort((a, b) => a.r.start - b.r.start);
  const out = joinBodyPhrases(kb, found.map((x) => x.r), tokens, text, { candidates: found.map((x) => x.c), ...words });
  return out.filter((r) => !r.partOfName).map((r) => [text.slice(r.start, r.end), r.entity, r.linkRule]);
}

test('a demonym with a state noun is the state as an actor, unless the noun only modifies another', () => {
  assert.deepEqual(join('The Rurlandian government said no.'), [['Rurlandian government', 'local:rurland', 'demonym-state']]);
  assert.deepEqual(join('He was an enemy of the Osterian state.'), [['Osterian state', 'local:osteria', 'demonym-state']]);
  // "state farms", "the state of affairs": the noun is not the head
  assert.deepEqual(join('The Rurlandian state farms grew.'), [['Rurlandian', 'local:rurland', 'alias-unique']]);
  assert.deepEqual(join('The Rurlandian state of affairs.'), [['Rurlandian', 'local:rurland', 'alias-unique']]);
  // "the Rurlandian state Guild": the name after it is what the noun describes
  assert.deepEqual(join('They left the Rurlandian state Guild.'), [
    ['Rurlandian', 'local:rurland', 'alias-unique'],
    ['Guild', 'local:guild', 'alias-unique'],
  ]);
});

test('a demonym before a body of that state is one mention of the body; of another state it stays apart', () => {
  assert.deepEqual(join('The Rurlandian Green Army left.'), [['Rurlandian Green Army', 'local:army', 'demonym-body']]);
  assert.deepEqual(join('The Osterian Green Army left.'), [
    ['Osterian', 'local:osteria', 'alias-unique'],
    ['Green Army', 'local:army', 'alias-unique'],
  ]);
});

test('a person before a body the person held office in is one mention of the body', () => {
  assert.deepEqual(join('He purged the Vask Central Committee.'), [['Vask Central Committee', 'local:cc', 'person-body']]);
  // no office of Peeters there: two mentions
  assert.deepEqual(join('He purged the Peeters Central Committee.'), [
    ['Peeters', 'local:peeters', 'alias-unique'],
    ['Central Committee', 'local:cc', 'alias-unique'],
  ]);
});

test('the people who run a leadership body stand for it; the members of other bodies do not', () => {
  assert.deepEqual(join('The Tower revisionists fell.'), [['Tower revisionists', 'local:tower', 'body-members']]);
  assert.deepEqual(join('The Guild leadership fell.'), [['Guild leadership', 'local:guild', 'body-members']]);
  assert.deepEqual(join('They beat the Guild leaders.'), [['Guild', 'local:guild', 'alias-unique']]);
});

test('an unknown name modifying a plural group noun names one new group with it', () => {
  assert.deepEqual(join('Meetings of the Vaskist-Oster splinter parties began.'), [['Vaskist-Oster splinter parties', 'local:vaskist-oster-splinter-parties', 'modifier-group']]);
  // not across a function word, nor to a head further than three words on
  assert.deepEqual(join('The Vaskist-Oster plan of the parties failed.'), [['Vaskist-Oster', 'local:vaskist-oster', 'local-new']]);
  assert.deepEqual(join('The Vaskist-Oster very old small local parties met.'), [['Vaskist-Oster', 'local:vaskist-oster', 'local-new']]);
});
