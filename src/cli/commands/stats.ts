import type { Command } from 'commander';
import { openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';

/** `annalist stats`: counts of sources, versions, sections by kind, annotations by layer, messages, corpus records. */
export function register(program: Command): void {
  program
    .command('stats')
    .description('counts of what the store holds')
    .option('--json', 'print JSON')
    .exitOverride(usageExit)
    .action((opts: { json?: boolean }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const s = store.stats();
        if (opts.json) {
          console.log(JSON.stringify(s, null, 2));
          return;
        }
        const c = colours();
        const line = (name: string, counts: Record<string, number>) => {
          const parts = Object.entries(counts).map(([k, n]) => `${k} ${n}`);
          console.log(`${c.bold(name.padEnd(12))} ${parts.length ? parts.join(' · ') : '-'}`);
        };
        console.log(`${c.bold('sources'.padEnd(12))} ${s.sources} (${s.versions} versions)`);
        line('sections', s.sections);
        line('annotations', s.annotations);
        line('messages', s.messages);
        line('corpus', s.corpus);
      } finally {
        store.close();
      }
    });
}
