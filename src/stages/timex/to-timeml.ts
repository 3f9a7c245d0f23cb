import type { Timex } from './types.ts';

/**
 * The TimeML (TIMEX3) view of found expressions: ranges and coordinations split into their parts
 * (TimeML tags each endpoint), event-anchored expressions dropped (TimeML tags no event phrases).
 */
export function toTimeMLTimexes(timexes: readonly Timex[]): Timex[] {
  const out: Timex[] = [];
  for (const t of timexes) {
    if (t.extension) continue;
    if (t.parts) out.push(...toTimeMLTimexes(t.parts));
    else out.push(t);
  }
  return out;
}
