#!/usr/bin/env node
// `npm run bench`: runs every `bench:*` script of package.json in turn (quality and speed beside
// the named peer in each), then prints one line per benchmark with its exit status and time.
// `npm run bench -- ner timex` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = process.argv.slice(2);
const names = Object.keys(pkg.scripts)
  .filter((n) => n.startsWith('bench:'))
  .filter((n) => wanted.length === 0 || wanted.some((w) => n === `bench:${w}` || n === w));
const results = [];
for (const name of names) {
  console.log(`\n===== npm run ${name}`);
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  results.push({ name, status: r.status, seconds: (Date.now() - t0) / 1000 });
}
console.log('\n===== summary');
for (const r of results) console.log(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(28)} ${r.seconds.toFixed(1)} s`);
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
