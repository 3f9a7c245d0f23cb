import { AnnalistError } from '../core/errors.ts';
import type { Stage } from './stage.ts';

/**
 * Checks an ordered stage list before any document runs: names are unique and each stage's
 * `requires` is assigned by an earlier stage. Throws a catalog error otherwise.
 */
export function checkRegistry(stages: readonly Stage[]): void {
  const seen = new Set<string>();
  const assigned = new Set<string>();
  for (const stage of stages) {
    if (seen.has(stage.name)) throw new AnnalistError('STAGE_DUPLICATE', stage.name);
    seen.add(stage.name);
    for (const need of stage.requires) {
      if (!assigned.has(need)) throw new AnnalistError('STAGE_ORDER', `${stage.name} requires ${need}`);
    }
    for (const layer of stage.assigns) assigned.add(layer);
  }
}
