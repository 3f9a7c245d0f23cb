import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KbEntity, KbEvent, KbMembership, KbNameUse, KbRole, KnowledgeBase } from './types.ts';

/** The bundled knowledge base folder (`data/kb`). */
export const DEFAULT_KB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'kb');

/** One KB data file: any subset of the five record lists. */
export interface KbFile {
  entities?: KbEntity[];
  roles?: KbRole[];
  names?: KbNameUse[];
  memberships?: KbMembership[];
  events?: KbEvent[];
}

/** Lists `*.json` files in a folder, recursively, sorted. */
export function listJson(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return listJson(p);
      return name.endsWith('.json') ? [p] : [];
    });
}

/** Fields a later file may fill in on an entity that lacks them (never overwriting a value already set). */
const FILLABLE_FIELDS = ['qid', 'source', 'start', 'end', 'subtype', 'note'] as const;

/**
 * Adds a repeated entity record to the first one: its aliases are appended and the
 * fields of `FILLABLE_FIELDS` the first record lacks are filled in. When a later record
 * brings dates, its source comes with them (a date needs the source that gives it), so
 * `start`/`end` are only taken together with a `source` if the first record has none.
 */
function mergeEntity(prev: KbEntity, next: KbEntity): void {
  prev.aliases.push(...next.aliases);
  const datesNeedSource = (next.start !== undefined || next.end !== undefined) && prev.source !== undefined && prev.source !== next.source;
  for (const k of FILLABLE_FIELDS) {
    if (prev[k] !== undefined || next[k] === undefined) continue;
    if (datesNeedSource && (k === 'start' || k === 'end')) continue;
    prev[k] = next[k];
  }
}

/**
 * Merges parsed KB files into one indexed knowledge base. An entity id repeated in a later
 * file adds its aliases to the earlier entity and fills in `qid`, `source`, dates, `subtype`
 * and `note` where the earlier record has none.
 */
export function buildKnowledgeBase(files: KbFile[]): KnowledgeBase {
  const kb: KnowledgeBase = { entities: [], roles: [], names: [], memberships: [], events: [], byId: new Map(), eventById: new Map() };
  for (const f of files) {
    for (const e of f.entities ?? []) {
      const prev = kb.byId.get(e.id);
      if (prev) mergeEntity(prev, e);
      else {
        const copy = { ...e, aliases: [...e.aliases] };
        kb.entities.push(copy);
        kb.byId.set(e.id, copy);
      }
    }
    kb.roles.push(...(f.roles ?? []));
    kb.names.push(...(f.names ?? []));
    kb.memberships.push(...(f.memberships ?? []));
    for (const ev of f.events ?? []) {
      kb.events.push(ev);
      kb.eventById.set(ev.id, ev);
    }
  }
  return kb;
}

/** One KB file as read from disk, before merging. */
export interface KbFileOnDisk {
  path: string;
  data: KbFile;
}

/** Reads every `*.json` KB file under the given folders, in order (folders recursively, names sorted). */
export function readKbFiles(dirs: string[]): KbFileOnDisk[] {
  return dirs.flatMap((d) => listJson(d)).map((p) => ({ path: p, data: JSON.parse(readFileSync(p, 'utf8')) as KbFile }));
}

let cached: KnowledgeBase | undefined;

/**
 * Loads the knowledge base from the bundled folder plus any user folders, in order.
 * The bundled-only result is cached for the process.
 */
export function loadKnowledgeBase(extraDirs: string[] = []): KnowledgeBase {
  if (extraDirs.length === 0 && cached) return cached;
  const kb = buildKnowledgeBase(readKbFiles([DEFAULT_KB_DIR, ...extraDirs]).map((f) => f.data));
  if (extraDirs.length === 0) cached = kb;
  return kb;
}
