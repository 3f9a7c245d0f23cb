import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { exportJson } from '../../store/export-json.ts';

/** Routes: `GET /api/export` (lossless JSON dump) and `GET /api/stats`. */
export function registerExportRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/export',
    {
      schema: {
        summary: 'The whole knowledge base as one JSON document (format annalist-export)',
        tags: ['export'],
        querystring: { type: 'object', additionalProperties: false, properties: { download: { type: 'boolean', default: false } } },
      },
    },
    async (req, reply) => {
      if ((req.query as { download: boolean }).download) reply.header('content-disposition', 'attachment; filename="annalist-export.json"');
      return exportJson(ctx.store);
    },
  );

  app.get(
    '/api/stats',
    { schema: { summary: 'Counts of sources, layers, messages and corpus records', tags: ['export'] } },
    async () => ctx.store.stats(),
  );
}
