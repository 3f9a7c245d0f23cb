import type { SectionKind } from '../core/types.ts';
import { appendInline, type InlineRule } from './inline-markup.ts';
import type { ReaderResult } from './reader.ts';
import { TextBuilder } from './text-builder.ts';

const INLINE: InlineRule[] = [
  { pattern: /!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/, keep: 1, url: 2 },
  { pattern: /\[([^\]]+)\]\(([^)\s]+)[^)]*\)/, keep: 1, url: 2 },
  { pattern: /\*\*([^*]+)\*\*/, keep: 1 },
  { pattern: /__([^_]+)__/, keep: 1 },
  { pattern: /(?<![\w*])\*([^*\s][^*]*)\*/, keep: 1 },
  { pattern: /(?<!\w)_([^_\s][^_]*)_(?!\w)/, keep: 1 },
  { pattern: /`([^`]+)`/, keep: 1 },
];

/**
 * Reads Markdown: YAML front matter (title, author, date) into metadata; `#` headings (a single
 * top `#` heading is the title); paragraphs, list items, `>` block quotes, fenced code, image
 * lines as captions; inline emphasis and code marks dropped, links kept as text plus a
 * `reference` section with the URL.
 */
export function readMarkdown(src: string): ReaderResult {
  const b = new TextBuilder();
  const meta: ReaderResult['meta'] = {};
  const lines = src.split('\n');
  const offsets: number[] = [];
  let o = 0;
  for (const l of lines) {
    offsets.push(o);
    o += l.length + 1;
  }
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && l.trim() === '---');
    if (end > 0) {
      for (const l of lines.slice(1, end)) {
        const m = /^(\w+):\s*["']?(.*?)["']?\s*$/.exec(l);
        if (!m) continue;
        const key = m[1]!.toLowerCase();
        if (key === 'title') meta.title = m[2];
        else if (key === 'author') meta.author = m[2];
        else if (key === 'date' || key === 'published') meta.published = m[2];
        else if (key === 'lang' || key === 'language') meta.language = m[2];
      }
      i = end + 1;
    }
  }
  let para: { kind: SectionKind; start: number; level?: number; role?: string } | undefined;
  const close = () => {
    if (para && b.length > para.start) {
      const s = b.mark(para.kind, para.start, b.length, { ...(para.level ? { level: para.level } : {}), ...(para.role ? { role: para.role } : {}) });
      for (const r of pending) b.mark('reference', r.start, r.end, { url: r.url, parent: s.id, role: 'link' });
    }
    pending.length = 0;
    para = undefined;
  };
  const pending: Array<{ start: number; end: number; url: string }> = [];
  const open = (kind: SectionKind, extra: { level?: number; role?: string } = {}) => {
    close();
    b.breakLines(2);
    para = { kind, start: b.length, ...extra };
  };
  let seenTitle = !!meta.title;
  for (; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const at = offsets[i]!;
    if (/^\s*(```|~~~)/.test(line)) {
      open('body', { role: 'code' });
      let j = i + 1;
      while (j < lines.length && !/^\s*(```|~~~)/.test(lines[j]!)) {
        if (b.length > para!.start) b.append('\n');
        b.append(lines[j]!, offsets[j]);
        j++;
      }
      close();
      i = j;
      continue;
    }
    if (!line.trim()) {
      close();
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const level = h[1]!.length;
      const isTitle = level === 1 && !seenTitle;
      open(isTitle ? 'title' : 'heading', isTitle ? {} : { level });
      pending.push(...appendInline(b, h[2]!, at + line.indexOf(h[2]!), INLINE));
      if (isTitle) {
        meta.title = h[2];
        seenTitle = true;
      }
      close();
      continue;
    }
    if (/^\s*!\[[^\]]*\]\([^)]*\)\s*$/.test(line)) {
      open('caption');
      pending.push(...appendInline(b, line.trim(), at + line.indexOf('!'), INLINE));
      close();
      continue;
    }
    const q = /^\s*>\s?(.*)$/.exec(line);
    const li = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    const content = q ? q[1]! : li ? li[1]! : line.trim();
    const kind: SectionKind = q ? 'quote' : 'body';
    if (li || !para || para.kind !== kind) open(kind, li ? { role: 'list-item' } : {});
    else b.append('\n');
    pending.push(...appendInline(b, content, at + line.indexOf(content), INLINE));
  }
  close();
  return { text: b.text(), sourceMap: b.sourceMap(), sections: b.sections, meta, messages: [] };
}
