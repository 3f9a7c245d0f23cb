import type { Annotation } from '../../core/types.ts';
import { excerpt } from '../events/format-events.ts';

/** Formats one claim for a terminal: kind, speaker, cue, check-worthiness and the content excerpt. */
export function formatClaim(text: string, a: Annotation): string {
  const content = (a.attrs.content as { start: number; end: number } | undefined) ?? a;
  const cue = (a.attrs.cue as { text?: string } | undefined)?.text;
  const who = `${a.attrs.speakerName ?? a.attrs.speaker}${a.attrs.speaker && a.attrs.speaker !== a.attrs.speakerName ? ` <${a.attrs.speaker}>` : ''}`;
  const score = typeof a.attrs.checkworthiness === 'number' ? ` cw=${a.attrs.checkworthiness.toFixed(2)}` : '';
  return [`${a.label.padEnd(17)} ${who}${cue ? `  — cue: "${excerpt(cue, 0, cue.length, 50)}"` : ''}${score}`, `${' '.repeat(18)}“${excerpt(text, content.start, content.end, 140)}”`].join('\n');
}

/** True when a claim's speaker matches a user's filter: entity id, `author`, `commenter:x`, or part of the name. */
export function speakerMatches(a: Annotation, filter: string): boolean {
  const f = filter.toLowerCase();
  const id = String(a.attrs.speaker ?? '').toLowerCase();
  const name = String(a.attrs.speakerName ?? '').toLowerCase();
  return id === f || id.includes(f) || name.includes(f);
}
