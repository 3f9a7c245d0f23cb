import type { Annotation } from '../../core/types.ts';
import type { TriggerMatch } from './lexicon.ts';
import type { SentenceView, TokenView } from './read-layers.ts';
import type { Participant, PronounResolver } from './find-participants.ts';
import { participantWords } from './resolve-pronoun.ts';

/** Possessive pronouns and the subject pronoun the resolver reads them as. */
const POSSESSIVES: Record<string, string> = { his: 'he', her: 'she', their: 'they' };
/** Words that may come before a phrase opening its sentence ("So, at her suggestion, …"). */
const CONNECTIVES = new Set([',', 'so', 'thus', 'then', 'later', 'soon', 'finally', 'eventually', 'and', 'but', 'hence', 'therefore', 'subsequently', 'accordingly']);
/** Marks that end a clause. */
const CLAUSE_END = new Set([',', ';', ':', '(', ')', 'which', 'who', 'whom', 'while', 'whereas', 'because', 'although', 'though', 'but']);

/** An instigator phrase in a sentence: its tokens `[from, to)`, the possessor, and the pronoun when it is one. */
interface InstigatorPhrase {
  from: number;
  to: number;
  mention?: Annotation;
  pronoun?: { start: number; end: number; norm: string };
}

/** The instigator phrase starting at token `i`, if any: a preposition, a possessive pronoun or a name with "'s", and an instigator noun. */
function phraseAt(s: SentenceView, i: number, preps: ReadonlySet<string>, nouns: ReadonlySet<string>): InstigatorPhrase | undefined {
  const { tokens } = s;
  if (!preps.has(tokens[i]!.norm)) return undefined;
  const next = tokens[i + 1];
  if (!next) return undefined;
  if (Object.hasOwn(POSSESSIVES, next.norm)) {
    return nouns.has(tokens[i + 2]?.norm ?? '') ? { from: i, to: i + 3, pronoun: next } : undefined;
  }
  // "on Vask's orders": a name starting right after the preposition, then "'s"
  const m = s.mentions.filter((x) => x.start === next.start).sort((a, b) => b.end - a.end)[0];
  if (!m) return undefined;
  let j = i + 1;
  while (j < tokens.length && tokens[j]!.end <= m.end) j++;
  if (tokens[j]?.norm !== "'s" || !nouns.has(tokens[j + 1]?.norm ?? '')) return undefined;
  return { from: i, to: j + 2, mention: m };
}

/** Whether the phrase opens its sentence (connectives and commas aside) and a comma closes it. */
function opensSentence(tokens: readonly TokenView[], p: InstigatorPhrase): boolean {
  for (let k = 0; k < p.from; k++) if (!CONNECTIVES.has(tokens[k]!.norm)) return false;
  return tokens[p.to]?.norm === ',';
}

/** Whether the phrase belongs to the trigger's clause: right after the trigger, or before it with no clause mark between. */
function inClauseOf(tokens: readonly TokenView[], p: InstigatorPhrase, m: TriggerMatch): boolean {
  if (p.from >= m.to) return p.from - m.to <= 1;
  if (p.to > m.from) return false;
  for (let k = p.to; k < m.from; k++) if (CLAUSE_END.has(tokens[k]!.norm) && !(k === p.to && tokens[k]!.norm === ',')) return false;
  return true;
}

/**
 * Who set an event in motion, told by a possessive instigator phrase ("at her suggestion, the mayor was
 * dismissed", "jailed on Vask's orders"; vocabularies in `data/events/participants.json`): the possessor,
 * a pronoun resolved with `resolve`, joins as role `other` (like the helpers "with the help of X") when the
 * event has no agent yet. A phrase opening the sentence scopes over every event in the sentence; elsewhere
 * it belongs to the clause of the trigger it precedes or directly follows. Returns a new list.
 */
