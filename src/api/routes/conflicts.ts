import type { FastifyInstance } from 'fastify';
import { type ApiContext, errorSchema } from '../context.ts';
import { readConflicts, sourceText } from '../corpus-view.ts';
import type { CorpusConflict } from '../corpus-types.ts';
import { looseObject, pageOf, pageSchema, pagingProperties } from '../paging.ts';

/** The last part of a path (an untitled file is named by its file name, not by where the user keeps it). */
function fileName(path: string | undefined): string | undefined {
  return path?.split(/[\\/]/).filter(Boolean).at(-1);
}

/** Adds source titles and the evidence text (from the stored source when missing) to a conflict. */
function enrich(ctx: ApiContext, c: CorpusConflict, titles: Map<string, string>) {
  return {
    ...c,
    evidence: (c.evidence ?? []).map((e) => ({
      ...e,
      sourceTitle: titles.get(e.source) ?? e.source,
      text: e.text ?? sourceText(ctx.store, e.source).slice(e.start, e.end),
    })),
  };
}

/** Routes: `GET /api/conflicts`, `GET /api/conflicts/:id`. */
export function registerConflictRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const titles = () => new Map(ctx.store.listSources().map((s) => [s.id, s.title ?? fileName(s.path) ?? s.id]));
  app.get(
    '/api/conflicts',
    {
      schema: {
        summary: 'Conflicts between sources or with the record, with explanations and evidence spans',
        tags: ['conflicts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { kind: { type: 'string', maxLength: 60 }, source: { type: 'string', maxLength: 64 }, ...pagingProperties(100, 2000) },
        },
        response: { 200: pageSchema(looseObject({ id: { type: 'string' }, kind: { type: 'string' }, explanation: { type: 'string' } })) },
      },
    },
    async (req) => {
      const q = req.query as { kind?: string; source?: string; limit: number; offset: number };
      const list = readConflicts(ctx.store).filter((c) => (!q.kind || c.kind === q.kind) && (!q.source || (c.evidence ?? []).some((e) => e.source === q.source)));
      const page = pageOf(list, q);
      const t = titles();
      return { ...page, items: page.items.map((c) => enrich(ctx, c, t)) };
    },
  );

  app.get(
    '/api/conflicts/:id',
    {
      schema: {
        summary: 'One conflict',
        tags: ['conflicts'],
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 300 } }, required: ['id'] },
        response: { 200: looseObject(), 404: errorSchema },
      },
    },
    async (req, reply) => {
      const c = readConflicts(ctx.store).find((x) => x.id === (req.params as { id: string }).id);
      if (!c) return reply.code(404).send({ error: 'not-found', message: 'no such conflict' });
      return enrich(ctx, c, titles());
    },
  );
}
