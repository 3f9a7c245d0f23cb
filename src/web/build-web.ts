/**
 * Node-side helper (not shipped to the browser): bundles the web app with esbuild into `dist/web`.
 * esbuild rather than Vite: Vite's bundler (rollup) needs per-platform packages that this project's
 * package registry does not serve, which makes `npm ci` refuse the lock file; esbuild already comes
 * with tsx and does everything this app needs (TypeScript, CSS imports, minification).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web app's source folder (`src/web`). */
export const WEB_SRC = dirname(fileURLToPath(import.meta.url));

/** Where the built web app goes (`dist/web` at the repository root). */
export const WEB_DIST = join(WEB_SRC, '..', '..', 'dist', 'web');

/** File holding the digest of the sources a build was made from (inside `dist/web`). */
const DIGEST_FILE = 'source-digest.txt';

/**
 * A digest of the web app's sources: every file under `src/web` except tests, by path and content
 * (contents, not times, so a checkout or a pull that changes them is seen whatever its clock).
 */
export function digestWebSources(dir = WEB_SRC): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.ts$/.test(e.name)) h.update(`${relative(dir, p)}\0`).update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** Bundles `src/web/main.ts` (with its CSS) and writes `index.html` pointing at the bundle. */
export async function buildWeb(): Promise<string> {
  const { build } = await import('esbuild');
  rmSync(WEB_DIST, { recursive: true, force: true });
  mkdirSync(join(WEB_DIST, 'assets'), { recursive: true });
  await build({
    entryPoints: { app: join(WEB_SRC, 'main.ts') },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outdir: join(WEB_DIST, 'assets'),
    loader: { '.png': 'file', '.svg': 'file', '.woff': 'file', '.woff2': 'file' },
    logLevel: 'warning',
    legalComments: 'none',
  });
  const html = readFileSync(join(WEB_SRC, 'index.html'), 'utf8')
    .replace('<script type="module" src="./main.ts"></script>', '<script type="module" src="/assets/app.js"></script>')
    .replace('</head>', '    <link rel="stylesheet" href="/assets/app.css" />\n  </head>');
  writeFileSync(join(WEB_DIST, 'index.html'), html);
  writeFileSync(join(WEB_DIST, DIGEST_FILE), `${digestWebSources()}\n`);
  return WEB_DIST;
}

/**
 * Builds the web app when `dist/web` is missing or was built from other sources than those in
 * `src/web` now (after a pull or an edit); returns the folder.
 */
export async function ensureWebBuilt(): Promise<string> {
  if (!isWebBuildCurrent()) await buildWeb();
  return WEB_DIST;
}

/** True when `dist/web` holds a build of the current `src/web` sources. */
export function isWebBuildCurrent(dist = WEB_DIST, src = WEB_SRC): boolean {
  if (!existsSync(join(dist, 'index.html'))) return false;
  const digest = join(dist, DIGEST_FILE);
  return existsSync(digest) && readFileSync(digest, 'utf8').trim() === digestWebSources(src);
}
