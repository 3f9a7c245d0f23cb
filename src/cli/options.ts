import type { Command } from 'commander';
import type { Store } from '../store/store.ts';

/** The global `--db` option as seen from a subcommand. */
export function dbPath(cmd: Command): string {
  const opts = cmd.optsWithGlobals() as { db?: string };
  return opts.db ?? './annalist.db';
}

/**
 * The source ids a listing command works on: the one matching `--source` (id or unique prefix), or
 * every current source. Writes a message and sets exit code 1 when `--source` matches nothing.
 */
export function selectSourceIds(store: Store, source: string | undefined): string[] {
  if (!source) return store.sourceIds();
  const id = store.resolveId(source);
  if (id) return [id];
  process.stderr.write(`no source matches "${source}"\n`);
  process.exitCode = 1;
  return [];
}
