/** Paging for every list route: `?limit=&offset=`, bounded. */

/** The largest page any list route returns. */
export const MAX_LIMIT = 20000;

/** JSON-schema properties for `limit` and `offset`, to spread into a route's querystring schema. */
export function pagingProperties(defaultLimit = 100, maxLimit = 1000): Record<string, object> {
  return {
    limit: { type: 'integer', minimum: 1, maximum: Math.min(maxLimit, MAX_LIMIT), default: defaultLimit },
    offset: { type: 'integer', minimum: 0, default: 0 },
  };
}

/** One page of a list. */
export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** Cuts one page out of a full list. */
export function pageOf<T>(items: readonly T[], q: { limit?: number; offset?: number }): Page<T> {
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  return { total: items.length, offset, limit, items: items.slice(offset, offset + limit) };
}

/** JSON schema of a page whose items match `item`. */
export function pageSchema(item: object): object {
  return {
    type: 'object',
    required: ['total', 'offset', 'limit', 'items'],
    properties: {
      total: { type: 'integer' },
      offset: { type: 'integer' },
      limit: { type: 'integer' },
      items: { type: 'array', items: item },
    },
  };
}

/** A loose object schema: documents a record without dropping fields the corpus stages add later. */
export function looseObject(properties: Record<string, object> = {}, required: string[] = []): object {
  return { type: 'object', additionalProperties: true, properties, required };
}
