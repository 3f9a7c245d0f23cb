import type { Command } from 'commander';
import { conflictsToCsv } from '../../corpus/export-csv.ts';
import { CONFLICT_KINDS, type Conflict } from '../../corpus/types.ts';
import { openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';

/** `annalist conflicts [--kind K] [--format text|json|csv]`: contradictions and slips, each with explanation and evidence. */
export function register(program: Command): void {
  program
    .command('conflicts')
    .description('contradictions between sources and against the knowledge base, with evidence')
    .option('--kind <kind>', `only one kind: ${CONFLICT_KINDS.join(', ')}`)
    .option('--source <id>', 'only conflicts quoting this source (id or prefix)')
    .option('--format <format>', 'text | json | csv', 'text')
    .exitOverride(usageExit)
    .action((opts: { kind?: string; source?: string; format: string }, cmd: Command) => {
      if (opts.kind && !CONFLICT_KINDS.includes(opts.kind as Conflict['kind'])) {
        console.error(`annalist conflicts: unknown kind "${opts.kind}" (one of ${CONFLICT_KINDS.join(', ')})`);
        process.exit(2);
      }
      const store = openStore(cmd, { create: false });
      try {
        const titles = new Map(store.listSources().map((s) => [s.id, s.title ?? s.path ?? s.id]));
        const list = store
          .getCorpus<Conflict>('conflict')
          .filter((x) => !opts.kind || x.kind === opts.kind)
          .filter((x) => !opts.source || x.evidence.some((e) => e.source.startsWith(opts.source!)))
          .sort((a, b) => CONFLICT_KINDS.indexOf(a.kind) - CONFLICT_KINDS.indexOf(b.kind) || a.id.localeCompare(b.id));
        if (opts.format === 'json') return void console.log(JSON.stringify(list, null, 2));
        if (opts.format === 'csv') return void process.stdout.write(conflictsToCsv(list));
        const c = colours();
        const sev = { high: c.red, medium: c.yellow, low: c.dim };
        for (const x of list) {
          console.log(`${sev[x.severity](x.severity.toUpperCase().padEnd(6))} ${c.bold(x.kind)} ${c.dim(x.id)}`);
          console.log(`  ${x.explanation}`);
          for (const e of x.evidence) console.log(`  ${c.cyan(`${e.source.slice(0, 8)} ${titles.get(e.source) ?? ''} @${e.start}`)}\n    “${e.text}”`);
          for (const f of x.facts) console.log(`  ${c.magenta('fact')} ${f.text}${f.source ? c.dim(` (${f.source})`) : ''}`);
          console.log('');
        }
        console.log(c.dim(`${list.length} conflict${list.length === 1 ? '' : 's'}`));
      } finally {
        store.close();
      }
    });
}
