import type { TokenView } from './read-layers.ts';

/** Cue words for polarity and modality (`data/events/modality.json`). */
export interface ModalityCues {
  negation: string[];
  possible: string[];
  future: string[];
  hypothetical: string[];
  hypotheticalClause: string[];
  intervening: string[];
  /** Predicates that deny an event noun they follow ("the meeting never happened"). */
  negatingPredicates?: string[];
  /** Predicates that make an event noun intended, not told as done ("the visit was planned"). */
  unrealPredicates?: string[];
}

/** Polarity and modality of an event mention. */
export interface ModalityResult {
  polarity: 'positive' | 'negative';
  modality: 'asserted' | 'possible' | 'hypothetical' | 'future';
  /** The cue tokens that decided it, for provenance. */
  cues: string[];
}

/** Tokens that end the clause a trigger's auxiliaries can live in. */
const CLAUSE_BREAK = new Set([',', ';', ':', '(', ')', '—', '–', 'and', 'but', 'which', 'who', 'that', 'while', 'whereas', 'because', 'after', 'before', 'when']);

/**
 * Decides polarity and modality of the trigger at token `from` of a sentence: negation and modal
 * words in the few tokens before it within its clause ("could well end in a war" → possible,
 * "did not sign" → negative, "would have arrested" → hypothetical), and conditional or imagined
 * clauses anywhere before it in the sentence ("if … had", "imagine …") → hypothetical.
 */
export function assessModality(tokens: readonly TokenView[], from: number, cues: ModalityCues): ModalityResult {
  const found: string[] = [];
  let polarity: ModalityResult['polarity'] = 'positive';
  let modality: ModalityResult['modality'] = 'asserted';
  const set = (m: ModalityResult['modality']) => {
    const rank = { asserted: 0, future: 1, possible: 2, hypothetical: 3 };
    if (rank[m] > rank[modality]) modality = m;
  };
  // auxiliaries: walk back over the verb group ("could well have been", "did not")
  for (let i = from - 1, n = 0; i >= 0 && n < 6; i--, n++) {
    const w = tokens[i]!.norm;
    if (CLAUSE_BREAK.has(w)) break;
    if (cues.negation.includes(w)) {
      polarity = 'negative';
      found.push(w);
    } else if (cues.hypothetical.includes(w) && w !== 'were') {
      set('hypothetical');
      found.push(w);
    } else if (cues.possible.includes(w)) {
      set('possible');
      found.push(w);
    } else if (cues.future.includes(w) && !(w === 'about' && tokens[i + 1]?.norm !== 'to')) {
      set('future');
      found.push(w);
    }
  }
  // a conditional or imagined clause earlier in the sentence, or right after the trigger's clause start
  for (let i = 0; i < from; i++) {
    const w = tokens[i]!.norm;
    const two = `${w} ${tokens[i + 1]?.norm ?? ''}`;
    if (cues.hypotheticalClause.includes(w) || cues.hypotheticalClause.includes(two)) {
      set('hypothetical');
      found.push(w);
      break;
    }
  }
  return { polarity, modality, cues: found };
}

/** Words a noun trigger's post-modifiers may hold before its predicate ("the visit of the two kings to Brenn never happened"). */
const POSTMODIFIER_BREAK = new Set([',', ';', ':', '(', ')', '—', '–', 'but', 'which', 'who', 'that', 'while', 'because', 'when']);
/** Words after "and" that open a new noun phrase or clause. */
const NEW_PHRASE = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'then']);

/**
 * Polarity and modality an event noun takes from the predicate it is the subject of: "the meeting
 * (of the two kings) never happened" or "was called off" → negative, "was planned" → future. Looks
 * up to eight tokens after the noun (`to`, the token after it) within its clause and before `limit`
 * (the next trigger). Returns undefined when no such predicate follows.
 */
export function assessPredicate(tokens: readonly TokenView[], to: number, cues: ModalityCues, limit = tokens.length): ModalityResult | undefined {
  const phrases = (list: string[] | undefined) => (list ?? []).map((p) => p.split(' '));
  const negating = phrases(cues.negatingPredicates);
  const unreal = phrases(cues.unrealPredicates);
  const at = (i: number, p: string[]) => p.every((w, k) => tokens[i + k]?.norm === w);
  for (let i = to; i < Math.min(tokens.length, limit) && i < to + 8; i++) {
    const w = tokens[i]!.norm;
    // "and" ends the noun's phrase before a new one ("…, and the riot never happened"), not inside a list of names
    if (POSTMODIFIER_BREAK.has(w) || (w === 'and' && NEW_PHRASE.has(tokens[i + 1]?.norm ?? ''))) return undefined;
    const neg = negating.find((p) => at(i, p));
    if (neg) return { polarity: 'negative', modality: 'asserted', cues: neg };
    const un = unreal.find((p) => at(i, p));
    if (un) return { polarity: 'positive', modality: 'future', cues: un };
  }
  return undefined;
}
