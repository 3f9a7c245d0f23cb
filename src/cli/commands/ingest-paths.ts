import { openSync, readSync, closeSync } from 'node:fs';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { Source } from '../../core/types.ts';
import { collectFiles, describeFsError } from '../../ingest/collect-files.ts';
import { readAnyDocument } from '../../ingest/read-document.ts';
import { analyzeSource, stageVersions } from '../../pipeline/analyze.ts';
import type { Store } from '../../store/store.ts';

/** Options of one ingest run. */
export interface IngestOptions {
  kb: KnowledgeBase;
  /** Largest file read, in bytes; bigger files fail with a message. */
  maxBytes: number;
  /** Run the document stages (default true); off stores sources with no annotations. */
  analyze?: boolean;
  /** Reads stdin for the `-` path (injectable for tests). */
  readStdin?: (maxBytes: number) => Promise<Uint8Array>;
}

/** Counts of one ingest run, as printed in the summary line. */
export interface IngestSummary {
  read: number;
  new: number;
  unchanged: number;
  versions: number;
  failed: number;
  skipped: number;
  bytes: number;
}

/** What happened to one input, for progress display. */
export interface IngestEvent {
  path: string;
  outcome: 'new' | 'unchanged' | 'version' | 'failed' | 'skipped';
  reason?: string;
  /** Total inputs known so far (grows while folders are walked). */
  seen: number;
}

/**
 * Ingests files, folders, glob patterns and stdin into the store: read → (unless unchanged)
 * analyze with the registered stages → store, one transaction per document. A failure (unreadable,
 * too large, empty, binary, unreadable format) is reported and the run goes on; nothing stored
 * is touched for a failed file. Calls `onEvent` after each input.
 */
export async function ingestPaths(store: Store, inputs: readonly string[], opts: IngestOptions, onEvent: (e: IngestEvent) => void = () => {}): Promise<IngestSummary> {
  const sum: IngestSummary = { read: 0, new: 0, unchanged: 0, versions: 0, failed: 0, skipped: 0, bytes: 0 };
  const versions = stageVersions();
  let seen = 0;
  for (const item of collectFiles(inputs)) {
    seen++;
    if (item.kind === 'skipped') {
      sum.skipped++;
      onEvent({ path: item.path, outcome: 'skipped', reason: item.reason, seen });
      continue;
    }
    if (item.kind === 'error') {
      sum.failed++;
      onEvent({ path: item.path, outcome: 'failed', reason: item.reason, seen });
      continue;
    }
    const path = item.kind === 'stdin' ? '-' : item.path;
    const fail = (reason: string) => {
      sum.failed++;
      onEvent({ path, outcome: 'failed', reason, seen });
    };
    if (item.kind === 'file' && item.size > opts.maxBytes) {
      fail(`too large: ${formatBytes(item.size)} exceeds the ${formatBytes(opts.maxBytes)} limit (raise --max-size)`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = item.kind === 'stdin' ? await (opts.readStdin ?? readStdin)(opts.maxBytes) : readFileLimited(item.path, opts.maxBytes);
    } catch (err) {
      fail((err as Error).name === 'TooLarge' ? (err as Error).message : describeFsError(err, path));
      continue;
    }
    sum.bytes += bytes.length;
    let source: Source;
    try {
      source = await readAnyDocument(bytes, item.kind === 'file' && item.root ? { path, root: item.root } : { path });
    } catch (err) {
      fail(`reader crashed: ${(err as Error).message}`);
      continue;
    }
    const bad = source.messages.find((m) => m.severity === 'error' || m.severity === 'fatal');
    if (bad) {
      fail(bad.reason);
      continue;
    }
    sum.read++;
    try {
      const status = store.statusOf(source);
      if (status !== 'unchanged') {
        const doc = opts.analyze === false ? { ...source, annotations: [] } : analyzeSource(source, { resources: { kb: opts.kb } });
        store.putDocument(doc, opts.analyze === false ? {} : versions);
      }
      if (status === 'new') sum.new++;
      else if (status === 'unchanged') sum.unchanged++;
      else sum.versions++;
      onEvent({ path, outcome: status, seen });
    } catch (err) {
      sum.read--;
      fail(`could not analyze or store: ${(err as Error).message}`);
    }
  }
  return sum;
}

/** Reads a whole file, refusing (with a `TooLarge` error) one that grew past the limit meanwhile. */
function readFileLimited(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(total, maxBytes);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Reads stdin up to the limit. */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw tooLarge(total, maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(size: number, max: number): Error {
  const e = new Error(`too large: more than ${formatBytes(max)} (read ${formatBytes(size)} so far; raise --max-size)`);
  e.name = 'TooLarge';
  return e;
}

/** "12.3 MB" style size. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
