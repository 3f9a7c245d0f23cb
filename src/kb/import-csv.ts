import { parseCsv as parseCsvRows } from '../core/csv.ts';
import type { KbFile } from './load-kb.ts';
import type { KbAlias, KbEntity, KbEntityType } from './types.ts';

/** Splits CSV text into rows, leaving out blank lines. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).filter((row) => row.some((x) => x !== ''));
}

const ALIAS_KINDS = new Set<KbAlias['kind']>(['canonical', 'full', 'surname', 'given', 'patronymic', 'nickname', 'epithet', 'title',
  'abbreviation', 'transliteration', 'former', 'later', 'metonym', 'demonym', 'other']);
const TYPES = new Set<KbEntityType>(['person', 'organization', 'place', 'group', 'event', 'work', 'concept']);

/** Result of a CSV import: the KB file plus one message per skipped row or unknown alias kind. */
export interface CsvImport {
  file: KbFile;
  messages: string[];
}

/**
 * Turns a CSV with header `id,qid,type,name,aliases,start,end,source` into a KB file. `aliases`
 * is `kind:text|kind:text` (a bare `text` is kind `other`); an empty `id` becomes the QID or
 * `local:<slug of name>`. Rows without a name or with an unknown type are skipped with a message.
 */
export function importCsv(text: string): CsvImport {
  const [header, ...rows] = parseCsv(text);
  const messages: string[] = [];
  if (!header) return { file: { entities: [] }, messages: ['empty CSV'] };
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const idx = { id: col('id'), qid: col('qid'), type: col('type'), name: col('name'), aliases: col('aliases'), start: col('start'), end: col('end'), source: col('source') };
  const get = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
  const entities: KbEntity[] = [];
  rows.forEach((r, n) => {
    const line = n + 2;
    const name = get(r, idx.name);
    const type = get(r, idx.type) as KbEntityType;
    if (!name) return void messages.push(`line ${line}: no name, skipped`);
    if (!TYPES.has(type)) return void messages.push(`line ${line}: unknown type "${type}", skipped`);
    const qid = get(r, idx.qid);
    const slug = name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const e: KbEntity = { id: get(r, idx.id) || qid || `local:${slug}`, type, name, aliases: [] };
    if (qid) e.qid = qid;
    for (const part of get(r, idx.aliases).split('|').map((s) => s.trim()).filter(Boolean)) {
      const m = part.match(/^([a-z]+):(.+)$/);
      const kind = m && ALIAS_KINDS.has(m[1] as KbAlias['kind']) ? (m[1] as KbAlias['kind']) : 'other';
      if (m && kind === 'other' && m[1] !== 'other') messages.push(`line ${line}: unknown alias kind "${m[1]}", kept as other`);
      const alias: KbAlias = { text: m && kind !== 'other' ? m[2]!.trim() : m?.[1] === 'other' ? m[2]!.trim() : part, kind };
      if (kind === 'metonym') alias.needsContext = true;
      e.aliases.push(alias);
    }
    const start = get(r, idx.start);
    const end = get(r, idx.end);
    const source = get(r, idx.source) || (qid ? `https://www.wikidata.org/wiki/${qid}` : '');
    if (start) e.start = start;
    if (end) e.end = end;
    if (source) e.source = source;
    entities.push(e);
  });
  return { file: { entities }, messages };
}
