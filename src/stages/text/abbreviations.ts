import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'text', 'en-abbreviations.json');

let cached: Set<string> | undefined;

/** Lower-cased abbreviations (no final period) that do not end a sentence, from `data/text`. */
export function loadAbbreviations(): Set<string> {
  if (!cached) cached = new Set((JSON.parse(readFileSync(FILE, 'utf8')) as { abbreviations: string[] }).abbreviations);
  return cached;
}
