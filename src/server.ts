import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp, DEFAULT_UPLOAD_LIMIT } from './api/build-app.ts';
import { AnnalistError } from './core/errors.ts';
import { buildKnowledgeBase, loadKnowledgeBase } from './kb/load-kb.ts';
import type { KnowledgeBase } from './kb/types.ts';
import { Store } from './store/store.ts';
import { ensureWebBuilt, WEB_DIST } from './web/build-web.ts';

/** Options of `startServer`; unset ones fall back to the environment, then to defaults. */
export interface ServeOptions {
  db: string;
  /** TCP port; 0 picks a free one. Env `ANNALIST_PORT`, default 0. */
  port?: number;
  /** Interface to bind. Env `ANNALIST_HOST`, default `127.0.0.1`. */
  host?: string;
  /** API token. Env `ANNALIST_TOKEN`. Required when binding to a non-loopback address. */
  token?: string;
  /** Largest upload in bytes. Env `ANNALIST_UPLOAD_LIMIT`, default 10 MB. */
  uploadLimit?: number;
  /** Build the web app when `dist/web` is missing (default true). */
  buildWeb?: boolean;
  /** Log requests (default false). */
  logger?: boolean;
}

/** A running server. */
export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** Base URL, e.g. `http://127.0.0.1:43817/` (with `?token=` when a token is set). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** True for loopback addresses, which need no token. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Loads the bundled knowledge base, or an empty one when it cannot be read (the server still serves). */
function loadKbOrEmpty(): KnowledgeBase {
  try {
    return loadKnowledgeBase();
  } catch {
    return buildKnowledgeBase([]);
  }
}

/**
 * The one place that reads environment, ports and paths for serving: opens the store, builds the
 * web app if needed, builds the HTTP app and listens. Refuses a non-loopback host without a token.
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? process.env.ANNALIST_HOST ?? '127.0.0.1';
  const port = opts.port ?? (process.env.ANNALIST_PORT ? Number(process.env.ANNALIST_PORT) : 0);
  const token = opts.token ?? process.env.ANNALIST_TOKEN ?? undefined;
  const uploadLimit = opts.uploadLimit ?? (process.env.ANNALIST_UPLOAD_LIMIT ? Number(process.env.ANNALIST_UPLOAD_LIMIT) : DEFAULT_UPLOAD_LIMIT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AnnalistError('BAD_ARGUMENT', `port ${port}`);
  if (!isLoopback(host) && !token) throw new AnnalistError('BAD_ARGUMENT', `binding to ${host} requires a token (--token or ANNALIST_TOKEN)`);
  if (token !== undefined && token.length < 8) throw new AnnalistError('BAD_ARGUMENT', 'the token must have at least 8 characters');
  if (opts.buildWeb !== false) await ensureWebBuilt();
  const store = new Store(opts.db);
  const app = buildApp({ store, kb: loadKbOrEmpty(), token, protectStatic: !isLoopback(host), uploadLimit, webDir: existsSync(WEB_DIST) ? WEB_DIST : undefined, logger: opts.logger });
  await app.listen({ host, port });
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${actualPort}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return {
    app,
    store,
    url,
    port: actualPort,
    async close() {
      await app.close();
      store.close();
    },
  };
}
