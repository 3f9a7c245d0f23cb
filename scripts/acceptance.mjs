#!/usr/bin/env node
// Acceptance checks on the user's seed documents, when `../shared/seeds` exists (relative to the repo root):
//   1. `annalist read <seed> --json` for each seed into a temp folder as `<seed key>.json`, scored with
//      `node ../shared/gold/score.mjs layout DIR` (headings, captions, chrome, comment fields);
//   2. all seeds ingested into a temp database, `annalist export --format json`, scored with
//      `node ../shared/gold/score.mjs corpus EXPORT`.
// Prints both reports. Exits non-zero only when a command crashes or a document fails to read.
// Usage: node scripts/acceptance.mjs [--verbose]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const seeds = join(shared, 'seeds');
const score = join(shared, 'gold', 'score.mjs');
const verbose = process.argv.includes('--verbose') ? ['--verbose'] : [];

if (!existsSync(seeds)) {
  console.log(`acceptance: ${seeds} not found; nothing to check`);
  process.exit(0);
}

const cli = join(root, 'bin', 'annalist.mjs');
const run = (args, opts = {}) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
const tmp = mkdtempSync(join(tmpdir(), 'annalist-acceptance-'));
let failures = 0;
const fail = (what) => {
  failures++;
  console.error(`acceptance: FAILED ${what}`);
};

try {
  const files = readdirSync(seeds).filter((f) => !f.startsWith('.')).sort();
  const layoutDir = join(tmp, 'layout');
  mkdirSync(layoutDir, { recursive: true });
  console.log(`== layout: annalist read --json on ${files.length} seeds`);
  for (const f of files) {
    const r = run([cli, 'read', join(seeds, f), '--json']);
    if (r.status !== 0) fail(`read ${f} (exit ${r.status ?? r.signal}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    if (r.stdout.trim()) writeFileSync(join(layoutDir, `${basename(f, extname(f))}.json`), r.stdout);
  }
  if (existsSync(score)) {
    const s = run([score, 'layout', layoutDir, ...verbose], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (s.status !== 0) fail(`score.mjs layout (exit ${s.status})`);
  }

  console.log(`\n== corpus: ingest ${files.length} seeds, export, score`);
  const db = join(tmp, 'acceptance.db');
  const ing = run([cli, '--db', db, 'ingest', '--quiet', seeds], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (ing.status !== 0) fail(`ingest (exit ${ing.status ?? ing.signal})`);
  const exportFile = join(tmp, 'export.json');
  const ex = run([cli, '--db', db, 'export', '--format', 'json', '-o', exportFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (ex.status !== 0) fail(`export (exit ${ex.status ?? ex.signal})`);
  else if (existsSync(score)) {
    const s = run([score, 'corpus', exportFile, ...verbose], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (s.status !== 0) fail(`score.mjs corpus (exit ${s.status})`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);
