import { readAnyDocument } from '../ingest/read-document.ts';
import { analyzeSource, stageVersions } from '../pipeline/analyze.ts';
import { analyzeCorpus, type CorpusSummary } from '../corpus/analyze-corpus.ts';
import type { ApiContext } from './context.ts';

/** What an upload produced. */
export interface IngestResult {
  id: string;
  status: 'new' | 'unchanged' | 'version';
  title: string | null;
  format: string;
  annotations: number;
  messages: number;
  corpus: CorpusSummary | null;
}

/** An upload that cannot be read as a document (binary, empty text, broken PDF…): nothing was stored. */
export class UnreadableUpload extends Error {
  override name = 'UnreadableUpload';
}

/** Keeps a safe display name for an upload: the last path segment, printable, at most 200 chars. */
export function cleanUploadName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return clean || 'upload.txt';
}

/**
 * Runs the same path as `annalist ingest` over uploaded bytes: read (PDF included) → analyze →
 * store, then the corpus stages. The name is only a label (format detection, source key): nothing
 * reads the file system. Throws `UnreadableUpload`, storing nothing, when the reader reports an
 * error (binary content, a broken PDF, no text), as `annalist ingest` fails such a file.
 */
export async function ingestUpload(ctx: ApiContext, bytes: Uint8Array, name: string): Promise<IngestResult> {
  const source = await readAnyDocument(bytes, { path: `upload:${cleanUploadName(name)}` });
  const bad = source.messages.find((m) => m.severity === 'error' || m.severity === 'fatal');
  if (bad) throw new UnreadableUpload(bad.reason);
  const analyzed = analyzeSource(source, { resources: { kb: ctx.kb } });
  const status = ctx.store.putDocument(analyzed, stageVersions());
  const corpus = status === 'unchanged' ? null : analyzeCorpus(ctx.store, ctx.kb);
  return {
    id: analyzed.id,
    status,
    title: analyzed.meta.title ?? null,
    format: analyzed.meta.format,
    annotations: analyzed.annotations.length,
    messages: analyzed.messages.length,
    corpus,
  };
}
