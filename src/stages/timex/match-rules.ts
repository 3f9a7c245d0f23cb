/**
 * Runs compiled timex rules over a text and keeps the longest non-overlapping matches.
 */
import type { CompiledRule, TimexRules } from './load-rules.ts';
import { isFree } from './kb-anchor.ts';

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
      const re = rule.re;
      re.lastIndex = Math.max(0, from - sliceStart);
      for (let m = re.exec(slice); m; m = re.exec(slice)) {
        const index = m.index + sliceStart;
        if (index >= to) break;
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        // left word edge: no letter, digit or apostrophe right before ("Nowhere", "'may'")
        if (index > 0 && /[\p{L}\p{N}'’]/u.test(text[index - 1]!)) {
          re.lastIndex = m.index + 1;
          continue;
        }
        const groups: Record<string, string | undefined> = m.groups ?? {};
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
    // event phrases can start far before their trigger ("a few months after Stalin's death")
    const before = /event/i.test(key) ? 70 : 32;
    for (const [a, b] of triggerWindows(text, triggers, key === '*' ? null : new Set(key.split('|')), before)) run(list, a, b);
  }
  const whole = extra.filter((r) => !r.scan);
  if (whole.length) run(whole, 0, text.length);
  for (const rule of extra) if (rule.scan) all.push(...scanRule(text, rule, rule.scan, rules));
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

/**
 * The matches `run` would find for one rule over the whole text, trying only the stretches before
 * each place its anchor matches (see `CompiledRule.scan`): the same matches in the same order, with
 * the same skips (a match glued to a word before it is never tried, a month name in the wrong case
 * is skipped whole).
 */
function scanRule(text: string, rule: CompiledRule, scan: NonNullable<CompiledRule['scan']>, rules: TimexRules): Candidate[] {
  const windows = anchorWindows(text, scan);
  const out: Candidate[] = [];
  let w = 0;
  // the next match starting at or after `from`, like a global regex's exec with lastIndex = from
  const next = (from: number): RegExpExecArray | null => {
    for (; w < windows.length; w++) {
      const [a, b] = windows[w]!;
      if (b < from) continue;
      for (let i = Math.max(a, from); i <= b; i++) {
        // a match glued to a word before it is skipped below, so it need not be tried
        if (i > 0 && GLUED.test(text[i - 1]!)) continue;
        scan.sticky.lastIndex = i;
        const m = scan.sticky.exec(text);
        if (m) return m;
      }
    }
    return null;
  };
  let from = 0;
  for (let m = next(from); m; m = next(from)) {
    const index = m.index;
    if (m[0].length === 0) {
      from = index + 1;
      continue;
    }
    from = index + m[0].length;
    const groups: Record<string, string | undefined> = m.groups ?? {};
    if (wrongCase(groups, rules)) continue;
    let start = index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (start < end) out.push({ start, end, rule, groups });
  }
  return out;
}

/** A character a match may not follow (it would start inside a word). */
const GLUED = /[\p{L}\p{N}'’]/u;

/** Every position where the anchor of a scanned rule matches (anchors may overlap: "Cold War" and "War"). */
function anchorStarts(text: string, scan: NonNullable<CompiledRule['scan']>): number[] {
  const out: number[] = [];
  const re = scan.anchor;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m.index);
    re.lastIndex = m.index + 1;
  }
  return out;
}

/** Merged `[first, last]` start positions a match of a scanned rule can have: up to `before` fixed characters before each anchor. */
function anchorWindows(text: string, scan: NonNullable<CompiledRule['scan']>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const q of anchorStarts(text, scan)) {
    let a = q;
    let fixed = 0;
    while (a > 0) {
      const free = isFree(text[a - 1]!);
      if (!free && fixed === scan.before) break;
      if (!free) fixed++;
      a--;
    }
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], q);
    else out.push([a, q]);
  }
  return out;
}

const AFTER = 45;
const CONTEXT = 24;
const TAIL = 90;

/** A trigger word found in the text with its categories. */
interface Trigger {
  start: number;
  end: number;
  cats: readonly string[];
}

const WORD = /\p{L}+|[0-9]+/gu;

/** Trigger words of a text (a word scan and map look-ups); null when the rule file defines no triggers. */
function findTriggers(text: string, rules: TimexRules): Trigger[] | null {
  if (!rules.trigger) return null;
  const out: Trigger[] = [];
  WORD.lastIndex = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const end = m.index + w.length;
    const c0 = w.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      out.push({ start: m.index, end, cats: digitCategories(w, text.slice(end, end + 5)) });
      continue;
    }
    if (w.length < 3) continue;
    const lw = w.toLowerCase();
    // "years", "Fridays", "centuries": also try without the plural ending
    let cats = rules.triggerCats.get(lw);
    if (!cats && lw.endsWith('s')) cats = rules.triggerCats.get(lw.slice(0, -1)) ?? rules.triggerCats.get(lw.slice(0, -2)) ?? rules.triggerCats.get(`${lw.slice(0, -3)}y`);
    if (cats) out.push({ start: m.index, end, cats });
  }
  return out;
}

/** Categories of a digit run from its shape and the characters after it. */
function digitCategories(digits: string, after: string): string[] {
  const cats = ['digit'];
  if (/^(?:1[0-9]{3}|20[0-9]{2})$/.test(digits)) cats.push('year');
  if (/^['’]?s/.test(after) && /0$/.test(digits)) cats.push('decade');
  if (/^\s*(?::[0-5]|[ap]\.?m|o'clock)/i.test(after)) cats.push('clock');
  if (/^(?:st|nd|rd|th)/i.test(after)) cats.push('ord');
  if (/^\/[0-9]/.test(after)) cats.push('slash');
  return cats;
}


/** Merged spans of text around triggers of the needed categories; the whole text when no triggers or needs apply. */
function triggerWindows(text: string, triggers: Trigger[] | null, needs: Set<string> | null, before: number): Array<[number, number]> {
  if (!triggers || !needs) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  for (const t of triggers) {
    if (!t.cats.some((c) => needs.has(c))) continue;
    let a = Math.max(0, t.start - before);
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
