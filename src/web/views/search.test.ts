import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detailSuffix } from './search.ts';

test('result details leave out missing fields instead of a dangling " · "', () => {
  assert.equal(detailSuffix(['protest', '']), ' · protest');
  assert.equal(detailSuffix(['protest', '1921-06']), ' · protest · 1921-06');
  assert.equal(detailSuffix([undefined, null, '  ']), '');
});
