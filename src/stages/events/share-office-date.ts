import type { Annotation, Json } from '../../core/types.ts';
import { readDataJson } from './lexicon.ts';

let groups: string[][] | undefined;

/** The office name groups of `data/events/offices.json`, longest names first. */
function officeGroups(): string[][] {
  groups ??= readDataJson<{ groups: string[][] }>('events/offices.json').groups.map((g) => [...g].sort((a, b) => b.length - a.length));
  return groups;
}

/** The office group (its index) whose name opens a stretch of text ("Premier of the Soviet Union" → premier's group). */
export function officeAt(words: string): number | undefined {
  const w = words.toLowerCase().replace(/[’]/g, "'").replace(/^\s*(?:the\s+)?/, '');
  const i = officeGroups().findIndex((g) => g.some((n) => w.startsWith(n) && !/^[\p{L}]/u.test(w.slice(n.length))));
  return i < 0 ? undefined : i;
}

type Participant = { role?: string; entity?: string };
type Time = Record<string, Json | undefined>;

/** Agent entities of an event. */
function agents(a: Annotation): string[] {
  return ((a.attrs.participants as Participant[] | undefined) ?? []).filter((p) => p.role === 'agent' && p.entity).map((p) => p.entity!);
}

/** The time attribute of an annotation, if any. */
function timeOf(a: Annotation): Time | undefined {
  const t = a.attrs.time;
  return t && typeof t === 'object' && !Array.isArray(t) ? (t as Time) : undefined;
}

/** The trigger span of an event. */
function triggerOf(a: Annotation): { start: number; end: number } {
  const t = a.attrs.trigger as { start?: number; end?: number } | undefined;
  return { start: t?.start ?? a.start, end: t?.end ?? a.end };
}

/**
 * Dates a change of office the text tells twice: "he reversed this by replacing X as prime
 * minister … he became Premier in March 1958". An event whose time is only inherited from the
 * narrative and whose trigger is followed, within a few words, by "as <office>" takes the time of
 * an appointment event in the same paragraph (at most three sentences away) with the same agent
 * whose trigger is followed by a name of the same office (`data/events/offices.json`) and whose
 * date the text states. Marks the time `relation: 'same-office-change'` and `sharedFrom`.
 * Returns new annotations; the input is not changed.
 */
export function shareOfficeDate(events: readonly Annotation[], text: string, paragraphOf: (sentence: number) => number): Annotation[] {
  const appointments = events.flatMap((o) => {
    const t = timeOf(o);
    if (o.label !== 'appointment' || !t || t.inherited || typeof t.edtf !== 'string' || o.attrs.polarity === 'negative') return [];
    const office = officeAt(text.slice(triggerOf(o).end, triggerOf(o).end + 80));
    return office === undefined ? [] : [{ o, office, t }];
  });
  if (!appointments.length) return [...events];
  return events.map((e) => {
    const t = timeOf(e);
    if (!t?.inherited) return e;
    const after = text.slice(triggerOf(e).end, triggerOf(e).end + 80);
    const as = /^(?:\s+[\p{L}.'’-]+){0,4}?\s+as\s+/u.exec(after);
    const office = as ? officeAt(after.slice(as[0].length)) : undefined;
    if (office === undefined) return e;
    const who = agents(e);
    const si = e.attrs.sentence as number;
    const match = appointments.find(
      ({ o, office: k }) => o !== e && k === office && agents(o).some((x) => who.includes(x)) && paragraphOf(o.attrs.sentence as number) === paragraphOf(si) && Math.abs((o.attrs.sentence as number) - si) <= 3,
    );
    if (!match) return e;
    return { ...e, attrs: { ...e.attrs, time: { ...match.t, inherited: false, relation: 'same-office-change', sharedFrom: match.o.id } } };
  });
}
