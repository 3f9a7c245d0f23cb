import type { Annotation, Json } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { TriggerMatch } from './lexicon.ts';
import type { SentenceView, TokenView } from './read-layers.ts';
import { participantWords } from './resolve-pronoun.ts';
import { governingPreposition, governingPrepositionAt, isPremodifier } from './bind-roles.ts';
import { isOfficeCopula } from './office-complement.ts';

/** One participant of an event, as docs/layers.md defines it. */
export interface Participant {
  role: 'agent' | 'patient' | 'recipient' | 'place' | 'other';
  entity?: string;
  mention?: string;
  text: string;
  /** Set when the participant is a pronoun resolved to an earlier mention (`text` is that mention's). */
  pronoun?: string;
  /** `kb-event` when the participant comes from the knowledge base's record of a named event, not from the text; `event-anaphora` when copied from the earlier event an anaphor ("this decision") refers to. */
  basis?: 'kb-event' | 'event-anaphora';
  start: number;
  end: number;
}

/** Classes whose grammatical subject undergoes the event when the trigger is a noun ("the death of X"). */
const UNDERGOER_CLASSES = new Set(['death', 'birth', 'arrest', 'trial', 'execution', 'removal', 'repression', 'renaming']);
/** Classes whose verb triggers are intransitive, the subject undergoing the event ("X died", "X perished"). */
const INTRANSITIVE_UNDERGOER_CLASSES = new Set(['death']);

/** True when a mention follows the token at `to` directly or after a determiner: the verb's direct object ("starved the peasants"). */
function hasDirectObject(tokens: readonly TokenView[], to: number, mentions: readonly Annotation[]): boolean {
  let k = to;
  if (DETERMINERS.has(tokens[k]?.norm ?? '')) k++;
  const at = tokens[k];
  return at !== undefined && mentions.some((x) => x.start === at.start);
}
/** Classes whose event noun's "of" names what is made or given, not who acts ("the creation of X", "the election of Y"). */
const OF_PATIENT_CLASSES = new Set(['founding', 'appointment']);
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

/** Classes whose destination may be told in steps: "went to X, then on to Y", "flew to X, directly to Y". */
const MOTION_CLASSES = new Set(['visit']);

/** True when the comma at token `i` goes on with another destination: ", (then/directly/…) to Y". */
function continuesDestination(tokens: readonly TokenView[], i: number): boolean {
  let k = i + 1;
  while (k < tokens.length && (ADVERBS.has(tokens[k]!.norm) || tokens[k]!.norm.endsWith('ly') || tokens[k]!.norm === 'on')) k++;
  return k > i && (tokens[k]?.norm === 'to' || tokens[k]?.norm === 'into');
}

/**
 * Token index of the relative pronoun opening the comma-set relative clause a trigger sits in
 * (", who died …"), or -1: looked for back from the trigger up to a comma, without crossing a mark.
 */
function relativeOpening(tokens: readonly TokenView[], m: TriggerMatch, relatives: readonly string[]): number {
  for (let i = m.from - 1; i >= 1 && i >= m.from - 6; i--) {
    const w = tokens[i]!.norm;
    if (relatives.includes(w) && w !== 'that') return tokens[i - 1]!.norm === ',' ? i : -1;
    if (!/^[\p{L}\p{N}]/u.test(w)) return -1;
  }
  return -1;
}

/** Subordinators that open an -ing clause sharing the main clause's subject ("X, while heading …"). */
const CLAUSE_SUBORDINATORS = new Set(['while', 'although', 'though', 'whereas']);

/**
 * The comma-set phrase ending right before token `limit` (adverbs aside) and starting after
 * `floor`, as token indexes of its two commas: "X, clearly dissatisfied with Y, ordered"; not a
 * coordination ("X, together with Y, signed").
 */
