import type { DayInterval } from '../core/time.ts';
import type { KbEntity, KbEvent, KbMembership, KbNameUse, KbRole, KnowledgeBase } from '../kb/types.ts';
import { edtfToInterval, isOpenEnd, isOpenStart, type FuzzyInterval } from './edtf-interval.ts';
import { escapeRegex } from './vocabulary.ts';

/** Lookups over a knowledge base that the corpus checks need. */
export interface KbIndex {
  kb: KnowledgeBase;
  /** Unambiguous entity aliases → entity id (for the fallback mention scan). */
  aliasToEntity: Map<string, string>;
  /** Matches any unambiguous entity alias, case-sensitive, longest first; null for an empty KB. */
  aliasRegex: RegExp | null;
  /** KB event names and aliases (lower case) → event ids. */
  eventAliasToIds: Map<string, string[]>;
  /** Matches any KB event name or alias, case-insensitive; null when the KB has no events. */
  eventRegex: RegExp | null;
  rolesByPerson: Map<string, KbRole[]>;
  rolesByOfficeKey: Map<string, KbRole[]>;
  membershipsByMember: Map<string, KbMembership[]>;
  membershipsByOrg: Map<string, KbMembership[]>;
  namesByEntity: Map<string, KbNameUse[]>;
  /** Life span / existence of an entity (birth–death, founding–dissolution), when known. */
  lifeOf(id: string): { start: FuzzyInterval | null; end: FuzzyInterval | null };
  /** Date interval of a KB event. */
  eventInterval(ev: KbEvent): FuzzyInterval | null;
  /** Display name of an entity id. */
  nameOf(id: string): string;
  /**
   * The name an entity bore during an interval (KB `names` periods: "Federal People's Republic of
   * Yugoslavia" in 1955, "Socialist Federal Republic of Yugoslavia" in 1970): the period holding the
   * interval's middle day; `nameOf` without an interval or a period that holds it.
   */
  nameAt(id: string, when?: DayInterval): string;
}

const cache = new WeakMap<KnowledgeBase, KbIndex>();

/** Adds a value to a map of lists. */
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** True when an alias is specific enough to scan for without a mention stage. */
function scannable(entity: KbEntity, text: string, kind: string, needsContext?: boolean): boolean {
  if (needsContext || kind === 'demonym' || kind === 'metonym' || kind === 'given' || kind === 'patronymic') return false;
  if (text.length < 3 && !/^[A-Z]{2}$/.test(text)) return false;
  if (entity.type === 'concept' || entity.type === 'work') return false;
  return /^\p{Lu}/u.test(text) || /\p{Lu}/u.test(text);
}

/** Builds (once per KB object) the lookups the corpus checks use. */
export function indexKnowledgeBase(kb: KnowledgeBase): KbIndex {
  const hit = cache.get(kb);
  if (hit) return hit;
  const aliasOwners = new Map<string, Set<string>>();
  for (const e of kb.entities) {
    const forms = [{ text: e.name, kind: 'canonical' as string, needsContext: false }, ...e.aliases];
    for (const a of forms) {
      if (!scannable(e, a.text, a.kind, a.needsContext)) continue;
      const owners = aliasOwners.get(a.text) ?? new Set<string>();
      owners.add(e.id);
      aliasOwners.set(a.text, owners);
    }
  }
  for (const n of kb.names) {
    const e = kb.byId.get(n.entity);
    if (e && scannable(e, n.name, 'former')) {
      const owners = aliasOwners.get(n.name) ?? new Set<string>();
      owners.add(e.id);
      aliasOwners.set(n.name, owners);
    }
  }
  const aliasToEntity = new Map<string, string>();
  for (const [text, owners] of aliasOwners) if (owners.size === 1) aliasToEntity.set(text, [...owners][0]!);
  const aliasList = [...aliasToEntity.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  const aliasRegex = aliasList.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${aliasList.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;

  const eventAliasToIds = new Map<string, string[]>();
  for (const ev of kb.events) {
    for (const a of new Set([ev.name, ...(ev.aliases ?? [])])) {
      // "restructuring" (no capital) is a common word; "Yalta", "Chernobyl" also name places.
      if (a.length < 4 || !/\p{Lu}|\d/u.test(a) || aliasOwners.has(a)) continue;
      push(eventAliasToIds, a.toLowerCase(), ev.id);
    }
  }
  const evList = [...eventAliasToIds.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  const eventRegex = evList.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${evList.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;

  const rolesByPerson = new Map<string, KbRole[]>();
  const rolesByOfficeKey = new Map<string, KbRole[]>();
  for (const r of kb.roles) {
    push(rolesByPerson, r.person, r);
    push(rolesByOfficeKey, r.officeKey, r);
  }
  const membershipsByMember = new Map<string, KbMembership[]>();
  const membershipsByOrg = new Map<string, KbMembership[]>();
  for (const m of kb.memberships) {
    push(membershipsByMember, m.member, m);
    push(membershipsByOrg, m.org, m);
  }
  const namesByEntity = new Map<string, KbNameUse[]>();
  for (const n of kb.names) push(namesByEntity, n.entity, n);

  const index: KbIndex = {
    kb,
    aliasToEntity,
    aliasRegex,
    eventAliasToIds,
    eventRegex,
    rolesByPerson,
    rolesByOfficeKey,
    membershipsByMember,
    membershipsByOrg,
    namesByEntity,
    lifeOf(id) {
      const e = kb.byId.get(id);
      return { start: edtfToInterval(e?.start), end: edtfToInterval(e?.end) };
    },
    eventInterval: (ev) => edtfToInterval(ev.date),
    nameOf: (id) => kb.byId.get(id)?.name ?? kb.eventById.get(id)?.name ?? id.replace(/^local:/, ''),
    nameAt(id, when) {
      const uses = when ? namesByEntity.get(id) : undefined;
      // an open or very long interval has no meaningful middle: keep the canonical name
      if (!when || !uses || isOpenStart(when) || isOpenEnd(when) || when.latest - when.earliest > 36_600) return index.nameOf(id);
      const mid = Math.floor((when.earliest + when.latest) / 2);
      const use = uses.find((n) => {
        const p = periodInterval(n.from, n.to);
        return p.earliest <= mid && mid <= p.latest;
      });
      return use?.name ?? index.nameOf(id);
    },
  };
  cache.set(kb, index);
  return index;
}

/** The day interval of a KB period `from`–`to` (open ends unbounded). */
export function periodInterval(from?: string, to?: string): DayInterval {
  const a = edtfToInterval(from);
  const b = edtfToInterval(to);
  return { earliest: a ? a.earliest : -1_000_000, latest: b ? b.latest : 1_000_000 };
}
