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

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[\s.,;:!?()[\]{}/\\]+/;
const POSSESSIVE = /'s$/;
const PLURAL_POSSESSIVE = /s'$/;
const EDGE_APOSTROPHES = /^'+|'+$/g;

/** The token cleanup of {@link aliasTokens}: possessive "'s" dropped, "s'" → "s", edge apostrophes dropped. */
function trimToken(t: string): string {
  return t.replace(POSSESSIVE, '').replace(PLURAL_POSSESSIVE, 's').replace(EDGE_APOSTROPHES, '');
}

/**
 * `aliasTokens` of a string whose characters are all ASCII, in one pass: NFKD changes nothing there,
 * the backtick is the only typographic apostrophe, `"` the only quote and `-` the only dash; quotes,
 * dashes, white space and the separators of the general path end a token.
 */
function asciiAliasTokens(s: string): string[] {
  const tokens: string[] = [];
  let from = -1; // start of the current run of token characters, -1 between tokens
  let changed = false; // the run holds an upper-case letter or a backtick
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (isAsciiSeparator(c)) {
      if (from >= 0) {
        let t = s.slice(from, i);
        if (changed) t = t.toLowerCase().replaceAll('`', "'");
        if (t.includes("'")) t = trimToken(t);
        if (t.length > 0) tokens.push(t);
        from = -1;
        changed = false;
      }
    } else {
      if (from < 0) from = i;
      if ((c >= 65 && c <= 90) || c === 96) changed = true;
    }
  }
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens;
}

/** True for the ASCII characters that separate alias tokens: white space, `.,;:!?()[]{}/\`, `"` and `-`. */
function isAsciiSeparator(c: number): boolean {
  switch (c) {
    case 9: case 10: case 11: case 12: case 13: case 32: // \t \n \v \f \r space
    case 33: case 34: case 40: case 41: case 44: case 45: case 46: case 47: // ! " ( ) , - . /
    case 58: case 59: case 63: case 91: case 92: case 93: case 123: case 125: // : ; ? [ \ ] { }
      return true;
    default:
      return false;
  }
}

/** True if every character of `s` is ASCII. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Splits a name into normalized tokens: NFKD with diacritics removed ("Kuçovë" → "kucove"),
 * lower case, typographic apostrophes folded and possessives dropped ("Stalin’s" → "stalin",
 * "Soviets'" → "soviets"), quotes dropped, hyphens/dots/brackets/commas as separators
 * ("I. B. Tito" → `i b tito`, "VKP(b)" → `vkp b`), and one leading article "the" removed.
 */
export function aliasTokens(s: string): string[] {
  if (isAscii(s)) return asciiAliasTokens(s);
  const folded = s.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(APOSTROPHES, "'").replace(QUOTES, ' ').replace(DASHES, ' ');
  const tokens: string[] = [];
  for (const part of folded.split(SEPARATORS)) {
    const t = trimToken(part);
    if (t.length > 0) tokens.push(t);
  }
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
