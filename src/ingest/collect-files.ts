import { lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** One input the user named, resolved to a file to read, or a problem with it. */
export type Collected =
  | { kind: 'file'; path: string; size: number; root?: string }
  | { kind: 'stdin' }
  | { kind: 'error'; path: string; reason: string }
  | { kind: 'skipped'; path: string; reason: string };

/**
 * Expands the paths a user gave into files: a file is itself, a folder is walked recursively
 * (hidden entries skipped, sorted), a glob pattern (`*`, `?`, `**`, `[…]`) is matched under its
 * fixed leading folder, `-` is stdin. Symlinks are followed once: a folder reached again through
 * a link (a loop) is skipped with a note; a link that cannot be resolved (ELOOP, dangling) is an
 * error for that path. Never throws; yields files lazily so a 10,000-file folder streams.
 * A file found inside a named folder (or under a glob's fixed folder) carries that folder as `root`.
 */
export function* collectFiles(inputs: readonly string[]): Generator<Collected> {
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    if (/[*?[]/.test(input)) {
      const { base, regex } = globToRegex(input);
      let matched = 0;
      for (const c of walk(base, seenDirs, seenFiles, base)) {
        if (c.kind === 'file' && !regex.test(c.path)) continue;
        // only files and read errors under the pattern count as its matches; loop notes are noise here
        if (c.kind === 'skipped') continue;
        if (c.kind === 'error' && !regex.test(c.path)) continue;
        matched++;
        yield c;
      }
      if (matched === 0) yield { kind: 'error', path: input, reason: 'no file matches this pattern' };
      continue;
    }
    yield* walk(resolve(input), seenDirs, seenFiles);
  }
}

function* walk(path: string, seenDirs: Set<string>, seenFiles: Set<string>, root?: string): Generator<Collected> {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    yield { kind: 'error', path, reason: describeFsError(err, path) };
    return;
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (err) {
    yield { kind: 'error', path, reason: describeFsError(err, path) };
    return;
  }
  if (st.isFile()) {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    yield root ? { kind: 'file', path, size: st.size, root } : { kind: 'file', path, size: st.size };
    return;
  }
  if (!st.isDirectory()) {
    yield { kind: 'error', path, reason: 'not a regular file or folder' };
    return;
  }
  if (seenDirs.has(real)) {
    if (isLink(path)) yield { kind: 'skipped', path, reason: `symlink loop: ${real} was already visited` };
    return;
  }
  seenDirs.add(real);
  let names: string[];
  try {
    names = readdirSync(path).sort();
  } catch (err) {
    yield { kind: 'error', path, reason: describeFsError(err, path) };
    return;
  }
  const ignored = readIgnoreFile(path);
  for (const name of names) {
    if (name.startsWith('.')) continue;
    if (ignored.some((re) => re.test(name))) continue;
    yield* walk(join(path, name), seenDirs, seenFiles, root ?? path);
  }
}

/**
 * Reads a folder's `.annalistignore`: one name or glob (`*`, `?`) per line, `#` comments,
 * matched against entry names in that folder (e.g. a README that documents the corpus).
 */
export function readIgnoreFile(dir: string): RegExp[] {
  let text: string;
  try {
    text = readFileSync(join(dir, '.annalistignore'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => new RegExp(`^${l.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A readable sentence for a file-system error. */
export function describeFsError(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return isLink(path) ? 'dangling symlink' : 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symlink loop (too many levels of symbolic links)';
    case 'EISDIR':
      return 'is a folder';
    default:
      return (err as Error).message ?? String(err);
  }
}

/** Splits a glob into its fixed leading folder and a regex over absolute paths. */
export function globToRegex(pattern: string): { base: string; regex: RegExp } {
  const abs = resolve(pattern);
  const parts = abs.split(sep);
  const first = parts.findIndex((p) => /[*?[]/.test(p));
  const base = parts.slice(0, first).join(sep) || sep;
  let re = '';
  const rest = parts.slice(first).join('/');
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '*' && rest[i + 1] === '*') {
      re += rest[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += rest[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = rest.indexOf(']', i);
      if (close > i) {
        re += `[${rest.slice(i + 1, close).replace(/^!/, '^')}]`;
        i = close;
      } else re += '\\[';
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const prefix = base === sep ? '' : base.split(sep).join('/');
  return { base, regex: new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${re}$`) };
}
