import type { Timex } from './types.ts';

/**
 * The TimeML (TIMEX3) view of found expressions: ranges and coordinations split into their parts
 * (TimeML tags each endpoint), event-anchored expressions dropped (TimeML tags no event phrases),
 * and expressions TimeML reads differently (`Timex.timeml`: "three days later") in TimeML's reading.
 */
export function toTimeMLTimexes(timexes: readonly Timex[]): Timex[] {
  const out: Timex[] = [];
  for (const t of timexes) {
    if (t.extension) continue;
    if (t.parts) out.push(...toTimeMLTimexes(t.parts));
    else if (t.timeml) out.push({ ...t, start: t.timeml.start, end: t.timeml.end, text: t.text.slice(t.timeml.start - t.start, t.timeml.end - t.start), type: t.timeml.type, value: t.timeml.value });
    else out.push(t);
  }
  return out;
}
