import type { Annotation, Json, Provenance } from '../../core/types.ts';
import { makeAnnotation } from '../../core/annotation.ts';
import { triggerStart, type SentenceView } from './read-layers.ts';

/** Pronouns that, as the subject of "happened", stand for what the sentence before told. */
const SUBJECTS = new Set(['this', 'that', 'it']);
/** Verbs of occurrence, as token sequences: "happened", "took place". */
const OCCURRED = [['happened'], ['occurred'], ['recurred'], ['took', 'place'], ['happened', 'again'], ['was', 'repeated']];
/** Adverbs allowed between the pronoun and the verb ("this regularly happened"). */
const BETWEEN = new Set(['also', 'again', 'then', 'regularly', 'repeatedly', 'often', 'always', 'usually', 'first']);

type Part = { role?: string };

/** The tokens `[from, to)` of the verb in "This (adverbs) happened" opening the sentence, or undefined. */
function occurrenceVerb(s: SentenceView): { from: number; to: number } | undefined {
  const { tokens } = s;
  if (!SUBJECTS.has(tokens[0]?.norm ?? '')) return undefined;
  let i = 1;
  while (i < tokens.length && BETWEEN.has(tokens[i]!.norm)) i++;
  let best: { from: number; to: number } | undefined;
  for (const words of OCCURRED) {
    if (words.every((w, k) => tokens[i + k]?.norm === w) && (!best || i + words.length > best.to)) best = { from: i, to: i + words.length };
  }
  return best;
}

/**
 * "This happened during the A crisis (1956) and the B war (1967)": a sentence whose subject "this" /
 * "that" / "it" occurs ("happened", "took place") in events it names as frames tells again the main (first)
 * event of the sentence before that has an agent or a patient, once per frame time (the shortest frame of
 * each time). Each restated event has the
 * antecedent's class, polarity and participants (places aside; `basis: 'event-anaphora'`), the frame's
 * span and time, `anaphorOf` (the antecedent's id) and `during` (the frame's id); its trigger is the
 * verb of occurrence. Returns the events with the restated ones added; the input is not changed.
 */
export function restateEvents(events: readonly Annotation[], sentences: readonly SentenceView[], sourceId: string, provenance: Provenance): Annotation[] {
  const added: Annotation[] = [];
  const ids = new Set(events.map((e) => e.id));
  for (let k = 1; k < sentences.length; k++) {
    const s = sentences[k]!;
    const prev = sentences[k - 1]!;
    if (s.section?.id !== prev.section?.id) continue;
    const at = occurrenceVerb(s);
    if (!at) continue;
    const verb = { start: s.tokens[at.from]!.start, end: s.tokens[at.to - 1]!.end };
    const ante = events
      .filter((e) => e.attrs.sentence === prev.index && ((e.attrs.participants as Part[] | undefined) ?? []).some((p) => p.role === 'agent' || p.role === 'patient'))
      .sort((a, b) => triggerStart(a) - triggerStart(b))[0];
    if (!ante) continue;
    // one frame per time, the shortest (the frame of that date alone, not a list of frames that starts with it)
    const byTime = new Map<string, Annotation>();
    for (const e of events) {
      if (e.attrs.sentence !== s.index || triggerStart(e) < verb.end || e.attrs.time === undefined) continue;
      const key = JSON.stringify((e.attrs.time as { edtf?: string }).edtf ?? e.attrs.time);
      const had = byTime.get(key);
      if (!had || e.end - e.start < had.end - had.start) byTime.set(key, e);
    }
    const frames = [...byTime.values()].sort((a, b) => a.start - b.start);
    const parts = ((ante.attrs.participants as Array<Record<string, Json>> | undefined) ?? []).filter((p) => p.role !== 'place').map((p) => ({ ...p, basis: 'event-anaphora' }));
    for (const f of frames) {
      const attrs: Record<string, Json | undefined> = {
        trigger: { start: verb.start, end: verb.end },
        participants: parts,
        polarity: ante.attrs.polarity ?? 'positive',
        modality: ante.attrs.modality ?? 'asserted',
        sentence: s.index,
        time: f.attrs.time,
        anaphorOf: ante.id,
        during: f.id,
      };
      const a = makeAnnotation(sourceId, 'event', f.start, f.end, ante.label, provenance, attrs);
      if (ids.has(a.id)) continue;
      ids.add(a.id);
      added.push(a);
    }
  }
  return added.length === 0 ? [...events] : [...events, ...added];
}
