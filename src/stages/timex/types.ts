/**
 * Types of the timex stage: the found expression, its anchor and the finder's options.
 */
import type { KnowledgeBase } from '../../kb/types.ts';

/** TIMEX3 types. */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** How precise a resolved value is. */
export type TimexGranularity =
  | 'time'
  | 'day'
  | 'week'
  | 'month'
  | 'season'
  | 'quarter'
  | 'half'
  | 'year'
  | 'decade'
  | 'century'
  | 'duration'
  | 'set'
  | 'unknown';

/** What a relative expression was resolved against. */
export interface TimexAnchor {
  kind: 'document' | 'narrative' | 'timex' | 'kb-event' | 'none';
  /** Document date, the anchoring expression's text and offset, or the KB event id. */
  ref?: string;
}

/** Inclusive interval of ISO days; null sides are open. */
export interface IsoInterval {
  earliest: string | null;
  latest: string | null;
}

/** One temporal expression found in a text. */
export interface Timex {
  start: number;
  end: number;
  text: string;
  type: TimexType;
  /** TIMEX3 value (`1956-02-25`, `P4Y`, `196`, `PRESENT_REF`, `XXXX-WI`). */
  value: string;
  /** EDTF of what the expression means, or null (unanchored durations and sets). */
  edtf: string | null;
  interval: IsoInterval | null;
  granularity: TimexGranularity;
  anchor: TimexAnchor;
  /** TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, … */
  mod?: string;
  /** Temporal preposition right before the span and what it does to the event: `since 1944` → after. */
  signal?: { text: string; relation: string };
  confidence: number;
  /** Id of the rule that matched. */
  rule: string;
  /** Endpoints of a range or members of a coordination, each a TIMEX3 on its own. */
  parts?: Timex[];
  /** True for Annalist extensions TimeML does not tag ("after Stalin's death", "after that"). */
  extension?: boolean;
  /**
   * `clause`: the expression dates only the clause it introduces, not its sentence's main event:
   * in "On D, less than three years after X came to power, Y", the interval `D−3Y/D` is when X came to power.
   */
  scope?: 'clause';
  /** Why the expression stayed unresolved. */
  note?: string;
  /**
   * How TimeML tags this expression when that differs from Annalist's reading: "three days later" is a
   * date in the narrative but a TIMEX3 DURATION "three days" (the shift word is a signal outside it).
   */
  timeml?: { start: number; end: number; type: TimexType; value: string };
}

/** A region with its own document date (a comment with its timestamp). */
export interface DctRegion {
  start: number;
  end: number;
  /** ISO date (or datetime) of the region; undefined when unknown. */
  dct?: string;
}

/** Options of `findTimexes`. */
export interface FindTimexOptions {
  /** Document creation time, ISO `YYYY-MM-DD` (or longer). Deictic expressions resolve against it. */
  dct?: string;
  /** Sentence spans; used for tense cues and to keep matches inside one sentence. */
  sentences?: ReadonlyArray<{ start: number; end: number }>;
  /** Knowledge base for event-anchored expressions. */
  kb?: KnowledgeBase;
  /** Regions whose document date differs (comments); narrative time restarts in each. */
  regions?: readonly DctRegion[];
  /** Language of the rule file in `data/timex/`, default `en`. */
  lang?: string;
}
