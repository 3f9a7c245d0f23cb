import type { Command } from 'commander';
import { dbPath } from '../options.ts';
import { Store } from '../../store/store.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import { collectEntities, type EntityRecord } from '../../corpus/collect-entities.ts';
import type { AnalyzedSource } from '../../core/types.ts';

/** Formats entity records with their mentions per source as indented text lines. */
export function formatEntities(records: readonly EntityRecord[], docs: ReadonlyMap<string, AnalyzedSource>): string[] {
  const lines: string[] = [];
  for (const r of records) {
    lines.push(`${r.name}  [${r.id}${r.qid && r.qid !== r.id ? ` ${r.qid}` : ''}] ${r.type}${r.local ? ' (local)' : ''}  ${r.mentions.length} mention(s)`);
    const bySource = new Map<string, string[]>();
    for (const m of r.mentions) {
      const doc = docs.get(m.source);
      const a = doc?.annotations.find((x) => x.id === m.annotation);
      const form = a && doc ? doc.text.slice(a.start, a.end) : m.annotation;
      const rule = a ? String(a.attrs.linkRule ?? '') : '';
      let list = bySource.get(m.source);
      if (!list) bySource.set(m.source, (list = []));
      list.push(rule ? `${form} (${rule})` : form);
    }
    for (const [src, forms] of bySource) {
      const title = docs.get(src)?.meta.title ?? docs.get(src)?.meta.path ?? '';
      lines.push(`    ${src}${title ? ` ${title}` : ''}: ${forms.join('; ')}`);
    }
  }
  return lines;
}

/** `annalist entities [--db] [--json] [--local]`: lists entities (most mentioned first) with their mentions per source. */
export function register(program: Command): void {
  program
    .command('entities')
    .description('list the entities found in the stored sources, with their mentions per source')
    .option('--json', 'print the entity records as JSON')
    .option('--local', 'only entities the knowledge base does not know')
    .action((opts: { json?: boolean; local?: boolean }, cmd: Command) => {
      const store = new Store(dbPath(cmd));
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
        else for (const l of formatEntities(records, docs)) console.log(l);
      } finally {
        store.close();
      }
    });
}
