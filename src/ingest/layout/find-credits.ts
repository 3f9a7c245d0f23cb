import type { Claim } from './claim.ts';
import { endsWithPunctuation, wordCount, type Line } from './lines.ts';
import { loadLayoutRules, monthAlternation, type LayoutRules } from './rules.ts';

/** How many of the last content lines may hold a lone author name. */
const TAIL_LINES = 4;

/**
 * Finds author, translator and editor credit lines: sentences like "Translated by A of B. <date>"
 * (one credit section per sentence, several may share a line), and a lone personal name among
 * the last lines of the article (the author's signature). The credited name goes in `author`,
 * a stated date (ISO) in `time`, the organization in `displayName`.
 */
export function findCredits(lines: readonly Line[], taken: ReadonlySet<number>): Claim[] {
  const rules = loadLayoutRules();
  const verbs = Object.keys(rules.creditVerbs).filter((v) => v !== 'by');
  // "Posted by oldfox on …": user names may be lower case after a posting verb
  const lower = rules.lowercaseBylineVerbs.join('|');
  const opener = new RegExp(`(?:^|(?<=[.!?]\\s+))(?:(${verbs.join('|')})\\s+)?by\\s+(?=\\p{Lu}|(?<=(?:${lower})\\s+by\\s+)\\S)`, 'giu');
  const claims: Claim[] = [];
  const content = lines.filter((l) => !l.blank && !taken.has(l.n));
  for (const line of content) {
    if (line.text.length > 400) continue;
    const starts = [...line.text.matchAll(opener)].map((m) => ({ at: m.index, verb: (m[1] ?? 'by').toLowerCase() }));
    // a credit line starts with its credit; "by" alone only on a short line
    if (starts.length === 0 || starts[0]!.at !== 0) continue;
    if (starts[0]!.verb === 'by' && wordCount(line.text) > 8) continue;
    starts.forEach((s, k) => {
      const end = k + 1 < starts.length ? starts[k + 1]!.at : line.text.length;
      const chunk = line.text.slice(s.at, end).trimEnd();
      const attrs: Claim['attrs'] = { role: rules.creditVerbs[s.verb] ?? 'author', rule: 'credits:by-line', ...parseCredit(chunk, rules) };
      claims.push({ kind: 'credit', start: line.start + s.at, end: line.start + s.at + chunk.length, lines: [line.n], attrs });
    });
  }
  const creditLines = new Set(claims.flatMap((c) => c.lines));
  for (const line of content.slice(-TAIL_LINES)) {
    if (creditLines.has(line.n) || !isPersonalName(line.text, rules)) continue;
    const after = content.filter((l) => l.n > line.n);
    // a signature closes the article: only credits or footer lines may follow it
    if (after.some((l) => !creditLines.has(l.n) && wordCount(l.text) > 3 && !/\b(?:public domain|rights|powered|licen[cs]e)\b/iu.test(l.text))) continue;
    claims.push({ kind: 'credit', start: line.start, end: line.end, lines: [line.n], attrs: { role: 'author', author: line.text, rule: 'credits:signature' } });
  }
  return claims;
}

/** Person, organization and date of one credit sentence. */
function parseCredit(chunk: string, rules: LayoutRules): { author?: string; displayName?: string; time?: string } {
  const m = /\bby\s+(.+?)(?:\s+(?:of|from|for|at)\s+(.+?))?(?:\s+on\s+.*|[.,]\s+|[.,]?$)/u.exec(chunk);
  const out: { author?: string; displayName?: string; time?: string } = {};
  if (m) {
    out.author = m[1]!.replace(/[.,]$/u, '');
    if (m[2]) out.displayName = m[2].replace(/[.,]$/u, '');
  }
  const date = findEnglishDate(chunk, rules);
  if (date) out.time = date;
  return out;
}

/** The first "Month D, YYYY" or "D Month YYYY" date in a string, as ISO `YYYY-MM-DD`. */
export function findEnglishDate(s: string, rules: LayoutRules = loadLayoutRules()): string | undefined {
  const months = monthAlternation(rules);
  const a = new RegExp(`\\b(${months})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'iu').exec(s);
  const b = new RegExp(`\\b(\\d{1,2})\\s+(${months})\\.?,?\\s+(\\d{4})\\b`, 'iu').exec(s);
  const hit = a ? { month: a[1]!, day: a[2]!, year: a[3]! } : b ? { month: b[2]!, day: b[1]!, year: b[3]! } : undefined;
  if (!hit) return undefined;
  const month = rules.months[hit.month.toLowerCase()];
  return month ? `${hit.year}-${String(month).padStart(2, '0')}-${hit.day.padStart(2, '0')}` : undefined;
}

/** Two to four capitalized words (initials and name particles allowed), no digits, no final punctuation. */
function isPersonalName(text: string, rules: LayoutRules): boolean {
  if (endsWithPunctuation(text) && !/\p{Lu}\.$/u.test(text)) return false;
  const words = text.split(/\s+/u);
  if (words.length < 2 || words.length > 4) return false;
  return words.every((w) => rules.nameParticles.has(w.toLowerCase()) || /^\p{Lu}(?:\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|\.)$/u.test(w));
}
