import { createRequire } from 'node:module';
import type { Message, SectionKind } from '../core/types.ts';
import { TextBuilder } from './text-builder.ts';
import type { ReaderResult } from './reader.ts';

/** Elements that never hold article text. */
const NOISE = 'script, style, noscript, template, iframe, svg, canvas, form, button, nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]';
/** Class or id words of site chrome: ads, cookie banners, share bars, menus. */
const CHROME_NAME = /(?:^|[\s_-])(?:ads?|advert\w*|banner|cookie\w*|consent|gdpr|sidebar|share|social|menu|nav\w*|breadcrumbs?|promo|sponsor\w*|newsletter|subscribe|related|popup|modal)(?:$|[\s_-])/i;
const BLOCK: Record<string, SectionKind> = {
  H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading',
  P: 'body', LI: 'body', PRE: 'body', DD: 'body', DT: 'body', TD: 'body', TH: 'body',
  BLOCKQUOTE: 'quote', FIGCAPTION: 'caption', CAPTION: 'caption',
};

// linkedom and Readability load on first use: most runs read no HTML and they cost ~0.5 s to load
const require = createRequire(import.meta.url);
type ParseHTML = (html: string) => { document: Document };
type ReadabilityCtor = new (doc: Document, opts?: { charThreshold?: number; serializer?: (el: unknown) => unknown }) => { parse(): { content?: unknown; title?: string | null; byline?: string | null } | null };
let libs: { parseHTML: ParseHTML; Readability: ReadabilityCtor } | undefined;
function loadLibs(): { parseHTML: ParseHTML; Readability: ReadabilityCtor } {
  libs ??= { parseHTML: (require('linkedom') as { parseHTML: ParseHTML }).parseHTML, Readability: (require('@mozilla/readability') as { Readability: ReadabilityCtor }).Readability };
  return libs;
}

/** A removed chrome element: its visible text, role and offset in the raw HTML when found. */
interface Removed {
  text: string;
  role: string;
  raw?: number;
}

/** Where the walk is in the raw HTML (for the source map) and the chrome still to place. */
interface Cursor {
  raw: string;
  at: number;
  /** Removed chrome sorted by raw offset, written out before the first block that follows it. */
  chrome: Removed[];
}

interface El {
  tagName: string;
  childNodes: ArrayLike<Node>;
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface Node {
  nodeType: number;
  textContent: string | null;
}

/**
 * Reads an HTML page: metadata from `<title>`, `<meta>` tags (author, article dates, site name,
 * Open Graph) and `<time>`; the main content through Readability (navigation, ads, scripts and
 * cookie banners taken out of the running text and kept as `chrome` sections where they sat on
 * the page, by their offset in the raw HTML; chrome not found there goes at the end), falling
 * back to the whole body minus chrome elements. The source map is anchored at every word. Headings,
 * paragraphs, list items, block quotes and figure captions become sections; links become
 * `reference` sections with their URL inside the paragraph that holds them.
 */
export function readHtml(html: string): ReaderResult {
  const messages: Message[] = [];
  const { parseHTML, Readability } = loadLibs();
  // one parse: metadata first, then chrome removal, then Readability on the same tree
  const { document } = parseHTML(html);
  const meta = readMeta(document);
  const h1 = document.querySelector('h1')?.textContent ?? undefined;
  const removed = removeChrome(document, html);
  let root: El | null = null;
  try {
    // Readability takes the tree apart as it goes; the rare fallback below parses again
    const article = new Readability(document, { charThreshold: 200, serializer: (el: unknown) => el }).parse();
    if (article?.content) {
      root = article.content as unknown as El;
      if (!meta.author && article.byline) meta.author = article.byline.trim();
      if (!meta.title && article.title) meta.title = article.title.trim();
    }
  } catch (err) {
    messages.push({ reason: `main-content extraction failed (${(err as Error).message}); reading the whole body`, severity: 'warning', rule: 'html:readability', source: 'ingest' });
  }
  if (!root) {
    const again = parseHTML(html).document;
    removeChrome(again);
    root = again.body as unknown as El | null;
  }
  if (meta.title) meta.title = stripSiteName(meta.title, meta.site, h1);
  const b = new TextBuilder();
  const placed = removed.filter((r) => r.raw !== undefined).sort((x, y) => x.raw! - y.raw!);
  const cursor: Cursor = { raw: html, at: 0, chrome: placed };
  if (meta.title) {
    b.appendSection('title', meta.title, findRaw(cursor, meta.title));
  }
  if (root) walk(root, b, cursor, meta.title);
  // what was dropped stays visible, marked as chrome (stages skip it): the rest of the placed
  // chrome after the last block, then what could not be found in the raw HTML
  flushChrome(b, cursor, Infinity);
  for (const r of removed) {
    if (r.raw !== undefined) continue;
    b.breakLines(2);
    b.appendSection('chrome', r.text, undefined, { role: r.role });
  }
  if (!b.sections.some((x) => x.kind !== 'chrome')) messages.push({ reason: 'the HTML page holds no readable text', severity: 'error', rule: 'ingest:no-text', source: 'ingest' });
  return { text: b.text(), sourceMap: b.sourceMap(), sections: b.sections, meta, messages };
}

/** Elements whose text is not worth showing even as chrome. */
const SILENT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME']);

/**
 * Removes scripts, navigation, banners, ads and other chrome elements from a document and
 * returns the visible text of what was removed with a role, so it can be kept as `chrome`.
 */
function removeChrome(doc: Document, raw = ''): Removed[] {
  const removed: Removed[] = [];
  // each pass meets elements in document order, so its search in the raw HTML only moves forward
  let at = 0;
  const note = (el: Element, role: string) => {
    if (SILENT.has(el.tagName.toUpperCase())) return;
    const text = collapse(el.textContent ?? '');
    if (!text) return;
    const first = firstText(el);
    const i = first ? raw.indexOf(first, at) : -1;
    if (i >= 0) at = i + first!.length;
    removed.push(i >= 0 ? { text, role, raw: i } : { text, role });
  };
  for (const el of Array.from(doc.querySelectorAll(NOISE))) {
    if (!el.isConnected) continue;
    note(el, chromeRole(el));
    el.remove();
  }
  at = 0;
  for (const el of Array.from(doc.querySelectorAll('[class], [id]'))) {
    if (!el.isConnected) continue;
    if (CHROME_NAME.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) {
      note(el, chromeRole(el));
      el.remove();
    }
  }
  return removed;
}

/** The first non-blank text node of an element, trimmed and cut to a probe for the raw HTML. */
function firstText(el: Element): string | undefined {
  const stack: ChildNode[] = [el];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.nodeType === 3) {
      const t = (n.textContent ?? '').trim().split(/\s+/).slice(0, 4).join(' ');
      if (t && !/[&<]/.test(t)) return t.slice(0, 40);
      continue;
    }
    if (n.nodeType === 1) stack.unshift(...Array.from(n.childNodes));
  }
  return undefined;
}

