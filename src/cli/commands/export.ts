import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { isStandardFormat } from '../../export/render-export.ts';
import { isDirectoryTarget, writeStandardExport } from '../../export/write-export.ts';
import { CliFailure } from '../cli-errors.ts';
import { exportJson } from '../../store/export-json.ts';
import { openStore } from '../options.ts';
import { usageExit } from './ansi.ts';

/** `annalist export --format json|jsonld|tei|csv [-o file|dir]`: the lossless JSON dump, or a standard format (see `src/export/`). */
export function register(program: Command): void {
  program
    .command('export')
    .description('export the store (lossless JSON, W3C Web Annotation, TEI, Palladio CSV)')
    .option('--format <format>', 'export format: json, jsonld (W3C Web Annotation), tei (TEI P5 stand-off), csv (Palladio)', 'json')
    .option('-o, --output <file>', 'write to a file instead of stdout (jsonld/tei/csv: a directory, or a path ending in /, gets one file per source or table; json: annalist-export.json inside it)')
    .exitOverride(usageExit)
    .action((opts: { format: string; output?: string }, cmd: Command) => {
      if (opts.format !== 'json' && !isStandardFormat(opts.format)) {
        console.error(`annalist export: unknown format "${opts.format}" (supported: json, jsonld, tei, csv)`);
        process.exit(2);
      }
      // A file target needs its folder; a directory target is created.
      if (opts.output && !isDirectoryTarget(opts.output) && !existsSync(dirname(opts.output))) {
        throw new CliFailure(`annalist export: cannot write ${opts.output}: the folder ${dirname(opts.output)} does not exist`, 1);
      }
      const store = openStore(cmd, { create: false });
      let written: string[];
      try {
        if (isStandardFormat(opts.format)) {
          written = writeStandardExport(opts.format, exportJson(store), opts.output);
        } else {
          const json = JSON.stringify(exportJson(store));
          const inDir = opts.output !== undefined && isDirectoryTarget(opts.output);
          if (inDir) mkdirSync(opts.output!, { recursive: true });
          const file = inDir ? join(opts.output!, 'annalist-export.json') : opts.output;
          if (file) writeFileSync(file, `${json}\n`);
          else process.stdout.write(`${json}\n`);
          written = [file ?? '-'];
        }
      } finally {
        store.close();
      }
      if (opts.output) {
        const one = opts.format === 'csv' && written.length === 1 ? ' (the entity-event table; give a folder, e.g. out/, for all four tables)' : '';
        console.error(`wrote ${written.length === 1 ? written[0] : `${written.length} files to ${opts.output}`}${one}`);
      }
    });
}
