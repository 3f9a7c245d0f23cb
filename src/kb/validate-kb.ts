import { createRequire } from 'node:module';
import { z } from 'zod';
import { normalizeAlias } from './alias-index.ts';
import type { KnowledgeBase } from './types.ts';

/** One thing wrong with the knowledge base. */
export interface KbProblem {
  /** Short rule name: `schema`, `edtf`, `date-order`, `duplicate-id`, `unknown-ref`, `no-source`, `duplicate-alias`, `qid-mismatch`, `metonym-context`. */
  rule: string;
  /** Where: `entities[Q855].aliases[3]`, `roles[12]`, optionally prefixed with a file name. */
  where: string;
  message: string;
}

/** Wikidata item id. */
export const QID_PATTERN = /^Q[1-9][0-9]*$/;
/** KB id: a QID or `local:<slug>`. */
export const KB_ID_PATTERN = /^(Q[1-9][0-9]*|local:[a-z0-9][a-z0-9._-]*)$/;
/** Event classes of the `event` layer (docs/layers.md). */
export const EVENT_CLASSES = [
  'statement', 'meeting', 'appointment', 'removal', 'arrest', 'trial', 'execution', 'death', 'birth', 'founding',
  'joining', 'leaving', 'treaty', 'visit', 'aid', 'withdrawal', 'conflict', 'protest', 'repression', 'renaming',
  'decision', 'other',
] as const;

const id = z.string().regex(KB_ID_PATTERN, 'id must be a QID (Q123) or local:<slug>');
const qid = z.string().regex(QID_PATTERN, 'qid must look like Q123');
const text = z.string().trim().min(1);
const edtfString = z.string().min(1);

const aliasSchema = z.object({
  text,
  kind: z.enum(['canonical', 'full', 'surname', 'given', 'patronymic', 'nickname', 'epithet', 'title', 'abbreviation',
    'transliteration', 'former', 'later', 'metonym', 'demonym', 'other']),
  from: edtfString.optional(),
  to: edtfString.optional(),
  lang: z.string().min(2).optional(),
  needsContext: z.boolean().optional(),
  via: id.optional(),
}).strict();

const entitySchema = z.object({
  id,
  qid: qid.optional(),
  type: z.enum(['person', 'organization', 'place', 'group', 'event', 'work', 'concept']),
  subtype: text.optional(),
  name: text,
  aliases: z.array(aliasSchema),
  start: edtfString.optional(),
  end: edtfString.optional(),
  standsFor: id.optional(),
  note: text.optional(),
  source: text.optional(),
  partOf: id.optional(),
  successor: id.optional(),
}).strict();

const roleSchema = z.object({
  person: id,
  office: text,
  officeKey: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'officeKey must be kebab-case'),
  org: id.optional(),
  from: edtfString,
  to: edtfString.optional(),
  source: text,
  note: text.optional(),
}).strict();

const nameUseSchema = z.object({
  entity: id,
  name: text,
  from: edtfString.optional(),
  to: edtfString.optional(),
  source: text,
}).strict();

const membershipSchema = z.object({
  member: id,
  org: id,
  from: edtfString.optional(),
  to: edtfString.optional(),
  source: text,
  status: z.enum(['member', 'founder', 'observer', 'suspended', 'associate']).optional(),
  note: text.optional(),
}).strict();

const eventSchema = z.object({
  id,
  qid: qid.optional(),
  name: text,
  date: edtfString,
  class: z.enum(EVENT_CLASSES),
  participants: z.array(id),
  place: id.optional(),
  aliases: z.array(text).optional(),
  source: text,
  subtype: text.optional(),
  note: text.optional(),
}).strict();

/** The zod schema of one KB data file (`data/kb/*.json`). */
export const kbFileSchema = z.object({
  $comment: z.string().optional(),
  entities: z.array(entitySchema).optional(),
  roles: z.array(roleSchema).optional(),
  names: z.array(nameUseSchema).optional(),
  memberships: z.array(membershipSchema).optional(),
  events: z.array(eventSchema).optional(),
}).strict();

interface EdtfValue {
  min: number;
  max: number;
}
type EdtfParse = (s: string) => EdtfValue;
// `edtf` ships no types; its CommonJS build exports the parser function (or `{default}`).
const edtfModule = createRequire(import.meta.url)('edtf') as EdtfParse | { default: EdtfParse };
const edtfParse: EdtfParse = typeof edtfModule === 'function' ? edtfModule : edtfModule.default;

/** Parses an EDTF string into its `[min, max]` milliseconds, or undefined when it is not valid EDTF. */
export function edtfBounds(s: string): { min: number; max: number } | undefined {
  try {
    const v = edtfParse(s);
    return { min: v.min, max: v.max };
  } catch {
    return undefined;
  }
}

/** Checks one raw KB file's structure with the zod schema. `name` prefixes every `where`. */
export function validateKbFile(data: unknown, name = ''): KbProblem[] {
  const r = kbFileSchema.safeParse(data);
  if (r.success) return [];
  return r.error.issues.map((issue) => ({
    rule: 'schema',
    where: `${name ? name + ':' : ''}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')}`,
    message: issue.message,
  }));
}

const WIKIDATA_SOURCE = /^https:\/\/www\.wikidata\.org\/wiki\/(Q[1-9][0-9]*)$/;

