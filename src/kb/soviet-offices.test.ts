// Soviet state offices in the bundled knowledge base: who held them when, and whether the link stage
// reads a description of the office ("the Prosecutor General of the USSR") as its holder at the time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Source } from '../core/types.ts';
import { runStages } from '../pipeline/run-stages.ts';
import { linkStage } from '../stages/link/index.ts';
import { loadStateLeaders } from '../stages/link/role-descriptions.ts';
import { mentionsStage } from '../stages/mentions/index.ts';
import { lineTokenStage } from '../stages/tokens/line-token-stage.ts';
import { loadKnowledgeBase } from './load-kb.ts';
import { edtfBounds } from './validate-kb.ts';

const kb = loadKnowledgeBase();

/** The Soviet offices whose holders the KB lists over the whole Soviet period (or the body's life). */
const SOVIET_OFFICES = ['ussr-prosecutor-general', 'mvd-minister', 'nkvd-chief', 'mgb-chief', 'kgb-chairman', 'ussr-foreign-minister', 'ussr-defence-minister', 'ussr-head-of-state', 'ussr-head-of-government'];

/** The holders of `officeKey` whose period covers the day `date` (EDTF bounds taken widest). */
function holdersOn(officeKey: string, date: string): string[] {
  const day = edtfBounds(date)!.min;
  return kb.roles
    .filter((r) => r.officeKey === officeKey && edtfBounds(r.from)!.min <= day && (r.to === undefined || day <= edtfBounds(r.to)!.max))
    .map((r) => r.person);
}

test('every holder of a Soviet state office is a person of the KB, and the office has a holder in each decade of its existence', () => {
  for (const key of SOVIET_OFFICES) {
    const roles = kb.roles.filter((r) => r.officeKey === key);
    assert.ok(roles.length >= 3, `${key} has holders`);
    for (const r of roles) assert.equal(kb.byId.get(r.person)?.type, 'person', `${key}: ${r.person} is a person`);
  }
  // one date inside each decade the Union's prosecutor's office existed: never vacant
  for (const date of ['1934-01-01', '1945-06-01', '1955-01-01', '1965-01-01', '1975-01-01', '1985-01-01']) {
    assert.equal(holdersOn('ussr-prosecutor-general', date).length, 1, `one prosecutor general on ${date}`);
  }
});

test('holders of one Soviet office follow each other without overlapping by more than a month', () => {
  for (const key of SOVIET_OFFICES) {
    const roles = kb.roles.filter((r) => r.officeKey === key && r.to !== undefined).sort((a, b) => edtfBounds(a.from)!.min - edtfBounds(b.from)!.min);
    for (let k = 1; k < roles.length; k++) {
      const prev = roles[k - 1]!;
      const next = roles[k]!;
      // the end of one term against the latest reading of the next one's start: a shared month or year is no overlap
      assert.ok(edtfBounds(prev.to!)!.min <= edtfBounds(next.from)!.max, `${key}: ${prev.person} (to ${prev.to}) overlaps ${next.person} (from ${next.from})`);
    }
  }
});

test('the holder of an office is the one in office at the date asked', () => {
  assert.deepEqual(holdersOn('ussr-prosecutor-general', '1960-05-01'), ['local:roman-rudenko']);
  assert.deepEqual(holdersOn('ussr-prosecutor-general', '1984-05-01'), ['local:alexander-rekunkov']);
  assert.deepEqual(holdersOn('mvd-minister', '1975-05-01'), ['local:nikolai-shchelokov']);
  assert.deepEqual(holdersOn('mgb-chief', '1952-05-01'), ['local:semyon-ignatyev']);
  assert.deepEqual(holdersOn('ussr-foreign-minister', '1927-05-01'), ['local:georgy-chicherin']);
  assert.deepEqual(holdersOn('ussr-defence-minister', '1930-05-01'), ['local:kliment-voroshilov']);
  assert.deepEqual(holdersOn('ussr-head-of-state', '1930-05-01'), ['local:mikhail-kalinin']);
  // between the union ministry's dissolution (1960) and its return (1966) nobody held it
  assert.deepEqual(holdersOn('mvd-minister', '1963-05-01'), []);
});

