import type { Annotation, Json } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { TriggerMatch } from './lexicon.ts';
import type { SentenceView, TokenView } from './read-layers.ts';
import { participantWords } from './resolve-pronoun.ts';

/** One participant of an event, as docs/layers.md defines it. */
export interface Participant {
  role: 'agent' | 'patient' | 'recipient' | 'place' | 'other';
  entity?: string;
  mention?: string;
  text: string;
  /** Set when the participant is a pronoun resolved to an earlier mention (`text` is that mention's). */
  pronoun?: string;
  /** `kb-event` when the participant comes from the knowledge base's record of a named event, not from the text. */
  basis?: 'kb-event';
  start: number;
  end: number;
}

/** Classes whose grammatical subject undergoes the event when the trigger is a noun ("the death of X"). */
const UNDERGOER_CLASSES = new Set(['death', 'birth', 'arrest', 'trial', 'execution', 'removal', 'repression', 'renaming']);
/** Auxiliaries that make a following participle passive. */
const BE = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got', 'get', 'gets']);
/** Words that may sit between the auxiliary and the participle ("was soon arrested"). */
const ADVERBS = new Set(['also', 'then', 'soon', 'later', 'already', 'even', 'first', 'finally', 'subsequently', 'eventually', 'once', 'again', 'effectively', 'officially', 'almost', 'actually', 'formally', 'immediately', 'never', 'not', 'quickly', 'secretly', 'publicly', 'reportedly', 'allegedly', 'only', 'just', 'thus', 'subsequently']);
/** Prepositions that introduce a place. */
const PLACE_PREP = new Set(['in', 'at', 'near', 'to', 'into', 'from', 'on', 'outside', 'inside', 'across']);
/** Determiners skipped when looking at the word before a mention. */
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'this', 'that']);
/** Clause boundaries a participant is not looked for across. */
const STOP = new Set([';', ':', '(', ')', 'which', 'who', 'whom', 'while', 'whereas', 'because', 'although', 'though', 'but']);

/** True when the trigger is a past participle after a form of "be" (passive voice: "X was arrested"). */
export function isPassive(tokens: readonly TokenView[], m: TriggerMatch): boolean {
  if (!m.entry.participle) return false;
  for (let i = m.from - 1; i >= 0 && i >= m.from - 4; i--) {
    const w = tokens[i]!.norm;
    if (BE.has(w)) return true;
    if (!ADVERBS.has(w) && !w.endsWith('ly')) return false;
  }
  return false;
}

/** Entity id a mention stands for (metonyms act for `standsFor`). */
function entityOf(m: Annotation): string | undefined {
  const e = m.attrs.standsFor ?? m.attrs.entity;
  return typeof e === 'string' ? e : undefined;
}

/** Makes a participant record from a mention. */
function fromMention(role: Participant['role'], m: Annotation, text: string): Participant {
  const p: Participant = { role, mention: m.id, text: text.slice(m.start, m.end), start: m.start, end: m.end };
  const e = entityOf(m);
  if (e) p.entity = e;
  return p;
}

/** Token index of the first token at or after a character position. */
function tokAt(tokens: readonly TokenView[], pos: number): number {
  const i = tokens.findIndex((t) => t.end > pos);
  return i < 0 ? tokens.length : i;
}

/** Resolves a pronoun at a position to an earlier mention (see resolve-pronoun.ts). */
export type PronounResolver = (pos: number, pronoun: string) => Annotation | undefined;

/** Words allowed between two coordinated verb triggers: "was arrested and executed". */
const COORDINATION = new Set(['and', ',', 'or', 'then', 'later', 'soon', 'subsequently']);

/** Token sequences that join two conjuncts of a subject: "X and Y", "X, Y", "X, together with Y", "X as well as Y". */
const CONJOINERS = [['and'], [','], [',', 'and'], ['or'], [',', 'or'], ['together', 'with'], [',', 'together', 'with'], ['along', 'with'], [',', 'along', 'with'], ['as', 'well', 'as'], [',', 'as', 'well', 'as']];

