/**
 * Corpus-level records (see docs/layers.md, "Corpus records"): entities, real-world events,
 * relations and conflicts, as stored with `Store.replaceCorpus` and exported.
 * Intervals here are ISO dates `{earliest, latest}` (inclusive), like the timex layer's.
 */
import type { Json } from '../core/types.ts';

/** An inclusive ISO-date interval; a `null` side is open (EDTF `1958/..`, `../1979`), as in the timex layer. */
export interface IsoInterval {
  earliest: string | null;
  latest: string | null;
}

/** A span of a stored source quoted as evidence. */
export interface EvidenceSpan {
  source: string;
  start: number;
  end: number;
  text: string;
}

/** The kinds of conflict the checks report. */
export type ConflictKind =
  | 'date-mismatch'
  | 'number-mismatch'
  | 'office-anachronism'
  | 'actor-out-of-life'
  | 'name-out-of-time'
  | 'role-confusion'
  | 'kb-contradiction';

/** Every conflict kind, in report order. */
export const CONFLICT_KINDS: readonly ConflictKind[] = [
  'date-mismatch',
  'number-mismatch',
  'office-anachronism',
  'actor-out-of-life',
  'name-out-of-time',
  'role-confusion',
  'kb-contradiction',
];

/** A knowledge-base fact a check relied on. */
export interface ConflictFact {
  /** `role`, `entity`, `name`, `membership`, `event`, or `source` (another source's statement). */
  type: string;
  text: string;
  ref?: string;
  source?: string;
}

/** A contradiction between sources, or between a source and the knowledge base. */
export interface Conflict {
  id: string;
  kind: ConflictKind;
  severity: 'low' | 'medium' | 'high';
  explanation: string;
  evidence: EvidenceSpan[];
  facts: ConflictFact[];
  /** The corpus event concerned, when there is one. */
  event?: string;
  /** The entity concerned, when there is one. */
  entity?: string;
}

/** One source's account of a real-world event. */
export interface EventSupport {
  source: string;
  /** Annotation id of the event mention (or `kb-alias:<start>` for a named-event mention). */
  annotation: string;
  edtf: string;
  interval?: IsoInterval;
  text: string;
  start: number;
  end: number;
}

/** A real-world event: clustered event mentions with the merged date. */
export interface CorpusEvent {
  id: string;
  class: string;
  label: string;
  /** Merged interval (intersection of the agreeing sources), absent when no source dates it. */
  interval?: IsoInterval;
  edtf: string;
  support: EventSupport[];
  /** Entity ids taking part. */
  participants: string[];
  /** Agents among the participants. */
  agents: string[];
  /** KB event this cluster is anchored to, if any. */
  kbEvent?: string;
  sources: string[];
  conflicts: string[];
}

/** Relation types of the actor graph; `co-mentioned` (same role in one event) is hidden unless asked for. */
export type RelationType = 'member-of' | 'allied-with' | 'in-conflict-with' | 'met' | 'appointed' | 'removed' | 'aided' | 'co-mentioned';

/** A typed, dated edge between two entities with its evidence. */
export interface Relation {
  id: string;
  type: RelationType;
  from: string;
  to: string;
  interval?: IsoInterval;
  evidence: Array<{ source: string; annotation: string; event?: string }>;
}

/** A corpus entity record (the shape `collectEntities` produces). */
export interface CorpusEntity {
  id: string;
  qid?: string;
  name: string;
  type: string;
  subtype?: string;
  local: boolean;
  mentions: Array<{ source: string; annotation: string }>;
  /** Local entities merged into this one across sources, with the rule of each merge (`unify-local-entities.ts`). */
  merged?: Array<{ id: string; rule: string }>;
  [key: string]: Json | undefined | Array<{ source: string; annotation: string }>;
}
