import type { TriggerMatch } from './lexicon.ts';
import type { SentenceView } from './read-layers.ts';
import { isDating } from './pick-time.ts';
import { splitClauses } from './split-clauses.ts';

/** Prepositions linking an event noun to its participant: "the arrest of X", "talks with Y". */
const LINKS = new Set(['of', 'by', 'between', 'with', 'against', 'in', 'at', 'on', 'to', 'from', 'into']);
/** Prepositions naming the sides of an event right after its noun, even without a mention. */
const SIDES = new Set(['between', 'against']);
/** How many tokens a date may sit from an event noun and still anchor it ("the 1967 war", "the war of 1812"). */
const DATE_REACH = 4;

/**
 * Decides whether a noun trigger ("report", "crisis", "meeting") names a particular event rather than
 * a kind of thing: it must be dated in its clause ("the 1956 crisis", "a meeting on 3 May"), lie inside
 * an event-anchored time expression ("after the war"), have an actor right before it ("the Soviet
 * invasion", "Lee's arrest"), a participant linked after it ("the arrest of X", "talks with Y")
 * or its sides named ("a war between …").
 * Verb and phrase triggers are always kept.
 */
export function keepNounTrigger(s: SentenceView, m: TriggerMatch): boolean {
  if (m.entry.pos !== 'noun') return true;
  const { tokens } = s;
  const start = tokens[m.from]!.start;
  const end = tokens[m.to - 1]!.end;
  const tokIndex = (pos: number) => {
    const i = tokens.findIndex((t) => t.end > pos);
    return i < 0 ? tokens.length : i;
  };
  // "a war between the two kingdoms", "the campaign against the rebels": its sides are named after it
  if (SIDES.has(tokens[m.to]?.norm ?? '')) return true;
  const { ids } = splitClauses(tokens, s.timexes);
  for (const x of s.timexes) {
    if (x.start <= start && end <= x.end) return true;
    const a = tokIndex(x.start);
    const b = tokIndex(x.end - 1);
    if ((b < m.from && m.from - b <= DATE_REACH) || (a >= m.to && a - m.to < DATE_REACH)) return true;
    if (isDating(x) && ids[a] === ids[m.from]) return true;
  }
  for (const x of s.mentions) {
    const a = tokIndex(x.start);
    const b = tokIndex(x.end - 1);
    // "the Soviet invasion", "Lee's arrest": the mention ends right before (a possessive may follow)
    if (b < m.from && m.from - b <= 2 && tokens.slice(b + 1, m.from).every((t) => t.norm === "'s" || t.norm === "'" || t.norm === 's')) return true;
    // "the arrest of the poet X": a linking preposition within three tokens after the trigger
    if (a >= m.to && a - m.to <= 3 && tokens.slice(m.to, a).some((t) => LINKS.has(t.norm))) return true;
  }
  return false;
}

/** Demonstratives that make an event noun point back to an event already told. */
const DEMONSTRATIVES = new Set(['this', 'that', 'these', 'those']);

/** True when a noun trigger follows a demonstrative ("this decision", "that speech"): it refers to an event told before. */
export function isDemonstrativeNoun(s: SentenceView, m: TriggerMatch): boolean {
  return m.entry.pos === 'noun' && DEMONSTRATIVES.has(s.tokens[m.from - 1]?.norm ?? '');
}
