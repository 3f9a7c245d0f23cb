import classes from './wikidata-classes.json' with { type: 'json' };
import type { KbFile } from './load-kb.ts';
import type { KbAlias, KbEntity, KbEntityType, KbEvent, KbMembership, KbNameUse, KbRole } from './types.ts';

interface WdValue {
  mainsnak?: { datavalue?: { value?: unknown } };
  qualifiers?: Record<string, Array<{ datavalue?: { value?: unknown } }>>;
}
interface WdEntity {
  id: string;
  labels?: Record<string, { value: string }>;
  aliases?: Record<string, Array<{ value: string }>>;
  claims?: Record<string, WdValue[]>;
}

const TYPES = classes.types as Record<string, KbEntityType>;
const EVENT_CLASSES = classes.eventClasses as Record<string, string>;

/**
 * Reads Wikidata entity JSON in any of its usual shapes: `{entities: {Q…: …}}` (Special:EntityData),
 * a JSON array (the dump), or one entity per line (dump lines, with or without trailing commas).
 */
export function parseWikidataEntities(text: string): WdEntity[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && !trimmed.includes('\n{')) {
    const obj = JSON.parse(trimmed) as { entities?: Record<string, WdEntity> } & Partial<WdEntity>;
    if (obj.entities) return Object.values(obj.entities);
    if (obj.id) return [obj as WdEntity];
  }
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as WdEntity[];
    } catch {
      // a dump excerpt without its closing bracket: fall through to line mode
    }
  }
  return trimmed
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as WdEntity);
}

/** Converts a Wikidata time value (`+1953-03-05T00:00:00Z`, precision 11/10/9/8) to EDTF. */
export function wikidataTimeToEdtf(v: unknown): string | undefined {
  const t = v as { time?: string; precision?: number } | undefined;
  const m = t?.time?.match(/^([+-])(\d+)-(\d\d)-(\d\d)/);
  if (!m) return undefined;
  const year = `${m[1] === '-' ? '-' : ''}${m[2]!.replace(/^0+(?=\d{4})/, '')}`;
  const p = t!.precision ?? 11;
  if (p >= 11) return `${year}-${m[3]}-${m[4]}`;
  if (p === 10) return `${year}-${m[3]}`;
  if (p === 9) return year;
  if (p === 8) return `${year.slice(0, -1)}X`;
  return undefined;
}

const itemId = (v: unknown) => (v as { id?: string } | undefined)?.id;
const firstValue = (e: WdEntity, prop: string) => e.claims?.[prop]?.[0]?.mainsnak?.datavalue?.value;
const qualifier = (c: WdValue, prop: string) => c.qualifiers?.[prop]?.[0]?.datavalue?.value;
const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Guesses an alias kind from its shape: all capitals → abbreviation, otherwise `other`. */
function aliasKind(text: string): KbAlias['kind'] {
  return /^[A-Z][A-Z.()-]{1,9}$/.test(text) ? 'abbreviation' : 'other';
}

/** Options for {@link importWikidata}. */
export interface WikidataImportOptions {
  /** Label and alias languages, in order of preference. Default `['en']`. */
  langs?: string[];
}

/**
 * Turns Wikidata entity JSON into a KB file, offline: labels → name, aliases → typed aliases,
 * P31 → type (via `wikidata-classes.json`), P569/P570 or P571/P576 → start/end, P39 with
 * P580/P582 → roles, P463 with P580/P582 → memberships, P1448 with P580/P582 → names;
 * items whose class is an event become `events` (date from P585 or P580/P582, participants P710,
 * place P276). Every fact cites `https://www.wikidata.org/wiki/<QID>`.
 */
export function importWikidata(text: string, options: WikidataImportOptions = {}): KbFile {
  const langs = options.langs ?? ['en'];
  const items = parseWikidataEntities(text);
  const label = (e: WdEntity) => langs.map((l) => e.labels?.[l]?.value).find(Boolean);
  const labels = new Map(items.map((e) => [e.id, label(e)]));
  const out: Required<KbFile> = { entities: [], roles: [], names: [], memberships: [], events: [] };
  for (const e of items) {
    const name = label(e);
    if (!name || !/^Q\d+$/.test(e.id)) continue;
    const source = `https://www.wikidata.org/wiki/${e.id}`;
    const classIds = (e.claims?.P31 ?? []).map((c) => itemId(c.mainsnak?.datavalue?.value)).filter((x): x is string => !!x);
    const type = classIds.map((c) => TYPES[c]).find(Boolean) ?? 'concept';
    const aliasTexts = [...new Set(langs.flatMap((l) => (e.aliases?.[l] ?? []).map((a) => a.value)))].filter((a) => a !== name);
    if (type === 'event') {
      const date = wikidataTimeToEdtf(firstValue(e, 'P585'))
        ?? [wikidataTimeToEdtf(firstValue(e, 'P580')), wikidataTimeToEdtf(firstValue(e, 'P582'))].filter(Boolean).join('/');
      if (!date) continue;
      const ev: KbEvent = {
        id: e.id, qid: e.id, name, date, class: classIds.map((c) => EVENT_CLASSES[c]).find(Boolean) ?? 'other',
        participants: (e.claims?.P710 ?? []).map((c) => itemId(c.mainsnak?.datavalue?.value)).filter((x): x is string => !!x),
        source,
      };
      const place = itemId(firstValue(e, 'P276'));
      if (place) ev.place = place;
      if (aliasTexts.length) ev.aliases = aliasTexts;
      out.events.push(ev);
      continue;
    }
    const start = wikidataTimeToEdtf(firstValue(e, type === 'person' ? 'P569' : 'P571'));
    const end = wikidataTimeToEdtf(firstValue(e, type === 'person' ? 'P570' : 'P576'));
    const entity: KbEntity = { id: e.id, qid: e.id, type, name, aliases: aliasTexts.map((t) => ({ text: t, kind: aliasKind(t) })), source };
    if (start) entity.start = start;
    if (end) entity.end = end;
    out.entities.push(entity);
    for (const c of e.claims?.P39 ?? []) {
      const office = itemId(c.mainsnak?.datavalue?.value);
      const from = wikidataTimeToEdtf(qualifier(c, 'P580'));
      if (!office || !from) continue;
      const officeName = labels.get(office) ?? office;
      const role: KbRole = { person: e.id, office: officeName, officeKey: slug(officeName) || office.toLowerCase(), from, source };
      const to = wikidataTimeToEdtf(qualifier(c, 'P582'));
      if (to) role.to = to;
      out.roles.push(role);
    }
    for (const c of e.claims?.P463 ?? []) {
      const org = itemId(c.mainsnak?.datavalue?.value);
      if (!org) continue;
      const m: KbMembership = { member: e.id, org, source };
      const from = wikidataTimeToEdtf(qualifier(c, 'P580'));
      const to = wikidataTimeToEdtf(qualifier(c, 'P582'));
      if (from) m.from = from;
      if (to) m.to = to;
      out.memberships.push(m);
    }
    for (const c of e.claims?.P1448 ?? []) {
      const v = c.mainsnak?.datavalue?.value as { text?: string; language?: string } | undefined;
      if (!v?.text || (v.language && !langs.includes(v.language))) continue;
      const n: KbNameUse = { entity: e.id, name: v.text, source };
      const from = wikidataTimeToEdtf(qualifier(c, 'P580'));
      const to = wikidataTimeToEdtf(qualifier(c, 'P582'));
      if (from) n.from = from;
      if (to) n.to = to;
      out.names.push(n);
    }
  }
  return out;
}
