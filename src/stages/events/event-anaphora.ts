import type { Annotation, Json } from '../../core/types.ts';
import { tokenIndexAt, type SentenceView } from './read-layers.ts';

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

/** True when the trigger reads as a reference back to an event: "this decision", "the treaty", "It was signed". */
function pointsBack(a: Annotation, s: SentenceView): boolean {
  const tr = a.attrs.trigger as { start: number; end: number } | undefined;
  if (!tr) return false;
  const i = tokenIndexAt(s.tokens, tr.start);
  const noun = String(a.provenance.rule ?? '').startsWith('trigger:noun');
  if (noun) return ANAPHORIC_DETERMINERS.has(s.tokens[i - 1]?.norm ?? '');
  let k = i - 1;
  while (k >= 0 && BETWEEN.has(s.tokens[k]!.norm)) k--;
  return k < i - 1 && EVENT_PRONOUNS.has(s.tokens[k]?.norm ?? '') && (k === 0 || [',', ';', 'and', 'but'].includes(s.tokens[k - 1]!.norm));
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
        const oStart = (o.attrs.trigger as { start: number } | undefined)?.start ?? o.start;
        return o !== e && o.label === e.label && os !== undefined && oStart < trStart && s.index - os.index <= REACH && os.section?.id === s.section?.id && partsOf(o).some((p) => p.role !== 'place');
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
