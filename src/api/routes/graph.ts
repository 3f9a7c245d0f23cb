import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { queryGraph } from '../corpus-view.ts';
import { looseObject } from '../paging.ts';

const datePattern = '^-?\\d{4}(-\\d{2}(-\\d{2})?)?$';

/** Route: `GET /api/graph` — actors and typed relations for a time window and source. */
export function registerGraphRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/graph',
    {
      schema: {
        summary: 'Actor graph: nodes and typed relations overlapping a time window, optionally from one source',
        tags: ['graph'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', pattern: datePattern },
            to: { type: 'string', pattern: datePattern },
            source: { type: 'string', maxLength: 64 },
            entity: { type: 'string', maxLength: 200 },
            maxNodes: { type: 'integer', minimum: 1, maximum: 2000, default: 300 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              nodes: { type: 'array', items: looseObject() },
              edges: { type: 'array', items: looseObject() },
              bounds: { anyOf: [looseObject(), { type: 'null' }] },
              truncated: { type: 'boolean' },
            },
          },
        },
      },
    },
    async (req) => queryGraph(ctx.store, req.query as { from?: string; to?: string; source?: string; entity?: string; maxNodes: number }),
  );
}
