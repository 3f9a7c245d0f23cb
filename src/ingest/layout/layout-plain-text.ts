import type { Section } from '../../core/types.ts';
import type { Claim } from './claim.ts';
import { findCaptions } from './find-captions.ts';
import { findChrome } from './find-chrome.ts';
import { findComments } from './find-comments.ts';
import { findCredits } from './find-credits.ts';
import { markEditorialIntro } from './find-editorial-intro.ts';
import { findEmoticons } from './find-emoticons.ts';
import { findPlainHeadings, findTitle, findWikiHeadings } from './find-headings.ts';
import { findBlockQuotes, findInlineReferences } from './find-inline.ts';
import { splitLines } from './lines.ts';

/** Sections and metadata found in a plain-text page. */
export interface PlainLayout {
  sections: Section[];
  meta: { title?: string; author?: string; published?: string; site?: string };
}

/**
 * Takes a plain-text web scrape apart: site chrome (kept, marked), the title, headings (plain and
 * wikitext), photo captions and credits, author/translator/editor credits, block quotes, a reader
 * comment thread (with smiley alt words inside comments marked as `emoticon` chrome), inline wiki
 * references, and body paragraphs (one per line) for the rest; an editor's lead-in after the title
 * gets `role: 'editorial-intro'`.
 * Rules run in that order; each line belongs to the first rule that claims it.
 * Sections come back sorted by start, with ids `sec-<n>`.
 */
export function layoutPlainText(text: string): PlainLayout {
  const lines = splitLines(text);
  const taken = new Set<number>();
  const claims: Claim[] = [];
  const take = (found: Claim[]) => {
    for (const c of found) {
      claims.push(c);
      for (const n of c.lines) taken.add(n);
    }
  };
  take(findChrome(lines));
  take(findComments(lines, taken));
  take(findCaptions(lines, taken));
  take(findCredits(lines, taken));
  const wiki = findWikiHeadings(lines, taken);
  take(wiki);
  for (const h of wiki) {
    if (h.rest !== undefined) claims.push({ kind: 'body', start: h.rest, end: lines[h.lines[0]!]!.end, lines: [], attrs: { rule: 'body:after-wiki-heading' } });
  }
  take(findTitle(lines, taken));
  take(findPlainHeadings(lines, taken));
  take(findBlockQuotes(lines, taken));
  for (const line of lines) {
    if (!line.blank && !taken.has(line.n)) claims.push({ kind: 'body', start: line.start, end: line.end, lines: [line.n], attrs: { rule: 'body:paragraph' } });
  }
  claims.push(...findEmoticons(lines, claims));
  const marked = markEditorialIntro(claims, text);
  const refs = findInlineReferences(lines.filter((l) => !l.blank));
  return { sections: toSections(marked, refs), meta: metaFrom(marked, text) };
}

/** Orders claims, gives them ids and resolves parents (a reference's parent is the section around it). */
function toSections(claims: Claim[], refs: Claim[]): Section[] {
  const sorted = [...claims].sort((a, b) => a.start - b.start || b.end - a.end);
  const ordered: Claim[] = [];
  for (const c of sorted) {
    ordered.push(c);
    for (const r of refs) if (r.start >= c.start && r.end <= c.end && c.kind !== 'chrome') ordered.push({ ...r, parentKey: `#${ordered.length - 1}` });
  }
  const ids = new Map<string, string>();
  ordered.forEach((c, i) => {
    if (c.key) ids.set(c.key, `sec-${i}`);
  });
  return ordered.map((c, i) => {
    const { rule: _rule, ...attrs } = c.attrs;
    const s: Section = { id: `sec-${i}`, kind: c.kind, start: c.start, end: c.end, ...attrs };
    if (c.parentKey) {
      const parent = c.parentKey.startsWith('#') ? `sec-${c.parentKey.slice(1)}` : ids.get(c.parentKey);
      if (parent) s.parent = parent;
    }
    for (const k of Object.keys(s) as Array<keyof Section>) if (s[k] === undefined) delete s[k];
    return s;
  });
}

/** Title from the title section; author and the earliest stated date from credit lines. */
function metaFrom(claims: readonly Claim[], text: string): PlainLayout['meta'] {
  const meta: PlainLayout['meta'] = {};
  const title = claims.find((c) => c.kind === 'title');
  if (title) meta.title = text.slice(title.start, title.end);
  const site = claims.find((c) => c.attrs.role === 'site-name');
  if (site) meta.site = text.slice(site.start, site.end);
  const credits = claims.filter((c) => c.kind === 'credit' && c.attrs.role !== 'photo-credit');
  const author = credits.find((c) => c.attrs.role === 'author' && c.attrs.author);
  if (author) meta.author = author.attrs.author;
  const dates = credits.map((c) => c.attrs.time).filter((t): t is string => !!t).sort();
  if (dates[0]) meta.published = dates[0];
  return meta;
}
