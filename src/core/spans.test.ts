import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstStartingFrom, lastStartingAtOrBefore } from './spans.ts';

const items = [{ start: 0 }, { start: 4 }, { start: 4 }, { start: 9 }, { start: 15 }];

test('firstStartingFrom finds the first item starting at or after a position', () => {
  for (let pos = -2; pos <= 17; pos++) {
    const expected = items.findIndex((s) => s.start >= pos);
    assert.equal(firstStartingFrom(items, pos), expected === -1 ? items.length : expected, `pos ${pos}`);
  }
  assert.equal(firstStartingFrom([], 3), 0);
});

test('lastStartingAtOrBefore finds the last item starting at or before a position, -1 when none', () => {
  for (let pos = -2; pos <= 17; pos++) {
    let expected = -1;
    items.forEach((s, i) => { if (s.start <= pos) expected = i; });
    assert.equal(lastStartingAtOrBefore(items, pos), expected, `pos ${pos}`);
  }
  assert.equal(lastStartingAtOrBefore([], 3), -1);
});
