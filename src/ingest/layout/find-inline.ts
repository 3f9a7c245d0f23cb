import type { Claim } from './claim.ts';
import type { Line } from './lines.ts';
import { loadLayoutRules } from './rules.ts';

/**
 * Finds wikitext `<ref>…</ref>` citations left visible in scraped text and marks each as a
 * `reference` section over the whole tag, with the first URL inside as `url`. These sit inside
 * body paragraphs (they do not use up their line).
 */
export function findInlineReferences(lines: readonly Line[]): Claim[] {
  const claims: Claim[] = [];
  for (const line of lines) {
    if (line.blank) continue;
    for (const m of line.text.matchAll(/<ref(?:\s[^>]*)?>([\s\S]*?)<\/ref>/giu)) {
      const url = /https?:\/\/[^\s<>"|\]]+/u.exec(m[1]!)?.[0];
      const start = line.start + m.index;
      const attrs: Claim['attrs'] = { rule: 'references:wiki-ref' };
      if (url) attrs.url = url;
      claims.push({ kind: 'reference', start, end: start + m[0].length, lines: [], attrs });
    }
  }
  return claims;
}

/**
 * Finds block quotes: a paragraph right after one that introduces it, ending with a colon after
 * a reporting cue among its last words ("… informed the court (stated below):").
 */
export function findBlockQuotes(lines: readonly Line[], taken: ReadonlySet<number>): Claim[] {
  const content = lines.filter((l) => !l.blank);
  const cue = new RegExp(`\\b(?:${loadLayoutRules().quoteCues.join('|')})\\b[^.!?]{0,40}:$`, 'iu');
  const claims: Claim[] = [];
  for (let i = 1; i < content.length; i++) {
    const prev = content[i - 1]!;
    const line = content[i]!;
    if (taken.has(line.n) || taken.has(prev.n)) continue;
    if (!prev.text.endsWith(':') || !cue.test(prev.text) || prev.text.length < 40 || line.text.length < 40) continue;
    claims.push({ kind: 'quote', start: line.start, end: line.end, lines: [line.n], attrs: { role: 'block-quote', rule: 'quotes:after-colon' } });
  }
  return claims;
}
