import type { Command } from 'commander';
import type { Annotation } from '../../core/types.ts';
import { formatEvent } from '../../stages/events/format-events.ts';
import { openStore, selectSourceIds } from '../options.ts';

/** `annalist events [--source id] [--class c] [--json]`: the events read from stored sources. */
export function register(program: Command): void {
  program
    .command('events')
    .description('list events read from analyzed sources: class, time (inherited or not), excerpt with trigger, participants')
    .option('--source <id>', 'only this source (id or unique prefix)')
    .option('--class <class>', 'only events of this class (death, arrest, appointment, meeting, …)')
    .option('--json', 'print the event annotations as JSON lines')
    .action((opts: { source?: string; class?: string; json?: boolean }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const ids = selectSourceIds(store, opts.source);
        if (ids.length === 0 && opts.source) return;
        let shown = 0;
        for (const id of ids) {
          const src = store.getSource(id);
          if (!src) continue;
          const events = store.getAnnotations(id, ['event']).filter((a: Annotation) => !opts.class || a.label === opts.class);
          if (events.length === 0) continue;
          if (!opts.json) process.stdout.write(`\n== ${id.slice(0, 10)}  ${src.meta.title ?? src.meta.path ?? ''}  (${events.length} events)\n`);
          for (const a of events) process.stdout.write(`${opts.json ? JSON.stringify({ source: id, ...a }) : formatEvent(src.text, a)}\n`);
          shown += events.length;
        }
        if (!opts.json && shown === 0) {
          const classes = new Set(ids.flatMap((id) => store.getAnnotations(id, ['event']).map((a: Annotation) => a.label)));
          if (opts.class && classes.size > 0) process.stdout.write(`no events of class "${opts.class}" (classes found: ${[...classes].sort().join(', ')})\n`);
          else process.stdout.write('no events stored (analyze sources with the events stage registered)\n');
        }
      } finally {
        store.close();
      }
    });
}
