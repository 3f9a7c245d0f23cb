import type { Store } from '../store/store.ts';
import { inWindow, sourceMatches, type CorpusQuery } from './query-timeline.ts';
import type { CorpusEntity, Relation, RelationType } from './types.ts';

/** A node of the actor graph. */
export interface GraphNode {
  id: string;
  name: string;
  type: string;
  /** Number of edges touching the node in this view. */
  degree: number;
}

/** The actor graph (or a filtered view of it). */
export interface ActorGraph {
  nodes: GraphNode[];
  edges: Relation[];
}

/** Graph filters: the corpus filters plus relation types. */
export interface GraphQuery extends CorpusQuery {
  types?: RelationType[];
}

/**
 * Filters the actor graph: edges meeting the window (undated edges only in an open window),
 * touching the entity, of the given types (by default every type but the weak `co-mentioned`), with evidence from the source (evidence is cut to it).
 * Nodes are the edges' endpoints, named from the entity records.
 */
export function filterGraph(entities: readonly CorpusEntity[], relations: readonly Relation[], q: GraphQuery = {}): ActorGraph {
  const edges = relations
    .filter((r) => inWindow(r.interval, q))
    .filter((r) => !q.entity || r.from === q.entity || r.to === q.entity)
    .filter((r) => (q.types?.length ? q.types.includes(r.type) : r.type !== 'co-mentioned'))
    .map((r) => (q.source ? { ...r, evidence: r.evidence.filter((e) => sourceMatches(e.source, q.source)) } : r))
    .filter((r) => r.evidence.length > 0 || !q.source);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const degree = new Map<string, number>();
  for (const r of edges) for (const id of [r.from, r.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const nodes = [...degree.entries()]
    .map(([id, d]) => ({ id, name: byId.get(id)?.name ?? id, type: byId.get(id)?.type ?? 'other', degree: d }))
    .sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id));
  return { nodes, edges };
}

/** The actor graph from a store, filtered (see `filterGraph`). */
export function queryGraph(store: Store, q: GraphQuery = {}): ActorGraph {
  return filterGraph(store.getCorpus<CorpusEntity>('entity'), store.getCorpus<Relation>('relation'), q);
}
