import type { SentenceView } from '../events/read-layers.ts';
import { isDating } from '../events/pick-time.ts';
import { matchAt, type Cues } from './cues.ts';

/** Why a sentence is worth checking: the kinds of fact it names. */
export type CheckReason = 'date' | 'number' | 'office' | 'cause' | 'comparison';

/**
 * Tells which check-worthy facts a sentence names: a date (a dating timex), a number (digits or
 * number words), an office ("first secretary", "premier"), a cause ("led to", "because") or a comparison ("greater",
 * "superiority over", "in contrast to").
 */
export function checkReasons(s: SentenceView, cues: Cues): CheckReason[] {
  const norms = s.tokens.map((t) => t.norm);
  const out: CheckReason[] = [];
  if (s.timexes.some(isDating)) out.push('date');
  if (norms.some((w) => /\d/.test(w) || cues.numberWords.has(w))) out.push('number');
  if (norms.some((_, i) => matchAt(norms, i, cues.offices) > 0)) out.push('office');
  if (norms.some((_, i) => matchAt(norms, i, cues.causes) > 0)) out.push('cause');
  if (norms.some((_, i) => matchAt(norms, i, cues.comparatives) > 0)) out.push('comparison');
  return out;
}

/** True when a sentence reads as an assertion: long enough, not a question, not a bare heading. */
export function isAssertive(s: SentenceView, text: string): boolean {
  const body = text.slice(s.start, s.end).trim();
  const words = s.tokens.filter((t) => /\p{L}/u.test(t.norm)).length;
  return words >= 5 && !body.endsWith('?') && /[.!…"”]$/.test(body);
}
