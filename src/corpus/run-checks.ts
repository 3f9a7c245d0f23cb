import type { Conflict } from './types.ts';
import { checkActorOutOfLife } from './checks/check-actor-life.ts';
import { uniqueConflicts, type CheckContext } from './checks/common.ts';
import { checkDateMismatch, checkEventDatesAgainstKb } from './checks/check-event-dates.ts';
import { checkEventAgents } from './checks/check-event-agents.ts';
import { checkMemberships } from './checks/check-memberships.ts';
import { checkNamesOutOfTime } from './checks/check-names.ts';
import { checkNumberMismatch } from './checks/check-numbers.ts';
import { checkOfficeAnachronism, checkRoleConfusionByTitle } from './checks/check-titles.ts';

/** Every corpus check, in report order. Each is a pure function of the check context. */
export const CHECKS: ReadonlyArray<(ctx: CheckContext) => Conflict[]> = [
  checkDateMismatch,
  checkNumberMismatch,
  checkOfficeAnachronism,
  checkActorOutOfLife,
  checkNamesOutOfTime,
  checkRoleConfusionByTitle,
  checkEventAgents,
  checkEventDatesAgainstKb,
  checkMemberships,
];

/**
 * Runs every check and returns the conflicts, one per id, ordered by kind then id. When two
 * checks flag the same sentence for the same entity (a title both anachronistic and confused),
 * the first kept.
 */
export function runChecks(ctx: CheckContext): Conflict[] {
  const all = uniqueConflicts(CHECKS.flatMap((check) => check(ctx)));
  const seen = new Set<string>();
  const kept: Conflict[] = [];
  for (const c of all) {
    const key = `${c.entity ?? c.event ?? ''}|${c.evidence[0]?.source}:${c.evidence[0]?.start}`;
    if (c.entity && seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
  }
  return kept;
}
