/**
 * One local entity per person across the corpus. The link stage reads one document at a time, so a
 * person the knowledge base does not know becomes `local:donald-trump` in a document that gives the
 * full name and `local:trump` in one that gives only the surname, and "Donald J. Trump" a third
 * entity. This corpus step merges such local person entities before the corpus records are built:
 *
 * - `middle-name`: the same first and last name, one with middle names or initials the other lacks
 *   ("Donald J. Trump", "Siraj Ibn Wahhaj" → "Donald Trump", "Siraj Wahhaj"), when that shorter
 *   name is the only such one;
 * - `surname`: a one-word name that is the last word of exactly one multi-word local person, or of
 *   one that bears it far more often than all the others together (`SURNAME_DOMINANCE`), unless
 *   local people bear it as a first name at least as often ("Trump Vows", a headline read as a name,
 *   does not make "Trump" a given name; "Kim Jong" would).
 *
 * Knowledge-base entities are never merged (the linker already resolves their names), nor local
 * entities of other types. Every merge keeps its rule, so the records can say why.
 */
import type { AnalyzedSource, Annotation, Json } from '../core/types.ts';

/** What the merge planner needs to know of an entity. */
export interface EntitySummary {
  id: string;
  name: string;
  type: string;
  local: boolean;
  /** Number of mentions in the corpus. */
  count: number;
}

/** A local entity merged into another, and why. */
export interface EntityMerge {
  into: string;
  rule: 'middle-name' | 'surname';
}

/** How many times more often the chosen bearer of a surname must be mentioned than all other bearers together. */
export const SURNAME_DOMINANCE = 5;

/** The words of a person name, without titles' trailing dots kept apart ("Donald J. Trump" → Donald, J., Trump). */
function wordsOf(name: string): string[] {
  return name.split(/\s+/).filter(Boolean);
}

/** True when a word can be a name part (starts with a capital letter). */
function isNameWord(w: string): boolean {
  return /^\p{Lu}/u.test(w);
}

/**
 * Plans the merges of local person entities (see the module comment). Returns alias id → target;
 * targets are never themselves merged. Reads only its argument; deterministic.
 */
export function planLocalMerges(entities: readonly EntitySummary[]): Map<string, EntityMerge> {
  const people = entities.filter((e) => e.local && e.type === 'person' && wordsOf(e.name).every(isNameWord));
  const out = new Map<string, EntityMerge>();
  // middle names and initials: "First M. Last" → the one local "First Last"
  const byEnds = new Map<string, EntitySummary[]>();
  for (const e of people) {
    const w = wordsOf(e.name);
    if (w.length !== 2) continue;
    const key = `${w[0]} ${w[1]}`;
    byEnds.set(key, [...(byEnds.get(key) ?? []), e]);
  }
  for (const e of people) {
    const w = wordsOf(e.name);
    if (w.length < 3) continue;
    const short = byEnds.get(`${w[0]} ${w[w.length - 1]}`);
    if (short?.length === 1 && short[0]!.id !== e.id) out.set(e.id, { into: short[0]!.id, rule: 'middle-name' });
  }
  // surnames: a one-word name and the multi-word people whose last word it is
  const target = (id: string) => out.get(id)?.into ?? id;
  const counts = new Map<string, number>();
  for (const e of people) counts.set(target(e.id), (counts.get(target(e.id)) ?? 0) + e.count);
  const bearers = new Map<string, Set<string>>();
  for (const e of people) {
    const w = wordsOf(e.name);
    if (w.length < 2) continue;
    const last = w[w.length - 1]!;
    bearers.set(last, (bearers.get(last) ?? new Set()).add(target(e.id)));
  }
  // a word local people bear as a first name at least as often as a last name is a given name: too ambiguous alone
  const asFirst = new Map<string, number>();
  const asLast = new Map<string, number>();
  for (const e of people) {
    const w = wordsOf(e.name);
    if (w.length < 2) continue;
    asFirst.set(w[0]!, (asFirst.get(w[0]!) ?? 0) + e.count);
    asLast.set(w[w.length - 1]!, (asLast.get(w[w.length - 1]!) ?? 0) + e.count);
  }
  for (const e of people) {
    const w = wordsOf(e.name);
    if (w.length !== 1 || (asFirst.get(w[0]!) ?? 0) >= (asLast.get(w[0]!) ?? 0)) continue;
    const ids = [...(bearers.get(w[0]!) ?? [])].sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
    if (ids.length === 0) continue;
    const rest = ids.slice(1).reduce((n, id) => n + counts.get(id)!, 0);
    if (ids.length === 1 || counts.get(ids[0]!)! >= SURNAME_DOMINANCE * rest) out.set(e.id, { into: ids[0]!, rule: 'surname' });
  }
  return out;
}

/** A copy of an attribute value with every string equal to a merged id replaced by its target. */
function renameIn(v: Json | undefined, merges: ReadonlyMap<string, EntityMerge>): Json | undefined {
  if (typeof v === 'string') return merges.get(v)?.into ?? v;
  if (Array.isArray(v)) return v.map((x) => renameIn(x, merges) as Json);
  if (v && typeof v === 'object') {
    const o: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) {
      const r = renameIn(x, merges);
      if (r !== undefined) o[k] = r;
    }
    return o;
  }
  return v;
}

/** True when an attribute value holds, anywhere, a string that is a merged id. */
function holdsMerged(v: Json | undefined, merges: ReadonlyMap<string, EntityMerge>): boolean {
  if (typeof v === 'string') return merges.has(v);
  if (Array.isArray(v)) return v.some((x) => holdsMerged(x, merges));
  if (v && typeof v === 'object') return Object.values(v).some((x) => holdsMerged(x, merges));
  return false;
}

/**
 * The sources with every reference to a merged entity (a mention's `entity`, an event participant's,
 * a claim's `speaker`, wherever an annotation attribute holds the id) renamed to its target. A mention
 * renamed keeps the id it had as `mergedFrom` and the merge rule as `mergeRule`. Pure: returns new
 * sources and annotations, the input is not changed; sources without a merged id are returned as they are.
 */
export function applyEntityMerges(docs: readonly AnalyzedSource[], merges: ReadonlyMap<string, EntityMerge>): AnalyzedSource[] {
  if (merges.size === 0) return [...docs];
  const touches = (a: Annotation) => holdsMerged(a.attrs, merges);
  return docs.map((d) => {
    if (!d.annotations.some(touches)) return d;
    return {
      ...d,
      annotations: d.annotations.map((a) => {
        if (!touches(a)) return a;
        const attrs = renameIn(a.attrs, merges) as Annotation['attrs'];
        const from = a.layer === 'mention' && typeof a.attrs.entity === 'string' ? merges.get(a.attrs.entity) : undefined;
        return { ...a, attrs: from ? { ...attrs, mergedFrom: a.attrs.entity as string, mergeRule: from.rule } : attrs };
      }),
    };
  });
}
