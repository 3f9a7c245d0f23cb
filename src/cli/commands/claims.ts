import type { Command } from 'commander';
import { formatClaim, speakerMatches } from '../../stages/claims/format-claims.ts';
import { openStore, selectSourceIds } from '../options.ts';

/** `annalist claims [--source id] [--speaker s] [--kind k] [--json]`: claims with their speakers. */
export function register(program: Command): void {
  program
    .command('claims')
    .description('list claims read from analyzed sources: kind, speaker, cue, check-worthiness, content excerpt')
    .option('--source <id>', 'only this source (id or unique prefix)')
    .option('--speaker <s>', 'only this speaker: entity id, author, commenter:<user>, or part of a name')
    .option('--kind <kind>', 'only quote, reported or author-assertion')
    .option('--json', 'print the claim annotations as JSON lines')
    .action((opts: { source?: string; speaker?: string; kind?: string; json?: boolean }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const ids = selectSourceIds(store, opts.source);
        if (ids.length === 0 && opts.source) return;
        let shown = 0;
        for (const id of ids) {
          const src = store.getSource(id);
          if (!src) continue;
          const claims = store
            .getAnnotations(id, ['claim'])
            .filter((a) => (!opts.speaker || speakerMatches(a, opts.speaker)) && (!opts.kind || a.label === opts.kind));
          if (claims.length === 0) continue;
          if (!opts.json) process.stdout.write(`\n== ${id.slice(0, 10)}  ${src.meta.title ?? src.meta.path ?? ''}  (${claims.length} claims)\n`);
          for (const a of claims) process.stdout.write(`${opts.json ? JSON.stringify({ source: id, ...a }) : formatClaim(src.text, a)}\n`);
          shown += claims.length;
        }
        if (!opts.json && shown === 0) process.stdout.write('no claims stored (analyze sources with the claims stage registered)\n');
      } finally {
        store.close();
      }
    });
}
