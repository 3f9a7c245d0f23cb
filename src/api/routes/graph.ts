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
    async (req) => {
      const graph = queryGraph(ctx.store, req.query as { from?: string; to?: string; source?: string; entity?: string; maxNodes: number });
      // Relation ends the corpus has no entity record for (KB-only actors): name and type them from the KB, not by bare id.
      const nodes = graph.nodes.map((n) => {
        const kb = n.name === n.id ? ctx.kb.byId.get(n.id) : undefined;
        return kb ? { ...n, name: kb.name, type: n.type === 'other' ? kb.type : n.type } : n;
      });
      return { ...graph, nodes };
    },
  );
}
