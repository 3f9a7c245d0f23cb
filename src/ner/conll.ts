/**
 * Reading and writing token-per-line CoNLL text (`token … TAG`, blank line between sentences,
 * `-DOCSTART-` lines between documents), as used by `annalist ner` and the benchmarks.
 */

/** One input line kept verbatim, with its place in the document/sentence structure. */
export interface ConllLine {
  raw: string;
  kind: 'token' | 'blank' | 'docstart';
  token?: string;
  /** Last column when the line has more than one column. */
  tag?: string;
}

/** A document as tokenized sentences, with the gold tags when present. */
export interface ConllDocument {
  sentences: { tokens: string[]; tags: string[] }[];
}

/** Splits CoNLL text into lines with their kinds. */
export function readConllLines(text: string): ConllLine[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((raw) => {
    const t = raw.trim();
    if (t === '') return { raw, kind: 'blank' };
    const cols = t.split(/\s+/);
    if (cols[0] === '-DOCSTART-') return { raw, kind: 'docstart' };
    return { raw, kind: 'token', token: cols[0]!, tag: cols.length > 1 ? cols[cols.length - 1]! : undefined };
  });
}

/** Groups lines into documents (split at `-DOCSTART-`) of sentences (split at blank lines). */
export function groupConll(lines: readonly ConllLine[]): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let sent: { tokens: string[]; tags: string[] } | null = null;
  const flush = () => {
    if (sent && sent.tokens.length) {
      if (!doc) {
        doc = { sentences: [] };
        docs.push(doc);
      }
      doc.sentences.push(sent);
    }
    sent = null;
  };
  for (const l of lines) {
    if (l.kind === 'blank') flush();
    else if (l.kind === 'docstart') {
      flush();
      doc = { sentences: [] };
      docs.push(doc);
    } else {
      sent ??= { tokens: [], tags: [] };
      sent.tokens.push(l.token!);
      sent.tags.push(l.tag ?? 'O');
    }
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

/** Converts IO or IOB1 tags to IOB2: every entity starts with `B-`. */
export function toIob2(tags: readonly string[]): string[] {
  return tags.map((t, i) => {
    if (!t.startsWith('I-')) return t;
    const prev = i > 0 ? tags[i - 1]! : 'O';
    return prev === 'O' || prev.slice(2) !== t.slice(2) ? `B-${t.slice(2)}` : t;
  });
}

/** Converts IOB2 tags to IO (what wikigold uses): `B-X` → `I-X`. */
export function toIo(tags: readonly string[]): string[] {
  return tags.map((t) => (t.startsWith('B-') ? `I-${t.slice(2)}` : t));
}

/** True when the gold tags of the input use IO (no `B-` anywhere but some `I-`). */
export function usesIo(lines: readonly ConllLine[]): boolean {
  let sawI = false;
  for (const l of lines) {
    if (l.tag?.startsWith('B-')) return false;
    if (l.tag?.startsWith('I-')) sawI = true;
  }
  return sawI;
}

/**
 * Writes the input lines back with one predicted tag appended per token line, in order.
 * `predicted` holds the tags of all token lines, flattened.
 */
export function appendTagColumn(lines: readonly ConllLine[], predicted: readonly string[]): string {
  let k = 0;
  const out = lines.map((l) => (l.kind === 'token' ? `${l.raw.trimEnd()} ${predicted[k++] ?? 'O'}` : l.raw));
  return out.join('\n') + '\n';
}
