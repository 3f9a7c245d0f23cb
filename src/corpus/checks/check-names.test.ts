import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import { buildKnowledgeBase } from '../../kb/load-kb.ts';
import { contextOf, sourceOf } from '../testing.ts';
import { checkNamesOutOfTime } from './check-names.ts';

const found = (text: string) => checkNamesOutOfTime(contextOf([sourceOf(text)]));

test('names out of time: a city called by a name no longer in use', () => {
  const c = found('In 1975 the delegation laid flowers in Stalingrad.');
  assert.equal(c.length, 1);
  assert.equal(c[0]!.kind, 'name-out-of-time');
  assert.equal(c[0]!.entity, 'Q914');
  assert.match(c[0]!.explanation, /"Stalingrad".*1925-04-10–1961-11-10/);
  const d = found('In 1995 the summit was held in Leningrad.');
  assert.match(d[0]!.explanation, /at that date it was called Saint Petersburg/);
  assert.equal(d[0]!.severity, 'medium');
});

test('names out of time: a later name used for an earlier date is a low-severity anachronism', () => {
  const c = found('In 1950 the party purged officials in Saint Petersburg.');
  assert.equal(c.length, 1);
  assert.equal(c[0]!.severity, 'low');
});

test('names out of time: silent on names in use, retrospective names and battles', () => {
  for (const ok of [
    'In 1950 the party purged officials in Leningrad.',
    'In 1958 the tractor plant in Stalingrad was expanded.',
    'In 1975 veterans of the Battle of Stalingrad gathered in Moscow.',
    'In 1949 Leningrad (now Saint Petersburg) lost its party leaders.',
    'In 1995 tourists crowded the streets of Saint Petersburg.',
    'Leningrad is a name many still use.',
  ]) {
    assert.deepEqual(found(ok).map((c) => c.explanation), [], ok);
  }
});

test('names out of time: an abbreviation of a former name, by its initials', () => {
  const c = found('In 1975 the FPRY signed a trade agreement with Cambodia.');
  assert.equal(c.length, 1);
  assert.match(c[0]!.explanation, /1945-11-29–1963-04-07/);
  assert.deepEqual(found('In 1955 the FPRY signed a trade agreement with Greece.'), []);
});

test('names out of time: a longer linked mention holding the old name', () => {
  const withMention = (text: string, surface: string) => {
    const src = sourceOf(text);
    const at = text.indexOf(surface);
    src.annotations = [makeAnnotation(src.id, 'mention', at, at + surface.length, 'LOC', { stage: 'mentions', version: '1' }, { entity: 'Q656' })];
    return checkNamesOutOfTime(contextOf([src]));
  };
  assert.equal(withMention('In 1995 the Leningrad city region voted on its budget.', 'Leningrad city region').length, 1);
  assert.equal(withMention('In 1995 the Saint Petersburg city region voted on its budget.', 'Saint Petersburg city region').length, 0);
});

test('names out of time: a period name with a bracketed letter is that period\'s name, the bare initials are not', () => {
  const kb = buildKnowledgeBase([
    {
      entities: [
        {
          id: 'local:ulp',
          type: 'organization',
          name: 'United Labour Party',
          aliases: [
            { text: 'ULP', kind: 'abbreviation' },
            { text: 'Labour Party (Reformed)', kind: 'former', from: '1921-06', to: '1947-03' },
            { text: 'ULP (r)', kind: 'former', from: '1921-06', to: '1947-03' },
          ],
          start: '1905',
        },
      ],
      names: [
        { entity: 'local:ulp', name: 'Labour Party (Reformed)', from: '1921-06', to: '1947-03', source: 'test fixture' },
        { entity: 'local:ulp', name: 'United Labour Party', from: '1947-03', source: 'test fixture' },
      ],
    },
  ]);
  const withMention = (text: string, surface: string) => {
    const src = sourceOf(text);
    const at = text.indexOf(surface);
    src.annotations = [makeAnnotation(src.id, 'mention', at, at + surface.length, 'ORG', { stage: 'mentions', version: '1' }, { entity: 'local:ulp' })];
    return checkNamesOutOfTime(contextOf([src], kb));
  };
  assert.deepEqual(withMention('In 1933 Mara Tolk became secretary of the city branch of the ULP (r).', 'ULP (r)'), []);
  assert.deepEqual(withMention('In 1933 Mara Tolk became secretary of the city branch of the ULP(r).', 'ULP(r)'), []);
  // a mention that stops before the bracketed qualifier still uses the qualified name
  assert.deepEqual(withMention('In 1933 Mara Tolk became secretary of the city branch of the ULP (r).', 'ULP'), []);
  // The same sentence with the later name's initials, and the period name used decades later, still fire.
  assert.equal(withMention('In 1933 Mara Tolk became secretary of the city branch of the ULP.', 'ULP').length, 1);
  assert.equal(withMention('In 1968 Mara Tolk became secretary of the city branch of the ULP (r).', 'ULP (r)').length, 1);
  assert.equal(withMention('In 1968 Mara Tolk became secretary of the city branch of the ULP(r).', 'ULP(r)').length, 1);
});

test('names out of time: an approximate date is shown as the text gives it, not widened', () => {
  const c = found('In the mid-1970s the delegation laid flowers in Stalingrad.');
  assert.equal(c.length, 1);
  assert.match(c[0]!.explanation, /is used for about 197\d–197\d \("mid-1970s"\)/);
  assert.doesNotMatch(c[0]!.explanation, /1972-12-31/);
  assert.match(found('In 1975 the delegation laid flowers in Stalingrad.')[0]!.explanation, /is used for 1975 \("1975"\)/);
});
