import type { ActorGraph } from './query-graph.ts';
import type { Timeline } from './query-timeline.ts';
import type { Conflict } from './types.ts';

/** One CSV field, quoted when needed (RFC 4180). */
function field(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text with a header line. */
function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/** The timeline as CSV (Palladio-friendly): one row per event with dates, class, participants, sources, conflicts. */
export function timelineToCsv(t: Timeline): string {
  return csv(
    ['id', 'label', 'class', 'start', 'end', 'participants', 'sources', 'support', 'conflicts'],
    t.events.map((e) => [e.id, e.label, e.class, e.interval?.earliest, e.interval?.latest, e.participants.join(';'), e.sources.join(';'), e.support.length, e.conflicts.length]),
  );
}

/** The actor graph's edges as CSV (Palladio "Source,Target" plus type, dates and evidence count). */
export function graphToCsv(g: ActorGraph): string {
  const names = new Map(g.nodes.map((n) => [n.id, n.name]));
  return csv(
    ['Source', 'Target', 'SourceId', 'TargetId', 'Type', 'Start', 'End', 'Evidence'],
    g.edges.map((r) => [names.get(r.from) ?? r.from, names.get(r.to) ?? r.to, r.from, r.to, r.type, r.interval?.earliest, r.interval?.latest, r.evidence.length]),
  );
}

/** Conflicts as CSV: kind, severity, explanation and the first evidence quote. */
export function conflictsToCsv(conflicts: readonly Conflict[]): string {
  return csv(
    ['id', 'kind', 'severity', 'explanation', 'source', 'start', 'end', 'evidence'],
    conflicts.map((c) => [c.id, c.kind, c.severity, c.explanation, c.evidence[0]?.source, c.evidence[0]?.start, c.evidence[0]?.end, c.evidence.map((e) => e.text).join(' | ')]),
  );
}
