import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { appendTagColumn, groupConll, readConllLines, toIo, usesIo } from '../../ner/conll.ts';
import { loadNerModel } from '../../ner/model.ts';
import { tagDocument } from '../../ner/tagger.ts';

/**
 * Tags CoNLL text with the statistical recognizer: the same lines, with a predicted tag appended
 * as the last column (IO when the input's tags are IO, IOB2 otherwise).
 */
export function tagConllText(text: string, modelPath?: string): string {
  const model = loadNerModel(modelPath);
  if (!model) throw new Error('no NER model: run `node --import tsx bench/train-ner.ts` first');
  const lines = readConllLines(text);
  const tags = groupConll(lines).flatMap((d) => tagDocument(model, d.sentences.map((s) => s.tokens)).flat());
  return appendTagColumn(lines, usesIo(lines) ? toIo(tags) : tags);
}

/** `annalist ner --format conll [--model FILE] < file`: PER/ORG/LOC/MISC tagging of token-per-line input. */
export function register(program: Command): void {
  program
    .command('ner')
    .description('tag token-per-line CoNLL input from stdin with PER/ORG/LOC/MISC (appended as the last column)')
    .option('--format <format>', 'input format (only conll)', 'conll')
    .option('--model <file>', 'model file (default data/models/ner.bin)')
    .action((opts: { format: string; model?: string }) => {
      if (opts.format !== 'conll') {
        console.error(`annalist ner: unsupported format ${opts.format} (use conll)`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(tagConllText(readFileSync(0, 'utf8'), opts.model));
    });
}
