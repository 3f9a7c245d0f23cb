import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** A PTC article: its id (digits, without the `article` prefix) and UTF-8 text. */
export interface PtcArticle {
  id: string;
  text: string;
}

/** A PTC label row with UTF-16 offsets into the article text (converted from code points). */
export interface PtcLabel {
  article: string;
  technique: string | null;
  start: number;
  end: number;
}

/** Reads every `article<ID>.txt` of a folder, sorted by id. */
export function readPtcArticles(dir: string): PtcArticle[] {
  return readdirSync(dir)
    .filter((f) => /^article\d+\.txt$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/^article/, '').replace(/\.txt$/, ''), text: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Offsets of each code point in UTF-16 units: `table[cp] = utf16`, with one extra entry for the end.
 * PTC counts offsets in code points (Python `str`); our spans are UTF-16.
 */
export function codePointTable(text: string): Int32Array {
  const table: number[] = [];
  let u = 0;
  for (const ch of text) {
    table.push(u);
    u += ch.length;
  }
  table.push(u);
  return Int32Array.from(table);
}

/** Converts a UTF-16 offset to a code-point offset (an offset inside a surrogate pair rounds down). */
export function utf16ToCodePoint(table: Int32Array, offset: number): number {
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (table[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Reads a PTC labels file (3 columns SI or 4 columns TC) and converts offsets to UTF-16 using the
 * articles' texts. Rows of unknown articles are skipped.
 */
export function readPtcLabels(file: string, articles: readonly PtcArticle[]): PtcLabel[] {
  if (!existsSync(file)) return [];
  const tables = new Map(articles.map((a) => [a.id, codePointTable(a.text)]));
  const out: PtcLabel[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cols = line.split('\t').map((c) => c.trim());
    const article = cols[0]!.replace(/^article/, '');
    const table = tables.get(article);
    if (!table) continue;
    const technique = cols.length === 4 ? cols[1]! : null;
    const s = Number(cols[cols.length - 2]);
    const e = Number(cols[cols.length - 1]);
    const clamp = (cp: number) => table[Math.min(cp, table.length - 1)]!;
    out.push({ article, technique, start: clamp(s), end: clamp(e) });
  }
  return out;
}

/** Formats labels as PTC lines (`id<TAB>technique<TAB>start<TAB>end`, code-point offsets). */
export function formatPtcLabels(labels: readonly PtcLabel[], articles: readonly PtcArticle[]): string {
  const tables = new Map(articles.map((a) => [a.id, codePointTable(a.text)]));
  return labels
    .map((l) => {
      const t = tables.get(l.article);
      const s = t ? utf16ToCodePoint(t, l.start) : l.start;
      const e = t ? utf16ToCodePoint(t, l.end) : l.end;
      return `${l.article}\t${l.technique ?? 'Loaded_Language'}\t${s}\t${e}`;
    })
    .join('\n') + (labels.length ? '\n' : '');
}
