import type { FastifyInstance } from 'fastify';
import { type ApiContext, errorSchema } from '../context.ts';
import { cached, entityIndex, layerAcrossSources, participantEntities, readEntities, readEvents, readRelations, sourceText } from '../corpus-view.ts';
import type { Annotation } from '../../core/types.ts';
import type { Store } from '../../store/store.ts';
import { looseObject, pageOf, pageSchema, pagingProperties } from '../paging.ts';
import { spanContext } from '../mention-context.ts';

/** Mention annotations by `source|annotation id`. */
function mentionIndex(store: Store): Map<string, Annotation> {
  return cached(store, 'mentionIndex', () => new Map(layerAcrossSources(store, 'mention').map(({ source, annotation }) => [`${source}|${annotation.id}`, annotation])));
}

/** Mentions linked to an entity: from the entity record, or by scanning the mention layer. */
function mentionsOf(store: Store, entityId: string): Array<{ source: string; annotation: Annotation }> {
  const rec = entityIndex(store).get(entityId);
  const idx = mentionIndex(store);
  if (rec?.mentions?.length) {
    return rec.mentions.flatMap((m) => {
      const a = idx.get(`${m.source}|${m.annotation}`);
      return a ? [{ source: m.source, annotation: a }] : [];
    });
  }
  return layerAcrossSources(store, 'mention').filter(({ annotation }) => annotation.attrs.entity === entityId);
}

/** Routes: `GET /api/entities`, `GET /api/entities/:id`. */
export function registerEntityRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/entities',
    {
      schema: {
        summary: 'List entities (by name substring and type), most mentioned first',
        tags: ['entities'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { q: { type: 'string', maxLength: 200 }, type: { type: 'string', maxLength: 40 }, ...pagingProperties(100, 5000) },
        },
        response: { 200: pageSchema(looseObject({ id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, mentionCount: { type: 'integer' } })) },
      },
    },
    async (req) => {
      const q = req.query as { q?: string; type?: string; limit: number; offset: number };
      const needle = q.q?.toLowerCase();
      const list = readEntities(ctx.store)
        .filter((e) => (!needle || (e.name ?? e.id).toLowerCase().includes(needle)) && (!q.type || e.type === q.type))
        .map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions?.length ?? 0 }))
        .sort((a, b) => b.mentionCount - a.mentionCount || a.id.localeCompare(b.id));
      return pageOf(list, q);
    },
  );

  app.get(
    '/api/entities/:id',
    {
      schema: {
        summary: 'An entity with its mentions (in context), roles from the knowledge base, events and relations',
        tags: ['entities'],
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 200 } }, required: ['id'] },
        querystring: { type: 'object', additionalProperties: false, properties: { ...pagingProperties(100, 1000) } },
        response: {
          200: looseObject({
            entity: looseObject(),
            roles: { type: 'array', items: looseObject() },
            mentions: pageSchema(looseObject()),
            events: { type: 'array', items: looseObject() },
            relations: { type: 'array', items: looseObject() },
          }),
          404: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const q = req.query as { limit: number; offset: number };
      const rec = entityIndex(ctx.store).get(id);
      const kbEntity = ctx.kb.byId.get(id);
      if (!rec && !kbEntity) return reply.code(404).send({ error: 'not-found', message: `no entity ${id}` });
      const { mentions: _m, ...entity } = rec ?? { id, name: kbEntity!.name, type: kbEntity!.type, qid: kbEntity!.qid };
      const titles = new Map(ctx.store.listSources().map((s) => [s.id, s.title ?? s.path ?? s.id]));
      const mentions = pageOf(mentionsOf(ctx.store, id), q);
      const mentionItems = mentions.items.map(({ source, annotation: a }) => {
        const text = sourceText(ctx.store, source);
        return {
          source,
          sourceTitle: titles.get(source) ?? source,
          annotation: a.id,
          start: a.start,
          end: a.end,
          text: text.slice(a.start, a.end),
          ...spanContext(text, a.start, a.end, 60),
        };
      });
      const events = readEvents(ctx.store)
        .filter((ev) => participantEntities(ev).includes(id))
        .slice(0, 500);
      const names = entityIndex(ctx.store);
      const relations = readRelations(ctx.store)
        .filter((r) => r.from === id || r.to === id)
        .slice(0, 500)
        .map((r) => ({ ...r, fromName: names.get(r.from)?.name ?? ctx.kb.byId.get(r.from)?.name ?? r.from, toName: names.get(r.to)?.name ?? ctx.kb.byId.get(r.to)?.name ?? r.to }));
      const roles = ctx.kb.roles.filter((r) => r.person === id);
      return { entity: { ...entity, kb: kbEntity ?? null }, roles, mentions: { ...mentions, items: mentionItems }, events, relations };
    },
  );
}
