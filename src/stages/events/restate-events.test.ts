import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput } from './fixture-layers.ts';
import { eventsStage } from './index.ts';

/** The stage's events over a text with mentions and timexes, in text order. */
function run(text: string, mentions: Array<{ text: string; label?: string }>, timexes: Array<{ text: string; edtf: string }>): Annotation[] {
  return eventsStage.run(fixtureInput({ text, mentions, timexes })).annotations.sort((a, b) => a.start - b.start);
}
type P = { role: string; text: string; basis?: string };
const parts = (a: Annotation) => ((a.attrs.participants as P[] | undefined) ?? []).map((p) => [p.role, p.text, p.basis]);

test('"This happened during A (1921) and B (1930)" tells the main event of the sentence before again in each frame', () => {
  const text = 'The Dock Union refused the Harbour Board its support.\nThis happened during the 1921 and 1930 strikes.';
  const evs = run(text, [{ text: 'Dock Union', label: 'ORG' }, { text: 'Harbour Board', label: 'ORG' }], [{ text: '1921', edtf: '1921' }, { text: '1930', edtf: '1930' }]);
  const restated = evs.filter((a) => a.provenance.rule === 'restated');
  const refusal = evs.find((a) => a.label === 'decision' && a.provenance.rule !== 'restated')!;
  assert.deepEqual(restated.map((a) => [a.label, (a.attrs.time as { edtf: string }).edtf, a.attrs.anaphorOf]), [['decision', '1921', refusal.id], ['decision', '1930', refusal.id]]);
  assert.deepEqual(parts(restated[0]!), [['agent', 'Dock Union', 'event-anaphora'], ['patient', 'Harbour Board', 'event-anaphora']]);
  // each sits on its frame, a dated event of the sentence
  for (const r of restated) assert.ok(evs.some((f) => f.id === r.attrs.during && f.start === r.start && f.end === r.end));
});

test('no restatement without a verb of occurrence opening the sentence, or without an event with actors before it', () => {
  const other = run('The Dock Union refused the Harbour Board its support.\nThe strikes of 1921 followed.', [{ text: 'Dock Union', label: 'ORG' }, { text: 'Harbour Board', label: 'ORG' }], [{ text: '1921', edtf: '1921' }]);
  assert.equal(other.filter((a) => a.provenance.rule === 'restated').length, 0);
  const bare = run('The weather was fine.\nThis happened during the 1921 strikes.', [], [{ text: '1921', edtf: '1921' }]);
  assert.equal(bare.filter((a) => a.provenance.rule === 'restated').length, 0);
});
