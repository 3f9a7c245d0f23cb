import { basename, relative, resolve, sep } from 'node:path';

/**
 * The path string a source's stable `key` is the hash of. A file found by walking a folder or a glob
 * is keyed by the folder's own name plus its path inside it (`corpus/letters/one.txt`, forward
 * slashes), so moving the folder keeps its sources while two corpora with files of the same name
 * stay apart. A file named on its own is keyed by its absolute path: two files that merely share a
 * name are never one source. Stdin (`-`), URLs and other `scheme:` names (`upload:note.txt`) are kept whole.
 */
export function sourceKeyPath(path: string, root?: string): string {
  if (path === '-' || /^[a-z][a-z0-9+.-]+:/i.test(path)) return path;
  if (root) {
    const rel = relative(root, path);
    if (rel && !rel.startsWith('..')) return [basename(resolve(root)), ...rel.split(sep)].join('/');
  }
  return resolve(path).split(sep).join('/');
}
