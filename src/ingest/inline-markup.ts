import type { TextBuilder } from './text-builder.ts';

/** One inline rule: a pattern and what to keep of a match (group index), plus an optional link target group. */
export interface InlineRule {
  pattern: RegExp;
  /** Group whose text is kept; 0 keeps nothing. */
  keep: number;
  /** Group holding a URL: the kept text becomes a `reference` section. */
  url?: number;
}

/**
 * Appends a line of lightweight markup (Markdown, wikitext) to the builder: matches of the rules
 * are replaced by the group they keep, the rest is copied; raw offsets are recorded for the map.
 * Links become `reference` sections (with the given parent id, filled in by the caller later).
 * Returns the reference spans added.
 */
export function appendInline(b: TextBuilder, line: string, rawOffset: number, rules: readonly InlineRule[]): Array<{ start: number; end: number; url: string }> {
  const refs: Array<{ start: number; end: number; url: string }> = [];
  const { combined, bases } = compile(rules);
  let pos = 0;
  for (const m of line.matchAll(combined)) {
    b.append(line.slice(pos, m.index), rawOffset + pos);
    const k = bases.findIndex((base) => m[base] !== undefined);
    const rule = rules[k]!;
    const base = bases[k]!;
    if (rule.keep > 0) {
      const kept = m[base + rule.keep] ?? '';
      const at = m.index + m[0].indexOf(kept);
      const s = b.length;
      b.append(kept, rawOffset + at);
      const url = rule.url ? m[base + rule.url] : undefined;
      if (url && b.length > s) refs.push({ start: s, end: b.length, url });
    }
    pos = m.index + m[0].length;
  }
  b.append(line.slice(pos), rawOffset + pos);
  return refs;
}

const compiled = new WeakMap<readonly InlineRule[], { combined: RegExp; bases: number[] }>();

/** One alternation of all rules (compiled once per rule list) and the first group index of each rule. */
function compile(rules: readonly InlineRule[]): { combined: RegExp; bases: number[] } {
  let c = compiled.get(rules);
  if (!c) {
    const bases: number[] = [];
    let g = 1;
    for (const r of rules) {
      bases.push(g);
      // number of capture groups in the rule, plus the group wrapping it
      g += new RegExp(`${r.pattern.source}|`).exec('')!.length;
    }
    c = { combined: new RegExp(rules.map((r) => `(${r.pattern.source})`).join('|'), 'gu'), bases };
    compiled.set(rules, c);
  }
  return c;
}
