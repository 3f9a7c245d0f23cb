import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflectNoun, inflectVerb } from './inflect.ts';

test('regular verbs get -s, -ed and -ing with spelling rules', () => {
  assert.deepEqual(inflectVerb('arrest'), { present: ['arrest', 'arrests', 'arresting'], past: ['arrested'] });
  assert.deepEqual(inflectVerb('execute').past, ['executed']);
  assert.deepEqual(inflectVerb('occupy').past, ['occupied']);
  assert.deepEqual(inflectVerb('ban').past, ['banned']);
  assert.ok(inflectVerb('create').present.includes('creating'));
});

test('irregular and multi-word verbs use the irregular table on the head word', () => {
  const irr = { meet: ['met', 'meets'], 'go to': ['went to', 'going to'] };
  assert.deepEqual(inflectVerb('meet', irr).past, ['met']);
  assert.deepEqual(inflectVerb('go to', irr).past, ['went to']);
  assert.deepEqual(inflectVerb('call for').past, ['called for']);
});

test('nouns get a plural', () => {
  assert.deepEqual(inflectNoun('clash'), ['clash', 'clashes']);
  assert.deepEqual(inflectNoun('war'), ['war', 'wars']);
});
