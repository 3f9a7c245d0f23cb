import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import { findTimexes } from '../../stages/timex/find-timexes.ts';
import { timexLanguage } from '../../stages/timex/load-rules.ts';
import type { Timex } from '../../stages/timex/types.ts';

/** One line per expression: span, text, type, value, EDTF, interval, anchor. */
export function formatTimexLine(t: Timex): string {
  const iv = t.interval ? `${t.interval.earliest ?? '..'}..${t.interval.latest ?? '..'}` : '-';
  const anchor = t.anchor.ref ? `${t.anchor.kind}:${t.anchor.ref}` : t.anchor.kind;
  const extra = [t.mod ? `mod=${t.mod}` : '', t.note ? `(${t.note})` : ''].filter(Boolean).join(' ');
  return `[${t.start},${t.end})\t${JSON.stringify(t.text)}\t${t.type}\t${t.value}\t${t.edtf ?? '-'}\t${iv}\t${anchor}${extra ? `\t${extra}` : ''}`;
}

/** `annalist timex [--dct YYYY-MM-DD] [--lang en|ru] [--json] [--no-kb] < text`: the temporal expressions of a text. */
export function register(program: Command): void {
  program
    .command('timex')
    .description('find temporal expressions in text from stdin (TIMEX3 type and value, EDTF, interval, anchor)')
    .option('--dct <date>', 'document date YYYY-MM-DD for "today", "last year", …')
    .option('--json', 'print one JSON array')
    .option('--no-kb', 'do not date event-anchored expressions with the knowledge base')
    .option('--lang <code>', 'language of the text: the rule file data/timex/<code>.json (en, ru)', 'en')
    .action((opts: { dct?: string; json?: boolean; kb: boolean; lang: string }) => {
      const lang = timexLanguage(opts.lang);
      if (lang !== opts.lang.toLowerCase().split(/[-_]/)[0]) {
        console.error(`annalist timex: no timex rules for language "${opts.lang}"; using ${lang}`);
      }
      if (opts.dct && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(opts.dct)) {
        console.error(`annalist timex: --dct must be YYYY[-MM[-DD]], got ${opts.dct}`);
        process.exitCode = 2;
        return;
      }
      const text = readFileSync(0, 'utf8');
      let kb;
      try {
        kb = opts.kb ? loadKnowledgeBase() : undefined;
      } catch (err) {
        console.error(`annalist timex: knowledge base not loaded (${err instanceof Error ? err.message : String(err)})`);
      }
      const found = findTimexes(text, { dct: opts.dct, kb, lang });
      if (opts.json) process.stdout.write(`${JSON.stringify(found, null, 1)}\n`);
      else {
        if (!opts.dct && found.some((t) => t.anchor.kind === 'none' && t.note)) {
          console.error('annalist timex: no --dct given; deictic expressions stay unresolved');
        }
        for (const t of found) process.stdout.write(`${formatTimexLine(t)}\n`);
      }
    });
}
