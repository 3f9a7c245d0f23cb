/**
 * Shapes of the corpus records as the API reads them (see docs/layers.md). Every field beyond
 * `id` is optional here: the corpus stages land over time and the API must work with whatever
 * is stored.
 */

/** An interval of days in ISO dates (`YYYY-MM-DD`). */
export interface DayInterval {
  earliest: string;
  latest: string;
}

/** A corpus entity record. */
export interface CorpusEntity {
  id: string;
  qid?: string;
  name?: string;
  type?: string;
  subtype?: string;
  local?: boolean;
  mentions?: Array<{ source: string; annotation: string }>;
  /** Local entities merged into this one across sources, with the rule of each merge (`corpus/unify-local-entities.ts`). */
  merged?: Array<{ id: string; rule: string }>;
}

/** One participant of a corpus event: an entity id or a role object. */
export type CorpusParticipant = string | { role?: string; entity?: string; text?: string; name?: string };

/** A corpus event record. */
export interface CorpusEvent {
  id: string;
  class?: string;
  label?: string;
  interval?: DayInterval | null;
  edtf?: string;
  support?: Array<{ source: string; annotation?: string; edtf?: string; text?: string }>;
  participants?: CorpusParticipant[];
  conflicts?: string[];
}

/** A corpus relation record. */
export interface CorpusRelation {
  id: string;
  type?: string;
  from: string;
  to: string;
  interval?: DayInterval | null;
  evidence?: Array<{ source: string; annotation?: string }>;
}

/** A corpus conflict record. */
export interface CorpusConflict {
  id: string;
  kind?: string;
  severity?: string;
  explanation?: string;
  evidence?: Array<{ source: string; start: number; end: number; text?: string }>;
  facts?: unknown[];
}
