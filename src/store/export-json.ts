import type { AnalyzedSource } from '../core/types.ts';
import type { Store } from './store.ts';

/** The lossless JSON dump of a store: every current source with text, sections, annotations, messages, plus corpus records. */
export interface JsonExport {
  format: 'annalist-export';
  version: 1;
  sources: Array<AnalyzedSource & { version: number; stageVersions: Record<string, string> }>;
  entities: unknown[];
  events: unknown[];
  relations: unknown[];
  conflicts: unknown[];
}

/** Builds the lossless JSON export of the whole store (current versions of sources). */
export function exportJson(store: Store): JsonExport {
  const versions = new Map(store.listSources().map((s) => [s.id, s.version]));
  const sources = store.sourceIds().map((id) => ({
    ...store.getAnalyzed(id)!,
    version: versions.get(id) ?? 1,
    stageVersions: store.stageVersions(id),
  }));
  return {
    format: 'annalist-export',
    version: 1,
    sources,
    entities: store.getCorpus('entity'),
    events: store.getCorpus('event'),
    relations: store.getCorpus('relation'),
    conflicts: store.getCorpus('conflict'),
  };
}
