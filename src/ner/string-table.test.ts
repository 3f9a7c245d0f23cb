import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringTable } from './string-table.ts';
import { hashString } from './features.ts';

test('the string table answers like a Map through growth, replacement and clearing', () => {
  const table = new StringTable<number>();
  const map = new Map<string, number>();
  // more keys than the first table holds, with case and accent variants and the empty string
  const words = ['', 'a', 'A', 'é', 'É', 'Oslo', 'oslo', 'OSLO', 'Šibenik', '1956'];
  for (let k = 0; k < 5000; k++) words.push(`w${k}`, `W${k}x`);
  words.forEach((w, k) => {
    table.set(w, k);
    map.set(w, k);
  });
  // replacing a value keeps one entry
  table.set('Oslo', -1);
  map.set('Oslo', -1);
  assert.equal(table.size, map.size);
  // keys given as other string objects than the ones stored
  for (const w of words) assert.equal(table.get(` ${w}`.slice(1)), map.get(w));
  for (const w of ['b', 'w5000', 'Osl', 'oslo ', 'W1']) assert.equal(table.get(w), undefined);
  table.clear();
  assert.equal(table.size, 0);
  assert.equal(table.get('Oslo'), undefined);
  table.set('Oslo', 3);
  assert.equal(table.get('Oslo'), 3);
});

test('strings whose hashes share a slot are kept apart', () => {
  // find keys colliding in the low 12 bits (the first table's slots)
  const bySlot = new Map<number, string[]>();
  let pair: string[] | undefined;
  for (let k = 0; !pair; k++) {
    const w = `k${k}`;
    const slot = hashString(w) & 4095;
    const list = bySlot.get(slot) ?? [];
    list.push(w);
    bySlot.set(slot, list);
    if (list.length === 3) pair = list;
  }
  const table = new StringTable<string>();
  for (const w of pair) table.set(w, w.toUpperCase());
  for (const w of pair) assert.equal(table.get(w), w.toUpperCase());
});
