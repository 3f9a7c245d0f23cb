/**
 * Node-side helper (not shipped to the browser): builds the web app with Vite into `dist/web`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web app's source folder (`src/web`). */
export const WEB_SRC = dirname(fileURLToPath(import.meta.url));

/** Where the built web app goes (`dist/web` at the repository root). */
export const WEB_DIST = join(WEB_SRC, '..', '..', 'dist', 'web');

/** Builds the web app with Vite's `build()` API into `dist/web`. */
export async function buildWeb(): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: join(WEB_SRC, 'vite.config.ts'), logLevel: 'warn' });
  return WEB_DIST;
}

/** Builds the web app only when `dist/web/index.html` is missing; returns the folder. */
export async function ensureWebBuilt(): Promise<string> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) await buildWeb();
  return WEB_DIST;
}
