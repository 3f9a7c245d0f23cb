import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { buildKnowledgeBase, DEFAULT_KB_DIR, listJson, type KbFile, type KbFileOnDisk } from '../../kb/load-kb.ts';
import { validateKbFile, validateKbFiles, type KbProblem } from '../../kb/validate-kb.ts';
import { CliFailure } from '../cli-errors.ts';
import { importWikidata } from '../../kb/import-wikidata.ts';
import { importCsv } from '../../kb/import-csv.ts';
import type { KnowledgeBase } from '../../kb/types.ts';

/** Counts of a knowledge base: entities by type, aliases by kind, roles, names, memberships, events. */
export function kbStats(kb: KnowledgeBase): Record<string, unknown> {
  const count = <T>(xs: T[], key: (x: T) => string) => xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});
  return {
    entities: kb.entities.length,
    withQid: kb.entities.filter((e) => e.qid).length,
    entitiesByType: count(kb.entities, (e) => e.type),
    aliasesByKind: count(kb.entities.flatMap((e) => e.aliases), (a) => a.kind),
    roles: kb.roles.length,
    offices: new Set(kb.roles.map((r) => r.officeKey)).size,
    names: kb.names.length,
    memberships: kb.memberships.length,
    events: kb.events.length,
    eventsByClass: count(kb.events, (e) => e.class),
  };
}

/**
 * Reads the KB files under the given folders, in order, reporting a file that is not JSON as a
 * problem (rule `json`) instead of stopping. Throws `CliFailure` for a folder that is missing or a file.
 */
export function readKbFilesReporting(dirs: readonly string[], command: string): { files: KbFileOnDisk[]; problems: KbProblem[] } {
  const files: KbFileOnDisk[] = [];
  const problems: KbProblem[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new CliFailure(`annalist kb ${command}: no such folder ${dir}`, 1);
    if (!statSync(dir).isDirectory()) throw new CliFailure(`annalist kb ${command}: ${dir} is a file; give the folder that holds the KB JSON files`, 1);
    for (const path of listJson(dir)) {
      try {
        files.push({ path, data: JSON.parse(readFileSync(path, 'utf8')) as KbFile });
      } catch (err) {
        problems.push({ rule: 'json', where: path, message: (err as Error).message });
      }
    }
  }
  return { files, problems };
}

/**
 * Validates KB files: unreadable JSON, then each file's structure, then (only when every file is
 * well-formed, since merging needs the structure) the merged knowledge base.
 */
export function validateKbFolders(dirs: readonly string[]): { files: number; problems: KbProblem[] } {
  const { files, problems } = readKbFilesReporting(dirs, 'validate');
  const structural = files.flatMap((f) => validateKbFile(f.data, f.path));
  if (problems.length > 0 || structural.length > 0) return { files: files.length + problems.length, problems: [...problems, ...structural] };
  return { files: files.length, problems: validateKbFiles(files, buildKnowledgeBase(files.map((f) => f.data))) };
}

/** `annalist kb validate|import|stats`: check, extend and count the reference knowledge base. */
export function register(program: Command): void {
  const kb = program.command('kb').description('reference knowledge base: validate, import, stats');
  kb.command('validate [dir]')
    .description('validate the bundled KB, or the bundled KB plus the files in dir (--alone: dir only)')
    .option('--alone', 'validate dir without the bundled files')
    .action((dir: string | undefined, opts: { alone?: boolean }) => {
      const dirs = dir ? (opts.alone ? [resolve(dir)] : [DEFAULT_KB_DIR, resolve(dir)]) : [DEFAULT_KB_DIR];
      const { files, problems } = validateKbFolders([...new Set(dirs)]);
      for (const p of problems) console.log(`${p.rule}\t${p.where}\t${p.message}`);
      console.log(`${files} files, ${problems.length} problems`);
      if (problems.length > 0) process.exitCode = 1;
    });
  kb.command('import <file>')
    .description('turn a Wikidata JSON dump subset or a CSV into a KB file')
    .requiredOption('--from <format>', 'wikidata | csv')
    .requiredOption('-o, --out <file>', 'KB JSON file to write')
    .option('--lang <langs>', 'label languages for wikidata, comma-separated', 'en')
    .action((file: string, opts: { from: string; out: string; lang: string }) => {
      const text = readFileSync(file, 'utf8');
      let out;
      if (opts.from === 'wikidata') out = importWikidata(text, { langs: opts.lang.split(',') });
      else if (opts.from === 'csv') {
        const r = importCsv(text);
        for (const m of r.messages) console.error(m);
        out = r.file;
      } else {
        console.error(`unknown --from ${opts.from} (wikidata | csv)`);
        process.exitCode = 2;
        return;
      }
      writeFileSync(opts.out, JSON.stringify(out, null, 1) + '\n');
      console.log(`${opts.out}: ${out.entities?.length ?? 0} entities, ${out.roles?.length ?? 0} roles, ${out.names?.length ?? 0} names, ${out.memberships?.length ?? 0} memberships, ${out.events?.length ?? 0} events`);
    });
  kb.command('stats [dir]')
    .description('counts by type, aliases by kind, roles, names, memberships, events')
    .action((dir: string | undefined) => {
      const { files, problems } = readKbFilesReporting(dir ? [DEFAULT_KB_DIR, resolve(dir)] : [DEFAULT_KB_DIR], 'stats');
      const structural = [...problems, ...files.flatMap((f) => validateKbFile(f.data, f.path))];
      if (structural.length > 0) {
        for (const p of structural) console.error(`${p.rule}\t${p.where}\t${p.message}`);
        throw new CliFailure(`annalist kb stats: ${structural.length} problem(s) in the KB files; run "annalist kb validate" for the details`, 1);
      }
      console.log(JSON.stringify(kbStats(buildKnowledgeBase(files.map((f) => f.data))), null, 2));
    });
}
