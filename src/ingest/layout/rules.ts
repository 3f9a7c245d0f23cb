import { readFileSync } from 'node:fs';

/** One chrome line rule as compiled from `rules.json`. */
export interface ChromeRule {
  role: string;
  pattern: RegExp;
  /** Only in the last lines of a document (licence footers). */
  tailOnly: boolean;
}

/** The compiled layout vocabulary (see `rules.json`). */
export interface LayoutRules {
  chromeLines: ChromeRule[];
  wikiPageTitles: Set<string>;
  wikiChromeRoles: Set<string>;
  commentStatusBadges: string[];
  /** A line that opens a reader-comment thread ("Comments (3)"). */
  commentHeading: RegExp;
  months: Record<string, number>;
  creditVerbs: Record<string, string>;
  photoCreditPrefixes: string[];
  lowercaseBylineVerbs: string[];
  bulletMarks: string;
  nameParticles: Set<string>;
  headingStopEnds: Set<string>;
  quoteCues: string[];
  /** Openings of an editor's lead-in to a republished or translated piece. */
  editorialIntroCues: RegExp[];
  /** Smiley alt words that comment scrapes leave as plain words. */
  emoticonWords: string[];
  /** The emoticon words that are never ordinary words, so may follow any word at a line end. */
  emoticonWordsAlone: string[];
}

interface RawRules {
  chromeLines: Array<{ role: string; pattern: string; tailOnly?: boolean }>;
  wikiPageTitles: string[];
  wikiChromeRoles: string[];
  commentStatusBadges: string[];
  commentHeading: string;
  months: Record<string, number>;
  creditVerbs: Record<string, string>;
  photoCreditPrefixes: string[];
  lowercaseBylineVerbs: string[];
  bulletMarks: string;
  nameParticles: string[];
  headingStopEnds: string[];
  quoteCues: string[];
  editorialIntroCues?: string[];
  emoticonWords?: string[];
  emoticonWordsAlone?: string[];
}

let cached: LayoutRules | undefined;

/** Loads and compiles the layout vocabulary once (`src/ingest/layout/rules.json`). */
export function loadLayoutRules(): LayoutRules {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as RawRules;
  cached = {
    chromeLines: raw.chromeLines.map((r) => ({ role: r.role, pattern: new RegExp(r.pattern, 'iu'), tailOnly: r.tailOnly ?? false })),
    wikiPageTitles: new Set(raw.wikiPageTitles),
    wikiChromeRoles: new Set(raw.wikiChromeRoles),
    commentStatusBadges: raw.commentStatusBadges,
    commentHeading: new RegExp(raw.commentHeading, 'iu'),
    months: raw.months,
    creditVerbs: raw.creditVerbs,
    photoCreditPrefixes: raw.photoCreditPrefixes,
    lowercaseBylineVerbs: raw.lowercaseBylineVerbs,
    bulletMarks: raw.bulletMarks,
    nameParticles: new Set(raw.nameParticles),
    headingStopEnds: new Set(raw.headingStopEnds),
    quoteCues: raw.quoteCues,
    editorialIntroCues: (raw.editorialIntroCues ?? []).map((p) => new RegExp(p, 'iu')),
    emoticonWords: raw.emoticonWords ?? [],
    emoticonWordsAlone: raw.emoticonWordsAlone ?? [],
  };
  return cached;
}

/** A regex alternation of the month names, longest first. */
export function monthAlternation(rules: LayoutRules): string {
  return Object.keys(rules.months)
    .sort((a, b) => b.length - a.length)
    .join('|');
}
