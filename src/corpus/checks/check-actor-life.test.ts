import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import { contextOf, sourceOf } from '../testing.ts';
import { checkActorOutOfLife } from './check-actor-life.ts';

const found = (text: string) => checkActorOutOfLife(contextOf([sourceOf(text)]));

test('actor out of life: a person acting after death', () => {
  const c = found('In 1957 Stalin signed a decree on collective farms.');
  assert.equal(c.length, 1);
  assert.equal(c[0]!.entity, 'Q855');
  assert.match(c[0]!.explanation, /after Joseph Stalin died \(1953-03-05\)/);
  assert.equal(c[0]!.facts[0]!.ref, 'Q855');
});

test('actor out of life: before birth, as a child, a state after dissolution', () => {
  assert.match(found('In 1890 Khrushchev visited the mines of the Donbass.')[0]!.explanation, /before Nikita Khrushchev was born/);
  assert.match(found('In 1900 Khrushchev signed the petition of the miners.')[0]!.explanation, /was a child/);
  assert.match(found('In 1995 the USSR signed a trade agreement with Poland.')[0]!.explanation, /after Soviet Union was dissolved/);
});

test('actor out of life: silent on the living, on the dead talked about, on undated acts', () => {
  for (const ok of [
    'In 1952 Stalin signed a decree on collective farms.',
    'In 1956 Khrushchev denounced Stalin before the delegates.',
    'In 1961 Stalin’s body was removed from the mausoleum.',
    'Stalin, who died in 1953, left no clear successor.',
    'Stalin signed many decrees.',
    'In 1958 Khrushchev, at the plenum, announced the reform of the machine-tractor stations.',
  ]) {
    assert.deepEqual(found(ok).map((c) => c.explanation), [], ok);
  }
});

test('actor out of life: reads agents from the event layer when present', () => {
  const text = 'Stalin opened the new canal in 1960.';
  const src = sourceOf(text);
  const p = { stage: 'events', version: '1' };
  src.annotations = [
    makeAnnotation(src.id, 'mention', 0, 6, 'PER', { stage: 'mentions', version: '1' }, { entity: 'Q855' }),
    makeAnnotation(src.id, 'event', 7, 13, 'founding', p, {
      participants: [{ role: 'agent', entity: 'Q855', text: 'Stalin' }],
      time: { edtf: '1960', interval: { earliest: '1960-01-01', latest: '1960-12-31' }, inherited: false },
      polarity: 'positive',
      modality: 'asserted',
    }),
    makeAnnotation(src.id, 'event', 7, 13, 'decision', p, {
      participants: [{ role: 'agent', entity: 'Q855', text: 'Stalin' }],
      time: { edtf: '1960', interval: { earliest: '1960-01-01', latest: '1960-12-31' }, inherited: false },
      polarity: 'positive',
      modality: 'asserted',
    }),
  ];
  const c = checkActorOutOfLife(contextOf([src]));
  // The founding event is exempt by class; the decision is not.
  assert.equal(c.length, 1);
  assert.match(c[0]!.explanation, /after Joseph Stalin died/);
});
