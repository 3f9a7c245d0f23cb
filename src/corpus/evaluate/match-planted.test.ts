import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conflict } from '../types.ts';
import { matchPlanted, type PlantedSlip } from './match-planted.ts';

const conflict = (id: string, kind: Conflict['kind'], source: string, text: string): Conflict => ({
  id,
  kind,
  severity: 'high',
  explanation: '',
  evidence: [{ source, start: 0, end: text.length, text }],
  facts: [],
});

test('matchPlanted: kind, file and quote must all agree; the rest are extras', () => {
  const slips: PlantedSlip[] = [
    { id: 'A', what: '', file: 'a.txt', quote: 'Stalin  ordered', kinds: ['actor-out-of-life'] },
    { id: 'B', what: '', file: 'b.txt', quote: 'Stalingrad', kinds: ['name-out-of-time'] },
  ];
  const paths: Record<string, string> = { s1: '/x/a.txt', s2: '/x/b.txt' };
  const r = matchPlanted(
    slips,
    [conflict('c1', 'actor-out-of-life', 's1', 'In 1954 Stalin ordered arrests.'), conflict('c2', 'office-anachronism', 's2', 'in Stalingrad'), conflict('c3', 'name-out-of-time', 's1', 'in Stalingrad')],
    (id) => paths[id],
  );
  assert.deepEqual(r.found.map((f) => [f.slip.id, f.conflict.id]), [['A', 'c1']]);
  assert.deepEqual(r.missed.map((m) => m.id), ['B']);
  assert.deepEqual(r.extra.map((c) => c.id).sort(), ['c2', 'c3']);
});