/** Writes the pending chrome that sat before raw offset `before`. */
function flushChrome(b: TextBuilder, cursor: Cursor, before: number): void {
  while (cursor.chrome.length && cursor.chrome[0]!.raw! < before) {
    const r = cursor.chrome.shift()!;
    b.breakLines(2);
    b.appendSection('chrome', r.text, undefined, { role: r.role });
  }
}

/** The chrome role of a removed element, from its tag and class/id words. */
function chromeRole(el: Element): string {
  const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  if (/cookie|consent|gdpr/.test(name)) return 'cookie-banner';
  if (/(^|[\s_-])(ads?|advert\w*|sponsor\w*|promo)($|[\s_-])/.test(name)) return 'ad-slot';
  const tag = el.tagName.toUpperCase();
  if (tag === 'FOOTER') return 'footer';
  if (tag === 'HEADER') return 'site-header';
  if (tag === 'FORM' || tag === 'BUTTON') return 'form';
  return 'navigation';
}

/** Walks the content tree and appends one block per paragraph-like element. */
function walk(el: El, b: TextBuilder, cursor: Cursor, title?: string): void {
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType !== 1) {
      // loose text directly in a container (a <div> holding text) is a paragraph of its own
      const text = collapse(child.textContent ?? '');
      if (child.nodeType === 3 && text) appendBlock(b, 'body', [{ text }], cursor);
      continue;
    }
    const c = child as unknown as El;
    const kind = BLOCK[c.tagName.toUpperCase()];
    if (!kind) {
      walk(c, b, cursor, title);
      continue;
    }
    if (kind === 'body' && hasBlockChild(c)) {
      walk(c, b, cursor, title);
      continue;
    }
    const runs = inlineRuns(c);
    const text = runs.map((r) => r.text).join('').trim();
    if (!text) continue;
    // Readability repeats the page title as the first heading
    if (kind === 'heading' && title && text === title && b.sections.length === 1) continue;
    const level = kind === 'heading' ? Number(c.tagName.slice(1)) : undefined;
    appendBlock(b, kind, runs, cursor, level);
  }
}

function hasBlockChild(el: El): boolean {
  return Array.from(el.childNodes).some((n) => n.nodeType === 1 && BLOCK[(n as unknown as El).tagName.toUpperCase()] !== undefined);
}

