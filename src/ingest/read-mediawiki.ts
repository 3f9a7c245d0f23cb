import type { SectionKind } from '../core/types.ts';
import { appendInline, type InlineRule } from './inline-markup.ts';
import type { ReaderResult } from './reader.ts';
import { TextBuilder } from './text-builder.ts';

const INLINE: InlineRule[] = [
  { pattern: /\uE000+/, keep: 0 },
  { pattern: /\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/, keep: 1 },
  { pattern: /\[(https?:\/\/[^\s\]]+)\s+([^\]]+)\]/, keep: 2, url: 1 },
  { pattern: /\[(https?:\/\/[^\s\]]+)\]/, keep: 0 },
  { pattern: /'''''|'''|''/, keep: 0 },
  { pattern: /<\/?[a-z][^>]*>/i, keep: 0 },
  { pattern: /&nbsp;/, keep: 0 },
];

/** Headings under which a wiki article lists its footnotes. */
const NOTES_HEADING = /^(references|notes|footnotes|citations|sources|notes and references)$/i;

/**
 * Reads MediaWiki wikitext: `==headings==` (level = number of `=`), paragraphs, `*`/`#` list
 * items, `:` indents as quotes; links keep their label; templates, tables, comments, files and
 * categories are dropped; each `<ref>` is removed from the running text and listed at the end as
 * a `reference` section with its first URL (a ref's `{{cite … url=}}` counts).
 */
export function readMediawiki(src: string): ReaderResult {
  const refs: Array<{ text: string; url?: string; at: number }> = [];
  const masked = maskMarkup(src, refs);
  const b = new TextBuilder();
  const lines = masked.split('\n');
  let at = 0;
  let para: { kind: SectionKind; start: number; role?: string } | undefined;
  const links: Array<{ start: number; end: number; url: string }> = [];
  const close = () => {
    if (para && b.length > para.start) {
      const s = b.mark(para.kind, para.start, b.length, para.role ? { role: para.role } : {});
      for (const r of links) b.mark('reference', r.start, r.end, { url: r.url, parent: s.id, role: 'link' });
    }
    links.length = 0;
    para = undefined;
  };
  const open = (kind: SectionKind, role?: string) => {
    close();
    b.breakLines(2);
    para = { kind, start: b.length, role };
  };
  for (const raw of lines) {
    const lineAt = at;
    at += raw.length + 1;
    const line = raw.replace(/\r$/, "");
    if (!line.replace(/\uE000/g, '').trim()) {
      if (!raw.includes('\uE000')) close();
      continue;
    }
    const h = /^(={1,6})\s*(.*?)\s*\1\s*$/.exec(line);
    if (h) {
      open('heading');
      const start = b.length;
      appendInline(b, h[2]!, lineAt + raw.indexOf(h[2]!), INLINE);
      para = undefined;
      if (b.length > start) b.mark('heading', start, b.length, { level: h[1]!.length });
      continue;
    }
    const li = /^([*#]+|:+|;)\s*(.*)$/.exec(line);
    const content = (li ? li[2]! : line).replace(/^[\s\uE000]+|[\s\uE000]+$/g, '');
    const kind: SectionKind = li?.[1]!.startsWith(':') ? 'quote' : 'body';
    if (li || !para || para.kind !== kind) open(kind, li && kind === 'body' ? 'list-item' : undefined);
    else b.append(' ');
    links.push(...appendInline(b, content, lineAt + raw.indexOf(content), INLINE));
  }
  close();
  if (refs.length) {
    // The article's own notes heading, left empty by a masked <references/>, takes the list.
    const last = b.sections.at(-1);
    const text = b.text();
    const ownHeading = last?.kind === 'heading' && !text.slice(last.end).trim() && NOTES_HEADING.test(text.slice(last.start, last.end));
    b.breakLines(2);
    if (!ownHeading) b.appendSection('heading', 'References', undefined, { level: 2, role: 'generated' });
    for (const r of refs) {
      b.breakLines(1);
      b.appendSection('reference', r.text || r.url || '', r.at, r.url ? { url: r.url } : {});
    }
  }
  return { text: b.text(), sourceMap: b.sourceMap(), sections: b.sections, meta: {}, messages: [] };
}

/**
 * Replaces what the reader drops with U+E000 characters of the same length (templates, tables,
 * comments, refs, file and category links), so offsets into the masked text stay raw offsets.
 * Refs are collected with their text and URL.
 */
function maskMarkup(src: string, refs: Array<{ text: string; url?: string; at: number }>): string {
  const chars = src.split('');
  const blank = (s: number, e: number) => {
    for (let k = s; k < e; k++) if (chars[k] !== '\n') chars[k] = '\uE000';
  };
  for (const m of src.matchAll(/<!--[\s\S]*?-->/g)) blank(m.index, m.index + m[0].length);
  for (const m of src.matchAll(/<ref\b[^>/]*\/>|<ref\b[^>]*>([\s\S]*?)<\/ref>/gi)) {
    const body = m[1] ?? '';
    if (m[1] !== undefined) {
      const url = /https?:\/\/[^\s|}\]<]+/.exec(body)?.[0];
      const title = /\|\s*title\s*=\s*([^|}]+)/.exec(body)?.[1]?.trim();
      const text = title ?? body.replace(/\{\{[^}]*\}\}/g, '').replace(/\[(https?:\/\/\S+)\s+([^\]]+)\]/g, '$2').replace(/\s+/g, ' ').trim();
      refs.push({ text: text || url || '', url, at: m.index });
    }
    blank(m.index, m.index + m[0].length);
  }
  // templates and tables, with nesting
  const stack: Array<{ at: number; kind: '{{' | '{|' }> = [];
  for (let k = 0; k < src.length - 1; k++) {
    const two = src.slice(k, k + 2);
    if (two === '{{' || (two === '{|' && (k === 0 || src[k - 1] === '\n'))) {
      stack.push({ at: k, kind: two });
      k++;
    } else if ((two === '}}' && stack.at(-1)?.kind === '{{') || (two === '|}' && stack.at(-1)?.kind === '{|')) {
      const open = stack.pop()!;
      if (stack.length === 0) blank(open.at, k + 2);
      k++;
    }
  }
  for (const m of src.matchAll(/\[\[(?:File|Image|Category|Файл|Категория):[^\]]*\]\]/gi)) blank(m.index, m.index + m[0].length);
  return chars.join('');
}
