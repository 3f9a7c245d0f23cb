import type { Command } from 'commander';
import { openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';
import type { IngestEvent } from './ingest-paths.ts';

/** Default per-file size limit in MB. */
const DEFAULT_MAX_MB = 64;

/**
 * `annalist ingest <paths…>`: reads files, folders (recursive), glob patterns and `-` (stdin),
 * analyzes and stores each document, then runs the corpus stages. Prints one line per failure
 * and a summary; exit code 0 when every input was read, 1 when any failed, 2 on a usage error.
 */
export function register(program: Command): void {
  program
    .command('ingest')
    .description('read, analyze and store documents (files, folders, globs, - for stdin)')
    .argument('<paths...>', 'files, folders, glob patterns, or - for stdin')
    .option('--max-size <MB>', 'skip files larger than this many megabytes', String(DEFAULT_MAX_MB))
    .option('--no-analyze', 'store sources without running the document stages')
    .option('--no-corpus', 'do not run the corpus stages at the end')
    .option('-q, --quiet', 'no progress bar')
    .exitOverride(usageExit)
    .action(async (paths: string[], opts: { maxSize: string; analyze: boolean; corpus: boolean; quiet?: boolean }, cmd: Command) => {
      const maxMb = Number(opts.maxSize);
      if (!Number.isFinite(maxMb) || maxMb <= 0) {
        console.error(`annalist ingest: --max-size must be a positive number of megabytes, not "${opts.maxSize}"`);
        process.exit(2);
      }
      const c = colours(!!process.stderr.isTTY && !process.env.NO_COLOR);
      const store = openStore(cmd, { create: true });
      // the readers, stages and knowledge base load only when this command runs
      const [{ ingestPaths }, { analyzeCorpus }, { loadKnowledgeBase }, { default: cliProgress }] = await Promise.all([
        import('./ingest-paths.ts'),
        import('../../corpus/analyze-corpus.ts'),
        import('../../kb/load-kb.ts'),
        import('cli-progress'),
      ]);
      const kb = loadKnowledgeBase();
      const bar = process.stderr.isTTY && !opts.quiet ? new cliProgress.SingleBar({ format: ' {bar} {value} files | {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(1, 0, { file: '' });
      const onEvent = (e: IngestEvent) => {
        if (e.outcome === 'failed' || e.outcome === 'skipped') {
          const line = e.outcome === 'failed' ? `${c.red('failed')}  ${e.path}: ${e.reason}` : `${c.yellow('skipped')} ${e.path}: ${e.reason}`;
          if (bar) process.stderr.write(`\r\x1b[2K${line}\n`);
          else console.error(line);
        }
        bar?.setTotal(e.seen + 1);
        bar?.update(e.seen, { file: e.path.slice(-40) });
      };
      try {
        const sum = await ingestPaths(store, paths, { kb, maxBytes: Math.round(maxMb * 1024 * 1024), analyze: opts.analyze }, onEvent);
        bar?.stop();
        if (opts.corpus && sum.new + sum.versions > 0) {
          try {
            analyzeCorpus(store, kb);
          } catch (err) {
            console.error(`${c.red('corpus stages failed')}: ${(err as Error).message}`);
          }
        }
        console.log(`${sum.read} read, ${sum.new} new, ${sum.unchanged} unchanged, ${sum.versions} new versions, ${sum.failed} failed`);
        process.exitCode = sum.failed > 0 ? 1 : 0;
      } finally {
        store.close();
      }
    });
}
