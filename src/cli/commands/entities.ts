import type { Command } from 'commander';
import { openStore } from '../options.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import { collectEntities, type EntityRecord } from '../../corpus/collect-entities.ts';
import type { AnalyzedSource, Annotation } from '../../core/types.ts';

/**
 * Formats entity records with their mentions per source as indented text lines: per source, each
 * distinct form and link rule once, in order of first appearance, with "×N" when it occurs N > 1 times.
 */
export function formatEntities(records: readonly EntityRecord[], docs: ReadonlyMap<string, AnalyzedSource>): string[] {
  const byId = new Map<string, Map<string, Annotation>>();
  const annotationOf = (source: string, id: string): Annotation | undefined => {
    let index = byId.get(source);
    if (!index) byId.set(source, (index = new Map((docs.get(source)?.annotations ?? []).map((a) => [a.id, a]))));
    return index.get(id);
  };
  const lines: string[] = [];
  for (const r of records) {
    lines.push(`${r.name}  [${r.id}${r.qid && r.qid !== r.id ? ` ${r.qid}` : ''}] ${r.type}${r.local ? ' (local)' : ''}  ${r.mentions.length} mention(s)`);
    const bySource = new Map<string, Map<string, number>>();
    for (const m of r.mentions) {
      const doc = docs.get(m.source);
      const a = annotationOf(m.source, m.annotation);
      const form = a && doc ? doc.text.slice(a.start, a.end) : m.annotation;
      const rule = a ? String(a.attrs.linkRule ?? '') : '';
      const label = rule ? `${form} (${rule})` : form;
      let counts = bySource.get(m.source);
      if (!counts) bySource.set(m.source, (counts = new Map()));
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    for (const [src, counts] of bySource) {
      const title = docs.get(src)?.meta.title ?? docs.get(src)?.meta.path ?? '';
      const forms = [...counts].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label));
      lines.push(`    ${src}${title ? ` ${title}` : ''}: ${forms.join('; ')}`);
    }
  }
  return lines;
}

/**
 * What the text listing shows: the entities named in the sources (at least one mention). Records
 * without a mention (the authors and commenters who speak, cited works, one author's view of an
 * entity) are counted in a closing line instead; `--json` keeps every record.
 */
export function listedEntities(records: readonly EntityRecord[]): { listed: EntityRecord[]; note?: string } {
  const listed = records.filter((r) => r.mentions.length > 0);
  const hidden = records.length - listed.length;
  return hidden > 0 ? { listed, note: `(${hidden} more record(s) without a mention in the text: speakers, cited works, attributed views; --json lists them)` } : { listed };
}

/** `annalist entities [--db] [--json] [--local]`: lists entities (most mentioned first) with their mentions per source. */
export function register(program: Command): void {
  program
    .command('entities')
    .description('list the entities found in the stored sources, with their mentions per source')
    .option('--json', 'print the entity records as JSON')
    .option('--local', 'only entities the knowledge base does not know')
    .action((opts: { json?: boolean; local?: boolean }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const docs = new Map<string, AnalyzedSource>();
        for (const id of store.sourceIds()) {
          const d = store.getAnalyzed(id);
          if (d) docs.set(id, d);
        }
        const stored = store.getCorpus<EntityRecord>('entity');
        let records = stored.length > 0 ? stored : collectEntities([...docs.values()], loadKnowledgeBase());
        if (opts.local) records = records.filter((r) => r.local);
        records = [...records].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
        // `annalist entities | head` closes the pipe early: not an error
        process.stdout.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EPIPE') process.exit(0);
        });
        if (opts.json) console.log(JSON.stringify(records, null, 2));
        else {
          const { listed, note } = listedEntities(records);
          for (const l of formatEntities(listed, docs)) console.log(l);
          if (note) console.log(note);
        }
      } finally {
        store.close();
      }
    });
}