test('the surface forms of the Soviet offices are nouns of their office class in the state-leaders data', () => {
  const data = loadStateLeaders();
  const soviet = data.states.find((s) => s.state === 'Q15180')!;
  const classOf = (form: string) => data.nouns[form.toLowerCase()];
  for (const form of ['Prosecutor General', 'Procurator General', 'Procurator-General', 'Prosecutor-General', 'General Prosecutor']) assert.equal(classOf(form), 'prosecutor', form);
  for (const form of ['defence minister', 'Defense Minister', 'Minister of Defence']) assert.equal(classOf(form), 'defence', form);
  assert.equal(classOf('Foreign Minister'), 'foreign');
  assert.equal(classOf('Minister of Internal Affairs'), 'interior');
  // each class names the office key whose holders the KB lists
  assert.deepEqual(soviet.offices['prosecutor'], [['ussr-prosecutor-general']]);
  assert.deepEqual(soviet.offices['defence'], [['ussr-defence-minister']]);
  assert.deepEqual(soviet.offices['foreign'], [['ussr-foreign-minister']]);
});


/** The linked mentions of a made-up text, through the mention and link stages over the bundled KB: [text, entity, rule]. */
function link(text: string): Array<[string, unknown, unknown]> {
  const source: Source = { id: 's', key: 'k', meta: { format: 'text' }, text, sourceMap: [], sections: [], messages: [] };
  const out = runStages(source, [lineTokenStage, mentionsStage, linkStage], { resources: { kb }, options: { mentions: { model: false } } });
  return out.annotations
    .filter((a) => a.layer === 'mention')
    .sort((a, b) => a.start - b.start)
    .map((a) => [text.slice(a.start, a.end), a.attrs.entity, a.attrs.linkRule]);
}

/** The entity linked to the first mention whose text is `form`. */
const entityOf = (text: string, form: string) => link(text).find(([t]) => t === form)?.[1];

test('a Soviet office named without its holder is linked to the holder at the year the text is about', () => {
  assert.equal(entityOf('In 1960 the Prosecutor General of the USSR asked for a review of the camp files.', 'the Prosecutor General of the USSR'), 'local:roman-rudenko');
  assert.equal(entityOf('By 1985 the USSR Procurator-General had reopened the case.', 'the USSR Procurator-General'), 'local:alexander-rekunkov');
  assert.equal(entityOf('A memorandum of 1946 went to the General Prosecutor of the USSR.', 'the General Prosecutor of the USSR'), 'local:konstantin-gorshenin');
  assert.equal(entityOf('In 1962 the Soviet defence minister inspected the missile units.', 'the Soviet defence minister'), 'local:rodion-malinovsky');
  assert.equal(entityOf('The treaty talks of 1927 were led by the Soviet foreign minister.', 'the Soviet foreign minister'), 'local:georgy-chicherin');
  assert.equal(entityOf('In 1975 the Soviet interior minister reorganised the militia.', 'the Soviet interior minister'), 'local:nikolai-shchelokov');
});

test('the same office description in another year is another holder, and a year with two holders stays unlinked', () => {
  assert.equal(entityOf('In 1950 the Prosecutor General of the USSR asked for a review of the camp files.', 'the Prosecutor General of the USSR'), 'local:grigory-safonov');
  // 1953: Safonov until June, Rudenko from July
  assert.notEqual(entityOf('In 1953 the Prosecutor General of the USSR asked for a review.', 'the Prosecutor General of the USSR'), 'local:grigory-safonov');
  assert.notEqual(entityOf('In 1953 the Prosecutor General of the USSR asked for a review.', 'the Prosecutor General of the USSR'), 'local:roman-rudenko');
});

test('an office written out in full is held by the holder of that office, not of another office of the same state', () => {
  // the defence minister, not the foreign minister (both are ministers "of the USSR")
  assert.equal(entityOf('In 1980 the Minister of Defence of the USSR spoke at the parade.', 'the Minister of Defence of the USSR'), 'local:dmitriy-ustinov');
  assert.equal(entityOf('In 1980 the Minister of Foreign Affairs of the USSR spoke at the parade.', 'the Minister of Foreign Affairs of the USSR'), 'local:andrei-gromyko');
  // heads of state through the body they chaired
  assert.equal(entityOf('In 1979 the Chairman of the Presidium of the Supreme Soviet signed the decree.', 'Chairman of the Presidium of the Supreme Soviet'), 'Q765165');
  assert.equal(entityOf('In 1930 the Chairman of the Central Executive Committee of the USSR signed the decree.', 'Chairman of the Central Executive Committee of the USSR'), 'local:mikhail-kalinin');
});
