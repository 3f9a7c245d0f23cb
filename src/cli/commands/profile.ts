import type { Command } from 'commander';
import { openStore } from '../options.ts';
import { buildProfile, formatProfile } from '../../stages/stance/build-profile.ts';

/** `annalist profile <source-id>`: whom a source and each commenter praise or condemn, and how. */
export function register(program: Command): void {
  program
    .command('profile <source>')
    .description('print the stance profile of an analyzed source: per target entity polarity, score, evidence, techniques; per commenter')
    .option('--json', 'print the profile as JSON')
    .option('--evidence <n>', 'evidence spans per target', '3')
    .action((source: string, opts: { json?: boolean; evidence: string }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const id = store.resolveId(source);
        const doc = id ? store.getAnalyzed(id) : undefined;
        if (!doc) {
          process.stderr.write(`no analyzed source matches "${source}"\n`);
          process.exitCode = 1;
          return;
        }
        const profile = buildProfile(doc.id, doc.text, doc.annotations, Number(opts.evidence) || 3);
        if (opts.json) process.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
        else {
          process.stdout.write(`${formatProfile(profile)}\n`);
          if (!doc.annotations.some((a) => a.layer === 'stance')) process.stdout.write('\n(no stance annotations stored: run `annalist analyze` with the stance stage)\n');
        }
      } finally {
        store.close();
      }
    });
}
