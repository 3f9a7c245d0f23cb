import type { FastifyInstance } from 'fastify';
import { type ApiContext, errorSchema, splitList } from '../context.ts';
import type { CorpusEvent } from '../corpus-types.ts';
import { entityIndex, participantEntities, queryTimeline, readConflicts, readEvents } from '../corpus-view.ts';
import { looseObject, pageOf, pageSchema, pagingProperties } from '../paging.ts';

const datePattern = '^-?\\d{4}(-\\d{2}(-\\d{2})?)?$';

const filterProperties = {
  from: { type: 'string', pattern: datePattern, description: 'window start, ISO date (YYYY, YYYY-MM or YYYY-MM-DD)' },
  to: { type: 'string', pattern: datePattern, description: 'window end, ISO date' },
  entity: { type: 'string', maxLength: 200, description: 'entity id taking part' },
  source: { type: 'string', maxLength: 64, description: 'source id supporting the event' },
  class: { type: 'string', maxLength: 400, description: 'comma-separated event classes' },
};

type FilterQuery = { from?: string; to?: string; entity?: string; source?: string; class?: string; limit: number; offset: number };

/** True when the event's date is approximate or uncertain (EDTF qualifiers, unspecified digits, or a span). */
export function isUncertain(ev: CorpusEvent): boolean {
  if (ev.edtf && /[~?%Xu]|\.\.|\//.test(ev.edtf)) return true;
  return !!ev.interval && ev.interval.earliest !== ev.interval.latest;
}

/** JSON schema of a timeline item (exact, so the serializer is fast). */
const timelineItemSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    class: { type: 'string' },
    label: { type: 'string' },
    start: { type: ['string', 'null'] },
    end: { type: ['string', 'null'] },
    edtf: { type: ['string', 'null'] },
    uncertain: { type: 'boolean' },
    sources: { type: 'array', items: { type: 'string' } },
    participants: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } },
    conflicts: { type: 'array', items: { type: 'string' } },
  },
};

/** The compact timeline item the web app draws. */
function timelineItem(ev: CorpusEvent, names: Map<string, { name?: string }>) {
  return {
    id: ev.id,
    class: ev.class ?? 'other',
    label: ev.label ?? ev.class ?? ev.id,
    start: ev.interval?.earliest ?? null,
    end: ev.interval?.latest ?? null,
    edtf: ev.edtf ?? null,
    uncertain: isUncertain(ev),
    sources: (ev as { sources?: string[] }).sources ?? [...new Set((ev.support ?? []).map((s) => s.source))],
    participants: participantEntities(ev).map((id) => ({ id, name: names.get(id)?.name ?? id })),
    conflicts: ev.conflicts ?? [],
  };
}

/** Routes: `GET /api/events`, `GET /api/events/:id`, `GET /api/timeline`. */
export function registerEventRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/api/events',
    {
      schema: {
        summary: 'Corpus events filtered by time window, entity, source and class, in time order',
        tags: ['events'],
        querystring: { type: 'object', additionalProperties: false, properties: { ...filterProperties, ...pagingProperties(100, 5000) } },
        response: { 200: pageSchema(looseObject({ id: { type: 'string' }, class: { type: 'string' } })) },
      },
    },
    async (req) => {
      const q = req.query as FilterQuery;
      return pageOf(queryTimeline(ctx.store, { ...q, classes: splitList(q.class) }), q);
    },
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        summary: 'One corpus event with its supporting mentions and the conflicts it is part of',
        tags: ['events'],
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 300 } }, required: ['id'] },
        response: { 200: looseObject({ event: looseObject(), conflicts: { type: 'array', items: looseObject() } }), 404: errorSchema },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const ev = readEvents(ctx.store).find((e) => e.id === id);
      if (!ev) return reply.code(404).send({ error: 'not-found', message: `no event ${id}` });
      const ids = new Set(ev.conflicts ?? []);
      return { event: ev, conflicts: readConflicts(ctx.store).filter((c) => ids.has(c.id)) };
    },
  );

  app.get(
    '/api/timeline',
    {
      schema: {
        summary: 'Timeline items (compact events) for a window, entity, source and class; undated events are counted, not listed',
        tags: ['events'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...filterProperties,
            ...pagingProperties(5000, 20000),
            spread: { type: 'boolean', default: false, description: 'when more events match than `limit`, return an even sample across the whole span instead of the first page' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              offset: { type: 'integer' },
              limit: { type: 'integer' },
              undated: { type: 'integer' },
              classes: { type: 'object', additionalProperties: { type: 'integer' } },
              sampled: { type: 'boolean' },
              items: { type: 'array', items: timelineItemSchema },
            },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as FilterQuery & { spread: boolean };
      const matching = queryTimeline(ctx.store, { ...q, classes: splitList(q.class) });
      const dated = matching.filter((e) => e.interval);
      if (q.spread && dated.length > q.limit) {
        const step = dated.length / q.limit;
        const sample = Array.from({ length: q.limit }, (_, i) => dated[Math.floor(i * step)]!);
        const names = entityIndex(ctx.store);
        const classes: Record<string, number> = {};
        for (const e of dated) classes[e.class ?? 'other'] = (classes[e.class ?? 'other'] ?? 0) + 1;
        return { total: dated.length, offset: 0, limit: q.limit, undated: matching.length - dated.length, classes, sampled: true, items: sample.map((e) => timelineItem(e, names)) };
      }
      const classes: Record<string, number> = {};
      for (const e of dated) classes[e.class ?? 'other'] = (classes[e.class ?? 'other'] ?? 0) + 1;
      const names = entityIndex(ctx.store);
      const page = pageOf(dated, q);
      return { ...page, undated: matching.length - dated.length, classes, sampled: false, items: page.items.map((e) => timelineItem(e, names)) };
    },
  );
}
