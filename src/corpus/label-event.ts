import nlp from 'compromise';

/** A participant as the label reads it: role, and the name to show. */
export interface LabelParticipant {
  role: string;
  name: string;
}

/** Longest label, in characters. */
export const MAX_LABEL = 80;

/** Light verbs whose object carries the meaning ("made a speech" → "speech"). */
const LIGHT_VERBS = new Set(['make', 'give', 'deliver', 'take', 'hold', 'have', 'do', 'carry', 'launch', 'stage', 'conduct', 'pay', 'sign']);
const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'its', 'their', 'our', 'this', 'that']);

const lemmaCache = new Map<string, string>();

/**
 * The dictionary form of an event trigger: verbs to the infinitive ("was arrested" → "arrest",
 * "broke out" → "break out"), and a light verb's object alone ("made a speech" → "speech").
 */
export function triggerLemma(trigger: string): string {
  const key = trigger.trim().toLowerCase().replace(/\s+/g, ' ');
  const hit = lemmaCache.get(key);
  if (hit !== undefined) return hit;
  // A lone -ing word is a noun here ("uprising", "fighting"), not a verb to take back to its stem.
  if (/^\p{L}+ing$/u.test(key)) return key;
  // A subject gives compromise the context to read "crushed" or "joined" as a verb.
  const doc = nlp(`they ${key}`);
  doc.verbs().toInfinitive();
  let words = doc.text().toLowerCase().replace(/^they\s+/, '').replace(/[^\p{L}\p{N}\s'-]/gu, '').split(/\s+/).filter(Boolean);
  if (words.length === 0) words = key.split(' ');
  if (words.length > 1 && LIGHT_VERBS.has(words[0]!)) {
    const rest = words.slice(1).filter((w) => !DETERMINERS.has(w));
    if (rest.length) words = rest;
  }
  const lemma = words.join(' ');
  lemmaCache.set(key, lemma);
  return lemma;
}

/** Joins names: "A", "A and B", "A, B and 2 more". */
function names(list: readonly string[]): string {
  const u = [...new Set(list)];
  if (u.length <= 2) return u.join(' and ');
  return `${u[0]}, ${u[1]} and ${u.length - 2} more`;
}

/**
 * The clause of a sentence around a span, trimmed to `max` characters: the sentence is cut at
 * clause breaks (`,` `;` `:` dashes, parentheses) and the clause holding the span is kept, widened
 * by neighbouring clauses while it is short; a long clause is cut around the span with `…`.
 */
export function clauseAround(sentence: string, at: number, end: number, max = MAX_LABEL): string {
  const breaks = [0];
  for (const m of sentence.matchAll(/[,;:()]|\s[–—-]\s/g)) breaks.push(m.index + m[0].length);
  breaks.push(sentence.length);
  let i = 0;
  while (i < breaks.length - 2 && breaks[i + 1]! <= at) i++;
  const lo = breaks[i]!;
  let hi = breaks[i + 1]!;
  let j = i + 1;
  while (hi < end && j < breaks.length - 1) hi = breaks[++j]!;
  const clean = (a: number, b: number) => sentence.slice(a, b).replace(/\s+/g, ' ').replace(/^[\s,;:()–—-]+|[\s,;:(–—.!?-]+$/g, '');
  // Widen a clause of a few words by the next one while it fits.
  while (clean(lo, hi).length < 25 && j < breaks.length - 1 && clean(lo, breaks[j + 1]!).length <= max) hi = breaks[++j]!;
  const text = clean(lo, hi);
  if (text.length <= max) return text;
  // Cut around the trigger: start a little before it, at a word boundary.
  const rel = Math.max(0, at - lo - 20);
  let cut = sentence.slice(lo, hi).replace(/\s+/g, ' ').slice(rel);
  cut = rel > 0 ? cut.replace(/^\S*\s/, '') : cut.trimStart();
  cut = cut.replace(/[\s,;:(–—.!?-]+$/, '');
  if (cut.length <= max) return `${rel > 0 ? '…' : ''}${cut}`;
  const room = max - (rel > 0 ? 2 : 1);
  return `${rel > 0 ? '…' : ''}${cut.slice(0, room).replace(/\s+\S*$/, '')}…`;
}

/**
 * A short readable label of an event mention: "<agents> — <trigger lemma> — <patients>" from the
 * participants and the trigger ("Khrushchev — speech", "Beria — arrest" when only the patient is
 * known), else the clause around the trigger (at most 80 characters).
 */
export function labelEvent(trigger: string, participants: readonly LabelParticipant[], sentence: string, triggerAt: number): string {
  const agents = participants.filter((p) => p.role === 'agent').map((p) => p.name);
  const patients = participants.filter((p) => p.role === 'patient' || p.role === 'recipient').map((p) => p.name).filter((n) => !agents.includes(n));
  const lemma = trigger.trim() ? triggerLemma(trigger) : '';
  if (lemma && (agents.length || patients.length)) {
    const label = [agents.length ? names(agents) : '', lemma, patients.length ? names(patients) : ''].filter(Boolean).join(' — ');
    const short = agents.length ? label : `${names(patients)} — ${lemma}`;
    if (short.length <= MAX_LABEL) return short;
  }
  return clauseAround(sentence, triggerAt, triggerAt + trigger.length);
}
