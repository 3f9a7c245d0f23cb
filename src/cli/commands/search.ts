import type { Command } from 'commander';
import { openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';

/** `annalist search <query>`: full-text search over current sources, with highlighted snippets. */
export function register(program: Command): void {
  program
    .command('search')
    .description('full-text search with snippets')
    .argument('<query...>', 'words to find (all must occur)')
    .option('-n, --limit <n>', 'most hits to show', '20')
    .exitOverride(usageExit)
    .action((words: string[], opts: { limit: string }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const hits = store.search(words.join(' '), Number(opts.limit) || 20);
        const c = colours();
        for (const h of hits) {
          const snip = h.snippet.replace(/\s+/g, ' ').replace(/\[([^\]]*)\]/g, (_m, w: string) => c.bold(c.yellow(w)));
          const name = h.title || store.getSource(h.sourceId)?.meta.path || '';
          console.log(`${c.cyan(h.sourceId.slice(0, 12))}  ${name}\n    ${snip}`);
        }
        if (hits.length === 0) console.log('no matches');
      } finally {
        store.close();
      }
    });
}
