import type { Claim } from './claim.ts';
import { isTitleLike } from './find-headings.ts';
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
    // chrome lines are short; only a footer (licence text) may run long
    const inTail = tail.has(line.n);
    if (line.text.length > (inTail ? 600 : 200)) continue;
    const rule = rules.chromeLines.find((r) => (!r.tailOnly || inTail) && r.pattern.test(line.text));
    if (rule) claims.push(chrome(line, rule.role));
  }
  // the diff page's own title ("Changes") is chrome only near the top of a page that shows wiki chrome
  const wikiPage = claims.some((c) => rules.wikiChromeRoles.has(c.attrs.role ?? ''));
  for (const line of wikiPage ? content.slice(0, 6) : []) {
    if (rules.wikiPageTitles.has(line.text.toLowerCase()) && !claims.some((c) => c.lines.includes(line.n))) claims.push(chrome(line, 'page-title'));
  }
  // a site name above the navigation bar ("MY HISTORY BLOG" then "Home | About") is the masthead
  const top = content[0];
  const below = top ? lines[top.n + 1] : undefined;
  if (top && below && !below.blank && claims.some((c) => c.lines.includes(below.n) && c.attrs.role === 'navigation') && !claims.some((c) => c.lines.includes(top.n)) && isTitleLike(top.text, 60, 6)) {
    claims.push(chrome(top, 'site-name'));
  }
  return claims.sort((a, b) => a.start - b.start);
}

function chrome(line: Line, role: string): Claim {
  return { kind: 'chrome', start: line.start, end: line.end, lines: [line.n], attrs: { role, rule: `chrome:${role}` } };
}
