import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { tokensAndMentions } from './sentence-fixture.ts';
import { joinModifiedNames } from './modified-names.ts';
import type { LinkResult } from './link-result.ts';
import type { EntityCandidate, MentionLabel } from '../mentions/find-mentions.ts';

const kb = buildKnowledgeBase([
  {
    entities: [
      { id: 'local:rurland', type: 'place', subtype: 'country', name: 'Rurland', aliases: [{ text: 'Rurlandian', kind: 'demonym' }] },
      { id: 'local:osteria', type: 'place', subtype: 'country', name: 'Osteria', aliases: [{ text: 'Osterian', kind: 'demonym' }] },
      { id: 'local:novgrad', type: 'place', subtype: 'city', name: 'Novgrad', partOf: 'local:rurland', standsFor: 'local:rurland', aliases: [] },
      { id: 'local:party', type: 'organization', name: 'Rurland Party', partOf: 'local:rurland', aliases: [] },
      { id: 'local:vask', type: 'person', name: 'Vask', aliases: [] },
    ],
    roles: [{ person: 'local:vask', office: 'Secretary of the Rurland Party', officeKey: 'rp-sec', org: 'local:party', from: '1950', source: 'fixture' }],
  },
]);
const DEMONYMS: Record<string, string> = { Rurlandian: 'local:rurland', Osterian: 'local:osteria' };
const ENTITIES: Record<string, [string, MentionLabel]> = { Novgrad: ['local:novgrad', 'LOC'], Rurland: ['local:rurland', 'LOC'], Osteria: ['local:osteria', 'LOC'], Vask: ['local:vask', 'PER'] };

/** Links every known word of `text` as the linker would (demonyms as their state), joins modifiers, returns the mentions kept. */
function join(text: string): Array<[string, string | undefined, string]> {
  const { tokens } = tokensAndMentions(text, []);
  const results: LinkResult[] = [];
  const candidates: EntityCandidate[][] = [];
  const acting: Array<string | undefined> = [];
  for (const t of tokens) {
    const d = DEMONYMS[t.text];
    const e = ENTITIES[t.text];
    if (d) {
      results.push({ start: t.start, end: t.end, label: 'GRP', entity: d, form: 'demonym', linkRule: 'alias-unique', linkScore: 0.85 });
      candidates.push([{ entity: d, kind: 'demonym' }]);
      acting.push(undefined);
    } else if (e) {
      results.push({ start: t.start, end: t.end, label: e[1], entity: e[0], form: 'name', linkRule: 'alias-unique', linkScore: 0.95 });
      candidates.push([{ entity: e[0], kind: 'canonical' }]);
      acting.push(e[0] === 'local:novgrad' ? 'local:rurland' : undefined);
    }
  }
  const out = joinModifiedNames(kb, results, tokens, text, { candidates, acting, politicalAdjectives: new Set(['communist']) });
  return out.filter((r) => !r.partOfName).map((r) => [text.slice(r.start, r.end), r.entity, r.linkRule]);
}

test('a demonym before a place of that state, or before a person who held its offices, is one mention', () => {
  assert.deepEqual(join('They reached Rurlandian Novgrad.'), [['Rurlandian Novgrad', 'local:novgrad', 'modifier-name']]);
  assert.deepEqual(join('The Rurlandian Vask spoke.'), [['Rurlandian Vask', 'local:vask', 'modifier-name']]);
});

test('a demonym of another state stays apart: it names another place or compares', () => {
  assert.deepEqual(join('They reached Osterian Novgrad.'), [['Osterian', 'local:osteria', 'alias-unique'], ['Novgrad', 'local:novgrad', 'alias-unique']]);
  assert.deepEqual(join('He was the Osterian Vask.'), [['Osterian', 'local:osteria', 'alias-unique'], ['Vask', 'local:vask', 'alias-unique']]);
});

test('an adjective of regime joins a place name, and makes a seat of government the government', () => {
  assert.deepEqual(join('Life in communist Osteria was hard.'), [['communist Osteria', 'local:osteria', 'modifier-name']]);
  assert.deepEqual(join('Then communist Novgrad refused.'), [['communist Novgrad', 'local:rurland', 'modifier-name']]);
  // not across a comma, and not a common adjective
  assert.deepEqual(join('They were communist, Osteria said.'), [['Osteria', 'local:osteria', 'alias-unique']]);
  assert.deepEqual(join('They saw sunny Osteria.'), [['Osteria', 'local:osteria', 'alias-unique']]);
});
