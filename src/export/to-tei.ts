/**
 * TEI P5 export of one analyzed source: the text in `<text><body>` with its sections as TEI structure
 * (title/headings → `<head>` in nested `<div>`s, body → `<p>`, captions → `<figure><figDesc>`,
 * comments → `<div type="comment">` with a `<bibl>`, chrome → `<div type="chrome">` or a `<gap>`),
 * `<anchor xml:id="a<offset>"/>` at every annotation boundary, and stand-off annotations in `<standOff>`:
 * one `<spanGrp type="<layer>">` per layer with `<span from="#a…" to="#a…">`, and persons, places,
 * organizations in `<listPerson>`/`<listPlace>`/`<listOrg>` with Wikidata `@ref`.
 * Anchor ids carry UTF-16 offsets into the source text.
 */
import type { AnalyzedSource, Annotation, Json, Section } from '../core/types.ts';
import { snapToCodePoint } from './code-points.ts';
import { entityUri, isQid } from './entity-uri.ts';
import { escapeXmlText, toXmlId, xmlAttrs } from './xml.ts';

/** Options of `toTei`. */
export interface TeiOptions {
  /** Layers put in `<standOff>`; default mention, timex, event, claim, rhetoric, stance. */
  layers?: readonly string[];
  /** `div` keeps web chrome (menus, comment headers) in `<div type="chrome">`; `omit` leaves a `<gap>`. Default `div`. */
  chrome?: 'div' | 'omit';
  /** Entity types by id (e.g. from corpus entity records: `person`, `place`, `organization`, …). */
  entityTypes?: ReadonlyMap<string, string>;
  /** Prefix of every xml:id (anchors too), so several documents can share one XML file. Default none. */
  idPrefix?: string;
}

/** Layers exported unless `layers` says otherwise. */
export const DEFAULT_TEI_LAYERS: readonly string[] = ['mention', 'timex', 'event', 'claim', 'rhetoric', 'stance'];

/** Render context: the options plus one xml:id allocator, so distinct ids never collide after sanitizing. */
interface Ctx extends TeiOptions {
  xmlId: (prefix: string, raw: string) => string;
  /** The xml:id of the anchor at an offset. */
  anchor: (offset: number) => string;
}

/** An xml:id allocator: the same (prefix, id) gives the same xml:id; two ids that sanitize alike get `-2`, `-3`, …. */
function makeXmlIds(idPrefix: string): Ctx['xmlId'] {
  const given = new Map<string, string>();
  const used = new Set<string>();
  return (prefix, raw) => {
    const key = `${prefix}\u0000${raw}`;
    let id = given.get(key);
    if (!id) {
      const base = toXmlId(idPrefix + prefix, raw);
      id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      given.set(key, id);
    }
    return id;
  };
}

/** The xml:id of the anchor at a UTF-16 offset (without an `idPrefix`). */
export function anchorId(offset: number): string {
  return `a${offset}`;
}

/** A section in the containment tree (the root is the whole text). */
interface Node {
  section?: Section;
  start: number;
  end: number;
  children: Node[];
}

