#!/usr/bin/env node
// `npm start`: analyze the bundled examples/ into ./annalist.db (a no-op for files already stored),
// print what was found, then serve the web app on 127.0.0.1 (a free port, printed).
import { spawnSync, spawn } from 'node:child_process';

const cli = (...args) => spawnSync(process.execPath, ['bin/annalist.mjs', ...args], { stdio: 'inherit' });
const ingest = cli('ingest', 'examples');
if (ingest.status !== 0 && ingest.status !== 1) process.exit(ingest.status ?? 1);
cli('stats');
cli('conflicts');
const port = process.env.PORT ?? '0';
const server = spawn(process.execPath, ['bin/annalist.mjs', 'serve', '--host', '127.0.0.1', '--port', port], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
