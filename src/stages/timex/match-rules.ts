/**
 * Runs compiled timex rules over a text and keeps the longest non-overlapping matches.
 */
import type { CompiledRule, TimexRules } from './load-rules.ts';

/** A raw rule match before normalization. */
export interface Candidate {
  start: number;
  end: number;
  rule: CompiledRule;
  groups: Record<string, string | undefined>;
}

/** Groups whose words are only temporal when capitalized ("may" the verb, "March" the month). */
const CASED_GROUPS = ['month', 'month2', 'weekday'];

/** True when a match uses a case-sensitive word in the wrong case ("may", "sat"). */
function wrongCase(groups: Record<string, string | undefined>, rules: TimexRules): boolean {
  for (const g of CASED_GROUPS) {
    const w = groups[g];
    if (!w) continue;
    const canon = rules.caseSensitive.get(w.toLowerCase().replace(/\.$/, ''));
    if (canon && w.replace(/\.$/, '') !== canon && w.replace(/\.$/, '') !== canon.toUpperCase()) return true;
  }
  return false;
}

/**
 * Every accepted match of every rule, then a greedy choice: longer spans first, then rule order.
 * `extra` rules (built from the knowledge base) compete on equal terms. Sentence spans, when given,
 * reject matches that cross a sentence end.
 */
export function matchRules(
  text: string,
  rules: TimexRules,
  extra: readonly CompiledRule[] = [],
  sentences?: ReadonlyArray<{ start: number; end: number }>,
): Candidate[] {
  const all: Candidate[] = [];
  const triggers = findTriggers(text, rules);
  const run = (ruleList: readonly CompiledRule[], from: number, to: number): void => {
    // search a slice with some context before it (for look-behinds) and room after the last trigger
    const sliceStart = Math.max(0, from - CONTEXT);
    const slice = sliceStart === 0 && to >= text.length ? text : text.slice(sliceStart, Math.min(text.length, to + TAIL));
    for (const rule of ruleList) {
      rule.re.lastIndex = 0;
      for (const m of slice.matchAll(rule.re)) {
        const index = m.index + sliceStart;
        if (index < from) continue;
        if (index >= to) break;
        if (m[0].length === 0) continue;
        const groups = { ...(m.groups ?? {}) };
        if (wrongCase(groups, rules)) continue;
        let start = index;
        let end = start + m[0].length;
        // trim whitespace a pattern's optional parts may leave at the edges
        while (start < end && /\s/.test(text[start]!)) start++;
        while (end > start && /\s/.test(text[end - 1]!)) end--;
        if (start < end) all.push({ start, end, rule, groups });
      }
    }
  };
  const groups = new Map<string, CompiledRule[]>();
  for (const r of rules.rules) {
    const key = r.needs?.join('|') ?? '*';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, list] of groups) {
    for (const [a, b] of triggerWindows(text, triggers, key === '*' ? null : new Set(key.split('|')))) run(list, a, b);
  }
  if (extra.length) run(extra, 0, text.length);
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || b.rule.priority - a.rule.priority || a.start - b.start);
  const taken: Candidate[] = [];
  const used = new Uint8Array(text.length + 1);
  for (const c of all) {
    let free = true;
    for (let i = c.start; i < c.end; i++) if (used[i]) { free = false; break; }
    if (!free) continue;
    if (sentences && crossesSentence(c, sentences)) continue;
    for (let i = c.start; i < c.end; i++) used[i] = 1;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

const BEFORE = 70;
const AFTER = 45;
const CONTEXT = 24;
const TAIL = 90;

/** A trigger word found in the text with its categories. */
interface Trigger {
  start: number;
  end: number;
  cats: readonly string[];
}

/** Trigger words of a text; null when the rule file defines no triggers. */
function findTriggers(text: string, rules: TimexRules): Trigger[] | null {
  if (!rules.trigger) return null;
  const out: Trigger[] = [];
  rules.trigger.lastIndex = 0;
  for (const m of text.matchAll(rules.trigger)) {
    const w = m[0].toLowerCase();
    const cats = /^[0-9]/.test(w) ? DIGIT : (rules.triggerCats.get(w) ?? EXTRA);
    out.push({ start: m.index, end: m.index + m[0].length, cats });
  }
  return out;
}

const DIGIT = ['digit'];
const EXTRA = ['extra'];

/** Merged spans of text around triggers of the needed categories; the whole text when no triggers or needs apply. */
function triggerWindows(text: string, triggers: Trigger[] | null, needs: Set<string> | null): Array<[number, number]> {
  if (!triggers || !needs) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  for (const t of triggers) {
    if (!t.cats.some((c) => needs.has(c))) continue;
    let a = Math.max(0, t.start - BEFORE);
    const b = Math.min(text.length, t.end + AFTER);
    // start at a word edge so the first word is whole
    while (a > 0 && /[\p{L}\p{N}]/u.test(text[a - 1]!)) a--;
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** True when a span starts in one sentence and ends in another. */
function crossesSentence(c: { start: number; end: number }, sentences: ReadonlyArray<{ start: number; end: number }>): boolean {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (s.end <= c.start) lo = mid + 1;
    else if (s.start > c.start) hi = mid - 1;
    else return c.end > s.end;
  }
  return false;
}