/**
 * Validates a merged knowledge base: the schema of every record, EDTF dates that parse,
 * `from ≤ to` and `start ≤ end`, unique ids across entities and events, every referenced id
 * present, a source on every fact, no duplicate alias on one entity (same normalized text and
 * period), QID consistency, metonyms marked `needsContext`. Returns the problems, empty when clean.
 */
export function validateKnowledgeBase(kb: Pick<KnowledgeBase, 'entities' | 'roles' | 'names' | 'memberships' | 'events'>): KbProblem[] {
  const problems: KbProblem[] = [];
  const push = (rule: string, where: string, message: string) => problems.push({ rule, where, message });

  // Structure first, per list, with the same schema as a file.
  problems.push(...validateKbFile({ entities: kb.entities, roles: kb.roles, names: kb.names, memberships: kb.memberships, events: kb.events }));

  const ids = new Set<string>();
  const seen = (x: string, where: string) => {
    if (ids.has(x)) push('duplicate-id', where, `id ${x} is used twice`);
    ids.add(x);
  };
  kb.entities.forEach((e) => seen(e.id, `entities[${e.id}]`));
  kb.events.forEach((e) => seen(e.id, `events[${e.id}]`));
  const qids = new Map<string, string>();
  for (const e of [...kb.entities, ...kb.events]) {
    if (!e.qid) continue;
    const other = qids.get(e.qid);
    if (other && other !== e.id) push('duplicate-id', `${e.id}`, `qid ${e.qid} is also on ${other}`);
    qids.set(e.qid, e.id);
  }

  const ref = (x: string | undefined, where: string) => {
    if (x !== undefined && !ids.has(x)) push('unknown-ref', where, `refers to unknown id ${x}`);
  };
  const date = (x: string | undefined, where: string) => {
    if (x === undefined) return undefined;
    const b = edtfBounds(x);
    if (!b) push('edtf', where, `"${x}" is not valid EDTF`);
    return b;
  };
  const period = (from: string | undefined, to: string | undefined, where: string) => {
    const a = date(from, `${where}.from`);
    const b = date(to, `${where}.to`);
    if (a && b && a.min > b.max) push('date-order', where, `${from} is after ${to}`);
  };
  const sourced = (source: string | undefined, where: string) => {
    if (!source || !source.trim()) push('no-source', where, 'fact has no source');
    else if (source.includes('wikidata.org') && !WIKIDATA_SOURCE.test(source)) push('no-source', where, `malformed Wikidata source ${source}`);
  };

  for (const e of kb.entities) {
    const w = `entities[${e.id}]`;
    if (/^Q/.test(e.id) && e.qid && e.qid !== e.id) push('qid-mismatch', w, `id ${e.id} differs from qid ${e.qid}`);
    if (/^Q/.test(e.id) && !e.qid) push('qid-mismatch', w, 'a QID id needs the same qid field');
    period(e.start, e.end, w);
    if ((e.start || e.end) && !e.source) push('no-source', w, 'start/end given without a source');
    ref(e.standsFor, `${w}.standsFor`);
    ref(e.partOf, `${w}.partOf`);
    ref(e.successor, `${w}.successor`);
    const keys = new Map<string, number>();
    e.aliases.forEach((a, i) => {
      const aw = `${w}.aliases[${i}]`;
      period(a.from, a.to, aw);
      ref(a.via, `${aw}.via`);
      if (a.kind === 'metonym' && !a.needsContext) push('metonym-context', aw, `metonym "${a.text}" must set needsContext`);
      const key = `${normalizeAlias(a.text)}|${a.from ?? ''}|${a.to ?? ''}`;
      const prev = keys.get(key);
      if (prev !== undefined) push('duplicate-alias', aw, `"${a.text}" repeats aliases[${prev}]`);
      else keys.set(key, i);
    });
  }
  kb.roles.forEach((r, i) => {
    const w = `roles[${i}]`;
    ref(r.person, `${w}.person`);
    ref(r.org, `${w}.org`);
    period(r.from, r.to, w);
    sourced(r.source, w);
  });
  kb.names.forEach((n, i) => {
    const w = `names[${i}]`;
    ref(n.entity, `${w}.entity`);
    period(n.from, n.to, w);
    sourced(n.source, w);
  });
  kb.memberships.forEach((m, i) => {
    const w = `memberships[${i}]`;
    ref(m.member, `${w}.member`);
    ref(m.org, `${w}.org`);
    period(m.from, m.to, w);
    sourced(m.source, w);
  });
  for (const ev of kb.events) {
    const w = `events[${ev.id}]`;
    if (/^Q/.test(ev.id) && ev.qid && ev.qid !== ev.id) push('qid-mismatch', w, `id ${ev.id} differs from qid ${ev.qid}`);
    date(ev.date, `${w}.date`);
    ev.participants.forEach((p, i) => ref(p, `${w}.participants[${i}]`));
    ref(ev.place, `${w}.place`);
    sourced(ev.source, w);
  }
  return problems;
}

/** Validates raw files (structure, per file) and then their merge. `files` are `{path, data}` as read from disk. */
export function validateKbFiles(files: Array<{ path: string; data: unknown }>, merged: KnowledgeBase): KbProblem[] {
  const structural = files.flatMap((f) => validateKbFile(f.data, f.path));
  if (structural.length > 0) return structural;
  return validateKnowledgeBase(merged);
}
