/**
 * Schema of the reference knowledge base (`data/kb/*.json`). Every fact carries a `source`
 * (a URL or a bibliographic reference). Dates are EDTF strings (`1953-03-05`, `1956`, `1964-10`).
 * Entity ids are Wikidata QIDs (`Q1290`) where known, otherwise local ids (`local:...`).
 */

/** Entity types the knowledge base knows. */
export type KbEntityType = 'person' | 'organization' | 'place' | 'group' | 'event' | 'work' | 'concept';

/** How an alias names its entity. */
export type KbAliasKind =
  | 'canonical'
  | 'full'
  | 'surname'
  | 'given'
  | 'patronymic'
  | 'nickname'
  | 'epithet'
  | 'title'
  | 'abbreviation'
  | 'transliteration'
  | 'former'
  | 'later'
  | 'metonym'
  | 'demonym'
  | 'other';

/** One name an entity goes by, optionally bounded in time. */
export interface KbAlias {
  text: string;
  kind: KbAliasKind;
  /** EDTF start of use, when the name is time-bound (renamings). */
  from?: string;
  /** EDTF end of use. */
  to?: string;
  lang?: string;
  /** Only link this alias when context supports it (`government` for metonyms, etc.). */
  needsContext?: boolean;
  /** For a metonym alias: the place or building whose name is used (`Q649` for "Moscow" on the USSR). */
  via?: string;
}

/** A person, organization, place, group, named event, work or concept. */
export interface KbEntity {
  id: string;
  qid?: string;
  type: KbEntityType;
  subtype?: string;
  name: string;
  aliases: KbAlias[];
  /** Birth or founding (EDTF). */
  start?: string;
  /** Death or dissolution (EDTF). */
  end?: string;
  /** For metonyms: the entity a place stands for when it acts (a capital → its government). */
  standsFor?: string;
  /** Short factual gloss in our own words. */
  note?: string;
  source?: string;
  /** Entity this one is part of or subordinate to (a party body → its party, a city → its country). */
  partOf?: string;
  /** Entity that succeeded this one (VKP(b) → CPSU as one entity is fine; NKVD → MVD as two). */
  successor?: string;
}

/** An office held by a person over a period. */
export interface KbRole {
  person: string;
  /** Office title as commonly written: `First Secretary of the CPSU`. */
  office: string;
  /** Normalized office key shared across holders: `cpsu-first-secretary`. */
  officeKey: string;
  org?: string;
  from: string;
  to?: string;
  source: string;
  /** Free factual remark in our own words (acting, interim, title change). */
  note?: string;
}

/** A name an entity bore over a period (bodies, places, states). */
export interface KbNameUse {
  entity: string;
  name: string;
  from?: string;
  to?: string;
  source: string;
}

/** Membership of a state or person in an organization over a period. */
export interface KbMembership {
  member: string;
  org: string;
  from?: string;
  to?: string;
  source: string;
  /** `member` (default), `founder`, `observer`, `suspended`, `associate`. */
  status?: string;
  note?: string;
}

/** A key dated event. */
export interface KbEvent {
  id: string;
  qid?: string;
  name: string;
  /** EDTF date or interval. */
  date: string;
  /** Event class (see the events stage's class list). */
  class: string;
  participants: string[];
  place?: string;
  aliases?: string[];
  source: string;
  /** Wikidata-style instance kind when finer than `class`: `congress`, `uprising`, `border clash`, `treaty`, `crisis`, `war`. */
  subtype?: string;
  note?: string;
}

/** The whole knowledge base as loaded from files. */
export interface KnowledgeBase {
  entities: KbEntity[];
  roles: KbRole[];
  names: KbNameUse[];
  memberships: KbMembership[];
  events: KbEvent[];
  /** Entity by id. */
  byId: Map<string, KbEntity>;
  /** Event by id. */
  eventById: Map<string, KbEvent>;
}
