import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { describeFsError } from '../../ingest/collect-files.ts';
import { usageExit } from './ansi.ts';
import { renderSource } from './show.ts';

/**
 * `annalist read <file> [--json]`: reads and analyzes one document without storing it and prints
 * it (the analyzed source as JSON with `--json`). Exit 1 when the document cannot be read.
 */
export function register(program: Command): void {
  program
    .command('read')
    .description('read and analyze one document without storing it')
    .argument('<file>', 'a file, or - for stdin')
    .option('--json', 'print the analyzed source as JSON')
    .option('--no-analyze', 'only read, run no stages')
    .exitOverride(usageExit)
    .action(async (file: string, opts: { json?: boolean; analyze: boolean }) => {
      let bytes: Uint8Array;
      const path = file === '-' ? '-' : resolve(file);
      try {
        bytes = file === '-' ? readFileSync(0) : readFileSync(path);
      } catch (err) {
        console.error(`annalist read: ${file}: ${describeFsError(err, path)}`);
        process.exitCode = 1;
        return;
      }
      const [{ readAnyDocument }, { loadKnowledgeBase }, { analyzeSource }] = await Promise.all([
        import('../../ingest/read-document.ts'),
        import('../../kb/load-kb.ts'),
        import('../../pipeline/analyze.ts'),
      ]);
      const source = await readAnyDocument(bytes, { path });
      const failed = source.messages.some((m) => m.severity === 'error' || m.severity === 'fatal');
      const doc = opts.analyze && !failed ? analyzeSource(source, { resources: { kb: loadKnowledgeBase() } }) : { ...source, annotations: [] };
      if (opts.json) process.stdout.write(`${JSON.stringify(doc)}\n`);
      else console.log(renderSource(doc, doc.annotations.map((a) => a.layer)));
      if (failed) {
        if (opts.json) console.error(`annalist read: ${file}: ${source.messages.find((m) => m.severity === 'error' || m.severity === 'fatal')!.reason}`);
        process.exitCode = 1;
      }
    });
}
