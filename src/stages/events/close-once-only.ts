import type { Annotation, Json } from '../../core/types.ts';

/**
 * Classes whose events happen once to their undergoer: a thing is founded once, a person born and
 * dies once. Two such events of one class about one entity are the same happening (or steps
 * towards it), so the one the text dates explicitly bounds the other.
 */
const ONCE_ONLY = new Set(['founding', 'birth', 'death']);

type Time = Record<string, Json | undefined>;

/** The `time` attribute of an event annotation, if any. */
function timeOf(a: Annotation): Time | undefined {
  const t = a.attrs.time;
  return t && typeof t === 'object' && !Array.isArray(t) ? (t as Time) : undefined;
}

/** One EDTF date part as the first ("1961-09" → 1961-09-01) or last day (→ 1961-09-30) it covers; undefined when open. */
function dayOf(part: string | undefined, last: boolean): string | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec((part ?? '').replace(/[~?%]/g, ''));
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (d) return `${y}-${mo}-${d}`;
  if (mo) return last ? `${y}-${mo}-${String(new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate()).padStart(2, '0')}` : `${y}-${mo}-01`;
  return last ? `${y}-12-31` : `${y}-01-01`;
}

/** Entities an event happens to: its patients, or for birth and death also its agent (the person). */
function undergoers(a: Annotation): string[] {
  const ps = (a.attrs.participants as Array<{ role?: string; entity?: string }> | undefined) ?? [];
  const roles = a.label === 'founding' ? ['patient'] : ['patient', 'agent'];
  return ps.filter((p) => p.entity && roles.includes(p.role ?? '')).map((p) => p.entity!);
}

/** Entities an event names in any role but place. */
function named(a: Annotation): string[] {
  const ps = (a.attrs.participants as Array<{ role?: string; entity?: string }> | undefined) ?? [];
  return ps.filter((p) => p.entity && p.role !== 'place').map((p) => p.entity!);
}

/**
 * Closes the open end of a once-only event ("after which X, Y and Z initiated the creation of the
 * Movement" → `1959-11/..`) with the latest bound of another event of the same class about the
 * same entity that the text dates explicitly and that starts no earlier ("in September 1961 the
 * conference proclaimed the creation of the Movement" → `1959-11/1961-09`): a thing is created
 * once, so what led to its creation came no later. The earliest-ending such event wins. Marks the
 * time `closedBy` (the other event's id). Returns new annotations; the input is not changed.
 */
export function closeOnceOnly(events: readonly Annotation[]): Annotation[] {
  return events.map((e) => {
    const t = timeOf(e);
    const edtf = typeof t?.edtf === 'string' ? t.edtf : '';
    const m = /^([^/]+)\/\.\.$/.exec(edtf);
    if (!t || !m || !ONCE_ONLY.has(e.label) || e.attrs.polarity === 'negative') return e;
    const keys = undergoers(e);
    const from = dayOf(m[1], false);
    if (!keys.length || !from) return e;
    let best: { part: string; last: string; id: string } | undefined;
    for (const o of events) {
      if (o === e || o.label !== e.label || o.attrs.polarity === 'negative' || o.attrs.modality !== 'asserted') continue;
      const ot = timeOf(o);
      const oe = typeof ot?.edtf === 'string' ? ot.edtf : '';
      if (!ot || ot.inherited || !oe || oe.startsWith('..') || oe.endsWith('..')) continue;
      if (!named(o).some((x) => keys.includes(x))) continue;
      const parts = oe.split('/');
      const first = dayOf(parts[0], false);
      const last = dayOf(parts[parts.length - 1], true);
      if (!first || !last || first < from) continue;
      if (!best || last < best.last) best = { part: parts[parts.length - 1]!, last, id: o.id };
    }
    if (!best) return e;
    const interval = t.interval && typeof t.interval === 'object' && !Array.isArray(t.interval) ? { ...(t.interval as Record<string, Json>), latest: best.last } : undefined;
    const time: Time = { ...t, edtf: `${m[1]}/${best.part}`, closedBy: best.id, ...(interval ? { interval } : {}) };
    return { ...e, attrs: { ...e.attrs, time } };
  });
}
