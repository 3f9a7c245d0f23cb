import { hashContent } from '../core/hash.ts';
import type { MentionRoles } from './cluster-events.ts';
import type { KbIndex } from './kb-index.ts';
import type { CorpusEvent, IsoInterval, Relation, RelationType } from './types.ts';

/** Event class → relation type, and whether the relation is symmetric. */
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

/** Roles facing the agent: the other party of a symmetric relation, the object of a directed one ("met Tito", "joined the Pact"). */
const COUNTER_ROLES = new Set(['patient', 'recipient', 'other']);

/**
 * The typed pairs one event mention gives, from the event class and the participants' roles:
 * a symmetric type (met, allied-with, in-conflict-with) links an agent with a patient, recipient
 * or other participant; a directed type (appointed, removed, aided, member-of) runs from the agent to them. Entities with the same role, or listed by a KB event
 * without roles, are only `co-mentioned`: listing countries in one sentence says nothing of how they stand.
 */
export function pairsOfMention(cls: string, participants: ReadonlyArray<{ role: string; entity: string }>): Array<{ type: RelationType; from: string; to: string }> {
  const rule = CLASS_RELATION[cls];
  if (!rule) return [];
  const out = new Map<string, { type: RelationType; from: string; to: string }>();
  const add = (type: RelationType, a: string, b: string, symmetric: boolean) => {
    if (a === b) return;
    const [from, to] = symmetric && b < a ? [b, a] : [a, b];
    const key = `${from}|${to}`;
    const prev = out.get(key) ?? out.get(`${to}|${from}`);
    // A typed edge wins over a co-mention of the same pair.
    if (prev && prev.type !== 'co-mentioned') return;
    if (prev) out.delete(`${prev.from}|${prev.to}`);
    out.set(key, { type, from, to });
  };
  const agents = participants.filter((p) => p.role === 'agent').map((p) => p.entity);
  for (const a of agents) {
    for (const p of participants) {
      if (agents.includes(p.entity)) continue;
      if (COUNTER_ROLES.has(p.role)) add(rule.type, a, p.entity, rule.symmetric);
    }
  }
  for (let i = 0; i < participants.length; i++) {
    for (let j = i + 1; j < participants.length; j++) {
      const a = participants[i]!;
      const b = participants[j]!;
      if (a.role === b.role && a.role !== 'place') add('co-mentioned', a.entity, b.entity, true);
    }
  }
  return [...out.values()];
}

/**
 * Builds the actor graph's typed edges from corpus events, mention by mention (see
 * `pairsOfMention`): meetings and visits → `met`, treaties → `allied-with`, conflicts →
 * `in-conflict-with`, appointments → `appointed`, removals → `removed`, aid → `aided`, joining →
 * `member-of`, and `co-mentioned` for co-listed participants. Edges of one type between one pair
 * are merged: the evidence is the mentions that gave the edge, the time span the hull of the
 * events' intervals (an open side stays open). Only persons, organizations, groups and states take part.
 */
export function buildRelations(events: readonly CorpusEvent[], index: KbIndex, roles: ReadonlyMap<string, readonly MentionRoles[]> = new Map()): Relation[] {
  const edges = new Map<string, Relation>();
  // Actors: persons, organizations, groups and states; a city or a river is where things happen, not who.
  const actor = (id: string) => {
    const e = index.kb.byId.get(id);
    if (!e) return !index.kb.eventById.has(id);
    if (e.type === 'place') return ['country', 'state', 'geopolitical'].includes(e.subtype ?? '');
    return ['person', 'organization', 'group'].includes(e.type);
  };
  for (const ev of events) {
    if (!CLASS_RELATION[ev.class]) continue;
    for (const m of roles.get(ev.id) ?? []) {
      for (const { type, from, to } of pairsOfMention(ev.class, m.participants.filter((p) => actor(p.entity)))) {
        const key = `${type}|${from}|${to}`;
        let rel = edges.get(key);
        if (!rel) {
          rel = { id: `relation:${hashContent(key, 12)}`, type, from, to, evidence: [] };
          edges.set(key, rel);
        }
        if (!rel.evidence.some((e) => e.source === m.source && e.annotation === m.annotation)) rel.evidence.push({ source: m.source, annotation: m.annotation, event: ev.id });
        if (ev.interval) rel.interval = rel.interval ? hullIso(rel.interval, ev.interval) : { ...ev.interval };
      }
    }
  }
  return [...edges.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Hull of two record intervals; an open side stays open. */
function hullIso(a: IsoInterval, b: IsoInterval): IsoInterval {
  const lo = a.earliest === null || b.earliest === null ? null : a.earliest < b.earliest ? a.earliest : b.earliest;
  const hi = a.latest === null || b.latest === null ? null : a.latest > b.latest ? a.latest : b.latest;
  return { earliest: lo, latest: hi };
}