export function withInstigator(ps: readonly Participant[], s: SentenceView, m: TriggerMatch, text: string, resolve?: PronounResolver): Participant[] {
  if (ps.some((p) => p.role === 'agent')) return [...ps];
  const w = participantWords();
  const preps = new Set(w.instigatorPrepositions ?? []);
  const nouns = new Set(w.instigatorNouns ?? []);
  if (preps.size === 0 || nouns.size === 0) return [...ps];
  const { tokens } = s;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const p = phraseAt(s, i, preps, nouns);
    if (!p) continue;
    if (!(opensSentence(tokens, p) && p.to <= m.from) && !inClauseOf(tokens, p, m)) continue;
    const ante = p.mention ?? (p.pronoun && resolve ? resolve(p.pronoun.start, POSSESSIVES[p.pronoun.norm]!) : undefined);
    if (!ante) continue;
    const e = ante.attrs.standsFor ?? ante.attrs.entity;
    const entity = typeof e === 'string' ? e : undefined;
    if (ps.some((q) => (entity !== undefined && q.entity === entity) || q.mention === ante.id)) return [...ps];
    const out: Participant = { role: 'other', mention: ante.id, text: text.slice(ante.start, ante.end), start: ante.start, end: ante.end };
    if (entity) out.entity = entity;
    if (p.pronoun) {
      out.pronoun = text.slice(p.pronoun.start, p.pronoun.end);
      out.start = p.pronoun.start;
      out.end = p.pronoun.end;
    }
    return [...ps, out];
  }
  return [...ps];
}

/** Verbs of consequence after ", which": "…, which soon led to a coup". */
const CONSEQUENCE = [['resulted', 'in'], ['led', 'to'], ['caused'], ['provoked'], ['brought', 'about'], ['ended', 'in'], ['culminated', 'in'], ['triggered']];
/** Determiners and adverbs allowed around the verb of consequence. */
const FILLERS = new Set(['a', 'an', 'the', 'soon', 'quickly', 'eventually', 'finally', 'later', 'then', 'immediately', 'directly', 'ultimately']);

/**
 * The cause of an event noun told as the consequence of the clause before it ("X delayed its answer,
 * which soon led to a coup"): the subject of that clause (its first mention no preposition governs, not a
 * place) joins as role `other` when the event has no agent and does not name it already. Returns a new list.
 */
export function withCause(ps: readonly Participant[], s: SentenceView, m: TriggerMatch, text: string): Participant[] {
  if (m.entry.pos !== 'noun' || ps.some((p) => p.role === 'agent')) return [...ps];
  const { tokens } = s;
  let k = m.from - 1;
  while (k >= 0 && FILLERS.has(tokens[k]!.norm)) k--;
  const verb = CONSEQUENCE.find((words) => words.every((w, n) => tokens[k - words.length + 1 + n]?.norm === w));
  if (!verb) return [...ps];
  k -= verb.length;
  while (k >= 0 && FILLERS.has(tokens[k]!.norm)) k--;
  if (tokens[k]?.norm !== 'which' || tokens[k - 1]?.norm !== ',') return [...ps];
  const comma = tokens[k - 1]!.start;
  const preps = new Set(participantWords().prepositions);
  // the clause before the comma starts after the last clause mark before it
  let from = 0;
  for (let j = k - 2; j >= 0; j--) if (CLAUSE_END.has(tokens[j]!.norm) && tokens[j]!.norm !== ',') {
    from = tokens[j]!.end;
    break;
  }
  const subject = s.mentions
    .filter((x) => x.start >= from && x.end <= comma && !(x.label === 'LOC' && x.attrs.standsFor === undefined))
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .find((x) => {
      let j = tokens.findIndex((t) => t.start >= x.start) - 1;
      while (j >= 0 && ['the', 'a', 'an'].includes(tokens[j]!.norm)) j--;
      return j < 0 || !preps.has(tokens[j]!.norm);
    });
  if (!subject) return [...ps];
  const e = subject.attrs.standsFor ?? subject.attrs.entity;
  const entity = typeof e === 'string' ? e : undefined;
  if (ps.some((q) => q.mention === subject.id || (entity !== undefined && q.entity === entity))) return [...ps];
  const out: Participant = { role: 'other', mention: subject.id, text: text.slice(subject.start, subject.end), start: subject.start, end: subject.end };
  if (entity) out.entity = entity;
  return [...ps, out];
}
