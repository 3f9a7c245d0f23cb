import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportJson } from '../../store/export-json.ts';
import { Store } from '../../store/store.ts';
import { dbPath } from '../options.ts';
import { usageExit } from './ansi.ts';

/** `annalist export --format json [-o file]`: the lossless JSON dump of the store. */
export function register(program: Command): void {
  program
    .command('export')
    .description('export the store (lossless JSON)')
    .option('--format <format>', 'export format: json', 'json')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .exitOverride(usageExit)
    .action((opts: { format: string; output?: string }, cmd: Command) => {
      if (opts.format !== 'json') {
        console.error(`annalist export: unknown format "${opts.format}" (supported: json)`);
        process.exit(2);
      }
      const store = new Store(dbPath(cmd));
      try {
        const json = JSON.stringify(exportJson(store));
        if (opts.output) writeFileSync(opts.output, `${json}\n`);
        else process.stdout.write(`${json}\n`);
      } finally {
        store.close();
      }
    });
}
