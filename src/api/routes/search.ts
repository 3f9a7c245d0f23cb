import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { readEntities, readEvents } from '../corpus-view.ts';
import { looseObject } from '../paging.ts';

/** Route: `GET /api/search?q=` — full-text search over sources plus name/label matches in entities and events. */
export function registerSearchRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/search',
    {
      schema: {
        summary: 'Search across everything: source text (FTS5), entity names, event labels',
        tags: ['search'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['q'],
          properties: { q: { type: 'string', minLength: 1, maxLength: 300 }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              q: { type: 'string' },
              sources: { type: 'array', items: looseObject({ sourceId: { type: 'string' }, title: { type: 'string' }, path: { type: 'string' }, snippet: { type: 'string' } }) },
              entities: { type: 'array', items: looseObject() },
              events: { type: 'array', items: looseObject() },
            },
          },
        },
      },
    },
    async (req) => {
      const { q, limit } = req.query as { q: string; limit: number };
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const matches = (s: string) => {
        const low = s.toLowerCase();
        return words.every((w) => low.includes(w));
      };
      const entities = readEntities(ctx.store)
        .filter((e) => matches(`${e.name ?? ''} ${e.id}`))
        .slice(0, limit)
        .map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions?.length ?? 0 }));
      const events = readEvents(ctx.store)
        .filter((e) => matches(`${e.label ?? ''} ${e.class ?? ''}`))
        .slice(0, limit)
        .map((e) => ({ id: e.id, class: e.class, label: e.label, interval: e.interval, edtf: e.edtf }));
      // An untitled source is named by its file in the views, so a hit carries the path too.
      const sources = ctx.store.search(q, limit).map((h) => (h.title ? h : { ...h, path: ctx.store.getSource(h.sourceId)?.meta.path }));
      return { q, sources, entities, events };
    },
  );
}
