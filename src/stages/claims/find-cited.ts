import type { Source } from '../../core/types.ts';
import { urlHost } from './url-host.ts';
import type { SentenceView } from '../events/read-layers.ts';
import type { ClaimDraft } from './find-attributed.ts';
import type { SpeakerRef } from './resolve-speaker.ts';

/** Characters allowed between a sentence's end and the inline reference that backs it. */
const MAX_GAP = 3;


/**
 * The speaker a reference stands for: its URL host ("britannica.com (cited reference)", id
 * `ref:britannica.com`), else the reference's title before " - " or the first 60 characters.
 */
export function referenceSpeaker(refText: string, url: string | undefined): SpeakerRef {
  const host = urlHost(url);
  const title = refText
    .replace(/<\/?ref[^>]*>/gi, '')
    .replace(/https?:\/\/\S+/g, '')
    .split(/\s+[-–—]\s+/)[0]!
    .trim()
    .slice(0, 60);
  const who = host ?? (title || 'reference');
  return { speaker: `ref:${who.toLowerCase().replace(/[^\p{L}\p{N}.]+/gu, '-')}`, speakerName: `${who} (cited reference)`, type: 'work' };
}

/**
 * Claims backed by an inline reference (a wiki `<ref>` or a footnote section whose parent is the
 * body): the sentence right before the reference, or containing it, is reported on the reference's
 * authority. Kind `reported`, rule `reported:cited-reference`, cue = the reference. Reads only its arguments.
 */
export function findCitedClaims(source: Source, sentences: readonly SentenceView[]): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const text = source.text;
  for (const r of source.sections) {
    if (r.kind !== 'reference' || !r.parent) continue;
    const s = sentences.find((x) => (x.start < r.start && r.start < x.end) || (x.end <= r.start && r.start - x.end <= MAX_GAP && /^\s*$/.test(text.slice(x.end, r.start))));
    if (!s || s.start >= r.start) continue;
    let end = Math.min(s.end, r.start);
    while (end > s.start && /\s/.test(text[end - 1]!)) end--;
    if (end - s.start < 20) continue;
    out.push({
      kind: 'reported',
      start: s.start,
      end,
      content: { start: s.start, end },
      cue: { start: r.start, end: r.end },
      ref: referenceSpeaker(text.slice(r.start, r.end), r.url),
      rule: 'reported:cited-reference',
      sentence: s,
    });
  }
  return out;
}
