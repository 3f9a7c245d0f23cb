import type { AnalyzedSource } from '../core/types.ts';
import type { KnowledgeBase } from '../kb/types.ts';
import type { Store } from '../store/store.ts';
import { buildRelations } from './build-relations.ts';
import { assembleEvents, clusterEvents } from './cluster-events.ts';
import { collectEntities } from './collect-entities.ts';
import { indexKnowledgeBase, type KbIndex } from './kb-index.ts';
import { runChecks } from './run-checks.ts';
import { applyEntityMerges, planLocalMerges, type EntityMerge } from './unify-local-entities.ts';
import { buildSourceView, type SourceView } from './source-view.ts';
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
 * layer, local people merged across sources first: `unify-local-entities.ts`), real-world events (clustered event mentions with merged dates and support), relations
 * of the actor graph, and conflicts from every check. Pure: same sources and KB, same records.
 */
export function computeCorpus(sources: readonly AnalyzedSource[], kb: KnowledgeBase): CorpusRecords {
  const vocab = loadCheckVocabulary();
  // one local entity per person across the corpus ("Trump" in one source, "Donald Trump" in another)
  const collected = collectEntities(sources, kb);
  const before = collected.map((e) => ({ id: e.id, name: e.name, type: e.type, local: e.local, count: e.mentions.length }));
  const merges = planLocalMerges(before);
  // event labels and conflict messages name local entities as the sources write them, not by their id's slug
  const index = withLocalNames(indexKnowledgeBase(kb), new Map(before.filter((e) => e.local).map((e) => [e.id, e.name])));
  const docs = applyEntityMerges(sources, merges);
  const views = [...docs].sort((a, b) => a.id.localeCompare(b.id)).map((d) => buildSourceView(d, index));
  const items = views.flatMap((view) => view.events.map((event) => ({ view, event })));
  const { events, dissent, roles } = assembleEvents(clusterEvents(items), index);
  const conflicts = runChecks({ views, index, vocab, events, dissent });
  const byEvent = new Map(events.map((e) => [e.id, e]));
  for (const c of conflicts) if (c.event) byEvent.get(c.event)?.conflicts.push(c.id);
  const relations = buildRelations(events, index, roles);
  const endpoints = [...events.flatMap((e) => e.participants), ...relations.flatMap((r) => [r.from, r.to])];
  // the records collected before the merges stand when there were none
  const entities = merges.size === 0 ? collected : collectEntities(docs, kb);
  return { entities: withMergedIds(withEndpoints(entities, endpoints, kb, mentionNames(views)), merges, before), events, relations, conflicts };
}

/**
 * A KB index whose `nameOf` and `nameAt` name a local entity (`local:…`) by the name its sources give
 * it (`names`), where the plain index would show the id without its prefix ("heinrich-albers").
 */
export function withLocalNames(index: KbIndex, names: ReadonlyMap<string, string>): KbIndex {
  if (names.size === 0) return index;
  const local = (id: string) => (id.startsWith('local:') ? names.get(id) : undefined);
  return { ...index, nameOf: (id) => local(id) ?? index.nameOf(id), nameAt: (id, when) => local(id) ?? index.nameAt(id, when) };
}

/**
 * Adds to each entity record the local ids merged into it and the rule of each merge (`merged`), so a
 * lookup by an old id can find it, and names it by the full name its sources use most (the target's own
 * or a middle-name variant's, before the merge: never the bare surname).
 */
function withMergedIds(entities: CorpusEntity[], merges: ReadonlyMap<string, EntityMerge>, before: ReadonlyArray<{ id: string; name: string; count: number }>): CorpusEntity[] {
  if (merges.size === 0) return entities;
  const into = new Map<string, Array<{ id: string; rule: string }>>();
  for (const [id, m] of [...merges].sort((a, b) => a[0].localeCompare(b[0]))) into.set(m.into, [...(into.get(m.into) ?? []), { id, rule: m.rule }]);
  const prior = new Map(before.map((e) => [e.id, e]));
  return entities.map((e) => {
    const merged = into.get(e.id);
    if (!merged) return e;
    const full = [e.id, ...merged.filter((m) => m.rule !== 'surname').map((m) => m.id)].flatMap((id) => prior.get(id) ?? []);
    const name = full.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))[0]?.name ?? e.name;
    return { ...e, name, merged };
  });
}

/**
 * The name each linked entity is written with most often in the sources (mentions and event
 * participants), to name entities the knowledge base does not hold.
 */
export function mentionNames(views: readonly SourceView[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const add = (id: string | undefined, text: string) => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (!id || !t) return;
    const m = counts.get(id) ?? new Map<string, number>();
    m.set(t, (m.get(t) ?? 0) + 1);
    counts.set(id, m);
  };
  for (const v of views) {
    for (const m of v.mentions) add(m.entity, m.text);
    for (const e of v.events) if (!e.kbEvent) for (const p of e.participants) add(p.entity, p.text);
  }
  const out = new Map<string, string>();
  for (const [id, m] of counts) out.set(id, [...m.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0]);
  return out;
}

/**
 * Adds an entity record (no mentions) for every entity an event or relation names that no mention
 * record holds, so the graph and timeline can name every node: from the KB when it has the
 * entity, else from the text the sources use for it (a QID the KB lacks is named, not shown bare).
 */
function withEndpoints(entities: CorpusEntity[], ids: readonly string[], kb: KnowledgeBase, names: ReadonlyMap<string, string>): CorpusEntity[] {
  const have = new Set(entities.map((e) => e.id));
  const added: CorpusEntity[] = [];
  for (const id of new Set(ids)) {
    if (have.has(id) || kb.eventById.has(id)) continue;
    const e = kb.byId.get(id);
    const name = e?.name ?? names.get(id);
    if (!name) continue;
    have.add(id);
    if (e) added.push({ id, ...(e.qid ? { qid: e.qid } : {}), name: e.name, type: e.type, ...(e.subtype ? { subtype: e.subtype } : {}), local: false, mentions: [] });
    else added.push({ id, ...(/^Q\d+$/.test(id) ? { qid: id } : {}), name, type: 'other', local: id.startsWith('local:'), mentions: [] });
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
