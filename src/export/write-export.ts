/** Writes a rendered standard export to stdout, a file, or a directory (the CLI's I/O around `renderExport`). */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderExport, type ExportInput, type StandardFormat } from './render-export.ts';

/** True when `output` names a directory: an existing one, or a path ending in `/`. */
export function isDirectoryTarget(output: string): boolean {
  return /[/\\]$/.test(output) || (existsSync(output) && statSync(output).isDirectory());
}

/**
 * Renders `input` as `format` and writes it: to stdout when `output` is absent, to the file `output`,
 * or, when `output` is a directory, one file per source/table inside it (created if needed).
 * Returns the paths written (`-` for stdout).
 */
export function writeStandardExport(format: StandardFormat, input: ExportInput, output?: string): string[] {
  const dir = output !== undefined && isDirectoryTarget(output);
  const files = renderExport(format, input, dir);
  if (!output) {
    process.stdout.write(files[0]!.content);
    return ['-'];
  }
  if (!dir) {
    writeFileSync(output, files[0]!.content);
    return [output];
  }
  mkdirSync(output, { recursive: true });
  return files.map((f) => {
    const path = join(output, f.name);
    writeFileSync(path, f.content);
    return path;
  });
}
