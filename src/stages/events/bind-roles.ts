import type { Annotation } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { TriggerLexicon, TriggerMatch } from './lexicon.ts';
import { tokenIndexAt, type SentenceView, type TokenView } from './read-layers.ts';

/** Determiners and possessives skipped when walking back from a name to its preposition. */
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'our', 'my', 'your']);

/** Words after a name that show it is the head of its phrase, not a premodifier ("Albanians and …", "Soviet, …"). */
const NOT_HEAD = new Set(['and', 'or', 'nor', 'but', 'of', "'s", "'", 's']);

/** Adjective-like name endings: "Albanian", "Stalinist", "Chinese", "Turkish", "Slavic", "Israeli", "Western". */
const ADJECTIVAL = /(?:ist|ian|an|ese|ish|ic|i|ern)$/i;

/** True when a name reads as an adjective: a demonym link ("Soviet"), or one word of the GRP/MISC kind with an adjective's ending ("Stalinist-Maoist"). */
export function isAdjectival(m: Annotation, text: string): boolean {
  if (m.attrs.form === 'demonym') return true;
  const t = text.slice(m.start, m.end);
  return (m.label === 'MISC' || m.label === 'GRP') && !/\s/.test(t) && ADJECTIVAL.test(t);
}

/**
 * True when a name premodifies another noun and so is not itself an agent or patient: an
 * adjective-like name before a lower-case word other than an actor noun ("the Albanian city",
 * "the Stalinist excesses", but "Soviet troops" and "the Soviet invasion" — a trigger — stay
 * actors), or any name run on by a capitalized word no name covers ("Warsaw Pact": the name is
 * longer than what was recognized).
 */
export function isPremodifier(m: Annotation, s: SentenceView, text: string, triggers: readonly TriggerMatch[], actorHeads: ReadonlySet<string>): boolean {
  const { tokens } = s;
  const i = tokenIndexAt(tokens, m.end);
  const next = tokens[i];
  if (!next || next.start < m.end || next.start > m.end + 1 || !/\p{L}/u.test(text[next.start] ?? '')) return false;
  if (NOT_HEAD.has(next.norm) || triggers.some((t) => t.from <= i && i < t.to)) return false;
  if (s.mentions.some((x) => x !== m && x.start <= next.start && next.end <= x.end)) return false;
  const first = text[next.start]!;
  if (first !== first.toLowerCase()) return next.norm !== 'i';
  if (!isAdjectival(m, text)) return false;
  // "Stalinist-Maoist communist parties": an actor noun among the next two words keeps the name an actor
  return !tokens.slice(i, i + 2).some((t) => actorHeads.has(t.norm));
}

/**
 * The preposition governing a name, looked for over determiners and premodifiers ("in the
 * Albanian capital Tirana" → "in"), or undefined when a number, a mark, an -ed/-ing form or the
 * token `floor` comes first. Stops after `reach` words.
 */
export function governingPreposition(tokens: readonly TokenView[], pos: number, preps: ReadonlySet<string>, text: string, floor = 0, reach = 4): string | undefined {
  const i = governingPrepositionAt(tokens, pos, preps, text, floor, reach);
  return i === undefined ? undefined : tokens[i]!.norm;
}

/** Token index of the preposition `governingPreposition` finds, or undefined. */
export function governingPrepositionAt(tokens: readonly TokenView[], pos: number, preps: ReadonlySet<string>, text: string, floor = 0, reach = 4): number | undefined {
  let i = tokenIndexAt(tokens, pos) - 1;
  for (let n = 0; i >= floor && n <= reach; i--) {
    const t = tokens[i]!;
    if (preps.has(t.norm)) return i;
    if (DETERMINERS.has(t.norm)) continue;
    // a premodifier: a capitalized word or a lower-case adjective/noun (not a number, mark or -ed/-ing form)
    if (!/^\p{L}/u.test(text[t.start] ?? '') || /(?:ed|ing)$/.test(t.norm)) return undefined;
    n++;
  }
  return undefined;
}

/**
 * True when a name names an event rather than an actor: its entity is a KB event ("the Cold War"),
 * or an unlinked or miscellaneous name ends in an event noun of the trigger lexicon ("the Great
 * Northern War", "the Tallow Uprising"). Such a name is never an agent or patient.
 */
export function isEventName(m: Annotation, s: SentenceView, kb: KnowledgeBase | undefined, lexicon: TriggerLexicon): boolean {
  const id = typeof m.attrs.entity === 'string' ? m.attrs.entity : undefined;
  const e = id ? kb?.byId.get(id) : undefined;
  if (id && (kb?.eventById.has(id) || e?.type === 'event')) return true;
  if (e && e.type !== 'concept' && e.type !== 'work') return false;
  if (m.label !== 'MISC') return false;
  const last = s.tokens[tokenIndexAt(s.tokens, m.end) - 1];
  if (!last || last.end > m.end) return false;
  return (lexicon.get(last.norm) ?? []).some((x) => x.pos === 'noun' && x.tokens.length === 1);
}

/**
 * Turns agents and patients that are no actors into `other` participants: names of events
 * (`isEventName`) and adjective-like names linked to no entity ("the Asian theatre": a region's
 * adjective, not a party). Returns a new list.
 */
export function demoteNonActors<P extends { role: string; mention?: string }>(ps: readonly P[], s: SentenceView, text: string, kb: KnowledgeBase | undefined, lexicon: TriggerLexicon): P[] {
  return ps.map((p) => {
    if (p.role !== 'agent' && p.role !== 'patient') return p;
    const m = p.mention ? s.mentions.find((x) => x.id === p.mention) : undefined;
    const unlinkedAdjective = m !== undefined && typeof m.attrs.entity !== 'string' && isAdjectival(m, text);
    return m && (unlinkedAdjective || isEventName(m, s, kb, lexicon)) ? { ...p, role: 'other' } : p;
  });
}
