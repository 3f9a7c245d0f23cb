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
function listJson(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return listJson(p);
      return name.endsWith('.json') ? [p] : [];
    });
}

/** Merges parsed KB files into one indexed knowledge base. Later files may add aliases to earlier entities. */
export function buildKnowledgeBase(files: KbFile[]): KnowledgeBase {
  const kb: KnowledgeBase = { entities: [], roles: [], names: [], memberships: [], events: [], byId: new Map(), eventById: new Map() };
  for (const f of files) {
    for (const e of f.entities ?? []) {
      const prev = kb.byId.get(e.id);
      if (prev) prev.aliases.push(...e.aliases);
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