/**
 * The mentions coordinated with a subject before it ("Yugoslavia, together with India and
 * Indonesia, initiated …": India and Yugoslavia for the subject Indonesia), nearest first: each
 * ends right before the next one, joined by "and", a comma, "or", "together with", "along with" or
 * "as well as" only (a bare comma only further out than a conjunction: "X, Y and Z"), and a
 * mention nested in another is skipped.
 */
export function conjuncts(subj: Annotation, pool: readonly Annotation[], tokens: readonly TokenView[]): Annotation[] {
  const out: Annotation[] = [];
  let cur = subj;
  for (;;) {
    const curTok = tokAt(tokens, cur.start);
    const prev = pool
      .filter((x) => x.end <= cur.start && !out.includes(x) && x !== subj)
      .sort((a, b) => b.end - a.end || a.start - b.start)[0];
    if (!prev) break;
    const gap = tokens.slice(tokAt(tokens, prev.end), curTok).map((t) => t.norm);
    if (!CONJOINERS.some((c) => c.length === gap.length && c.every((w, i) => gap[i] === w))) break;
    // a bare comma lists only after a real conjunction nearer the subject ("X, Y and Z"), not "With the help of X, Y did"
    if (gap.length === 1 && gap[0] === ',' && out.length === 0) break;
    out.push(prev);
    cur = prev;
  }
  return out;
}

/**
 * Finds the participants of one trigger among the sentence's mentions: the nearest actor mention
 * before the trigger that no preposition governs is the agent (the patient in the passive, or for
 * noun triggers of undergoing classes), the nearest after it the patient ("by X" after a passive:
 * the agent), places after a locative preposition, helpers ("with the help of X") as `other`.
 * Subjects coordinated with the subject ("X, together with Y and Z, did") share its role.
 * A relative clause's subject is the mention before "who"/"which"; a verb coordinated with an
 * earlier one shares its subject; a subject pronoun is resolved with `resolve`. Searches stop at
 * clause boundaries and at the neighbouring triggers.
 */
