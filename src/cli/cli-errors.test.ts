import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError, describeOpenError, isBrokenPipe } from './cli-errors.ts';

test('file-system and JSON errors read as one line naming the path', () => {
  const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y.json'"), { code: 'ENOENT', path: '/x/y.json' });
  assert.equal(describeError(enoent), '/x/y.json: no such file or folder');
  assert.match(describeError(new SyntaxError('Unexpected end of JSON input')), /^not valid JSON: /);
  assert.equal(describeError('plain'), 'plain');
});

test('a database that cannot be opened is explained', () => {
  assert.equal(describeOpenError(new Error('x'), '/no/such/folder/a.db'), 'the folder /no/such/folder does not exist');
  assert.match(describeOpenError(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }), '/tmp/a.db'), /not an Annalist database/);
  assert.match(describeOpenError(Object.assign(new Error('schema 9 > 7'), { code: 'STORE_SCHEMA' }), '/tmp/a.db'), /newer version of Annalist/);
  assert.equal(isBrokenPipe(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })), true);
  assert.equal(isBrokenPipe(new Error('other')), false);
});
