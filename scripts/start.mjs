#!/usr/bin/env node
// `npm start`: ingest and analyze the bundled examples/ into ./annalist.db, then show what was found.
import { spawnSync } from 'node:child_process';

const cli = (...args) => spawnSync(process.execPath, ['bin/annalist.mjs', ...args], { stdio: 'inherit' });
const r = cli('ingest', 'examples');
if (r.status !== 0 && r.status !== 1) process.exit(r.status ?? 1);
cli('stats');
