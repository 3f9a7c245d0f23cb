import { knownIso } from './edtf-interval.ts';
import type { Timeline } from './query-timeline.ts';

/** A TimelineJS date object. */
interface TjsDate {
  year: string;
  month?: string;
  day?: string;
}

/** TimelineJS date of an ISO date; month and day dropped when the interval spans whole months/years. */
function tjsDate(iso: string, precision: 'day' | 'month' | 'year'): TjsDate {
  const [y, m, d] = iso.split('-');
  const out: TjsDate = { year: String(Number(y)) };
  if (precision !== 'year') out.month = String(Number(m));
  if (precision === 'day') out.day = String(Number(d));
  return out;
}

/** Escapes text for the HTML TimelineJS renders. */
function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The timeline as TimelineJS JSON (`{title, events: [{start_date, end_date?, text, group, unique_id}]}`):
 * one slide per dated event, its text listing each source's wording and any conflicts.
 */
export function toTimelineJs(timeline: Timeline, title = 'Annalist timeline'): object {
  const conflicts = new Map(timeline.conflicts.map((c) => [c.id, c]));
  return {
    title: { text: { headline: html(title), text: `${timeline.events.length} events` } },
    events: timeline.events
      .filter((e) => e.interval && knownIso(e.interval))
      .map((e) => {
        // An open side (`1958/..`) is not drawn to a sentinel year: the slide sits at the known date.
        const open = e.interval!.earliest === null || e.interval!.latest === null;
        const { earliest, latest } = knownIso(e.interval!)!;
        const precision = earliest === latest ? 'day' : earliest.slice(0, 7) === latest.slice(0, 7) && earliest.endsWith('-01') ? 'month' : 'year';
        const support = e.support.map((s) => `<p><b>${html(s.source.slice(0, 8))}</b> ${s.edtf ? `[${html(s.edtf)}] ` : ''}${html(s.text)}</p>`).join('');
        const notes = e.conflicts.map((id) => conflicts.get(id)).filter(Boolean).map((c) => `<p class="conflict">⚠ ${html(c!.explanation)}</p>`).join('');
        const slide: Record<string, unknown> = {
          unique_id: e.id.replace(/[^\w-]/g, '-'),
          start_date: tjsDate(earliest, precision),
          text: { headline: html(e.label), text: support + notes },
          group: e.class,
        };
        if (open) slide.display_date = e.edtf;
        if (earliest !== latest && precision === 'year' && earliest.slice(0, 4) !== latest.slice(0, 4)) slide.end_date = tjsDate(latest, 'year');
        return slide;
      }),
  };
}
