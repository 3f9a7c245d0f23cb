/**
 * Which knowledge-base entities a document is "about" beyond the ones it names outright: the bodies
 * its people held office in, the parents of the bodies it names, and things named after what it
 * names. Used to read context-dependent aliases ("the party", "the Presidium", "the city council",
 * "the Mausoleum") as the one candidate the document is related to.
 */
import { aliasTokens } from '../../kb/alias-index.ts';
import type { KbEntity, KnowledgeBase } from '../../kb/types.ts';

const ancestorCache = new WeakMap<KnowledgeBase, Map<string, readonly string[]>>();

/**
 * Ancestors of an entity through `partOf` and `standsFor` (a few levels; cycles are cut). Those of the
 * default depth are worked out once per knowledge base and entity: the list is shared, read only.
 */
export function ancestorsOf(kb: KnowledgeBase, id: string, depth = 4): readonly string[] {
  if (depth !== 4) return findAncestors(kb, id, depth);
  let byId = ancestorCache.get(kb);
  if (!byId) ancestorCache.set(kb, (byId = new Map()));
  let out = byId.get(id);
  if (!out) byId.set(id, (out = findAncestors(kb, id, depth)));
  return out;
}

/** `ancestorsOf` without the cache. */
function findAncestors(kb: KnowledgeBase, id: string, depth: number): string[] {
  const out: string[] = [];
  let frontier = [id];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const x of frontier) {
      const e = kb.byId.get(x);
      for (const up of [e?.partOf, e?.standsFor]) {
        if (up && up !== id && !out.includes(up)) {
          out.push(up);
          next.push(up);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Whether token list `inner` occurs contiguously inside `outer`. */
function containsRun(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  for (let i = 0; i + inner.length <= outer.length; i++) if (runAt(outer, inner, i)) return true;
  return false;
}

/** Whether `inner` occurs in `outer` from index `i` (a loop, not a closure over `i`: no context per position). */
function runAt(outer: readonly string[], inner: readonly string[], i: number): boolean {
  for (let k = 0; k < inner.length; k++) if (outer[i + k] !== inner[k]) return false;
  return true;
}

/** The names of an entity that can appear inside the name of something named after it. */
function namesOf(e: KbEntity): string[][] {
  return [e.name, ...e.aliases.filter((a) => ['canonical', 'full', 'surname', 'former', 'later'].includes(a.kind) && !a.needsContext).map((a) => a.text)]
    .map((t) => aliasTokens(t))
    .filter((t) => t.length > 0);
}

/** An entity's own name tokens and `namesOf`, computed once per knowledge base. */
interface EntityNames {
  own: string[];
  names: string[][];
}
const namesCache = new WeakMap<KnowledgeBase, Map<string, EntityNames>>();

/** The cached `EntityNames` of a KB entity. */
function entityNames(kb: KnowledgeBase, e: KbEntity): EntityNames {
  let byId = namesCache.get(kb);
  if (!byId) namesCache.set(kb, (byId = new Map()));
  let n = byId.get(e.id);
  if (!n) byId.set(e.id, (n = { own: aliasTokens(e.name), names: namesOf(e) }));
  return n;
}

/**
 * The document's affinity set: the entities it names (`seen`), the organizations in which the
 * people it names held office (`roles[].org`), and all their `partOf` / `standsFor` ancestors.
 */
export function documentAffinity(kb: KnowledgeBase, seen: Iterable<string>): Set<string> {
  const base = new Set(seen);
  const out = new Set(base);
  for (const r of kb.roles) if (r.org && base.has(r.person)) out.add(r.org);
  for (const id of [...out]) for (const a of ancestorsOf(kb, id)) out.add(a);
  return out;
}

const eventPlaceCache = new WeakMap<KnowledgeBase, Map<string, string[]>>();

/** The participants of the key events that took place at each place, indexed once per knowledge base. */
function participantsByPlace(kb: KnowledgeBase): Map<string, string[]> {
  let m = eventPlaceCache.get(kb);
  if (!m) {
    m = new Map();
    for (const ev of kb.events) if (ev.place) m.set(ev.place, [...(m.get(ev.place) ?? []), ...ev.participants]);
    eventPlaceCache.set(kb, m);
  }
  return m;
}

/**
 * Whether a non-person entity is related to the document: it is in the affinity set, one of its
 * ancestors is, it is the place of a key event in which a person the document names took part
 * ("the Mausoleum" where Stalin's body lay), or its name contains the name of an entity the
 * document names ("Sumgait City Council" in a text that names Sumgait). People are left to the
 * stricter rules of the linker: a bare surname needs the person named in full.
 */
export function isRelatedToDocument(kb: KnowledgeBase, id: string, seen: ReadonlySet<string>, affinity: ReadonlySet<string>): boolean {
  const e = kb.byId.get(id);
  if (!e || e.type === 'person') return false;
  if (affinity.has(id)) return true;
  if (ancestorsOf(kb, id).some((a) => affinity.has(a))) return true;
  if (e.type === 'place' && participantsByPlace(kb).get(id)?.some((p) => seen.has(p) && kb.byId.get(p)?.type === 'person')) return true;
  const own = entityNames(kb, e).own;
  for (const s of seen) {
    const o = kb.byId.get(s);
    if (o && o.id !== id && entityNames(kb, o).names.some((n) => n.length < own.length && containsRun(own, n))) return true;
  }
  return false;
}
