// Shared fixtures for the CLI tests: the CLI runs in a child process against a temp database.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePdf } from '../../ingest/testing/make-pdf.ts';

/** The CLI entry point (`bin/annalist.mjs`). */
export const CLI_PATH = resolve(fileURLToPath(import.meta.url), '../../../../bin/annalist.mjs');
const CLI = CLI_PATH;

/** Runs the CLI (test helper) in a child process against a database. */
export function annalist(db: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** An invented article with a two-comment thread. */
export const ARTICLE = [
  'A Winter in the Ministry',
  '',
  'The minister returned from the southern republics in January and called a meeting of his deputies.',
  '',
  'The plan for the new dam was discussed for six hours without a decision being taken.',
  '  1. reader_one Offline reader_one',
  '    reader_one 5 March 2022 10: 00',
  '    My uncle built that dam.',
  '    1. skeptic Offline skeptic',
  '      skeptic (Sam) 5 March 2022 11: 30',
  '      Which one?',
].join('\n');

/** A temp folder with five good documents in `docs/`. */
export function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-cli-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs/article.txt'), ARTICLE);
  writeFileSync(join(dir, 'docs/page.html'), '<html><head><title>Harbour notes</title></head><body><p>The harbour froze early that year and the ships waited outside for weeks.</p></body></html>');
  writeFileSync(join(dir, 'docs/note.md'), '# Field note\n\nThe archive opened its reading room to foreign visitors in spring.\n');
  writeFileSync(join(dir, 'docs/report.pdf'), makePdf([['The delegation left for the capital on Tuesday.']]));
  writeFileSync(join(dir, 'docs/bad-utf8.txt'), Buffer.concat([Buffer.from('A text with one broken byte '), Buffer.from([0xc3]), Buffer.from(' in the middle, still readable.')]));
  return dir;
}

/** Adds a `bad/` folder: empty, binary, truncated PDF, over-size file, a symlink loop. */
export function badInputs(dir: string): void {
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad/empty.txt'), '');
  writeFileSync(join(dir, 'bad/blob.dat'), Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 4, 5]));
  writeFileSync(join(dir, 'bad/cut.pdf'), makePdf([['A page that is cut.']]).subarray(0, 60));
  writeFileSync(join(dir, 'bad/huge.txt'), 'word '.repeat(5000)); // 25 KB, over a 0.01 MB limit
  symlinkSync(join(dir, 'bad/loop2'), join(dir, 'bad/loop1'));
  symlinkSync(join(dir, 'bad/loop1'), join(dir, 'bad/loop2'));
}

