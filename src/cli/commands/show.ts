import type { Command } from 'commander';
import type { Section, Source } from '../../core/types.ts';
import { openStore } from '../options.ts';
import { colours, usageExit } from './ansi.ts';

/** Longest section text shown before it is cut. */
const CUT = 160;

/**
 * `annalist show <id-or-prefix>`: a source's metadata, its sections in order (chrome dimmed),
 * comments as an indented thread, annotation counts and messages. Exit 1 if no such source.
 */
export function register(program: Command): void {
  program
    .command('show')
    .description('show one stored source: metadata, sections, comment thread, messages')
    .argument('<id>', 'source id or a unique prefix of it')
    .option('--full', 'print section texts in full')
    .exitOverride(usageExit)
    .action((idArg: string, opts: { full?: boolean }, cmd: Command) => {
      const store = openStore(cmd, { create: false });
      try {
        const id = store.resolveId(idArg);
        const doc = id ? store.getAnalyzed(id) : undefined;
        if (!doc) {
          console.error(`annalist show: no source matches "${idArg}" (or the prefix is ambiguous)`);
          process.exitCode = 1;
          return;
        }
        console.log(renderSource(doc, doc.annotations.map((a) => a.layer), opts.full ? Infinity : CUT));
      } finally {
        store.close();
      }
    });
}

/** Renders a source for the terminal: metadata, sections, comment thread, layer counts, messages. */
export function renderSource(doc: Source, layers: readonly string[] = [], cut = CUT, c = colours()): string {
  const out: string[] = [];
  out.push(c.bold(doc.meta.title ?? doc.meta.path ?? doc.id));
  for (const [k, v] of Object.entries(doc.meta)) if (v !== undefined && k !== 'title') out.push(`  ${c.dim(k.padEnd(10))} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  out.push(`  ${c.dim('id'.padEnd(10))} ${doc.id}   ${c.dim('key')} ${doc.key}`);
  out.push('', c.bold('Sections'));
  const snippet = (s: Section) => {
    const t = doc.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
    return t.length > cut ? `${t.slice(0, cut)}…` : t;
  };
  const comments = doc.sections.filter((s) => s.kind === 'comment');
  for (const s of doc.sections) {
    if (s.kind === 'comment' || (s.kind === 'chrome' && s.role?.startsWith('comment-'))) continue;
    const label = s.kind === 'heading' ? `heading${s.level ? ` h${s.level}` : ''}` : s.kind;
    const extra = [s.role, s.author, s.time, s.url].filter(Boolean).join(' · ');
    const line = `  ${label.padEnd(10)} ${snippet(s)}${extra ? c.dim(`  [${extra}]`) : ''}`;
    out.push(s.kind === 'chrome' ? c.dim(line) : s.kind === 'heading' || s.kind === 'title' ? c.bold(line) : line);
  }
  if (comments.length) {
    out.push('', c.bold(`Comments (${comments.length})`));
    comments.forEach((s, i) => {
      const pad = '  '.repeat((s.depth ?? 0) + 1);
      const who = `${c.cyan(s.author ?? '?')}${s.displayName && s.displayName !== s.author ? ` (${s.displayName})` : ''}`;
      const reply = s.replyTo != null ? c.dim(` ↳ #${s.replyTo}`) : '';
      out.push(`${pad}#${i} ${who} ${c.dim(s.time ?? '')}${reply}`);
      out.push(`${pad}   ${snippet(s)}`);
    });
  }
  if (layers.length) {
    const counts = new Map<string, number>();
    for (const l of layers) counts.set(l, (counts.get(l) ?? 0) + 1);
    out.push('', c.bold('Annotations'), `  ${[...counts].map(([l, n]) => `${l} ${n}`).join(' · ')}`);
  }
  if (doc.messages.length) {
    out.push('', c.bold('Messages'));
    for (const m of doc.messages) {
      const sev = m.severity === 'info' ? c.blue(m.severity) : m.severity === 'warning' ? c.yellow(m.severity) : c.red(m.severity);
      out.push(`  ${sev} ${m.source}/${m.rule}: ${m.reason}${m.place ? c.dim(` @${m.place.start}-${m.place.end}`) : ''}`);
    }
  }
  return out.join('\n');
}
