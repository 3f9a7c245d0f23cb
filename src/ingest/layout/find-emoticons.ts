import type { Claim } from './claim.ts';
import type { Line } from './lines.ts';
import { loadLayoutRules } from './rules.ts';

/**
 * Finds smiley alt words left in reader comments as plain words ("… agreed. wink Next we …"):
 * a run of known emoticon words (`emoticonWords` in `rules.json`), written in lower case, standing
 * alone after a sentence end or a closing quote (or at a line start) and followed by the next
 * sentence (a capital), the line end, or a bare `)` (a text smiley). Words that are never ordinary English (`emoticonWordsAlone`) also count at a
 * line end after any word. Returns small `chrome` claims with `role: 'emoticon'` whose parent is
 * the comment; they take no lines, so the comment keeps its whole span.
 */
export function findEmoticons(lines: readonly Line[], claims: readonly Claim[]): Claim[] {
  const rules = loadLayoutRules();
  if (rules.emoticonWords.length === 0) return [];
  const alt = (words: readonly string[]) => words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|');
  const any = alt(rules.emoticonWords);
  // "wink" after a sentence end, before the next sentence or the line end
  // (also after a closing quote, and before a bare ")" that finishes a text smiley)
  const afterSentence = new RegExp(`(?<=^|[.!?…)"”»]\\s+)(?:${any})(?:\\s+(?:${any}))*(?=\\s+[\\p{Lu}"“]|\\s*$|\\s+\\)+(?:\\s|$))`, 'gu');
  const atLineEnd = rules.emoticonWordsAlone.length ? new RegExp(`(?<=\\p{L}\\s+)(?:${alt(rules.emoticonWordsAlone)})$`, 'gu') : undefined;
  const byNumber = new Map(lines.map((l) => [l.n, l]));
  const out: Claim[] = [];
  for (const c of claims) {
    if (c.kind !== 'comment' || !c.key) continue;
    for (const n of c.lines) {
      const line = byNumber.get(n);
      if (!line || line.blank) continue;
      const found: Array<[number, number]> = [];
      for (const re of atLineEnd ? [afterSentence, atLineEnd] : [afterSentence]) {
        for (const m of line.text.matchAll(re)) {
          // "wink wassat": the line-end rule must not mark the tail of a run already marked
          if (found.some(([s, e]) => m.index < e && s < m.index + m[0].length)) continue;
          found.push([m.index, m.index + m[0].length]);
          const start = line.start + m.index;
          out.push({ kind: 'chrome', start, end: start + m[0].length, lines: [], attrs: { role: 'emoticon', rule: 'comments:emoticon' }, parentKey: c.key });
        }
      }
    }
  }
  return out;
}
