import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isStandardFormat } from '../../export/render-export.ts';
import { writeStandardExport } from '../../export/write-export.ts';
import { exportJson } from '../../store/export-json.ts';
import { Store } from '../../store/store.ts';
import { dbPath } from '../options.ts';
import { usageExit } from './ansi.ts';

/** `annalist export --format json|jsonld|tei|csv [-o file|dir]`: the lossless JSON dump, or a standard format (see `src/export/`). */
export function register(program: Command): void {
  program
    .command('export')
    .description('export the store (lossless JSON, W3C Web Annotation, TEI, Palladio CSV)')
    .option('--format <format>', 'export format: json, jsonld (W3C Web Annotation), tei (TEI P5 stand-off), csv (Palladio)', 'json')
    .option('-o, --output <file>', 'write to a file instead of stdout (jsonld/tei/csv: a directory, or a path ending in /, gets one file per source or table)')
    .exitOverride(usageExit)
    .action((opts: { format: string; output?: string }, cmd: Command) => {
      if (opts.format !== 'json' && !isStandardFormat(opts.format)) {
        console.error(`annalist export: unknown format "${opts.format}" (supported: json, jsonld, tei, csv)`);
        process.exit(2);
      }
      const store = new Store(dbPath(cmd));
      try {
        if (isStandardFormat(opts.format)) {
          writeStandardExport(opts.format, exportJson(store), opts.output);
          return;
        }
        const json = JSON.stringify(exportJson(store));
        if (opts.output) writeFileSync(opts.output, `${json}\n`);
        else process.stdout.write(`${json}\n`);
      } finally {
        store.close();
      }
    });
}
