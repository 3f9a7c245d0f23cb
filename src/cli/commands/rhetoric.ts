import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { CliFailure } from '../cli-errors.ts';
import { prepareDoc } from '../../stages/rhetoric/doc.ts';
import { detectRhetoric, loadRhetoricModel } from '../../stages/rhetoric/model.ts';
import { classifyGivenSpans } from '../../stages/rhetoric/classify-given.ts';
import { formatPtcLabels, readPtcArticles, readPtcLabels, type PtcLabel } from '../../stages/rhetoric/ptc.ts';

/**
 * `annalist rhetoric --ptc <articles-dir>`: propaganda-technique predictions for a folder of
 * PTC-style articles, in the SemEval-2020 Task 11 label format (code-point offsets) on stdout.
 * With `--spans <labels>` it classifies the given spans instead (task TC).
 */
export function register(program: Command): void {
  program
    .command('rhetoric')
    .description('propaganda techniques (SemEval-2020 Task 11) for PTC-style articles: id<TAB>technique<TAB>start<TAB>end')
    .requiredOption('--ptc <articles-dir>', 'folder of article<ID>.txt files')
    .option('--spans <labels-file>', 'classify these spans (TC/SI labels file) instead of finding spans')
    .action((opts: { ptc: string; spans?: string }) => {
      if (!existsSync(opts.ptc) || !statSync(opts.ptc).isDirectory()) throw new CliFailure(`annalist rhetoric: --ptc ${opts.ptc} is not a folder`, 1);
      if (opts.spans && !existsSync(opts.spans)) throw new CliFailure(`annalist rhetoric: --spans ${opts.spans}: no such file`, 1);
      const articles = readPtcArticles(opts.ptc);
      if (articles.length === 0) console.error(`annalist rhetoric: no article<ID>.txt files in ${opts.ptc}`);
      const model = loadRhetoricModel();
      const docs = new Map(articles.map((a) => [a.id, prepareDoc(a.text)]));
      const out: PtcLabel[] = [];
      if (opts.spans) {
        out.push(...classifyGivenSpans(docs, readPtcLabels(opts.spans, articles), model.tc));
      } else {
        for (const a of articles) {
          for (const s of detectRhetoric(docs.get(a.id)!, model)) out.push({ article: a.id, technique: s.techniques[0]!.technique, start: s.start, end: s.end });
        }
      }
      process.stdout.write(formatPtcLabels(out, articles));
    });
}
