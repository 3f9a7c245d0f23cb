import type { Command } from 'commander';

/** The global `--db` option as seen from a subcommand. */
export function dbPath(cmd: Command): string {
  const opts = cmd.optsWithGlobals() as { db?: string };
  return opts.db ?? './annalist.db';
}