export function findParticipants(s: SentenceView, m: TriggerMatch, all: readonly TriggerMatch[], text: string, resolve?: PronounResolver): Participant[] {
  const { tokens } = s;
  const words = participantWords();
  const preps = new Set(words.prepositions);
  const out: Participant[] = [];
  const verbs = all.filter((t) => t.entry.pos !== 'noun');
  let prevTrigger = [...verbs].reverse().find((t) => t.to <= m.from);
  // "X was arrested and executed", "he entered X and in 1934 took Y", "…, becoming": the later
  // verb shares the earlier one's subject (looked for before the earlier verb) and voice
  let passive = isPassive(tokens, m);
  let subjectLimit = m.from;
  const inTimex = (t: TokenView) => s.timexes.some((x) => x.start <= t.start && t.end <= x.end);
  const shares = (prev: TriggerMatch, from: number) => {
    if (m.entry.pos === 'noun' || from <= prev.to) return false;
    const gap = tokens.slice(prev.to, from);
    if (gap.every((t) => COORDINATION.has(t.norm))) return true;
    let k = gap.length - 1;
    while (k >= 0 && (inTimex(gap[k]!) || ADVERBS.has(gap[k]!.norm) || gap[k]!.norm.endsWith('ly') || PLACE_PREP.has(gap[k]!.norm) || gap[k]!.norm === 'since')) k--;
    // only a date, adverbs or prepositions after the last "and": "… and in 1934 took …"
    return gap[k]?.norm === 'and' || (gap[k]?.norm === ',' && k === gap.length - 1 && tokens[from]!.norm.endsWith('ing'));
  };
  while (prevTrigger && shares(prevTrigger, subjectLimit)) {
    passive ||= isPassive(tokens, prevTrigger);
    const p: TriggerMatch = prevTrigger;
    subjectLimit = p.from;
    prevTrigger = [...verbs].reverse().find((t) => t.to <= p.from);
  }
  const nextTrigger = all.find((t) => t.from >= m.to && t.entry.pos !== 'noun');
  let leftLimit = prevTrigger ? prevTrigger.to : 0;
  let relativeAt = -1;
  for (let i = subjectLimit - 1; i >= leftLimit; i--) {
    if (STOP.has(tokens[i]!.norm)) {
      if (words.relativePronouns.includes(tokens[i]!.norm)) relativeAt = i;
      leftLimit = i + 1;
      break;
    }
  }
  let rightLimit = nextTrigger ? nextTrigger.from : tokens.length;
  for (let i = m.to; i < rightLimit; i++) if (STOP.has(tokens[i]!.norm) || (tokens[i]!.norm === ',' && i > m.to + 1)) { rightLimit = i; break; }
  const trigStart = tokens[m.from]!.start;
  const trigEnd = tokens[m.to - 1]!.end;
  const mentions = s.mentions.filter((x) => x.end <= trigStart || x.start >= trigEnd);
  const subjEnd = tokens[subjectLimit]!.start;
  const before = mentions.filter((x) => x.end <= subjEnd && tokAt(tokens, x.start) >= leftLimit);
  const after = mentions.filter((x) => x.start >= trigEnd && tokAt(tokens, x.start) < rightLimit);
  // the word before a mention, skipping determiners: "by the Harbour Police" → "by"
  const prevWord = (x: Annotation) => {
    let i = tokAt(tokens, x.start) - 1;
    while (i >= 0 && DETERMINERS.has(tokens[i]!.norm)) i--;
    return tokens[i]?.norm ?? '';
  };
  const isPlace = (x: Annotation) => x.label === 'LOC' && PLACE_PREP.has(prevWord(x)) && !x.attrs.standsFor;
  // subject side: nearest non-place mention before the trigger; for a passive or a noun of an
  // undergoing class ("the arrest of X" aside), it is the one the event happens to
  // a subject is not governed by a preposition ("during the X period he died"), but a noun
  // trigger's modifier may be ("the death of X" is handled on the object side)
  // ("after X came to power": a subordinator, not a preposition, when a verb follows the mention)
  const adjacent = (x: Annotation) => tokAt(tokens, x.end) >= subjectLimit - 1;
  const governed = (x: Annotation) => preps.has(prevWord(x)) && !(words.subordinators.includes(prevWord(x)) && m.entry.pos !== 'noun' && tokAt(tokens, x.end) >= subjectLimit - 2);
  let subj: Annotation | undefined = [...before].reverse().find((x) => !isPlace(x) && (!governed(x) || (m.entry.pos === 'noun' && adjacent(x))));
  let pronoun: string | undefined;
  if (!subj && relativeAt > 0) {
    // "X, who died in 1953": the relative pronoun's antecedent is the subject
    let k = relativeAt - 1;
    if (tokens[k]?.norm === ',') k--;
    const at = tokens[k];
    if (at) subj = s.mentions.filter((x) => x.end === at.end).sort((a, b) => a.start - b.start)[0];
  }
  if (!subj && resolve && m.entry.pos !== 'noun') {
    const subjects = [...words.subjectPronouns.personal, ...words.subjectPronouns.plural];
    for (let i = subjectLimit - 1; i >= leftLimit; i--) {
      if (!subjects.includes(tokens[i]!.norm)) continue;
      subj = resolve(tokens[i]!.start, tokens[i]!.norm);
      if (subj) pronoun = text.slice(tokens[i]!.start, tokens[i]!.end);
      break;
    }
  }
  if (subj) {
    const undergoes = passive || (m.entry.pos === 'noun' && UNDERGOER_CLASSES.has(m.entry.class)) || (m.entry.pos === 'phrase' && /^(was|were) /.test(m.entry.tokens.join(' ')));
    const p = fromMention(undergoes ? 'patient' : 'agent', subj, text);
    if (pronoun) {
      // the span stays on the pronoun: the antecedent may sit in an earlier sentence
      const t = tokens.find((x) => text.slice(x.start, x.end) === pronoun && x.start < subjEnd && tokens.indexOf(x) >= leftLimit);
      if (t) {
        p.start = t.start;
        p.end = t.end;
      }
      p.pronoun = pronoun;
    }
    out.push(p);
    // "X, together with Y and Z, initiated …", "X, Y and Z signed …": the conjuncts share the role
    if (!pronoun) for (const c of conjuncts(subj, before, tokens)) out.push(fromMention(p.role, c, text));
  }
  // helpers anywhere in the clause before the trigger: "with the help of X, Y did …"
  for (const x of s.mentions) {
    const i = tokAt(tokens, x.start);
    if (x === subj || x.end > tokens[m.from]!.start || i < leftLimit) continue;
    const lead = tokens.slice(Math.max(0, i - 5), i).map((t) => t.norm).join(' ');
    if (words.helperPhrases.some((h) => lead.endsWith(h)) && !out.some((p) => p.mention === x.id)) out.push(fromMention('other', x, text));
  }
  // object side
  let objectTaken = false;
  for (const x of after) {
    const pw = prevWord(x);
    if (isPlace(x) || (m.entry.class === 'visit' && x.label === 'LOC' && !objectTaken)) {
      out.push(fromMention('place', x, text));
      continue;
    }
    if (pw === 'by' && passive) {
      out.push(fromMention('agent', x, text));
      continue;
    }
    if ((pw === 'to' || pw === 'for') && m.entry.class === 'aid') {
      out.push(fromMention('recipient', x, text));
      continue;
    }
    if (!objectTaken && !passive) {
      const role = m.entry.pos === 'noun' && !UNDERGOER_CLASSES.has(m.entry.class) && pw !== 'of' ? 'other' : m.entry.pos === 'noun' && pw === 'of' && !UNDERGOER_CLASSES.has(m.entry.class) ? 'agent' : 'patient';
      out.push(fromMention(role, x, text));
      objectTaken = true;
    } else if (x.label !== 'LOC') {
      out.push(fromMention('other', x, text));
    }
  }
  return out;
}

