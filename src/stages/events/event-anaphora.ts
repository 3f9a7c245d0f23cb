import type { Annotation, Json } from '../../core/types.ts';
import { tokenIndexAt, triggerStart, type SentenceView } from './read-layers.ts';
import { buildTriggerLexicon, type TriggerLexicon } from './lexicon.ts';

/** Determiners that make an event noun point back to an event already told ("this decision", "the speech"). */
const ANAPHORIC_DETERMINERS = new Set(['this', 'that', 'these', 'those', 'the', 'such']);
/** Pronouns that, as a verb trigger's subject, stand for an event already told ("It was signed in 1951"). */
const EVENT_PRONOUNS = new Set(['it', 'this', 'that']);
/** Auxiliaries and adverbs allowed between such a pronoun and the verb ("it was then signed"). */
const BETWEEN = new Set(['was', 'were', 'is', 'had', 'has', 'been', 'be', 'then', 'later', 'finally', 'soon', 'also', 'only', 'eventually', 'already', 'back', 'formally', 'officially']);
/** How many sentences back an antecedent event is looked for. */
const REACH = 3;

type Part = { role?: string; text?: string; entity?: string; mention?: string; basis?: string };

/** The participants of an event annotation. */
function partsOf(a: Annotation): Part[] {
  return (a.attrs.participants as Part[] | undefined) ?? [];
}

/** True when the event has an agent or a patient. */
function hasCore(a: Annotation): boolean {
  return partsOf(a).some((p) => p.role === 'agent' || p.role === 'patient');
}

/** True when the trigger reads as a reference back to an event: "this decision", "the treaty", "It was signed", "these talks were held". */
function pointsBack(a: Annotation, s: SentenceView): boolean {
  const tr = a.attrs.trigger as { start: number; end: number } | undefined;
  if (!tr) return false;
  const i = tokenIndexAt(s.tokens, tr.start);
  const noun = String(a.provenance.rule ?? '').startsWith('trigger:noun');
  if (noun) return ANAPHORIC_DETERMINERS.has(s.tokens[i - 1]?.norm ?? '');
  let k = i - 1;
  while (k >= 0 && BETWEEN.has(s.tokens[k]!.norm)) k--;
  // "these meetings were held …": a demonstrative event noun of the class as the verb's subject
  if (k >= 1 && DEMONSTRATIVES.has(s.tokens[k - 1]!.norm) && isEventNoun(s.tokens[k]!.norm, a.label)) return true;
  return k < i - 1 && EVENT_PRONOUNS.has(s.tokens[k]?.norm ?? '') && (k === 0 || [',', ';', 'and', 'but'].includes(s.tokens[k - 1]!.norm));
}

/** Demonstratives that make an event noun subject point back ("these meetings were held"). */
const DEMONSTRATIVES = new Set(['this', 'that', 'these', 'those', 'such']);
let lexicon: TriggerLexicon | undefined;

/** Whether a word is an event noun of the class in the trigger lexicon ("meetings" of `meeting`). */
function isEventNoun(word: string, cls: string): boolean {
  lexicon ??= buildTriggerLexicon();
  return (lexicon.get(word) ?? []).some((e) => e.pos === 'noun' && e.tokens.length === 1 && e.class === cls);
}

/**
 * Event anaphora: an event told again by a definite or demonstrative noun ("this decision", "the
 * speech") or by a pronoun subject ("It was signed in 1951"), with no agent or patient of its own,
 * takes the participants (places aside) of the nearest earlier event of the same class that has
 * some, within three sentences of the same section; each copied participant is marked `basis:
 * 'event-anaphora'` and the event `anaphorOf` (the antecedent's id). Returns new annotations in
 * the same order; the input is not changed.
 */
