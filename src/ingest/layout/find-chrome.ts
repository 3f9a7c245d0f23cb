import type { Claim } from './claim.ts';
import type { Line } from './lines.ts';
import { loadLayoutRules } from './rules.ts';

/** How many trailing non-blank lines count as a page's footer. */
const TAIL_LINES = 4;

/**
 * Finds site chrome among whole lines: ad slots, "Powered by …", navigation words, MediaWiki
 * page chrome (diff-page title, "Jump to", edit summary, "Navigation menu"), cookie banners and
 * licence footers (only near the end). Chrome is marked, never deleted.
 */
export function findChrome(lines: readonly Line[]): Claim[] {
  const rules = loadLayoutRules();
  const content = lines.filter((l) => !l.blank);
  const tail = new Set(content.slice(-TAIL_LINES).map((l) => l.n));
  const claims: Claim[] = [];
  for (const line of content) {
    if (line.text.length > 600) continue;
    const rule = rules.chromeLines.find((r) => (!r.tailOnly || tail.has(line.n)) && r.pattern.test(line.text));
    if (rule) claims.push(chrome(line, rule.role));
  }
  // the diff page's own title ("Changes") is chrome only on a page that shows wiki chrome
  const wikiPage = claims.some((c) => rules.wikiChromeRoles.has(c.attrs.role ?? ''));
  const first = content[0];
  if (wikiPage && first && rules.wikiPageTitles.has(first.text.toLowerCase()) && !claims.some((c) => c.lines.includes(first.n))) {
    claims.push(chrome(first, 'page-title'));
  }
  return claims;
}

function chrome(line: Line, role: string): Claim {
  return { kind: 'chrome', start: line.start, end: line.end, lines: [line.n], attrs: { role, rule: `chrome:${role}` } };
}
