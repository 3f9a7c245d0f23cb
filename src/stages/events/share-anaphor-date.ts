import type { Annotation, Json } from '../../core/types.ts';
import { tokenIndexAt, triggerStart, type SentenceView } from './read-layers.ts';

/** Words before an event noun that make it the event already told: "the report", "this decision", "his speech", "Lee's report". */
const BACK_POINTERS = new Set(['the', 'this', 'that', 'these', 'those', 'such', 'his', 'her', 'its', 'their', "'s", '’s']);
/** How many sentences back the told event may be. */
const REACH = 3;
/** Section kinds that open a new part of the text: no antecedent is looked for before them. */
const OPENS_PART = new Set(['heading', 'title']);

type Part = { role?: string; entity?: string };
type Time = Record<string, Json | undefined>;

/** The agents' entities of an event. */
function agentsOf(a: Annotation): string[] {
  return ((a.attrs.participants as Part[] | undefined) ?? []).filter((p) => p.role === 'agent' && p.entity).map((p) => p.entity!);
}

/** True when a noun trigger reads as the event already told ("the report", "Lee's report"). */
function pointsBack(a: Annotation, s: SentenceView): boolean {
  if (!String(a.provenance.rule ?? '').startsWith('trigger:noun')) return false;
  const tr = a.attrs.trigger as { start: number } | undefined;
  if (!tr) return false;
  const i = tokenIndexAt(s.tokens, tr.start);
  const before = s.tokens[i - 1]?.norm ?? '';
  // a possessive may be its own token ("Lee" "'s") or end the name's ("lee's")
  return BACK_POINTERS.has(before) || /\p{L}['’]s$/u.test(before);
}

/**
 * An event noun that tells again an event already told ("Lee made a report on 3 May. … The text of
 * Lee's report is lost.") takes that event's stated date instead of the narrative time: the nearest
 * earlier event of the same class with a date of its own, within three sentences, no heading between,
 * the same narrative (section kind comment: the same comment), and no disagreeing agents. Only
 * events whose time is inherited or missing change; their time stays marked `inherited` (the date
 * is not stated with them) with `basis: 'event-anaphora'` and `from` (the told event's id).
 * Returns new annotations in the same order; the input is not changed.
 */
export function shareAnaphorDate(events: readonly Annotation[], sentences: readonly SentenceView[]): Annotation[] {
  const sentenceOf = (a: Annotation) => sentences[a.attrs.sentence as number];
  const changed = new Map<string, Annotation>();
  for (const e of events) {
    const s = sentenceOf(e);
    const t = e.attrs.time as Time | undefined;
    if (!s || (t && t.inherited !== true) || !pointsBack(e, s)) continue;
    const reachable = (os: SentenceView) => {
      if (s.index - os.index > REACH || os.index > s.index) return false;
      if ((os.section?.kind === 'comment' || s.section?.kind === 'comment') && os.section?.id !== s.section?.id) return false;
      // no heading from the told event's sentence (exclusive) up to this one
      return !sentences.slice(os.index + 1, s.index + 1).some((x) => x.section && OPENS_PART.has(x.section.kind));
    };
    const mine = agentsOf(e);
    const ante = events
      .filter((o) => {
        const os = sentenceOf(o);
        const ot = o.attrs.time as Time | undefined;
        if (o === e || o.label !== e.label || !os || !ot || ot.inherited === true || typeof ot.edtf !== 'string' || triggerStart(o) >= triggerStart(e) || !reachable(os)) return false;
        const theirs = agentsOf(o);
        return mine.length === 0 || theirs.length === 0 || mine.some((x) => theirs.includes(x));
      })
      .sort((a, b) => triggerStart(a) - triggerStart(b))
      .pop();
    if (!ante) continue;
    const time: Time = { ...(ante.attrs.time as Time), inherited: true, basis: 'event-anaphora', from: ante.id };
    changed.set(e.id, { ...e, attrs: { ...e.attrs, time } });
  }
  return events.map((e) => changed.get(e.id) ?? e);
}