export function resolveEventAnaphora(events: readonly Annotation[], sentences: readonly SentenceView[]): Annotation[] {
  const sentenceOf = (a: Annotation) => sentences[a.attrs.sentence as number];
  const byStart = [...events].sort((a, b) => a.start - b.start);
  const resolved = new Map<string, Annotation>();
  for (const e of byStart) {
    const s = sentenceOf(e);
    if (!s || hasCore(e) || !pointsBack(e, s)) continue;
    const trStart = (e.attrs.trigger as { start: number }).start;
    const ante = byStart
      .map((o) => resolved.get(o.id) ?? o)
      .filter((o) => {
        const os = sentenceOf(o);
        return o !== e && o.label === e.label && os !== undefined && triggerStart(o) < trStart && s.index - os.index <= REACH && os.section?.id === s.section?.id && partsOf(o).some((p) => p.role !== 'place');
      })
      .pop();
    if (!ante) continue;
    const own = partsOf(e);
    const copied = partsOf(ante)
      .filter((p) => p.role !== 'place' && !own.some((q) => (q.entity && q.entity === p.entity) || (q.mention && q.mention === p.mention)))
      .map((p) => ({ ...p, basis: 'event-anaphora' }) as Record<string, Json>);
    if (!copied.length) continue;
    resolved.set(e.id, { ...e, attrs: { ...e.attrs, participants: [...(own as Json[]), ...copied], anaphorOf: ante.id } });
  }
  return events.map((e) => resolved.get(e.id) ?? e);
}

/** Joiners between the agents of a fronted participle clause: "by X and Y", "by X, Y and Z". */
const AGENT_JOINERS = new Set(['and', ',']);

/**
 * The agents of a sentence opening with a passive participle clause whose main subject is "it":
 * "Organized by Vask and Peeters, it drew a crowd" → the mentions after "by" up to the comma before
 * "it" (joined by "and" or commas, nothing else between), or undefined when the sentence has another shape.
 */
function frontedParticipleAgents(s: SentenceView): Annotation[] | undefined {
  const { tokens } = s;
  let i = 0;
  while (i < tokens.length && /^[a-z]+ly$/.test(tokens[i]!.norm)) i++;
  if (!/^[a-z]{3,}(?:ed|en)$/.test(tokens[i]?.norm ?? '') || tokens[i + 1]?.norm !== 'by') return undefined;
  const comma = tokens.findIndex((t, k) => k > i + 1 && t.norm === ',' && tokens[k + 1]?.norm === 'it');
  if (comma < 0) return undefined;
  const from = tokens[i + 2]?.start ?? Infinity;
  const to = tokens[comma]!.start;
  const inside = s.mentions.filter((m) => m.start >= from && m.end <= to);
  // outermost mentions only, and every token between them a joiner ("the" may open a name's phrase)
  const agents = inside.filter((m) => !inside.some((o) => o !== m && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start)).sort((a, b) => a.start - b.start);
  if (agents.length === 0) return undefined;
  for (const t of tokens.slice(i + 2, comma)) {
    if (agents.some((m) => m.start <= t.start && t.end <= m.end)) continue;
    if (!AGENT_JOINERS.has(t.norm) && t.norm !== 'the') return undefined;
  }
  return agents;
}

/**
 * A passive participle clause opening the next sentence with "it" as its subject ("A congress met in
 * 1921. Organized by Vask and Peeters, it …") tells who made the event "it" stands for: the last event
 * of the sentence before that has no agent or patient takes the mentions after "by" as agents, marked
 * `basis: 'event-anaphora'`, and `agentsFrom` (the sentence index they come from); `text` is the
 * document text. Returns new
 * annotations in the same order; the input is not changed.
 */
export function resolveParticipleAgents(events: readonly Annotation[], sentences: readonly SentenceView[], text: string): Annotation[] {
  const changed = new Map<string, Annotation>();
  for (let k = 1; k < sentences.length; k++) {
    const s = sentences[k]!;
    const prev = sentences[k - 1]!;
    if (s.section?.id !== prev.section?.id) continue;
    const agents = frontedParticipleAgents(s);
    if (!agents) continue;
    const target = events
      .filter((e) => e.attrs.sentence === prev.index && !hasCore(e))
      .sort((a, b) => triggerStart(a) - triggerStart(b))
      .pop();
    if (!target) continue;
    const added = agents.map((m) => {
      const p: Record<string, Json> = { role: 'agent', text: text.slice(m.start, m.end), mention: m.id, basis: 'event-anaphora' };
      const e = m.attrs.standsFor ?? m.attrs.entity;
      if (typeof e === 'string') p.entity = e;
      return p;
    });
    changed.set(target.id, { ...target, attrs: { ...target.attrs, participants: [...(partsOf(target) as Json[]), ...added], agentsFrom: s.index } });
  }
  return events.map((e) => changed.get(e.id) ?? e);
}
