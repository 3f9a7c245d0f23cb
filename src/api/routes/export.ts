import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { exportJson } from '../../store/export-json.ts';
import { renderExport } from '../../export/render-export.ts';
import { toPalladioCsv, type PalladioTables } from '../../export/to-palladio-csv.ts';
import { toTimelineJs } from '../../corpus/export-timelinejs.ts';
import { toGexf, toGraphml } from '../../corpus/export-graph.ts';
import { conflictsToCsv } from '../../corpus/export-csv.ts';
import { filterTimeline, type CorpusQuery } from '../../corpus/query-timeline.ts';
import { filterGraph } from '../../corpus/query-graph.ts';
import type { Conflict, CorpusEntity, Relation } from '../../corpus/types.ts';
import type { CorpusEvent as ApiEvent } from '../corpus-types.ts';
import { toStoredEvent } from '../corpus-view.ts';

/** Formats of `GET /api/export`. */
export const EXPORT_FORMATS = ['json', 'jsonld', 'tei', 'csv', 'timelinejs', 'gexf', 'graphml'] as const;

/** One of `EXPORT_FORMATS`. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CSV tables `format=csv&table=` can name: the Palladio tables plus the conflict list. */
export const CSV_TABLES = ['entity-event', 'events', 'entities', 'relations', 'conflicts'] as const;

/** Content type and download file name of each format. */
export const EXPORT_TYPES: Record<ExportFormat, { type: string; file: string }> = {
  json: { type: 'application/json; charset=utf-8', file: 'annalist-export.json' },
  jsonld: { type: 'application/ld+json; charset=utf-8', file: 'annotations.jsonld' },
  tei: { type: 'application/tei+xml; charset=utf-8', file: 'corpus.tei.xml' },
  csv: { type: 'text/csv; charset=utf-8', file: 'entity-event.csv' },
  timelinejs: { type: 'application/json; charset=utf-8', file: 'timeline.json' },
  gexf: { type: 'application/gexf+xml; charset=utf-8', file: 'actors.gexf' },
  graphml: { type: 'application/graphml+xml; charset=utf-8', file: 'actors.graphml' },
};

const datePattern = '^-?\\d{4}(-\\d{2}(-\\d{2})?)?$';

type ExportQuery = CorpusQuery & { format: ExportFormat; table?: (typeof CSV_TABLES)[number]; download: boolean };

/**
 * Renders the store in one format: the lossless JSON dump, W3C Web Annotation JSON-LD, a TEI corpus,
 * a Palladio CSV table, TimelineJS JSON, GEXF or GraphML. The window/entity/source filters apply to
 * the timeline and graph formats (and the `events`/`relations` CSV tables).
 */
export function renderApiExport(ctx: ApiContext, q: ExportQuery): { body: string; type: string; file: string } {
  const { type } = EXPORT_TYPES[q.format];
  let file = EXPORT_TYPES[q.format].file;
  const dump = exportJson(ctx.store);
  const events = (dump.events as ApiEvent[]).map(toStoredEvent);
  const conflicts = dump.conflicts as Conflict[];
  const filter: CorpusQuery = { from: q.from, to: q.to, entity: q.entity, source: q.source };
  let body: string;
  switch (q.format) {
    case 'json':
      body = JSON.stringify(dump);
      break;
    case 'jsonld':
    case 'tei':
      body = renderExport(q.format, dump, false)[0]!.content;
      break;
    case 'csv': {
      const table = q.table ?? 'entity-event';
      file = `${table}.csv`;
      if (table === 'conflicts') body = conflictsToCsv(conflicts);
      else {
        const filtered = { ...dump, events: filterTimeline(events, conflicts, filter).events, relations: filterGraph(dump.entities as CorpusEntity[], dump.relations as Relation[], filter).edges };
        body = toPalladioCsv(filtered)[`${table}.csv` as keyof PalladioTables];
      }
      break;
    }
    case 'timelinejs':
      body = JSON.stringify(toTimelineJs(filterTimeline(events, conflicts, filter)));
      break;
    case 'gexf':
    case 'graphml': {
      const graph = filterGraph(dump.entities as CorpusEntity[], dump.relations as Relation[], filter);
      body = q.format === 'gexf' ? toGexf(graph) : toGraphml(graph);
      break;
    }
  }
  return { body, type, file };
}

/** Routes: `GET /api/export?format=json|jsonld|tei|csv|timelinejs|gexf|graphml` and `GET /api/stats`. */
export function registerExportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/export',
    {
      schema: {
        summary: 'The knowledge base in a standard format: JSON dump, Web Annotation JSON-LD, TEI, Palladio CSV, TimelineJS, GEXF, GraphML',
        tags: ['export'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'json' },
            table: { type: 'string', enum: [...CSV_TABLES], description: 'with format=csv: which table (default entity-event)' },
            from: { type: 'string', pattern: datePattern, description: 'window start for timeline/graph formats' },
            to: { type: 'string', pattern: datePattern, description: 'window end for timeline/graph formats' },
            entity: { type: 'string', maxLength: 200 },
            source: { type: 'string', maxLength: 64 },
            download: { type: 'boolean', default: false },
          },
        },
        response: { 200: { description: 'the export, typed by format', type: 'string' } },
      },
    },
    async (req, reply) => {
      const q = req.query as ExportQuery;
      const out = renderApiExport(ctx, q);
      if (q.download) reply.header('content-disposition', `attachment; filename="${out.file}"`);
      // Sent as a string with its own content type so the JSON serializer does not re-encode it.
      return reply.type(out.type).serializer((x: unknown) => x as string).send(out.body);
    },
  );

  app.get(
    '/api/stats',
    { schema: { summary: 'Counts of sources, layers, messages and corpus records', tags: ['export'] } },
    async () => ctx.store.stats(),
  );
}
