import type { Claim } from './claim.ts';
import type { Line } from './lines.ts';
import { loadLayoutRules, monthAlternation, type LayoutRules } from './rules.ts';

/** A comment header or meta line, parsed. */
interface Start {
  line: Line;
  /** Thread number shown before the user name (`3.`), when the page numbers comments. */
  number?: number;
  author: string;
  displayName?: string;
  time?: string;
  /** The meta line that followed a header line, if any. */
  meta?: Line;
}

/**
 * Finds a reader-comment thread: numbered headers (`<N>. <user> Offline <user>`, or a bare
 * `<N>. <user>` when a date line follows), meta lines (`<user> [(<display name>)] <D Month YYYY
 * HH: MM>`, or just the date under a bare header) and the bodies under them. Nesting comes from
 * indentation when the page kept it, else from numbering that restarts at 1 for replies, else from
 * a body that opens by naming an earlier commenter (`Reply to <user>:`, `@<user>`). Returns
 * `comment` sections over the bodies (with author, displayName, time, replyTo, depth), `chrome`
 * sections for the header and meta lines, and for a "Comments (N)" line right above the thread.
 * Needs two comments, or one with header and meta.
 */
export function findComments(lines: readonly Line[], taken: ReadonlySet<number>): Claim[] {
  const rules = loadLayoutRules();
  const header = headerPattern(rules);
  const meta = metaPattern(rules);
  const bareHeader = /^(\d{1,4})[.)]\s+(\S{2,40})$/u;
  const dateOnly = dateLinePattern(rules);
  const starts: Start[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank || taken.has(line.n)) continue;
    const bare = bareHeader.exec(line.text);
    const next = lines[i + 1];
    if (bare && next && !next.blank && !taken.has(next.n)) {
      // `<N>. <user>` alone is a header only when a date line follows (a numbered list has none).
      const d = parseDateLine(dateOnly, next.text, rules);
      const m = d ? undefined : parseMeta(meta, next.text, rules);
      if (d || (m && m.author === bare[2])) {
        starts.push({ line, number: Number(bare[1]), author: bare[2]!, displayName: m?.displayName, time: (d ?? m)!.time, meta: next });
        i++;
        continue;
      }
    }
    const h = header.exec(line.text);
    if (h && h[2] === h[3]) {
      const next = lines[i + 1];
      const m = next && !next.blank ? parseMeta(meta, next.text, rules) : undefined;
      starts.push({ line, number: Number(h[1]), author: m?.author ?? h[2]!, displayName: m?.displayName, time: m?.time, meta: m ? next : undefined });
      if (m) i++;
      continue;
    }
    const m = parseMeta(meta, line.text, rules);
    if (m) starts.push({ line, ...m });
  }
  // one comment is enough when it has both a header and a meta line; a lone meta-like line is not
  if (starts.length === 0 || (starts.length === 1 && !starts[0]!.meta)) return [];
  const depths = nestingDepths(starts);
  const bodies = starts.map((s, k) => {
    const firstBody = (s.meta ?? s.line).n + 1;
    const stop = k + 1 < starts.length ? starts[k + 1]!.line.n : lines.length;
    return lines.slice(firstBody, stop).filter((l) => !l.blank && !taken.has(l.n));
  });
  // A flat thread (every depth 0) may still say who answers whom in words.
  const named = depths.every((d) => d === 0) ? namedParents(starts, bodies) : [];
  const claims: Claim[] = [];
  const lastAtDepth: number[] = [];
  starts.forEach((s, k) => {
    const parent = named[k];
    const depth = parent !== undefined ? depths[parent]! + 1 : depths[k]!;
    if (parent !== undefined) depths[k] = depth;
    lastAtDepth[depth] = k;
    lastAtDepth.length = depth + 1;
    const replyTo = parent ?? (depth > 0 ? (lastAtDepth[depth - 1] ?? null) : null);
    const body = bodies[k]!;
    const key = `comment-${k}`;
    const start = body[0]?.start ?? (s.meta ?? s.line).end;
    const end = body[body.length - 1]?.end ?? start;
    const attrs: Claim['attrs'] = { author: s.author, replyTo, depth, rule: 'comments:thread' };
    if (s.displayName) attrs.displayName = s.displayName;
    if (s.time) attrs.time = s.time;
    claims.push({ kind: 'comment', start, end, lines: body.map((l) => l.n), attrs, key });
    claims.push({ kind: 'chrome', start: s.line.start, end: s.line.end, lines: [s.line.n], attrs: { role: 'comment-header', rule: 'comments:header' }, parentKey: key });
    if (s.meta) claims.push({ kind: 'chrome', start: s.meta.start, end: s.meta.end, lines: [s.meta.n], attrs: { role: 'comment-meta', rule: 'comments:meta' }, parentKey: key });
  });
  const heading = threadHeading(lines, starts[0]!.line.n, taken, rules);
  if (heading) claims.push({ kind: 'chrome', start: heading.start, end: heading.end, lines: [heading.n], attrs: { role: 'comment-heading', rule: 'comments:heading' } });
  return claims;
}

