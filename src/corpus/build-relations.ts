import { hashContent } from '../core/hash.ts';
import type { KbIndex } from './kb-index.ts';
import type { CorpusEvent, Relation, RelationType } from './types.ts';

/** Event class → relation type, and whether the relation is symmetric (between all participants). */
const CLASS_RELATION: Record<string, { type: RelationType; symmetric: boolean }> = {
  meeting: { type: 'met', symmetric: true },
  visit: { type: 'met', symmetric: true },
  treaty: { type: 'allied-with', symmetric: true },
  conflict: { type: 'in-conflict-with', symmetric: true },
  appointment: { type: 'appointed', symmetric: false },
  removal: { type: 'removed', symmetric: false },
  aid: { type: 'aided', symmetric: false },
  joining: { type: 'member-of', symmetric: false },
};

/**
 * Builds the actor graph's typed edges from corpus events: meetings and visits → `met`, treaties →
 * `allied-with`, conflicts → `in-conflict-with`, appointments → `appointed`, removals → `removed`,
 * aid → `aided`, joining → `member-of`. Edges of one type between one pair are merged: their
 * evidence is pooled and their time span is the hull of the events' intervals. Only entities that
 * are persons, organizations, groups or states take part.
 */
export function buildRelations(events: readonly CorpusEvent[], index: KbIndex): Relation[] {
  const edges = new Map<string, Relation>();
  // Actors: persons, organizations, groups and states; a city or a river is where things happen, not who.
  const actor = (id: string) => {
    const e = index.kb.byId.get(id);
    if (!e) return !index.kb.eventById.has(id);
    if (e.type === 'place') return ['country', 'state', 'geopolitical'].includes(e.subtype ?? '');
    return ['person', 'organization', 'group'].includes(e.type);
  };
  for (const ev of events) {
    const rule = CLASS_RELATION[ev.class];
    if (!rule) continue;
    const people = ev.participants.filter(actor);
    const pairs: Array<[string, string]> = [];
    if (rule.symmetric) {
      for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) pairs.push([people[i]!, people[j]!].sort() as [string, string]);
    } else {
      const agents = ev.agents.filter(actor);
      for (const a of agents) for (const p of people) if (p !== a && !agents.includes(p)) pairs.push([a, p]);
    }
    for (const [from, to] of pairs) {
      const key = `${rule.type}|${from}|${to}`;
      let rel = edges.get(key);
      if (!rel) {
        rel = { id: `relation:${hashContent(key, 12)}`, type: rule.type, from, to, evidence: [] };
        edges.set(key, rel);
      }
      for (const s of ev.support) rel.evidence.push({ source: s.source, annotation: s.annotation, event: ev.id });
      if (ev.interval) {
        rel.interval = rel.interval
          ? { earliest: rel.interval.earliest < ev.interval.earliest ? rel.interval.earliest : ev.interval.earliest, latest: rel.interval.latest > ev.interval.latest ? rel.interval.latest : ev.interval.latest }
          : { ...ev.interval };
      }
    }
  }
  return [...edges.values()].sort((a, b) => a.id.localeCompare(b.id));
}
