import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasTokens, buildAliasIndex, normalizeAlias } from './alias-index.ts';
import { buildKnowledgeBase } from './load-kb.ts';

test('normalizeAlias folds case, diacritics, apostrophes, possessives, quotes and a leading "the"', () => {
  assert.equal(normalizeAlias('The Kremlin’s'), 'kremlin');
  assert.equal(normalizeAlias('Kuçovë'), 'kucove');
  assert.equal(normalizeAlias('“the Leader”'), 'leader');
  assert.equal(normalizeAlias('Mao Tse-tung'), normalizeAlias('Mao Tse Tung'));
  assert.equal(normalizeAlias('I. B. Tito'), normalizeAlias('I.B. Tito'));
  assert.equal(normalizeAlias("Soviets'"), 'soviets');
  assert.equal(normalizeAlias('The'), 'the');
  assert.deepEqual(aliasTokens('VKP(b)'), ['vkp', 'b']);
});

test('aliasTokens gives the same tokens for plain ASCII as for its typographic forms', () => {
  assert.deepEqual(aliasTokens('The Old-Town `Herald`s, (vol. 2)'), ['old', 'town', 'herald', 'vol', '2']);
  assert.deepEqual(aliasTokens('The Old‐Town ´Herald’s, (vol. 2)'), aliasTokens('The Old-Town `Herald`s, (vol. 2)'));
  assert.deepEqual(aliasTokens(`"Tellers'" {Guild}/Hall\\East`), ['tellers', 'guild', 'hall', 'east']);
  assert.deepEqual(aliasTokens("''' the ; ?"), ['the']);
  assert.deepEqual(aliasTokens('THE'), ['the']);
  assert.deepEqual(aliasTokens(''), []);
});

test('buildAliasIndex maps aliases and canonical names to entities, shared keys to several', () => {
  const kb = buildKnowledgeBase([{
    entities: [
      { id: 'Q1', qid: 'Q1', type: 'place', name: 'Ruritania', aliases: [{ text: 'Strelsau', kind: 'metonym', needsContext: true }] },
      { id: 'local:strelsau', type: 'place', name: 'Strelsau', aliases: [] },
      { id: 'local:rudolf', type: 'person', name: 'Rudolf Rassendyll', aliases: [{ text: 'Rassendyll', kind: 'surname' }, { text: 'the Red Elphberg', kind: 'nickname' }] },
    ],
    events: [{ id: 'local:crowning', name: 'Crowning of Rudolf', date: '1894', class: 'appointment', participants: ['local:rudolf'], aliases: ["Rudolf's crowning"], source: 'x' }],
  }]);
  const index = buildAliasIndex(kb);
  assert.deepEqual(index.get('red elphberg')!.map((e) => [e.entity.id, e.alias.kind]), [['local:rudolf', 'nickname']]);
  assert.deepEqual(index.get('strelsau')!.map((e) => e.entity.id).sort(), ['Q1', 'local:strelsau']);
  assert.equal(index.get('rudolf crowning')![0]!.entity.type, 'event');
  assert.equal(buildAliasIndex(kb, { includeEvents: false }).get('rudolf crowning'), undefined);
});

test('the bundled KB resolves the typed alias kinds the linker relies on', async () => {
  const { loadKnowledgeBase } = await import('./load-kb.ts');
  const index = buildAliasIndex(loadKnowledgeBase());
  const kinds = (k: string) => (index.get(normalizeAlias(k)) ?? []).map((e) => `${e.entity.name}:${e.alias.kind}`);
  assert.ok(kinds('Kukuruznik').some((x) => x.endsWith(':nickname')));
  assert.ok(kinds('Joseph Vissarionovich').some((x) => x.endsWith(':patronymic')));
  assert.ok(kinds('the Kremlin').some((x) => x.endsWith(':metonym')));
  assert.ok(kinds('Stalino').some((x) => x.endsWith(':former')));
});
