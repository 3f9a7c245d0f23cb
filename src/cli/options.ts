import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { Store } from '../store/store.ts';
import { CliFailure, describeOpenError } from './cli-errors.ts';

/** The global `--db` option as seen from a subcommand. */
export function dbPath(cmd: Command): string {
  const opts = cmd.optsWithGlobals() as { db?: string };
  return opts.db ?? './annalist.db';
}

/**
 * Opens the `--db` store for a command. A command that only reads (`create: false`) refuses a
 * file that does not exist instead of silently creating an empty database there (a mistyped
 * `--db`); every command gets a one-line reason, not a stack trace, when the file cannot be opened
 * (a missing folder, a file that is not a database, a newer schema). Throws `CliFailure`.
 */
export function openStore(cmd: Command, opts: { create: boolean }): Store {
  const file = dbPath(cmd);
  const name = `annalist ${cmd.name()}`;
  if (!opts.create && !existsSync(file)) {
    throw new CliFailure(`${name}: no database at ${file} (create one with "annalist ingest <paths…>", or pick another with --db <file>)`, 1);
  }
  try {
    return new Store(file);
  } catch (err) {
    throw new CliFailure(`${name}: cannot open database ${file}: ${describeOpenError(err, file)}`, 2);
  }
}

/** The date forms `--from`/`--to` take: a year, a month or a day (BCE with a minus), as the API does. */
const DATE_OPTION = /^-?\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Checks `--from`/`--to` of a command: a value that is not a date is a usage error (`CliFailure`,
 * exit 2) instead of being ignored, which would list everything as if no bound had been given.
 */
export function checkDateOptions(command: string, opts: { from?: string; to?: string }): void {
  for (const key of ['from', 'to'] as const) {
    const v = opts[key];
    if (v !== undefined && !DATE_OPTION.test(v.trim())) {
      throw new CliFailure(`annalist ${command}: --${key} "${v}" is not a date: write a year (1956), a month (1956-02) or a day (1956-02-25)`, 2);
    }
  }
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
