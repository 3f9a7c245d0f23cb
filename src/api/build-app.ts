import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { KnowledgeBase } from '../kb/types.ts';
import { buildKnowledgeBase } from '../kb/load-kb.ts';
import type { Store } from '../store/store.ts';
import type { ApiContext } from './context.ts';
import { registerSourceRoutes } from './routes/sources.ts';
import { registerEntityRoutes } from './routes/entities.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerGraphRoutes } from './routes/graph.ts';
import { registerConflictRoutes } from './routes/conflicts.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { registerIngestRoutes } from './routes/ingest.ts';
import { registerExportRoutes } from './routes/export.ts';

/** Options of `buildApp`. */
export interface BuildAppOptions {
  store: Store;
  /** Knowledge base for ingest and entity roles; an empty one when absent. */
  kb?: KnowledgeBase;
  /** When set, every API request must carry it (`Authorization: Bearer <token>` or `X-Annalist-Token`). */
  token?: string;
  /**
   * With `token`, also require it for the web app's static files (set when binding to a non-loopback
   * host). A page request may carry it once as `?token=`; the answer then sets an HttpOnly,
   * SameSite=Strict cookie that later static requests (scripts, styles) present. The API itself
   * accepts only the header, so the cookie cannot be used for cross-site requests to the API.
   */
  protectStatic?: boolean;
  /** Built web app folder (`dist/web`) to serve at `/`; only files present at start are served. */
  webDir?: string;
  /** Largest upload in bytes (default 10 MB). */
  uploadLimit?: number;
  /** Fastify logger switch (default off). */
  logger?: boolean;
}

/** Default upload limit: 10 MB. */
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

/** Content-Security-Policy of the web app: own scripts only, no inline scripts, no plugins, no framing. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Name of the cookie that carries the token for static files. */
export const TOKEN_COOKIE = 'annalist_token';

/** Reads one cookie from a `Cookie` header. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Constant-time comparison of a presented token with the expected one. */
function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Builds the Annalist HTTP app (Fastify) without listening: the JSON API under `/api`, its OpenAPI
 * document at `/openapi.json`, and, when `webDir` is given, the built web app. Test it with `app.inject`.
 */
export function buildApp(opts: BuildAppOptions): FastifyInstance {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  });
  const ctx: ApiContext = { store: opts.store, kb: opts.kb ?? buildKnowledgeBase([]), uploadLimit: opts.uploadLimit ?? DEFAULT_UPLOAD_LIMIT };

  const token = opts.token;
  if (token) {
    app.addHook('onRequest', async (req, reply) => {
      const q = req.url.indexOf('?');
      const path = q >= 0 ? req.url.slice(0, q) : req.url;
      const auth = req.headers.authorization;
      const presented = auth?.startsWith('Bearer ') ? auth.slice(7) : (req.headers['x-annalist-token'] as string | undefined);
      if (path.startsWith('/api/') || path === '/openapi.json') {
        if (!tokenMatches(presented, token)) return reply.code(401).send({ error: 'unauthorized', message: 'a valid token is required' });
        return;
      }
      if (!opts.protectStatic) return;
      if (tokenMatches(presented, token) || tokenMatches(cookieValue(req.headers.cookie, TOKEN_COOKIE), token)) return;
      const fromQuery = q >= 0 ? (new URLSearchParams(req.url.slice(q + 1)).get('token') ?? undefined) : undefined;
      if (tokenMatches(fromQuery, token)) {
        reply.header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`);
        return;
      }
      return reply.code(401).send({ error: 'unauthorized', message: 'open the address printed by `annalist serve` (it carries ?token=)' });
    });
  }

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('content-security-policy', CSP);
    return payload;
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) app.log.error(err);
    reply.code(status).send({ error: err.code ?? 'error', message: status >= 500 ? 'internal error' : err.message });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not-found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));

  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Annalist API', version: '0.1.0', description: 'Sources, annotations, entities, events, timeline, graph, conflicts, search, ingest and export.' },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.register(async (api) => {
    registerSourceRoutes(api, ctx);
    registerEntityRoutes(api, ctx);
    registerEventRoutes(api, ctx);
    registerGraphRoutes(api, ctx);
    registerConflictRoutes(api, ctx);
    registerSearchRoutes(api, ctx);
    registerExportRoutes(api, ctx);
    await registerIngestRoutes(api, ctx);
  });

  if (opts.webDir && existsSync(`${opts.webDir}/index.html`)) {
    // wildcard: false lists the files once at start and registers one route per file, so no request path is looked up on disk.
    app.register(fastifyStatic, { root: opts.webDir, wildcard: false, index: ['index.html'], dotfiles: 'deny' });
  }
  return app;
}
