/**
 * Renders a whole export (`exportJson`'s shape) in one of the standard formats as named files,
 * either bundled in one file or split into one file per source / table.
 */
import type { AnalyzedSource } from '../core/types.ts';
import { toPalladioCsv, type CorpusExport } from './to-palladio-csv.ts';
import { toTei, toTeiCorpus } from './to-tei.ts';
import { toWebAnnotations } from './to-web-annotations.ts';

/** Formats rendered here (`json`, the lossless dump, stays with `exportJson`). */
export const STANDARD_FORMATS = ['jsonld', 'tei', 'csv'] as const;

/** One of `STANDARD_FORMATS`. */
export type StandardFormat = (typeof STANDARD_FORMATS)[number];

/** One output file: a relative file name and its content. */
export interface ExportFile {
  name: string;
  content: string;
}

/** What the renderers read: the sources with annotations plus the corpus records. */
export interface ExportInput extends CorpusExport {
  sources: readonly AnalyzedSource[];
}

/** True when `f` is one of the standard formats. */
export function isStandardFormat(f: string): f is StandardFormat {
  return (STANDARD_FORMATS as readonly string[]).includes(f);
}

/** A file-name-safe form of a source id. */
function fileId(id: string): string {
  return id.replace(/[^\w.-]/g, '_');
}

/**
 * Renders the export. `split: true` gives one file per source (`<id>.jsonld`, `<id>.tei.xml`) or per
 * CSV table; `split: false` gives one file: a JSON array of AnnotationCollections, a `<teiCorpus>`,
 * or Palladio's entity–event table (events with dates and their actors, the table Palladio opens first).
 */
export function renderExport(format: StandardFormat, input: ExportInput, split: boolean): ExportFile[] {
  switch (format) {
    case 'jsonld': {
      const collections = input.sources.map((d) => ({ id: d.id, json: toWebAnnotations(d) }));
      if (split) return collections.map((c) => ({ name: `${fileId(c.id)}.jsonld`, content: `${JSON.stringify(c.json, null, 2)}\n` }));
      return [{ name: 'annotations.jsonld', content: `${JSON.stringify(collections.map((c) => c.json), null, 2)}\n` }];
    }
    case 'tei': {
      const entityTypes = new Map((input.entities as Array<{ id: string; type: string }>).map((e) => [e.id, e.type]));
      if (split) return input.sources.map((d) => ({ name: `${fileId(d.id)}.tei.xml`, content: toTei(d, { entityTypes }) }));
      return [{ name: 'corpus.tei.xml', content: toTeiCorpus(input.sources, { entityTypes }) }];
    }
    case 'csv': {
      const tables = toPalladioCsv(input);
      if (split) return Object.entries(tables).map(([name, content]) => ({ name, content }));
      return [{ name: 'entity-event.csv', content: tables['entity-event.csv'] }];
    }
  }
}
