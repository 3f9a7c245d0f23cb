import type { Claim } from './claim.ts';
import { wordCount, type Line } from './lines.ts';
import { loadLayoutRules } from './rules.ts';

/** Longest line that still reads as a photo credit ("Photo agency", "site.com"). */
const MAX_CREDIT_WORDS = 4;

/**
 * Finds photo captions in scraped text: a lone bullet line (`• text`) is a caption; a short
 * bullet line right after it (blank lines aside) is its photo credit, marked `credit` with role
 * `photo-credit` and the caption as parent. Runs of three or more bullets are lists, not captions.
 * Lines like "Photo: Agency" are photo credits too.
 */
export function findCaptions(lines: readonly Line[], taken: ReadonlySet<number>): Claim[] {
  const rules = loadLayoutRules();
  const bullet = new RegExp(`^[${rules.bulletMarks}]\\s*(\\S.*)$`, 'u');
  const prefix = new RegExp(`^(?:${rules.photoCreditPrefixes.join('|')})\\s*:\\s*\\S`, 'iu');
  // "… Photo credit: X" / "… Credit: X" at the end of a caption line
  const trailingCredit = new RegExp(`(?<=[.!?)]\\s+)(?:(?:${rules.photoCreditPrefixes.join('|')})\\s+)?credit\\s*:\\s*\\S.*$`, 'iu');
  const content = lines.filter((l) => !l.blank && !taken.has(l.n));
  const isBullet = content.map((l) => bullet.test(l.text));
  const claims: Claim[] = [];
  let i = 0;
  while (i < content.length) {
    if (!isBullet[i]) {
      const l = content[i]!;
      if (prefix.test(l.text) && l.text.length <= 400) claims.push(...prefixedCaption(l, trailingCredit));
      i++;
      continue;
    }
    let j = i;
    while (j < content.length && isBullet[j]) j++;
    const run = content.slice(i, j);
    if (run.length <= 2) {
      const cap = run[0]!;
      const key = `caption-${cap.n}`;
      const capStart = cap.start + (bullet.exec(cap.text)!.index + cap.text.length - bullet.exec(cap.text)![1]!.length);
      claims.push({ kind: 'caption', start: capStart, end: cap.end, lines: [cap.n], attrs: { rule: 'captions:bullet' }, key });
      const cred = run[1];
      if (cred) {
        const body = bullet.exec(cred.text)![1]!;
        const credStart = cred.end - body.length;
        const kind = wordCount(body) <= MAX_CREDIT_WORDS ? 'credit' : 'caption';
        claims.push({ kind, start: credStart, end: cred.end, lines: [cred.n], attrs: kind === 'credit' ? { role: 'photo-credit', rule: 'captions:bullet-credit' } : { rule: 'captions:bullet' }, parentKey: kind === 'credit' ? key : undefined });
      }
    }
    i = j;
  }
  return claims;
}

/**
 * A "Photo: …" line: short, it is a photo credit ("Photo: Agency"); longer, it is a caption,
 * with a trailing "Photo credit: …" marked as its credit.
 */
function prefixedCaption(l: Line, trailingCredit: RegExp): Claim[] {
  const after = l.text.replace(/^[^:]*:\s*/u, '');
  if (wordCount(after) <= MAX_CREDIT_WORDS) {
    return [{ kind: 'credit', start: l.start, end: l.end, lines: [l.n], attrs: { role: 'photo-credit', rule: 'captions:photo-prefix' } }];
  }
  const key = `caption-${l.n}`;
  const credit = trailingCredit.exec(l.text);
  const capEnd = credit ? l.start + l.text.slice(0, credit.index).trimEnd().length : l.end;
  const out: Claim[] = [{ kind: 'caption', start: l.start, end: capEnd, lines: [l.n], attrs: { rule: 'captions:photo-prefix' }, key }];
  if (credit) out.push({ kind: 'credit', start: l.start + credit.index, end: l.end, lines: [], attrs: { role: 'photo-credit', rule: 'captions:trailing-credit' }, parentKey: key });
  return out;
}
