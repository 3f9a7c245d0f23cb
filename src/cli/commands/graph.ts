import type { Command } from 'commander';
import { graphToCsv } from '../../corpus/export-csv.ts';
import { toGexf, toGraphml } from '../../corpus/export-graph.ts';
import { queryGraph } from '../../corpus/query-graph.ts';
import type { RelationType } from '../../corpus/types.ts';
import { checkDateOptions, openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';

/** `annalist graph [--format text|json|gexf|graphml|csv] [--from --to --entity --source --type]`: the actor graph. */
export function register(program: Command): void {
  program
    .command('graph')
    .description('the actor graph: entities and typed, dated relations with evidence')
    .option('--from <date>', 'earliest date')
    .option('--to <date>', 'latest date')
    .option('--entity <id>', 'only edges touching this entity')
    .option('--source <id>', 'only edges with evidence in this source')
    .option('--type <types>', 'comma-separated relation types (met, allied-with, in-conflict-with, member-of, appointed, removed, aided)')
    .option('--format <format>', 'text | json | gexf | graphml | csv', 'text')
    .exitOverride(usageExit)
    .action((opts: { from?: string; to?: string; entity?: string; source?: string; type?: string; format: string }, cmd: Command) => {
      checkDateOptions('graph', opts);
      const store = openStore(cmd, { create: false });
      try {
        const g = queryGraph(store, { ...opts, types: opts.type ? (opts.type.split(',') as RelationType[]) : undefined });
        if (opts.format === 'json') return void console.log(JSON.stringify(g, null, 2));
        if (opts.format === 'gexf') return void process.stdout.write(toGexf(g));
        if (opts.format === 'graphml') return void process.stdout.write(toGraphml(g));
        if (opts.format === 'csv') return void process.stdout.write(graphToCsv(g));
        if (opts.format !== 'text') {
          console.error(`annalist graph: unknown format "${opts.format}"`);
          process.exit(2);
        }
        const c = colours();
        const names = new Map(g.nodes.map((n) => [n.id, n.name]));
        for (const r of g.edges) {
          const span = r.interval ? (r.interval.earliest === r.interval.latest ? r.interval.earliest : `${r.interval.earliest ?? '..'}/${r.interval.latest ?? '..'}`) : 'undated';
          console.log(`${c.bold(names.get(r.from) ?? r.from)} ${c.cyan(r.type)} ${c.bold(names.get(r.to) ?? r.to)} ${c.dim(`${span}; ${r.evidence.length} evidence`)}`);
        }
        console.log(c.dim(`${g.nodes.length} actors, ${g.edges.length} relations`));
      } finally {
        store.close();
      }
    });
}
