import type { Section, SectionKind, SourceMap } from '../core/types.ts';

/** Attributes a section may carry besides its kind and span. */
export type SectionAttrs = Omit<Section, 'id' | 'kind' | 'start' | 'end'>;

/**
 * Builds a normalized text piece by piece while recording where each piece came from in the raw
 * input, so readers that drop markup (HTML, Markdown, wikitext) still produce a `sourceMap`.
 * Pieces are NFC-normalized and `\r\n`/`\r` become `\n` as they are appended.
 */
export class TextBuilder {
  private parts: string[] = [];
  private len = 0;
  private readonly map: SourceMap = [];
  readonly sections: Section[] = [];

  /** Current length of the text built so far (UTF-16 code units). */
  get length(): number {
    return this.len;
  }

  /** Appends raw text that starts at `rawOffset` in the raw input (omit for synthetic text). */
  append(raw: string, rawOffset?: number): this {
    if (raw.length === 0) return this;
    const piece = normalizePiece(raw);
    if (rawOffset !== undefined && piece.length !== raw.length && /\s/.test(raw)) {
      // normalization changed the length: append word by word so the map stays exact between words
      let at = 0;
      for (const part of raw.split(/(\s+)/)) {
        this.append(part, rawOffset + at);
        at += part.length;
      }
      return this;
    }
    if (rawOffset !== undefined) this.anchor(rawOffset);
    this.parts.push(piece);
    this.len += piece.length;
    // a piece that changed length under normalization needs an anchor at its end too
    if (rawOffset !== undefined && piece.length !== raw.length) this.anchor(rawOffset + raw.length);
    return this;
  }

  /** Ensures the text ends with `n` newlines (used between blocks); no-op on empty text. */
  breakLines(n = 2): this {
    if (this.len === 0) return this;
    const tail = this.lastChars(n);
    let have = 0;
    for (let i = tail.length - 1; i >= 0 && tail[i] === '\n'; i--) have++;
    if (have < n) this.append('\n'.repeat(n - have));
    return this;
  }

  /** Adds a section over `[start, end)` of the built text and returns it. */
  mark(kind: SectionKind, start: number, end: number, attrs: SectionAttrs = {}): Section {
    const section: Section = { id: `sec-${this.sections.length}`, kind, start, end, ...attrs };
    this.sections.push(section);
    return section;
  }

  /** Appends text and marks it as one section in one step; returns the section. */
  appendSection(kind: SectionKind, raw: string, rawOffset?: number, attrs: SectionAttrs = {}): Section {
    const start = this.len;
    this.append(raw, rawOffset);
    return this.mark(kind, start, this.len, attrs);
  }

  /** The text built so far. */
  text(): string {
    const t = this.parts.join('');
    this.parts = [t];
    return t;
  }

  /** The source map: sorted `[textOffset, rawOffset]` anchors (at least `[0, 0]`). */
  sourceMap(): SourceMap {
    return this.map.length > 0 ? this.map.map(([a, b]) => [a, b] as [number, number]) : [[0, 0]];
  }

  private anchor(rawOffset: number): void {
    const last = this.map[this.map.length - 1];
    if (last && last[0] === this.len) {
      last[1] = rawOffset;
      return;
    }
    // skip anchors the linear mapping already implies
    if (last && rawOffset - last[1] === this.len - last[0]) return;
    this.map.push([this.len, rawOffset]);
  }

  private lastChars(n: number): string {
    let out = '';
    for (let i = this.parts.length - 1; i >= 0 && out.length < n; i--) out = this.parts[i]! + out;
    return out.slice(-n);
  }
}

/** NFC plus newline normalization of one piece of text. */
export function normalizePiece(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').normalize('NFC');
}

/**
 * Normalizes a whole decoded text (NFC, `\r\n` → `\n`; NBSP and other characters are kept so
 * quoted evidence still matches the document) and returns it with a source map to the decoded
 * input, anchored at every line where the offset shift changes.
 */
export function normalizeText(raw: string): { text: string; sourceMap: SourceMap } {
  const b = new TextBuilder();
  const re = /\r\n|\r|\n/g;
  let pos = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    b.append(raw.slice(pos, m.index), pos);
    b.append('\n', m.index);
    pos = m.index + m[0].length;
  }
  b.append(raw.slice(pos), pos);
  return { text: b.text(), sourceMap: b.sourceMap() };
}

/** Maps an offset in normalized text back to the raw input through a source map. */
export function toRawOffset(map: SourceMap, offset: number): number {
  let best: [number, number] = [0, 0];
  for (const a of map) {
    if (a[0] > offset) break;
    best = a;
  }
  return best[1] + (offset - best[0]);
}
