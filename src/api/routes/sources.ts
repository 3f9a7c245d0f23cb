import type { FastifyInstance } from 'fastify';
import type { Annotation } from '../../core/types.ts';
import { type ApiContext, errorSchema, resolveSource, splitList } from '../context.ts';
import { looseObject, pageSchema, pagingProperties } from '../paging.ts';
import { profileSource } from '../profile-source.ts';

/** Layers left out of a source response unless asked for by name (one row per token is large). */
const HEAVY_LAYERS = new Set(['token']);

const summarySchema = looseObject({
  id: { type: 'string' },
  key: { type: 'string' },
  version: { type: 'integer' },
  title: { type: 'string' },
  format: { type: 'string' },
  length: { type: 'integer' },
  annotations: { type: 'integer' },
});

/** Routes: `GET /api/sources`, `GET /api/sources/:id`, `GET /api/sources/:id/profile`, `GET /api/profiles`. */
export function registerSourceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/sources',
    {
      schema: {
        summary: 'List current sources',
        tags: ['sources'],
        querystring: { type: 'object', additionalProperties: false, properties: { ...pagingProperties(100, 1000) } },
        response: { 200: pageSchema(summarySchema) },
      },
    },
    async (req) => {
      const q = req.query as { limit: number; offset: number };
      const total = ctx.store.sourceIds().length;
      return { total, offset: q.offset, limit: q.limit, items: ctx.store.listSources({ limit: q.limit, offset: q.offset }) };
    },
  );

  app.get(
    '/api/sources/:id',
    {
      schema: {
        summary: 'A source with its text, sections, messages and annotations of the chosen layers',
        tags: ['sources'],
        params: { type: 'object', properties: { id: { type: 'string', minLength: 4, maxLength: 64 } }, required: ['id'] },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { layers: { type: 'string', maxLength: 500, description: 'comma-separated layer names; default: every layer but token' } },
        },
        response: {
          200: looseObject({
            id: { type: 'string' },
            meta: looseObject(),
            text: { type: 'string' },
            sections: { type: 'array', items: looseObject() },
            messages: { type: 'array', items: looseObject() },
            annotations: { type: 'array', items: looseObject() },
            layers: { type: 'object', additionalProperties: { type: 'integer' } },
          }),
          404: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const sid = resolveSource(ctx, id);
      const source = sid ? ctx.store.getSource(sid) : undefined;
      if (!source) return reply.code(404).send({ error: 'not-found', message: `no source ${id}` });
      const wanted = splitList((req.query as { layers?: string }).layers);
      const all = ctx.store.getAnnotations(source.id, wanted.length ? wanted : undefined);
      const layers: Record<string, number> = {};
      for (const a of all) layers[a.layer] = (layers[a.layer] ?? 0) + 1;
      const annotations: Annotation[] = wanted.length ? all : all.filter((a) => !HEAVY_LAYERS.has(a.layer));
      const { sourceMap: _map, ...rest } = source;
      return { ...rest, annotations, layers };
    },
  );

  app.get(
    '/api/sources/:id/profile',
    {
      schema: {
        summary: "A source's profile: stance toward actors, rhetoric density, claims by speaker",
        tags: ['sources'],
        params: { type: 'object', properties: { id: { type: 'string', minLength: 4, maxLength: 64 } }, required: ['id'] },
        response: { 200: looseObject(), 404: errorSchema },
      },
    },
    async (req, reply) => {
      const sid = resolveSource(ctx, (req.params as { id: string }).id);
      const profile = sid ? profileSource(ctx.store, sid) : undefined;
      if (!profile) return reply.code(404).send({ error: 'not-found', message: 'no such source' });
      return profile;
    },
  );

  app.get(
    '/api/profiles',
    {
      schema: {
        summary: 'Profiles of several sources side by side (default: the first page of sources)',
        tags: ['sources'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ids: { type: 'string', maxLength: 2000 }, ...pagingProperties(20, 100) },
        },
        response: { 200: pageSchema(looseObject()) },
      },
    },
    async (req) => {
      const q = req.query as { ids?: string; limit: number; offset: number };
      const ids = q.ids ? splitList(q.ids).map((i) => resolveSource(ctx, i)).filter((i): i is string => !!i) : ctx.store.sourceIds();
      const page = ids.slice(q.offset, q.offset + q.limit);
      return { total: ids.length, offset: q.offset, limit: q.limit, items: page.map((id) => profileSource(ctx.store, id)!) };
    },
  );
}
