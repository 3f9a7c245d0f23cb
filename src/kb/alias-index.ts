import type { KbAlias, KbEntity, KbEvent, KnowledgeBase } from './types.ts';

/** One way to reach an entity through a normalized alias. */
export interface AliasEntry {
  entity: KbEntity;
  alias: KbAlias;
}

/** Normalized alias text → every entity (and alias record) that bears it. */
export type AliasIndex = Map<string, AliasEntry[]>;

// Apostrophes and quotes that typographers and OCR produce: ’ ‘ ʼ ′ ` ´ → '
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u2032\u0060\u00B4]/g;
// Double quotes of every style are dropped: “Leader” = "Leader" = Leader
const QUOTES = /["\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;
// Dashes and hyphens become spaces: "Mao Tse-tung" = "Mao Tse Tung"
const DASHES = /[-\u2010-\u2015\u2212]/g;

/**
 * Splits a name into normalized tokens: NFKD with diacritics removed ("Kuçovë" → "kucove"),
 * lower case, typographic apostrophes folded and possessives dropped ("Stalin’s" → "stalin",
 * "Soviets'" → "soviets"), quotes dropped, hyphens/dots/brackets/commas as separators
 * ("I. B. Tito" → `i b tito`, "VKP(b)" → `vkp b`), and one leading article "the" removed.
 */
export function aliasTokens(s: string): string[] {
  const folded = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, ' ')
    .replace(DASHES, ' ');
  const tokens = folded
    .split(/[\s.,;:!?()[\]{}/\\]+/)
    .map((t) => t.replace(/'s$/, '').replace(/s'$/, 's').replace(/^'+|'+$/g, ''))
    .filter((t) => t.length > 0);
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens;
}

/**
 * Normalizes an alias or a text span for lookup: case-, diacritic-, typographic-apostrophe-,
 * possessive- and leading-"the"-tolerant. "The Kremlin’s" and "kremlin" both give `kremlin`.
 */
export function normalizeAlias(s: string): string {
  return aliasTokens(s).join(' ');
}

/** Presents a key event as an entity of type `event` so that its name and aliases can be matched like any other. */
export function eventAsEntity(ev: KbEvent): KbEntity {
  return {
    id: ev.id,
    ...(ev.qid ? { qid: ev.qid } : {}),
    type: 'event',
    ...(ev.subtype ? { subtype: ev.subtype } : {}),
    name: ev.name,
    aliases: (ev.aliases ?? []).map((text) => ({ text, kind: 'other' as const })),
    start: ev.date,
    source: ev.source,
  };
}

/** Options for {@link buildAliasIndex}. */
export interface AliasIndexOptions {
  /** Also index key events (`kb.events`) as entities of type `event`. Default true. */
  includeEvents?: boolean;
}

/**
 * Builds the alias index over a knowledge base: every entity's canonical name and aliases
 * (and, by default, every key event's name and aliases), keyed by {@link normalizeAlias}.
 * One entity appears at most once per key (its first alias with that key wins).
 */
export function buildAliasIndex(kb: KnowledgeBase, options: AliasIndexOptions = {}): AliasIndex {
  const index: AliasIndex = new Map();
  const add = (entity: KbEntity, alias: KbAlias) => {
    const key = normalizeAlias(alias.text);
    if (!key) return;
    const list = index.get(key);
    if (!list) index.set(key, [{ entity, alias }]);
    else if (!list.some((x) => x.entity.id === entity.id)) list.push({ entity, alias });
  };
  const entities = [...kb.entities, ...(options.includeEvents === false ? [] : kb.events.map(eventAsEntity))];
  for (const entity of entities) {
    add(entity, { text: entity.name, kind: 'canonical' });
    for (const alias of entity.aliases) add(entity, alias);
  }
  return index;
}