export function parentheticalBefore(tokens: readonly TokenView[], limit: number, floor: number): { from: number; to: number } | undefined {
  let k = limit - 1;
  while (k >= floor && (ADVERBS.has(tokens[k]!.norm) || tokens[k]!.norm.endsWith('ly'))) k--;
  if (tokens[k]?.norm !== ',') return undefined;
  for (let j = k - 1; j >= floor; j--) {
    if (tokens[j]!.norm !== ',') continue;
    // "X, together with Y and Z, signed": a coordination, not an aside
    const lead = tokens.slice(j + 1, j + 4).map((t) => t.norm).join(' ');
    if (j >= k - 1 || /^(?:and|or|together with|along with|as well as)\b/.test(lead)) return undefined;
    return { from: j, to: k };
  }
  return undefined;
}

/** True when a participle or -ing trigger opens its sentence ("Confirmed in power, …", "Having signed …, "). */
export function opensSentence(tokens: readonly TokenView[], m: TriggerMatch): boolean {
  const lead = tokens.slice(0, m.from).map((t) => t.norm);
  if (!lead.every((w) => w === 'having' || w === 'being' || w === 'once' || ADVERBS.has(w) || w.endsWith('ly'))) return false;
  const w = tokens[m.from]!.norm;
  return m.entry.participle || /(?:ed|en|ing)$/.test(w) || lead.includes('having');
}

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
    // "X, together with the Y": an article opening the next conjunct is no part of the joiner
    while (gap.length > 1 && DETERMINERS.has(gap[gap.length - 1]!)) gap.pop();
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
  const actorHeads = new Set(words.actorHeads);
  const patientPreps = new Set(words.patientPrepositions[m.entry.class] ?? []);
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
    // "X returned to Y, (simultaneously) heading …": an -ing verb after a comma and adverbs
    const adverbsOnly = gap.slice(k + 1).every((t) => ADVERBS.has(t.norm) || t.norm.endsWith('ly'));
    return gap[k]?.norm === 'and' || (gap[k]?.norm === ',' && adverbsOnly && tokens[from]!.norm.endsWith('ing'));
  };
  while (prevTrigger && shares(prevTrigger, subjectLimit)) {
    // "X condemned Y, who died in 1953, and called for …": a verb in a relative clause set off by
    // commas is stepped over; the later verb shares the subject of the verb before the clause
    const rel = relativeOpening(tokens, prevTrigger, words.relativePronouns);
    const before = rel >= 0 && tokens.slice(prevTrigger.to, subjectLimit).some((t) => t.norm === ',') ? [...verbs].reverse().find((t) => t.to <= rel) : undefined;
    if (before) {
      subjectLimit = before.from;
      passive ||= isPassive(tokens, before);
      prevTrigger = [...verbs].reverse().find((t) => t.to <= before.from);
      continue;
    }
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
  for (let i = m.to; i < rightLimit; i++) {
    // "arrested, in 1921, by X": a parenthetical right after the trigger is stepped over
    if (i === m.to && tokens[i]!.norm === ',' && isParenthetical(s, i)) {
      i = tokens.findIndex((t, k) => k > m.to && t.norm === ',');
      continue;
    }
    if (tokens[i]!.norm === ',' && MOTION_CLASSES.has(m.entry.class) && continuesDestination(tokens, i)) continue;
    // ", ”the historian said": a comma at a closing quote ends the quoted clause
    const quoteEnd = tokens[i]!.norm === ',' && (tokens[i + 1]?.norm === '"' || tokens[i - 1]?.norm === '"');
    if (STOP.has(tokens[i]!.norm) || (tokens[i]!.norm === ',' && (i !== m.to + 1 || quoteEnd))) {
      rightLimit = i;
      break;
    }
  }
  const trigStart = tokens[m.from]!.start;
  const trigEnd = tokens[m.to - 1]!.end;
  // a name nested in a longer one outside the trigger is not a participant of its own ("US" in "US President X")
  const outside = s.mentions.filter((x) => x.end <= trigStart || x.start >= trigEnd);
  const mentions = outside.filter((x) => !outside.some((y) => y.start <= x.start && x.end <= y.end && y.end - y.start > x.end - x.start));
  const subjEnd = tokens[subjectLimit]!.start;
  const before = mentions.filter((x) => x.end <= subjEnd && tokAt(tokens, x.start) >= leftLimit);
  const after = mentions.filter((x) => x.start >= trigEnd && tokAt(tokens, x.start) < rightLimit);
  // the word before a mention, skipping determiners: "by the Harbour Police" → "by"
  const prevWord = (x: Annotation) => {
    let i = tokAt(tokens, x.start) - 1;
    while (i >= 0 && DETERMINERS.has(tokens[i]!.norm)) i--;
    return tokens[i]?.norm ?? '';
  };
  // "in the Albanian capital Tirana", "in the PRC or Albania": the preposition may govern a longer phrase or a coordination
  const placeByPrep = (x: Annotation) => PLACE_PREP.has(prevWord(x)) || PLACE_PREP.has(governingPreposition(tokens, x.start, preps, text, Math.max(leftLimit, tokAt(tokens, x.start) < m.from ? 0 : m.to)) ?? '');
  const isPlace = (x: Annotation): boolean =>
    x.label === 'LOC' && !x.attrs.standsFor && (placeByPrep(x) || conjuncts(x, s.mentions.filter((y) => y.label === 'LOC'), tokens).some((c) => !c.attrs.standsFor && placeByPrep(c)));
  const modifier = (x: Annotation) => isPremodifier(x, s, text, all, actorHeads);
  // subject side: nearest non-place mention before the trigger; for a passive or a noun of an
  // undergoing class ("the arrest of X" aside), it is the one the event happens to
  // a subject is not governed by a preposition ("during the X period he died"), but a noun
  // trigger's modifier may be ("the death of X" is handled on the object side)
  // ("after X came to power": a subordinator, not a preposition, when a verb follows the mention)
  const adjacent = (x: Annotation) => tokAt(tokens, x.end) >= subjectLimit - 1;
  // "X, together with Y, signed": "together with" coordinates, it does not govern
  const coordinated = (x: Annotation) => {
    let i = tokAt(tokens, x.start) - 1;
    while (i >= 0 && DETERMINERS.has(tokens[i]!.norm)) i--;
    return tokens[i]?.norm === 'with' && ['together', 'along'].includes(tokens[i - 1]?.norm ?? '');
  };
  const governed = (x: Annotation) => preps.has(prevWord(x)) && !coordinated(x) && !(words.subordinators.includes(prevWord(x)) && m.entry.pos !== 'noun' && tokAt(tokens, x.end) >= subjectLimit - 2);
  const candidate = (x: Annotation) => !isPlace(x) && !modifier(x) && (!governed(x) || (m.entry.pos === 'noun' && adjacent(x)));
  // "X, clearly dissatisfied with Y, ordered …": a comma-set phrase right before the verb holds no subject when a candidate precedes it
  const aside = m.entry.pos === 'noun' ? undefined : parentheticalBefore(tokens, subjectLimit, leftLimit);
  const outsideAside = (x: Annotation) => !aside || tokAt(tokens, x.start) < aside.from || tokAt(tokens, x.start) > aside.to;
  const useAside = aside !== undefined && before.some((x) => tokAt(tokens, x.end - 1) < aside.from && candidate(x));
  // the nearest name that is a premodifier ("the Leninist national policy liquidated …") means the
  // subject is the common noun it modifies: no name further back is taken
  const nearest = [...before].reverse().filter((x) => !isPlace(x) && (!useAside || outsideAside(x)));
  const headsSubject = (x: Annotation) => {
    // the modified noun runs up to the verb: "the Leninist national policy liquidated", not "the X course in order to … become"
    const gap = tokens.slice(tokAt(tokens, x.end), subjectLimit);
    return gap.length <= 3 && gap.every((t) => /^\p{L}/u.test(t.norm) && !preps.has(t.norm) && !COORDINATION.has(t.norm));
  };
  const stopAt = nearest.findIndex((x) => modifier(x) && headsSubject(x));
  let subj: Annotation | undefined = (stopAt < 0 ? nearest : nearest.slice(0, stopAt)).find((x) => candidate(x));
  let pronoun: string | undefined;
  if (!subj && relativeAt > 0) {
    // "X, who died in 1953": the relative pronoun's antecedent is the subject
    let k = relativeAt - 1;
    if (tokens[k]?.norm === ',') k--;
    const at = tokens[k];
    if (at) subj = s.mentions.filter((x) => x.end === at.end).sort((a, b) => a.start - b.start)[0];
  }
  // "X, while heading …": an -ing clause opened by a subordinator shares the main clause's subject
  let participleRole: Participant['role'] | undefined;
  const opener = leftLimit - 1;
  if (!subj && m.entry.pos !== 'noun' && opener >= 0 && CLAUSE_SUBORDINATORS.has(tokens[opener]!.norm) && opener === subjectLimit - 1 && tokens[m.from]!.norm.endsWith('ing')) {
    let k = opener - 1;
    if (tokens[k]?.norm === ',') k--;
    const at = tokens[k];
    if (at) subj = s.mentions.filter((x) => x.end === at.end && !preps.has(prevWord(x))).sort((a, b) => a.start - b.start)[0];
  }
  // "Confirmed in power, X promoted …", "Arriving in Y, X …": a sentence-opening participle's subject is the main clause's
  if (!subj && m.entry.pos !== 'noun' && opensSentence(tokens, m)) {
    const comma = tokens.findIndex((t, i) => i >= m.to && t.norm === ',');
    const main = comma < 0 ? undefined : mentions.find((x) => tokAt(tokens, x.start) > comma && !isPlace(x) && !modifier(x) && !preps.has(prevWord(x)));
    if (main && tokens.slice(comma + 1, tokAt(tokens, main.start)).every((t) => DETERMINERS.has(t.norm) || /^\p{Lu}/u.test(text[t.start] ?? ''))) {
      subj = main;
      participleRole = tokens[m.from]!.norm.endsWith('ing') || tokens[m.from - 1]?.norm === 'having' ? 'agent' : 'patient';
    }
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
    // "X died", "X perished": the subject of an intransitive verb of dying undergoes it; "starved the peasants" has an object
    const dies = m.entry.pos === 'verb' && INTRANSITIVE_UNDERGOER_CLASSES.has(m.entry.class) && !hasDirectObject(tokens, m.to, mentions);
    const undergoes = passive || dies || (m.entry.pos === 'noun' && UNDERGOER_CLASSES.has(m.entry.class)) || (m.entry.pos === 'phrase' && /^(was|were) /.test(m.entry.tokens.join(' ')));
    const p = fromMention(participleRole ?? (undergoes ? 'patient' : 'agent'), subj, text);
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
  // object side: "ousted him from …" — an object pronoun right after a verb fills the object slot
  let objectTaken = false;
  const neuter = words.objectPronouns.neuter ?? [];
  const objectPronouns = [...words.objectPronouns.personal, ...words.objectPronouns.plural, ...neuter];
  if (m.entry.pos !== 'noun' && !passive && objectPronouns.includes(tokens[m.to]?.norm ?? '')) {
    // "accusing it of …": the pronoun is the object even when it is not resolved ("it" only for organisations joined, left, founded)
    objectTaken = true;
    const t = tokens[m.to]!;
    const ante = neuter.includes(t.norm) && !words.neuterObjectClasses?.includes(m.entry.class) ? undefined : resolve?.(t.start, t.norm);
    // "him" is not the subject of its own clause: an antecedent that is the agent found is dropped
    if (ante && !out.some((p) => p.mention === ante.id || (p.entity !== undefined && p.entity === entityOf(ante)))) out.push({ ...fromMention('patient', ante, text), pronoun: text.slice(t.start, t.end), start: t.start, end: t.end });
  }
  // "the arrest of X": a verb form after a determiner is read as the event noun it also is
  // ("the army that attacked X": a relative "that" is no determiner)
  const noun = m.entry.pos === 'noun' || (DETERMINERS.has(tokens[m.from - 1]?.norm ?? '') && tokens[m.from - 1]!.norm !== 'that');
  for (const x of after) {
    const pw = prevWord(x);
    if (isPlace(x) || (m.entry.class === 'visit' && x.label === 'LOC' && !objectTaken)) {
      out.push(fromMention('place', x, text));
      continue;
    }
    // "X was approved by Y", and the reduced passive "a program approved by Y"
    if (pw === 'by' && (passive || (m.entry.participle && tokens[m.to]?.norm === 'by'))) {
      out.push(fromMention('agent', x, text));
      continue;
    }
    // "aid to X", "predicted to X": the one given to or told
    if (((pw === 'to' || pw === 'for') && m.entry.class === 'aid') || (pw === 'to' && m.entry.class === 'statement' && !noun)) {
      out.push(fromMention('recipient', x, text));
      continue;
    }
    // a name after a preposition the trigger does not take its patient with ("ousted him from the
    // party", "the post of secretary of X", "the blow for Moscow"), a premodifier ("the Albanian
    // city"), or a body named in an office ("took over as secretary of X") is a circumstance
    const govAt = governingPrepositionAt(tokens, x.start, preps, text, m.to);
    const gov = govAt === undefined ? undefined : tokens[govAt]!.norm;
    const ownPrep = gov !== undefined && tokens.slice(m.from, m.to).some((t) => t.norm === gov) && tokAt(tokens, x.start) - m.to <= 2;
    // "the death of X" but not "a vacation to the residence of X": the noun's own "of" follows it directly
    const nounOf = noun && gov === 'of' && govAt === m.to;
    const circumstance =
      modifier(x) ||
      (gov !== undefined && !ownPrep && !patientPreps.has(gov) && !nounOf) ||
      (m.entry.class === 'appointment' && (x.label !== 'PER' || isOfficeCopula(m)) && !nounOf);
    if (circumstance) {
      if (x.label !== 'LOC' || gov !== undefined) out.push(fromMention('other', x, text));
      continue;
    }
    if (!objectTaken && !passive) {
      const ofPatient = UNDERGOER_CLASSES.has(m.entry.class) || OF_PATIENT_CLASSES.has(m.entry.class) || [tokens[m.to - 1]!.norm, tokens[m.to - 1]!.norm.replace(/s$/, '')].some((w) => (words.ofPatientNouns ?? []).includes(w));
      const role = noun && !UNDERGOER_CLASSES.has(m.entry.class) && pw !== 'of' ? 'other' : noun && pw === 'of' && !ofPatient ? 'agent' : 'patient';
      out.push(fromMention(role, x, text));
      objectTaken = true;
    } else if (x.label !== 'LOC') {
      out.push(fromMention('other', x, text));
    }
  }
  return out;
}

/**
 * True when the comma at token `i` opens a parenthetical ("arrested, in 1937, by …", "the founding,
 * together with X, of …"): a date or a prepositional phrase closed by another comma. A comma right
 * after a trigger otherwise ends its clause ("after X's death, the council …": the council is no
 * participant of the death).
 */
function isParenthetical(s: SentenceView, i: number): boolean {
  const { tokens } = s;
  const close = tokens.findIndex((t, k) => k > i && t.norm === ',');
  if (close < 0 || close - i > 6) return false;
  const inner = tokens.slice(i + 1, close);
  const dated = inner.every((t) => s.timexes.some((x) => x.start <= t.start && t.end <= x.end));
  const lead = inner.slice(0, 2).map((t) => t.norm).join(' ');
  return dated || PLACE_PREP.has(inner[0]?.norm ?? '') || ['by', 'with'].includes(inner[0]?.norm ?? '') || lead === 'together with' || lead === 'along with';
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
