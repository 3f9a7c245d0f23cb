// The result record of the link stage, built in one object shape so the code reading it stays monomorphic.
import type { MentionLabel } from '../mentions/find-mentions.ts';

/** The outcome of linking one mention (the attrs of a final `mention` annotation). */
export interface LinkResult {
  start: number;
  end: number;
  label: MentionLabel;
  entity?: string;
  name?: string;
  form: string;
  linkRule: string;
  linkScore: number;
  standsFor?: string;
  via?: string;
  /** Entity ids left when a mention stays ambiguous. */
  candidates?: string[];
  /**
   * Not a mention of its own, so the stage drops it: found inside a person's longer name, or no name
   * at all (punctuation, an interjection; rule `not-a-name`).
   */
  partOfName?: boolean;
}

/** The optional fields of a `LinkResult`. */
type LinkExtras = Pick<LinkResult, 'entity' | 'name' | 'standsFor' | 'via' | 'candidates' | 'partOfName'>;

/**
 * A `LinkResult` with every field present (the absent ones `undefined`) in one order, so that all results
 * share one object shape and the code reading them stays monomorphic.
 */
export function linkResult(start: number, end: number, label: MentionLabel, form: string, linkRule: string, linkScore: number, extra: LinkExtras = {}): LinkResult {
  return resultOf(start, end, label, form, linkRule, linkScore, extra.entity, extra.name, extra.standsFor, extra.via, extra.candidates, extra.partOfName);
}

/**
 * `linkResult` with the optional fields as arguments: the linker's own calls use this one, since reading
 * them from extras objects of many shapes made `linkResult` deoptimize the large functions it is inlined into.
 */
export function resultOf(
  start: number,
  end: number,
  label: MentionLabel,
  form: string,
  linkRule: string,
  linkScore: number,
  entity?: string,
  name?: string,
  standsFor?: string,
  via?: string,
  candidates?: string[],
  partOfName?: boolean,
): LinkResult {
  return { start, end, label, entity, name, form, linkRule, linkScore, standsFor, via, candidates, partOfName };
}

/** A copy of a result marked part of a longer mention, in `linkResult`'s shape (a spread copy may get another). */
export function asPartOfName(r: LinkResult): LinkResult {
  return resultOf(r.start, r.end, r.label, r.form, r.linkRule, r.linkScore, r.entity, r.name, r.standsFor, r.via, r.candidates, true);
}
