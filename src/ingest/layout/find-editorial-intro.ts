import type { Claim } from './claim.ts';
import { wordCount } from './lines.ts';
import { loadLayoutRules } from './rules.ts';

/** Kinds that may stand between a title and the editor's lead-in (bylines, photo lines, chrome). */
const BEFORE_INTRO = new Set(['title', 'credit', 'chrome', 'caption']);
/** A lead-in is a short note, not the piece itself. */
const MAX_INTRO_WORDS = 90;

/**
 * Marks an editor's lead-in ("The following is a translation of …", "Below we publish …") as
 * `role: 'editorial-intro'` on its body claim: the first body paragraph after the title, with only
 * credits, captions or chrome between, short, and opening with a cue from `rules.json`
 * (`editorialIntroCues`). Returns the claims with that one changed; the rest are untouched.
 */
export function markEditorialIntro(claims: readonly Claim[], text: string): Claim[] {
  const cues = loadLayoutRules().editorialIntroCues;
  const order = [...claims].sort((a, b) => a.start - b.start);
  let sawTitle = false;
  let target: Claim | undefined;
  for (const c of order) {
    if (c.kind === 'title') sawTitle = true;
    if (BEFORE_INTRO.has(c.kind)) continue;
    if (sawTitle && c.kind === 'body' && !c.attrs.role) target = c;
    break;
  }
  if (!target) return [...claims];
  const para = text.slice(target.start, target.end);
  if (wordCount(para) > MAX_INTRO_WORDS || !cues.some((re) => re.test(para))) return [...claims];
  const intro = target;
  return claims.map((c) => (c === intro ? { ...c, attrs: { ...c.attrs, role: 'editorial-intro', rule: 'intro:editorial-cue' } } : c));
}