/** Nests sections by span containment; a section overlapping an earlier sibling is clipped to start after it. */
function buildTree(sections: readonly Section[], length: number): Node {
  const root: Node = { start: 0, end: length, children: [] };
  const sorted = sections
    .map((s) => ({ s, start: Math.max(0, Math.min(length, s.start)), end: Math.max(0, Math.min(length, s.end)) }))
    .filter((x) => x.end > x.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Node[] = [root];
  for (const { s, start, end } of sorted) {
    while (stack.length > 1 && stack[stack.length - 1]!.end <= start) stack.pop();
    const parent = stack[stack.length - 1]!;
    const prev = parent.children[parent.children.length - 1];
    const from = prev ? Math.max(start, prev.end) : start;
    const to = Math.min(end, parent.end);
    if (to <= from) continue;
    const node: Node = { section: s, start: from, end: to, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

/** Writes text and anchors in document order; each anchor offset is written exactly once. */
class Writer {
  out: string[] = [];
  private next = 0;
  constructor(
    private readonly text: string,
    private readonly anchors: readonly number[],
    private readonly anchorRef: (offset: number) => string,
  ) {}

  /** Anchors with offset < `to` not written yet. */
  private anchorsBefore(to: number, inclusive = false): number[] {
    const got: number[] = [];
    while (this.next < this.anchors.length && (this.anchors[this.next]! < to || (inclusive && this.anchors[this.next] === to))) got.push(this.anchors[this.next++]!);
    return got;
  }

  /** Writes text `[from, to)` with the anchors falling in it (and any pending before it). */
  text_(from: number, to: number): void {
    let at = from;
    for (const a of this.anchorsBefore(to)) {
      const p = Math.max(a, at);
      if (p > at) this.out.push(escapeXmlText(this.text.slice(at, p)));
      at = p;
      this.out.push(`<anchor xml:id="${this.anchorRef(a)}"/>`);
    }
    if (to > at) this.out.push(escapeXmlText(this.text.slice(at, to)));
  }

  /** Writes only the anchors in `[.., to)` (for text left out). */
  anchorsOnly(to: number, inclusive = false): void {
    for (const a of this.anchorsBefore(to, inclusive)) this.out.push(`<anchor xml:id="${this.anchorRef(a)}"/>`);
  }

  push(s: string): void {
    this.out.push(s);
  }

  /** True when the text `[from, to)` holds anything but whitespace. */
  hasText(from: number, to: number): boolean {
    return /\S/.test(this.text.slice(from, to));
  }
}

/** Renders a node's content: its text with its child sections in place. */
function renderContent(w: Writer, node: Node, inline: boolean, opts: Ctx): void {
  let at = node.start;
  for (const child of node.children) {
    w.text_(at, child.start);
    renderSection(w, child, inline, opts);
    at = child.end;
  }
  w.text_(at, node.end);
}

/** Renders a section nested inside a phrase-level element. */
function renderInline(w: Writer, node: Node, opts: Ctx): void {
  const s = node.section!;
  const id = opts.xmlId('s-', s.id);
  if (s.kind === 'quote') {
    w.push(`<quote${xmlAttrs({ 'xml:id': id })}>`);
    renderContent(w, node, true, opts);
    w.push('</quote>');
  } else if (s.kind === 'reference' && s.url) {
    w.push(`<ref${xmlAttrs({ 'xml:id': id, target: s.url })}>`);
    renderContent(w, node, true, opts);
    w.push('</ref>');
  } else {
    w.push(`<seg${xmlAttrs({ 'xml:id': id, type: s.kind, subtype: s.role })}>`);
    renderContent(w, node, true, opts);
    w.push('</seg>');
  }
}

/** Renders one section as a block (or inline when inside a phrase-level element). */
function renderSection(w: Writer, node: Node, inline: boolean, opts: Ctx): void {
  const s = node.section!;
  if (inline) return renderInline(w, node, opts);
  const id = opts.xmlId('s-', s.id);
  const wrap = (open: string, close: string, childInline = true) => {
    w.push(open);
    renderContent(w, node, childInline, opts);
    w.push(close);
  };
  switch (s.kind) {
    case 'title':
      return wrap(`<head${xmlAttrs({ 'xml:id': id, type: 'main' })}>`, '</head>');
    case 'heading':
      return wrap(`<head${xmlAttrs({ 'xml:id': id })}>`, '</head>');
    case 'caption':
      return wrap(`<figure${xmlAttrs({ 'xml:id': id })}><figDesc>`, '</figDesc></figure>');
    case 'credit':
      return s.role === 'author' ? wrap(`<byline${xmlAttrs({ 'xml:id': id })}>`, '</byline>') : wrap(`<note${xmlAttrs({ 'xml:id': id, type: 'credit', subtype: s.role })}>`, '</note>');
    case 'quote':
      return wrap(`<quote${xmlAttrs({ 'xml:id': id })}>`, '</quote>');
    case 'reference':
      return wrap(`<bibl${xmlAttrs({ 'xml:id': id, type: 'reference' })}>${s.url ? `<ptr${xmlAttrs({ target: s.url })}/>` : ''}`, '</bibl>');
    case 'comment': {
      const who = s.author ? `#${opts.xmlId('commenter-', s.author)}` : undefined;
      const bibl = `<bibl type="comment-meta">${s.author ? `<author${xmlAttrs({ ref: who })}>${escapeXmlText(s.displayName ? `${s.displayName} (${s.author})` : s.author)}</author>` : ''}${
        s.time ? `<date${xmlAttrs({ when: s.time })}>${escapeXmlText(s.time)}</date>` : ''
      }</bibl>`;
      return wrap(`<div${xmlAttrs({ 'xml:id': id, type: 'comment', n: s.depth, resp: who })}>${bibl}<p>`, '</p></div>');
    }
    case 'chrome':
      if (opts.chrome === 'omit') {
        w.push(`<gap${xmlAttrs({ reason: 'chrome', quantity: node.end - node.start, unit: 'chars' })}/>`);
        return w.anchorsOnly(node.end);
      }
      return wrap(`<div${xmlAttrs({ 'xml:id': id, type: 'chrome', subtype: s.role })}><ab>`, '</ab></div>');
    default:
      return wrap(`<p${xmlAttrs({ 'xml:id': id, type: s.kind === 'body' ? undefined : s.kind })}>`, '</p>');
  }
}

/** Writes text outside every section: whitespace as is, anything else in an anonymous block. */
function renderGap(w: Writer, from: number, to: number): void {
  if (!w.hasText(from, to)) return w.text_(from, to);
  w.push('<ab type="unsectioned">');
  w.text_(from, to);
  w.push('</ab>');
}

/** Renders `<body>`: top-level sections in order, headings opening nested `<div type="section">`s by level. */
function renderBody(w: Writer, root: Node, length: number, opts: Ctx): void {
  const open: number[] = [];
  let at = 0;
  for (const child of root.children) {
    renderGap(w, at, child.start);
    const s = child.section!;
    if (s.kind === 'heading') {
      const level = s.level ?? 1;
      while (open.length && open[open.length - 1]! >= level) {
        open.pop();
        w.push('</div>');
      }
      open.push(level);
      w.push(`<div${xmlAttrs({ type: 'section', n: level })}>`);
    }
    renderSection(w, child, false, opts);
    at = child.end;
  }
  renderGap(w, at, length);
  w.anchorsOnly(length, true);
  while (open.pop() !== undefined) w.push('</div>');
}

/** Reads a string attribute. */
function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Reads an object attribute. */
function obj(v: Json | undefined): Record<string, Json | undefined> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** The `#xml:id` pointer of an entity or speaker id. */
function entityRef(ctx: Ctx, id: string): string {
  if (id === 'author') return `#${ctx.xmlId('', 'author')}`;
  if (id.startsWith('commenter:')) return `#${ctx.xmlId('commenter-', id.slice('commenter:'.length))}`;
  return `#${ctx.xmlId('ent-', id)}`;
}

/** One stand-off `<span>` for an annotation. */
function renderSpan(ctx: Ctx, a: Annotation, start: number, end: number): string {
  const at = a.attrs;
  const base = { 'xml:id': ctx.xmlId('', a.id), type: a.label, from: `#${ctx.anchor(start)}`, to: `#${ctx.anchor(end)}` };
  const cert = typeof a.provenance.confidence === 'number' ? a.provenance.confidence.toFixed(3) : undefined;
  let extra: Record<string, string | undefined> = {};
  let inner = '';
  switch (a.layer) {
    case 'mention':
      if (str(at.entity)) extra = { corresp: entityRef(ctx, str(at.entity)!) };
      break;
    case 'timex': {
      const interval = obj(at.interval);
      inner = `<date${xmlAttrs({ 'when-custom': str(at.edtf), datingMethod: '#edtf', notBefore: str(interval?.earliest), notAfter: str(interval?.latest), ana: str(at.value) ? `timex3:${str(at.value)}` : undefined })}/>`;
      break;
    }
    case 'event': {
      const participants = (Array.isArray(at.participants) ? at.participants : []).map(obj).filter((p) => str(p?.entity));
      extra = { corresp: participants.map((p) => entityRef(ctx, str(p!.entity)!)).join(' ') || undefined, ana: [str(at.polarity), str(at.modality)].filter(Boolean).join(' ') || undefined };
      const time = obj(at.time);
      if (str(time?.edtf)) inner = `<date${xmlAttrs({ 'when-custom': str(time!.edtf), datingMethod: '#edtf', type: time!.inherited === true ? 'inherited' : undefined })}/>`;
      break;
    }
    case 'claim':
      if (str(at.speaker)) extra = { resp: entityRef(ctx, str(at.speaker)!) };
      break;
    case 'stance':
      if (str(at.target)) extra = { corresp: entityRef(ctx, str(at.target)!) };
      break;
  }
  return `<span${xmlAttrs({ ...base, ...extra, cert })}>${inner}</span>`;
}

/** The TEI list element and entry for a mention label / entity type. */
function entityKind(label: string, type: string | undefined): 'person' | 'place' | 'org' | 'object' {
  const t = type ?? label;
  if (/^(PER|person)$/i.test(t)) return 'person';
  if (/^(LOC|place)$/i.test(t)) return 'place';
  if (/^(ORG|GRP|organization|group)$/i.test(t)) return 'org';
  return 'object';
}

/** `<listPerson>`/`<listPlace>`/`<listOrg>`/`<listObject>` of the entities mentioned, plus commenters and the author. */
function renderEntityLists(doc: AnalyzedSource, opts: Ctx): string {
  const entities = new Map<string, { name: string; kind: ReturnType<typeof entityKind> }>();
  for (const a of doc.annotations) {
    const at = a.attrs;
    if (a.layer === 'mention' && str(at.entity) && !entities.has(str(at.entity)!)) {
      entities.set(str(at.entity)!, { name: str(at.name) ?? doc.text.slice(a.start, a.end), kind: entityKind(a.label, opts.entityTypes?.get(str(at.entity)!)) });
    }
  }
  for (const a of doc.annotations) {
    const sp = str(a.attrs.speaker);
    if (a.layer === 'claim' && sp && !sp.startsWith('commenter:') && sp !== 'author' && !entities.has(sp)) {
      // A speaker never mentioned by name ("according to historians" → local:historians) still needs an entry.
      entities.set(sp, { name: str(a.attrs.speakerName) ?? sp, kind: entityKind(sp.startsWith('local:') ? 'GRP' : 'PER', opts.entityTypes?.get(sp)) });
    }
  }
  const commenters = new Map<string, string | undefined>();
  for (const s of doc.sections) if (s.kind === 'comment' && s.author && !commenters.has(s.author)) commenters.set(s.author, s.displayName);
  for (const a of doc.annotations) {
    const sp = str(a.attrs.speaker);
    if (a.layer === 'claim' && sp?.startsWith('commenter:') && !commenters.has(sp.slice(10))) commenters.set(sp.slice(10), undefined);
  }
  const sorted = [...entities.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const entry = (kind: string, nameEl: string, [id, e]: [string, { name: string }]) =>
    `<${kind}${xmlAttrs({ 'xml:id': opts.xmlId('ent-', id), ref: isQid(id) ? entityUri(id) : undefined })}>${
      kind === 'object' ? `<objectIdentifier><objectName>${escapeXmlText(e.name)}</objectName></objectIdentifier>` : `<${nameEl}>${escapeXmlText(e.name)}</${nameEl}>`
    }${
      isQid(id) ? '' : `<idno type="annalist">${escapeXmlText(id)}</idno>`
    }</${kind}>`;
  const list = (wrapper: string, kind: 'person' | 'place' | 'org' | 'object', el: string, nameEl: string, extraItems: string[] = []) => {
    const items = sorted.filter(([, e]) => e.kind === kind).map((x) => entry(el, nameEl, x));
    items.push(...extraItems);
    return items.length ? `<${wrapper}>${items.join('')}</${wrapper}>` : '';
  };
  const people = [
    `<person xml:id="${opts.xmlId('', 'author')}" role="author"><persName>${escapeXmlText(doc.meta.author ?? 'author')}</persName></person>`,
    ...[...commenters.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([user, display]) =>
      `<person${xmlAttrs({ 'xml:id': opts.xmlId('commenter-', user), role: 'commenter' })}><persName type="username">${escapeXmlText(user)}</persName>${display ? `<persName type="display">${escapeXmlText(display)}</persName>` : ''}</person>`,
    ),
  ];
  return [list('listPerson', 'person', 'person', 'persName', people), list('listPlace', 'place', 'place', 'placeName'), list('listOrg', 'org', 'org', 'orgName'), list('listObject', 'object', 'object', 'objectName')].filter(Boolean).join('\n');
}

/** The `<teiHeader>`: title, publication statement, source description from the metadata. */
function renderHeader(doc: AnalyzedSource): string {
  const m = doc.meta;
  const url = m.path && /^https?:\/\//.test(m.path) ? m.path : undefined;
  return [
    '<teiHeader>',
    `<fileDesc><titleStmt><title>${escapeXmlText(m.title ?? doc.id)}</title>${m.author ? `<author>${escapeXmlText(m.author)}</author>` : ''}</titleStmt>`,
    `<publicationStmt><p>Exported by Annalist.</p><idno type="annalist">${escapeXmlText(doc.id)}</idno></publicationStmt>`,
    `<sourceDesc><bibl>${m.title ? `<title>${escapeXmlText(m.title)}</title>` : ''}${m.author ? `<author>${escapeXmlText(m.author)}</author>` : ''}${
      m.published ? `<date${xmlAttrs({ when: m.published })}>${escapeXmlText(m.published)}</date>` : ''
    }${m.site ? `<publisher>${escapeXmlText(m.site)}</publisher>` : ''}${url ? `<ptr${xmlAttrs({ target: url })}/>` : ''}</bibl></sourceDesc></fileDesc>`,
    `<encodingDesc><p>Stand-off annotations point at anchors a&lt;n&gt; placed at UTF-16 offset n of the normalized text.</p></encodingDesc>`,
    m.language ? `<profileDesc><langUsage><language${xmlAttrs({ ident: m.language })}/></langUsage></profileDesc>` : '',
    '</teiHeader>',
  ].join('\n');
}

/**
 * Converts one analyzed source to a TEI P5 document (a string, well-formed XML, everything escaped).
 * `standalone: false` drops the XML declaration (for embedding in a `<teiCorpus>`).
 */
export function toTei(doc: AnalyzedSource, opts: TeiOptions & { standalone?: boolean } = {}): string {
  const text = doc.text;
  const layers = new Set(opts.layers ?? DEFAULT_TEI_LAYERS);
  const anns = doc.annotations.filter((a) => layers.has(a.layer)).slice().sort((a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id));
  const spans = anns.map((a) => {
    const start = snapToCodePoint(text, a.start);
    return { a, start, end: Math.max(start, snapToCodePoint(text, a.end)) };
  });
  const anchors = [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((x, y) => x - y);
  const xmlId = makeXmlIds(opts.idPrefix ?? '');
  const ctx: Ctx = { ...opts, xmlId, anchor: (n) => xmlId('', anchorId(n)) };
  // Reserved ids first, so no sanitized id can take them.
  ctx.xmlId('', 'author');
  for (const a of anchors) ctx.anchor(a);
  const w = new Writer(text, anchors, ctx.anchor);
  renderBody(w, buildTree(doc.sections, text.length), text.length, ctx);
  const byLayer = new Map<string, string[]>();
  for (const s of spans) {
    if (!byLayer.has(s.a.layer)) byLayer.set(s.a.layer, []);
    byLayer.get(s.a.layer)!.push(renderSpan(ctx, s.a, s.start, s.end));
  }
  const order = [...layers];
  const groups = [...byLayer.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([layer, items]) => `<spanGrp${xmlAttrs({ type: layer })}>\n${items.join('\n')}\n</spanGrp>`);
  return [
    opts.standalone === false ? '' : '<?xml version="1.0" encoding="UTF-8"?>',
    `<TEI xmlns="http://www.tei-c.org/ns/1.0"${xmlAttrs({ 'xml:id': ctx.xmlId('src-', doc.id), 'xml:lang': doc.meta.language })}>`,
    renderHeader(doc),
    `<standOff>\n${[renderEntityLists(doc, ctx), ...groups].filter(Boolean).join('\n')}\n</standOff>`,
    `<text><body>${w.out.join('')}</body></text>`,
    '</TEI>',
    '',
  ]
    .filter((l, i) => i > 0 || l)
    .join('\n');
}

/** Several sources as one `<teiCorpus>` (a shared header, one `<TEI>` per source, xml:ids prefixed `d1-`, `d2-`, …). */
export function toTeiCorpus(docs: readonly AnalyzedSource[], opts: TeiOptions = {}, title = 'Annalist corpus'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">',
    `<teiHeader><fileDesc><titleStmt><title>${escapeXmlText(title)}</title></titleStmt><publicationStmt><p>Exported by Annalist.</p></publicationStmt><sourceDesc><p>${docs.length} sources.</p></sourceDesc></fileDesc></teiHeader>`,
    ...docs.map((d, i) => toTei(d, { ...opts, standalone: false, idPrefix: `d${i + 1}-` }).replace(' xmlns="http://www.tei-c.org/ns/1.0"', '')),
    '</teiCorpus>',
    '',
  ].join('\n');
}