/** Text runs of a block; a run from a link carries its URL. */
function inlineRuns(el: El): Array<{ text: string; url?: string }> {
  const runs: Array<{ text: string; url?: string }> = [];
  const visit = (node: El) => {
    for (const n of Array.from(node.childNodes)) {
      if (n.nodeType === 3) runs.push({ text: n.textContent ?? '' });
      else if (n.nodeType === 1) {
        const e = n as unknown as El;
        const tag = e.tagName.toUpperCase();
        if (tag === 'BR') runs.push({ text: '\n' });
        else if (tag === 'A' && /^https?:/i.test(e.getAttribute('href') ?? '')) runs.push({ text: e.textContent ?? '', url: e.getAttribute('href')! });
        else if (tag !== 'SCRIPT' && tag !== 'STYLE') visit(e);
      }
    }
  };
  visit(el);
  // collapse whitespace across runs, keeping explicit line breaks
  let prevSpace = true;
  return runs.map((r) => {
    let t = r.text === '\n' ? '\n' : r.text.replace(/\s+/g, ' ');
    if (prevSpace) t = t.replace(/^ /, '');
    if (t.length) prevSpace = /[ \n]$/.test(t);
    return { ...r, text: t };
  });
}

function appendBlock(b: TextBuilder, kind: SectionKind, runs: Array<{ text: string; url?: string }>, cursor: Cursor, level?: number): void {
  while (runs.length && !runs[runs.length - 1]!.text.trim()) runs.pop();
  if (runs.length) runs[runs.length - 1] = { ...runs[runs.length - 1]!, text: runs[runs.length - 1]!.text.replace(/\s+$/, '') };
  if (cursor.chrome.length) {
    // chrome that sat on the page before this block goes before it
    const firstWord = runs.map((r) => r.text.trim()).find(Boolean)?.split(/\s+/)[0];
    const here = firstWord ? cursor.raw.indexOf(firstWord, cursor.at) : -1;
    if (here >= 0) flushChrome(b, cursor, here);
  }
  b.breakLines(2);
  const start = b.length;
  const links: Array<[number, number, string]> = [];
  for (const r of runs) {
    const s = b.length;
    // one anchor per word, so offsets stay exact across tags, entities and collapsed spaces
    for (const part of r.text.split(/(\s+)/)) {
      if (part) b.append(part, /\S/.test(part) ? findWord(cursor, part) : undefined);
    }
    if (r.url && b.length > s) links.push([s, b.length, r.url]);
  }
  if (b.length === start) return;
  const sec = b.mark(kind, start, b.length, level ? { level } : {});
  for (const [s, e, url] of links) b.mark('reference', s, e, { url, parent: sec.id, role: 'link' });
}

/**
 * Finds one word in the raw HTML shortly after the last found place, outside any tag (so "href"
 * in a link's markup is not taken for the word); undefined when not near (an entity, say).
 */
function findWord(cursor: Cursor, word: string): number | undefined {
  const raw = cursor.raw;
  let i = raw.indexOf(word, cursor.at);
  while (i >= 0 && i - cursor.at < 4000) {
    if (raw.lastIndexOf('<', i) <= raw.lastIndexOf('>', i)) {
      cursor.at = i + word.length;
      return i;
    }
    i = raw.indexOf(word, i + 1);
  }
  return undefined;
}

/** Finds a block's text in the raw HTML after the last found place (for the source map). */
function findRaw(cursor: Cursor, text: string): number | undefined {
  const probe = text.slice(0, 24);
  const i = cursor.raw.indexOf(probe, cursor.at);
  if (i < 0) return undefined;
  cursor.at = i + probe.length;
  return i;
}

/** "Title | Site" → "Title" when the tail is the site name or the page's h1 is the head. */
function stripSiteName(title: string, site?: string, h1?: string): string {
  const parts = title.split(/\s+[|–—-]\s+/);
  if (parts.length < 2) return title;
  const head = parts.slice(0, -1).join(' - ');
  const tail = parts[parts.length - 1]!;
  if ((site && tail.toLowerCase() === site.toLowerCase()) || (h1 && collapse(h1) === parts[0])) return h1 && collapse(h1) === parts[0] ? parts[0]! : head;
  return title;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Title, author, publication date, site and language from the page head. */
function readMeta(doc: Document): ReaderResult['meta'] {
  const pick = (...sels: string[]) => {
    for (const s of sels) {
      const el = doc.querySelector(s);
      const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? (el?.tagName === 'TITLE' ? el.textContent : null);
      if (v && v.trim()) return collapse(v);
    }
    return undefined;
  };
  const meta: ReaderResult['meta'] = {};
  const title = pick('meta[property="og:title"]', 'meta[name="twitter:title"]', 'title');
  if (title) meta.title = title;
  const author = pick('meta[name="author"]', 'meta[property="article:author"]', 'meta[name="dc.creator"]', 'meta[name="DC.creator"]');
  if (author) meta.author = author;
  const date = pick('meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="dc.date"]', 'meta[name="DC.date"]', 'meta[itemprop="datePublished"]', 'time[datetime]');
  if (date && /^\d{4}(-\d{2}(-\d{2})?)?/.test(date)) meta.published = date.length > 10 && /T00:00(:00)?/.test(date) ? date.slice(0, 10) : date;
  const site = pick('meta[property="og:site_name"]');
  if (site) meta.site = site;
  const lang = doc.documentElement?.getAttribute('lang');
  if (lang) meta.language = lang;
  return meta;
}