/** The participant list as JSON for the annotation (offsets dropped: the mention id links them). */
export function participantsJson(ps: readonly Participant[]): Json[] {
  return ps.map((p) => {
    const o: Record<string, Json> = { role: p.role, text: p.text };
    if (p.pronoun) o.pronoun = p.pronoun;
    if (p.basis) o.basis = p.basis;
    if (p.entity) o.entity = p.entity;
    if (p.mention) o.mention = p.mention;
    return o;
  });
}

/**
 * Adds the known participants of a knowledge-base event the trigger names ("the Sino-Soviet split":
 * the trigger "split" lies in a mention linked to a KB event whose participants are the two states):
 * each KB participant not already among the participants joins with role `other` and `basis:
 * 'kb-event'`, spanning the naming mention. Returns a new list.
 */
export function withKbEventParticipants(ps: readonly Participant[], s: SentenceView, trigger: { start: number; end: number }, kb: KnowledgeBase | undefined): Participant[] {
  if (!kb) return [...ps];
  const named = s.mentions.find((m) => m.start <= trigger.start && trigger.end <= m.end && typeof m.attrs.entity === 'string' && kb.eventById.has(m.attrs.entity));
  const ev = named ? kb.eventById.get(named.attrs.entity as string) : undefined;
  if (!named || !ev) return [...ps];
  const out = [...ps];
  for (const id of ev.participants) {
    const e = kb.byId.get(id);
    if (!e || out.some((p) => p.entity === id)) continue;
    out.push({ role: 'other', entity: id, text: e.name, basis: 'kb-event', start: named.start, end: named.end });
  }
  return out;
}
