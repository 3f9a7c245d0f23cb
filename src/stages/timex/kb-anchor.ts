/**
 * The knowledge-base hook of the timex stage: finds dated KB events named in the text
 * ("after the 20th Congress", "Stalin's death", "his birth") and indexes entity aliases.
 */
import type { KbEvent, KnowledgeBase } from '../../kb/types.ts';
import { escapeForRegExp, type CompiledRule, type TimexRules } from './load-rules.ts';

/** Alias and event indexes built once per knowledge base. */
export interface KbTimeIndex {
  /** Lower-cased alias (possessive stripped) → entity ids. */
  entityByAlias: Map<string, string[]>;
  /** Lower-cased event name or alias → event. */
  eventByAlias: Map<string, KbEvent>;
  /** Rule matching "[N units] [prep] [the eve of] [the start|end of] [the Nth anniversary of] <event alias>". */
  aliasRule: CompiledRule | null;
  /** Regex over person aliases that take part in some dated event, for pronoun owners ("his birth"). */
  participantRe: RegExp | null;
  /** KB events plus births and deaths read from person entities' `start` and `end`. */
  personEvents: KbEvent[];
}

const cache = new WeakMap<KnowledgeBase, KbTimeIndex>();

/** Builds (or reuses) the time index of a knowledge base. */
export function indexKbForTime(kb: KnowledgeBase, rules: TimexRules): KbTimeIndex {
  const hit = cache.get(kb);
  if (hit) return hit;
  const entityByAlias = new Map<string, string[]>();
  const add = (alias: string, id: string): void => {
    const k = alias.toLowerCase();
    const list = entityByAlias.get(k) ?? [];
    if (!list.includes(id)) list.push(id);
    entityByAlias.set(k, list);
  };
  for (const e of kb.entities) {
    add(e.name, e.id);
    for (const a of e.aliases) add(a.text, e.id);
  }
  const eventByAlias = new Map<string, KbEvent>();
  for (const ev of kb.events) {
    for (const a of [ev.name, ...(ev.aliases ?? [])]) {
      const k = a.toLowerCase().replace(/^the\s+/, '');
      if (!eventByAlias.has(k)) eventByAlias.set(k, ev);
    }
  }
  const alt = (m: Map<string, unknown> | Set<string> | undefined): string =>
    [...(m?.keys() ?? [])].sort((a, b) => b.length - a.length).map(escapeForRegExp).join('|');
  let aliasRule: CompiledRule | null = null;
  if (eventByAlias.size > 0) {
    const num = `(?:(?<approx>${alt(rules.vocab.approx)})\\s+)?(?:(?<number>${alt(rules.vocab.number)})|(?<num>[0-9]+))\\s+(?<unit>${alt(rules.vocab.unit)})\\s+`;
    const prep = `(?<prep>${alt(rules.vocab.anchorPrep)})\\s+`;
    const anniv = `the\\s+(?:(?<annivNum>[0-9]{1,3}(?:st|nd|rd|th))|(?<annivOrd>${alt(rules.vocab.ordinal)}))\\s+anniversary\\s+of\\s+`;
    // "before the start of the 5th Congress", "after the end of the war": which end of the event counts
    const edgeWords = alt(rules.vocab.eventEdge);
    const edge = edgeWords ? `(?:the\\s+(?<edge>${edgeWords})\\s+of\\s+)?` : '';
    const body = `(?:${num})?(?:${prep})?(?:the\\s+(?<eveOf>eve|day|year|time)\\s+of\\s+)?${edge}(?:${anniv})?(?:the\\s+)?(?<kbAlias>${alt(eventByAlias)})`;
    const re = new RegExp(`(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
    // An alias inside a match follows whitespace or starts the match, and a match glued to a word
    // before it is dropped: anchors need no letter, digit or apostrophe before them.
    // the longest stretch of letters and signs (whitespace and digits aside) the optional parts before an alias can take
    const longest = (m: Map<string, unknown> | Set<string> | undefined): number => Math.max(0, ...[...(m?.keys() ?? [])].map(countFixed));
    const numPart = longest(rules.vocab.approx) + longest(rules.vocab.number) + longest(rules.vocab.unit);
    const prepPart = longest(rules.vocab.anchorPrep);
    const eveOf = countFixed('the time of');
    const annivPart = countFixed('the th anniversary of') + longest(rules.vocab.ordinal);
    const edgePart = edgeWords ? countFixed('the  of') + longest(rules.vocab.eventEdge) : 0;
    const before = numPart + prepPart + eveOf + edgePart + annivPart + countFixed('the');
    const anchor = new RegExp(`(?<![\\p{L}\\p{N}'’])(?:${alt(eventByAlias)})(?![\\p{L}\\p{N}])`, 'giu');
    const scan = { anchor, before, sticky: new RegExp(re.source, 'iuy') };
    aliasRule = { id: 'event-kb-alias', kind: 'event', re, priority: 0, scan };
  }
  // a person's birth and death are dated on the entity itself
  const personEvents: KbEvent[] = [...kb.events];
  for (const e of kb.entities) {
    if (e.type !== 'person') continue;
    if (e.start) personEvents.push({ id: `${e.id}#birth`, name: `birth of ${e.name}`, date: e.start, class: 'birth', participants: [e.id], source: e.source ?? 'kb entity' });
    if (e.end) personEvents.push({ id: `${e.id}#death`, name: `death of ${e.name}`, date: e.end, class: 'death', participants: [e.id], source: e.source ?? 'kb entity' });
  }
  const participants = new Set(personEvents.flatMap((e) => e.participants));
  const names = new Set<string>();
  for (const id of participants) {
    const e = kb.byId.get(id);
    if (!e) continue;
    for (const a of [e.name, ...e.aliases.filter((x) => !x.needsContext).map((x) => x.text)]) if (a.length >= 3) names.add(a);
  }
  const participantRe = names.size
    ? new RegExp(`(?<![\\p{L}])(?:${[...names].sort((a, b) => b.length - a.length).map(escapeForRegExp).join('|')})(?![\\p{L}])`, 'gu')
    : null;
  const idx = { entityByAlias, eventByAlias, aliasRule, participantRe, personEvents };
  cache.set(kb, idx);
  return idx;
}

/** Number of characters of a phrase that are neither whitespace nor ASCII digits (the rest can run long). */
export function countFixed(s: string): number {
  let n = 0;
  for (const ch of s) if (!isFree(ch)) n += ch.length;
  return n;
}

/** True for what `countFixed` leaves out: whitespace (as `\s` matches it) and ASCII digits. */
export function isFree(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || c === 32 || (c >= 9 && c <= 13);
  return /\s/u.test(ch);
}

/**
 * Event of a class with a participant (KB events first, then entity birth/death dates), or undefined.
 * With `rank`, the matching event of the lowest rank wins (ties keep that order).
 */
export function findPersonEvent(idx: KbTimeIndex, entityIds: readonly string[], cls: string, rank?: (e: KbEvent) => number): KbEvent | undefined {
  const hits = idx.personEvents.filter((e) => e.class === cls && e.participants.some((p) => entityIds.includes(p)));
  if (!rank) return hits[0];
  let best: KbEvent | undefined;
  for (const e of hits) if (!best || rank(e) < rank(best)) best = e;
  return best;
}

/**
 * Entities a possessive owner names ("Stalin's", "Nikita Khrushchev's"); for a pronoun ("his"),
 * the last participant of a dated event of the class named before `before` in the text.
 */
export function resolveOwner(
  owner: string,
  cls: string,
  text: string,
  before: number,
  idx: KbTimeIndex,
  pronouns: ReadonlySet<string>,
): string[] {
  const bare = owner.replace(/(?:'s|’s|')$/, '').trim();
  if (!pronouns.has(bare.toLowerCase())) {
    const exact = idx.entityByAlias.get(bare.toLowerCase());
    if (exact) return exact;
    // "Nikita Khrushchev" when only "Khrushchev" is an alias: try the last word
    const last = bare.split(/\s+/).pop() ?? bare;
    return idx.entityByAlias.get(last.toLowerCase()) ?? [];
  }
  if (!idx.participantRe) return [];
  const windowStart = Math.max(0, before - 1500);
  const slice = text.slice(windowStart, before);
  let found: string[] = [];
  idx.participantRe.lastIndex = 0;
  for (const m of slice.matchAll(idx.participantRe)) {
    const ids = idx.entityByAlias.get(m[0].toLowerCase()) ?? [];
    if (findPersonEvent(idx, ids, cls)) found = ids;
  }
  return found;
}

/** Event named "<ordinal> <noun>" ("20th" + "congresses" → "20th Congress …"). */
export function findOrdinalEvent(idx: KbTimeIndex, ord: string, noun: string): KbEvent | undefined {
  const stems = [noun, noun.replace(/ies$/i, 'y'), noun.replace(/es$/i, ''), noun.replace(/s$/i, '')].map((n) => `${ord} ${n}`.toLowerCase());
  for (const s of stems) {
    const exact = idx.eventByAlias.get(s);
    if (exact) return exact;
  }
  for (const [alias, ev] of idx.eventByAlias) if (stems.some((s) => alias.startsWith(`${s} `))) return ev;
  return undefined;
}
