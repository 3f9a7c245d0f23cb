/**
 * CSV tables for Palladio (https://hdlab.stanford.edu/palladio/): events with dates, entity–event edges,
 * entities, and entity–entity relations. The event and relation tables come from the corpus exports
 * (`timelineToCsv`, `graphToCsv`); this module adds the entity–event edges and the entity table.
 */
import { graphToCsv, timelineToCsv } from '../corpus/export-csv.ts';
import { filterGraph } from '../corpus/query-graph.ts';
import { filterTimeline } from '../corpus/query-timeline.ts';
import type { Conflict, CorpusEntity, CorpusEvent, Relation } from '../corpus/types.ts';
import { toCsv } from './csv.ts';
import { entityUri, isQid } from './entity-uri.ts';

/** The corpus part of an export (`exportJson`'s `entities`, `events`, `relations`, `conflicts`). */
export interface CorpusExport {
  entities: readonly unknown[];
  events: readonly unknown[];
  relations: readonly unknown[];
  conflicts: readonly unknown[];
  /** Analyzed sources, read only to name entities missing from `entities` (from their mentions' `name`). */
  sources?: ReadonlyArray<{ annotations: ReadonlyArray<{ layer: string; attrs: Record<string, unknown> }> }>;
}

/** Palladio tables by file name. */
export interface PalladioTables {
  'events.csv': string;
  'entity-event.csv': string;
  'entities.csv': string;
  'relations.csv': string;
}

/** Palladio reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; EDTF extras (`?`, `~`, `/`, `X`) are left out. */
function palladioDate(iso: string | undefined): string {
  return iso && /^-?\d{4}(-\d{2}){0,2}$/.test(iso) ? iso : '';
}

/**
 * Builds the Palladio tables from corpus records. `entity-event.csv` has one row per (entity, event):
 * entity name/id/type, role (`agent` or `participant`), event label/id/class, start and end dates and the
 * number of supporting sources, so Palladio's graph and timeline views work on it directly.
 */
export function toPalladioCsv(exp: CorpusExport): PalladioTables {
  const entities = exp.entities as CorpusEntity[];
  const events = exp.events as CorpusEvent[];
  const byId = new Map(entities.map((e) => [e.id, e]));
  const mentionNames = new Map<string, string>();
  for (const s of exp.sources ?? [])
    for (const a of s.annotations) {
      const { entity, name } = a.attrs;
      if (a.layer === 'mention' && typeof entity === 'string' && typeof name === 'string' && !mentionNames.has(entity)) mentionNames.set(entity, name);
    }
  const timeline = filterTimeline(events, exp.conflicts as Conflict[]);
  const edges = timeline.events.flatMap((ev) =>
    ev.participants.map((id) => {
      const ent = byId.get(id);
      return [ent?.name ?? mentionNames.get(id) ?? id, id, ent?.type ?? '', ev.agents.includes(id) ? 'agent' : 'participant', ev.label, ev.id, ev.class, palladioDate(ev.interval?.earliest ?? undefined), palladioDate(ev.interval?.latest ?? undefined), ev.sources.length];
    }),
  );
  const entityRows = [...entities]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((e) => {
      const qid = e.qid ?? (isQid(e.id) ? e.id : undefined);
      return [e.id, e.name, e.type, qid ? entityUri(qid) : '', e.mentions.length, new Set(e.mentions.map((m) => m.source)).size];
    });
  return {
    'events.csv': timelineToCsv(timeline),
    'entity-event.csv': toCsv(['Entity', 'EntityId', 'EntityType', 'Role', 'Event', 'EventId', 'Class', 'Start', 'End', 'Sources'], edges),
    'entities.csv': toCsv(['Id', 'Name', 'Type', 'Wikidata', 'Mentions', 'Sources'], entityRows),
    'relations.csv': graphToCsv(filterGraph(entities, exp.relations as Relation[])),
  };
}
