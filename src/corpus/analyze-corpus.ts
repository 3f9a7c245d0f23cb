import type { AnalyzedSource } from '../core/types.ts';
import type { KnowledgeBase } from '../kb/types.ts';
import type { Store } from '../store/store.ts';
import { buildRelations } from './build-relations.ts';
import { assembleEvents, clusterEvents } from './cluster-events.ts';
import { collectEntities } from './collect-entities.ts';
import { indexKnowledgeBase } from './kb-index.ts';
import { runChecks } from './run-checks.ts';
import { buildSourceView } from './source-view.ts';
import type { Conflict, CorpusEntity, CorpusEvent, Relation } from './types.ts';
import { loadCheckVocabulary } from './vocabulary.ts';

/** Summary of one corpus-stage run. */
export interface CorpusSummary {
  entities: number;
  events: number;
  relations: number;
  conflicts: number;
}

/** All corpus records computed from a set of analyzed sources. */
export interface CorpusRecords {
  entities: CorpusEntity[];
  events: CorpusEvent[];
  relations: Relation[];
  conflicts: Conflict[];
}

/**
 * Computes the corpus view of analyzed sources, without a store: entities (from the mention
 * layer), real-world events (clustered event mentions with merged dates and support), relations
 * of the actor graph, and conflicts from every check. Pure: same sources and KB, same records.
 */
export function computeCorpus(docs: readonly AnalyzedSource[], kb: KnowledgeBase): CorpusRecords {
  const index = indexKnowledgeBase(kb);
  const vocab = loadCheckVocabulary();
  const views = [...docs].sort((a, b) => a.id.localeCompare(b.id)).map((d) => buildSourceView(d, index));
  const items = views.flatMap((view) => view.events.map((event) => ({ view, event })));
  const { events, dissent } = assembleEvents(clusterEvents(items), index);
  const conflicts = runChecks({ views, index, vocab, events, dissent });
  const byEvent = new Map(events.map((e) => [e.id, e]));
  for (const c of conflicts) if (c.event) byEvent.get(c.event)?.conflicts.push(c.id);
  const relations = buildRelations(events, index);
  return { entities: withEndpoints(collectEntities(docs, kb), [...events.flatMap((e) => e.participants), ...relations.flatMap((r) => [r.from, r.to])], kb), events, relations, conflicts };
}

/**
 * Adds an entity record (no mentions) for every KB entity an event or relation names that no
 * mention links, so the graph and timeline can name every node.
 */
function withEndpoints(entities: CorpusEntity[], ids: readonly string[], kb: KnowledgeBase): CorpusEntity[] {
  const have = new Set(entities.map((e) => e.id));
  const added: CorpusEntity[] = [];
  for (const id of new Set(ids)) {
    const e = kb.byId.get(id);
    if (have.has(id) || !e) continue;
    have.add(id);
    added.push({ id, ...(e.qid ? { qid: e.qid } : {}), name: e.name, type: e.type, ...(e.subtype ? { subtype: e.subtype } : {}), local: false, mentions: [] });
  }
  return [...entities, ...added].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Runs the corpus stages over every current source in the store (link entities across sources,
 * cluster events, check for contradictions, assemble timeline and graph) and replaces the stored
 * `entity`, `event`, `relation` and `conflict` records. Re-running after adding sources recomputes
 * everything from the current sources, so the result does not depend on the order of ingestion.
 */
export function analyzeCorpus(store: Store, kb: KnowledgeBase): CorpusSummary {
  const docs = store.sourceIds().map((id) => store.getAnalyzed(id)!);
  const r = computeCorpus(docs, kb);
  store.db.transaction(() => {
    store.replaceCorpus('entity', r.entities);
    store.replaceCorpus('event', r.events);
    store.replaceCorpus('relation', r.relations);
    store.replaceCorpus('conflict', r.conflicts);
  })();
  return { entities: r.entities.length, events: r.events.length, relations: r.relations.length, conflicts: r.conflicts.length };
}
