import type { Annotation } from '../../core/types.ts';

/** A one-line excerpt of a span: whitespace collapsed, cut to `max` characters with an ellipsis. */
export function excerpt(text: string, start: number, end: number, max = 110): string {
  const s = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Formats one event annotation for a terminal: class, time (with `~` for an inherited time),
 * polarity/modality when not asserted, the excerpt with the trigger in brackets, and participants.
 */
export function formatEvent(text: string, a: Annotation): string {
  const time = a.attrs.time as { edtf?: string; inherited?: boolean } | undefined;
  const when = time?.edtf ? `${time.edtf}${time.inherited ? ' (inherited)' : ''}` : 'undated';
  const flags = [a.attrs.polarity === 'negative' ? 'NEGATED' : '', a.attrs.modality && a.attrs.modality !== 'asserted' ? String(a.attrs.modality).toUpperCase() : '', a.attrs.reportedBy ? 'reported' : ''].filter(Boolean);
  const trig = a.attrs.trigger as { start: number; end: number } | undefined;
  const body = trig ? `${excerpt(text, a.start, trig.start, 50)} [${text.slice(trig.start, trig.end)}] ${excerpt(text, trig.end, a.end, 50)}`.trim() : excerpt(text, a.start, a.end);
  const parts = ((a.attrs.participants as Array<{ role: string; text: string; entity?: string }> | undefined) ?? []).map((p) => `${p.role}: ${p.text}${p.entity ? ` (${p.entity})` : ''}`);
  const lines = [`${a.label.padEnd(12)} ${when.padEnd(22)} ${flags.length ? `{${flags.join(', ')}} ` : ''}${body}`];
  if (parts.length) lines.push(`${' '.repeat(13)}${parts.join(' · ')}`);
  return lines.join('\n');
}
