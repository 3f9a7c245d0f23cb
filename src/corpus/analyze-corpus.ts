import type { Store } from '../store/store.ts';
import type { KnowledgeBase } from '../kb/types.ts';

/** Summary of one corpus-stage run. */
export interface CorpusSummary {
  entities: number;
  events: number;
  relations: number;
  conflicts: number;
}

/**
 * Runs the corpus stages over every current source in the store (link entities across sources,
 * cluster events, check for contradictions, assemble timeline and graph) and stores the records.
 * (Placeholder until the corpus stages land: stores nothing.)
 */
export function analyzeCorpus(_store: Store, _kb: KnowledgeBase): CorpusSummary {
  return { entities: 0, events: 0, relations: 0, conflicts: 0 };
}
