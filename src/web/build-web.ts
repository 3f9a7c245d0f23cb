/**
 * Node-side helper (not shipped to the browser): bundles the web app with esbuild into `dist/web`.
 * esbuild rather than Vite: Vite's bundler (rollup) needs per-platform packages that this project's
 * package registry does not serve, which makes `npm ci` refuse the lock file; esbuild already comes
 * with tsx and does everything this app needs (TypeScript, CSS imports, minification).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web app's source folder (`src/web`). */
export const WEB_SRC = dirname(fileURLToPath(import.meta.url));

/** Where the built web app goes (`dist/web` at the repository root). */
export const WEB_DIST = join(WEB_SRC, '..', '..', 'dist', 'web');

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
  return WEB_DIST;
}

/** Builds the web app only when `dist/web/index.html` is missing; returns the folder. */
export async function ensureWebBuilt(): Promise<string> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) await buildWeb();
  return WEB_DIST;
}
