import type { Command } from 'commander';
import { timelineToCsv } from '../../corpus/export-csv.ts';
import { toTimelineJs } from '../../corpus/export-timelinejs.ts';
import { queryTimeline, type CorpusQuery } from '../../corpus/query-timeline.ts';
import { checkDateOptions, openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';

/** `annalist timeline [--from --to --entity --source] [--format text|json|timelinejs|csv]`: the merged corpus timeline. */
export function register(program: Command): void {
  program
    .command('timeline')
    .description('the corpus timeline: real-world events with merged dates, supporting sources and conflicts')
    .option('--from <date>', 'earliest date (1956, 1956-02, 1956-02-25)')
    .option('--to <date>', 'latest date')
    .option('--entity <id>', 'only events this entity (KB id) takes part in')
    .option('--source <id>', 'only events this source (id or prefix) supports')
    .option('--format <format>', 'text | json | timelinejs | csv', 'text')
    .exitOverride(usageExit)
    .action((opts: CorpusQuery & { format: string }, cmd: Command) => {
      checkDateOptions('timeline', opts);
      const store = openStore(cmd, { create: false });
      try {
        const t = queryTimeline(store, { from: opts.from, to: opts.to, entity: opts.entity, source: opts.source });
        if (opts.format === 'json') return void console.log(JSON.stringify(t, null, 2));
        if (opts.format === 'timelinejs') return void console.log(JSON.stringify(toTimelineJs(t), null, 2));
        if (opts.format === 'csv') return void process.stdout.write(timelineToCsv(t));
        if (opts.format !== 'text') {
          console.error(`annalist timeline: unknown format "${opts.format}"`);
          process.exit(2);
        }
        const c = colours();
        for (const e of t.events) {
          const flag = e.conflicts.length ? c.red(` ⚠ ${e.conflicts.length} conflict${e.conflicts.length > 1 ? 's' : ''}`) : '';
          console.log(`${c.bold((e.edtf || 'undated').padEnd(12))} ${e.label} ${c.dim(`[${e.class}; ${e.sources.length} source${e.sources.length > 1 ? 's' : ''}]`)}${flag}`);
          const shown = new Set<string>();
          for (const s of e.support) {
            // One line per source sentence: a named event and its event-layer mention share a sentence.
            const key = `${s.source}|${s.text}`;
            if (shown.has(key)) continue;
            shown.add(key);
            console.log(`${' '.repeat(13)}${c.cyan(s.source.slice(0, 8))} ${s.edtf ? c.yellow(`${s.edtf} `) : ''}${c.dim(truncate(s.text, 110))}`);
          }
        }
        const multi = t.events.filter((e) => e.sources.length > 1).length;
        console.log(c.dim(`${t.events.length} events, ${multi} with more than one source, ${t.conflicts.length} conflicts`));
      } finally {
        store.close();
      }
    });
}

/** Cuts a line to a width with an ellipsis. */
export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
