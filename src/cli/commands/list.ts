import type { Command } from 'commander';
import { openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';

/** `annalist list`: one line per stored source (current versions; `--all` for every version). */
export function register(program: Command): void {
  program
    .command('list')
    .description('list stored sources')
    .option('--all', 'include older versions')
    .option('--json', 'print JSON')
    .exitOverride(usageExit)
    .action((opts: { all?: boolean; json?: boolean }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const rows = store.listSources({ all: opts.all });
        if (opts.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        const c = colours();
        for (const r of rows) {
          const name = r.title ?? r.path ?? '';
          console.log(`${c.cyan(r.id.slice(0, 12))}  v${r.version}  ${r.format.padEnd(9)} ${String(r.length).padStart(8)} ch  ${String(r.sections).padStart(4)} sec  ${String(r.annotations).padStart(6)} ann  ${r.messages ? c.yellow(`${r.messages} msg`) : '     '}  ${name}`);
        }
        if (rows.length === 0) console.log('no sources stored yet (annalist ingest <paths…>)');
      } finally {
        store.close();
      }
    });
}
