/**
 * What the command line tells a user when something goes wrong outside the per-file ingest
 * report: a failed command, a database that cannot be opened, a closed pipe.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** A failure the CLI reports as one line and an exit code, without a stack trace. */
export class CliFailure extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
  }
}

/** Node's file-system error codes in words. */
const FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ELOOP: 'symlink loop',
};

/**
 * One readable line for an error thrown by a command: file-system errors as "<path>: <what>",
 * JSON syntax errors as such, anything else by its message.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as NodeJS.ErrnoException;
  if (e.code && FS_CODES[e.code]) return e.path ? `${e.path}: ${FS_CODES[e.code]}` : `${FS_CODES[e.code]} (${e.message})`;
  if (err instanceof SyntaxError && /JSON/.test(err.message)) return `not valid JSON: ${err.message}`;
  return err.message;
}

/**
 * Why a database file could not be opened, in words: a missing folder, a file that is not an
 * SQLite database, one written by a newer Annalist, or the driver's own message.
 */
export function describeOpenError(err: unknown, file: string): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  if (!existsSync(dirname(file)) || /directory does not exist/i.test(message)) return `the folder ${dirname(file)} does not exist`;
  if (e.code === 'SQLITE_NOTADB' || /not a database/i.test(message)) return `${file} is not an Annalist database (not an SQLite file)`;
  if (e.code === 'SQLITE_CORRUPT') return `${file} is damaged (${message})`;
  if (e.code === 'STORE_SCHEMA') return `${file} was written by a newer version of Annalist (${message})`;
  if (e.code === 'SQLITE_CANTOPEN') return `cannot open ${file} (a folder, or no permission?)`;
  return message;
}

/** True for the error a write to a closed pipe raises (`annalist claims | head`). */
export function isBrokenPipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}