/** The "Comments (3)" line right above a thread's first comment (blank lines between allowed), if any. */
function threadHeading(lines: readonly Line[], first: number, taken: ReadonlySet<number>, rules: LayoutRules): Line | undefined {
  for (let n = first - 1; n >= 0; n--) {
    const line = lines[n]!;
    if (line.blank) continue;
    return !taken.has(n) && rules.commentHeading.test(line.text) ? line : undefined;
  }
  return undefined;
}

/**
 * For each comment whose body opens by naming an earlier commenter (`Reply to <user>:`,
 * `@<user>`), the index of that commenter's latest comment before it.
 */
function namedParents(starts: readonly Start[], bodies: ReadonlyArray<readonly Line[]>): Array<number | undefined> {
  return starts.map((_, k) => {
    const first = bodies[k]![0]?.text ?? '';
    const m = /^(?:(?:in )?reply(?:ing)? to|@)\s*([^\s:,]+)\s*[:,]/iu.exec(first);
    if (!m) return undefined;
    for (let j = k - 1; j >= 0; j--) if (starts[j]!.author.toLowerCase() === m[1]!.toLowerCase()) return j;
    return undefined;
  });
}

/** `<N>. <user> <status badge> <user>`: groups number, user, repeated user. */
function headerPattern(rules: LayoutRules): RegExp {
  return new RegExp(`^(\\d{1,4})[.)]\\s+(\\S+)\\s+(?:${rules.commentStatusBadges.join('|')})\\s+(\\S+)$`, 'iu');
}

/** `<user> [(<display>)] <D Month YYYY[,] [HH:MM]>`. */
function metaPattern(rules: LayoutRules): RegExp {
  return new RegExp(`^(\\S+)(?:\\s+\\(([^()]{1,60})\\))?\\s+(\\d{1,2})\\s+(${monthAlternation(rules)})\\.?\\s+(\\d{4})(?:,?\\s+(?:at\\s+)?(\\d{1,2})\\s?:\\s?(\\d{2}))?$`, 'iu');
}

/** `<D Month YYYY>[,] [at] [HH:MM]` alone on a line: the meta line under a bare `<N>. <user>` header. */
function dateLinePattern(rules: LayoutRules): RegExp {
  return new RegExp(`^(\\d{1,2})\\s+(${monthAlternation(rules)})\\.?\\s+(\\d{4})(?:,?\\s+(?:at\\s+)?(\\d{1,2})\\s?:\\s?(\\d{2}))?$`, 'iu');
}

function parseDateLine(re: RegExp, text: string, rules: LayoutRules): { time: string } | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const month = rules.months[m[2]!.toLowerCase()];
  if (!month) return undefined;
  const date = `${m[3]}-${pad(month)}-${pad(Number(m[1]))}`;
  return { time: m[4] ? `${date}T${pad(Number(m[4]))}:${m[5]}` : date };
}

function parseMeta(re: RegExp, text: string, rules: LayoutRules): { author: string; displayName?: string; time: string } | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const month = rules.months[m[4]!.toLowerCase()];
  if (!month) return undefined;
  const date = `${m[5]}-${pad(month)}-${pad(Number(m[3]))}`;
  const time = m[6] ? `${date}T${pad(Number(m[6]))}:${m[7]}` : date;
  return { author: m[1]!, displayName: m[2]?.trim(), time };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Depth of each comment. Indentation decides when headers sit at different indents
 * (deeper indent = reply). Otherwise numbering does: a `1.` after the first comment opens a reply
 * level; another number continues the deepest level whose last number it follows.
 */
function nestingDepths(starts: readonly Start[]): number[] {
  const indents = [...new Set(starts.map((s) => s.line.indent))].sort((a, b) => a - b);
  if (indents.length > 1) return starts.map((s) => indents.indexOf(s.line.indent));
  const lastNumber: number[] = [];
  let depth = 0;
  return starts.map((s, k) => {
    if (s.number === undefined || k === 0) {
      lastNumber[0] = s.number ?? 0;
      return (depth = 0);
    }
    if (s.number === 1) depth = depth + 1;
    else {
      let d = depth;
      while (d > 0 && lastNumber[d] !== s.number - 1) d--;
      depth = d;
    }
    lastNumber[depth] = s.number;
    lastNumber.length = depth + 1;
    return depth;
  });
}
