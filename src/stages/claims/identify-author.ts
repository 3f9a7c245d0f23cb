import { escapeRegex } from '../../core/regex.ts';
import type { Annotation, Source } from '../../core/types.ts';
import { urlHost } from './url-host.ts';

/**
 * The document's own voice as a speaker: who stands behind the sentences nobody else is quoted
 * as saying. Named `<voice> (<attribution>)`: `author (Jane Roe)` from a byline, `author (Daily
 * Post)` from a site name or URL host, `author (RT)` when interviewees repeatedly "told RT",
 * `wiki editors (<site or "article text">)` for a wiki page, `author (article text)` when
 * nothing says who wrote it.
 */
export interface AuthorVoice {
  /** Speaker entity id: `author:<slug of the attribution>`, or `author:<source id>` when unattributed. */
  id: string;
  name: string;
  /** The byline, publisher or outlet, when found. */
  attribution?: string;
  /** `author:byline` | `author:site` | `author:url-host` | `author:interview-outlet` | `author:wiki` | `author:unattributed`. */
  rule: string;
  /** How sure the attribution is, 0..1. */
  confidence: number;
}

/** What the outlet rule looks for: phrases that end in the outlet an interviewee spoke to. */
export interface OutletCues {
  /** Lower-case phrases right before the outlet name: "told", "shared with", "in an interview with". */
  outletCues: readonly string[];
}

/** A slug for ids: lower case, accents folded, runs of other characters → `-`. */
function slug(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
}

/** The host of a URL path, without `www.`, or undefined when the path is not an http(s) URL. */
function hostOf(path: string | undefined): string | undefined {
  return path && /^https?:\/\//i.test(path) ? urlHost(path) : undefined;
}

/** True when the source reads as a wiki page: MediaWiki input, an edit-summary line, or `<ref>` references. */
function isWiki(source: Source): boolean {
  if (source.meta.format === 'mediawiki') return true;
  return source.sections.some((s) => s.role === 'edit-summary' || (s.kind === 'reference' && /^\s*<ref[\s>]/i.test(source.text.slice(s.start, s.end))));
}


/**
 * The outlet interviewees spoke to ("…,” the historian told RT" twice → RT), with its count, when
 * one capitalized name follows the outlet cues at least twice in the body and is not a person
 * mention. Comments, credits and chrome are not read.
 */
export function findInterviewOutlet(source: Source, mentions: readonly Annotation[], cues: OutletCues): { name: string; count: number } | undefined {
  if (cues.outletCues.length === 0) return undefined;
  const skip = source.sections.filter((s) => ['comment', 'chrome', 'credit', 'reference', 'caption'].includes(s.kind));
  // either case for the first letter ("Speaking to RT, …"); the rest as written, so names stay capitalized
  const phrases = [...cues.outletCues]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(/\s+/).map(escapeRegex).join('\\s+'))
    .map((p) => `[${p[0]!.toLowerCase()}${p[0]!.toUpperCase()}]${p.slice(1)}`);
  // "told RT", "shared with the Gazette", "told Radio Liberty": up to four capitalized words on one line
  const WORD = `\\p{Lu}[\\p{L}\\p{N}&'’-]*(?:\\.[\\p{L}\\p{N}]+)*`;
  const re = new RegExp(`\\b(?:${phrases.join('|')})[ \\t]+(?:the[ \\t]+)?(${WORD}(?:[ \\t]+${WORD}){0,3})`, 'gu');
  const counts = new Map<string, { name: string; count: number }>();
  let total = 0;
  for (const m of source.text.matchAll(re)) {
    const name = m[1]!.replace(/[.’']+$/, '');
    const start = m.index + m[0].length - m[1]!.length;
    if (skip.some((s) => s.start <= start && start < s.end)) continue;
    // "told Khrushchev": a person is an addressee, not an outlet
    if (mentions.some((x) => x.label === 'PER' && x.start < start + name.length && start < x.end)) continue;
    total++;
    const key = name.toLowerCase();
    const c = counts.get(key) ?? { name, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))[0];
  // the outlet must recur and account for most outlet cues of the text
  return best && best.count >= 2 && best.count * 2 > total ? best : undefined;
}

/**
 * Identifies the author voice of a source, first rule that applies: a byline (`meta.author`, or an
 * author credit section), the site name, the URL host, the outlet interviewees repeatedly spoke to,
 * a wiki page's collective editors; else the unattributed article text. Reads only its arguments.
 */
export function identifyAuthor(source: Source, mentions: readonly Annotation[], cues: OutletCues): AuthorVoice {
  const site = typeof source.meta.site === 'string' && source.meta.site.trim() ? source.meta.site.trim() : undefined;
  const host = hostOf(source.meta.path);
  const credit = source.sections.find((s) => s.kind === 'credit' && s.role === 'author' && s.author)?.author;
  const byline = (typeof source.meta.author === 'string' && source.meta.author.trim()) || credit;
  const voice = (attribution: string, rule: string, confidence: number, who = 'author', idBase = attribution): AuthorVoice => ({
    id: `author:${slug(idBase) || source.id}`,
    name: `${who} (${attribution})`,
    attribution,
    rule,
    confidence,
  });
  if (byline) return voice(site && !byline.includes(site) ? `${byline}, ${site}` : byline, 'author:byline', 0.95);
  const wiki = isWiki(source);
  if (wiki) {
    const where = site ?? host;
    return where ? voice(where, 'author:wiki', 0.8, 'wiki editors', `wiki-${where}`) : { id: `author:wiki-${source.id}`, name: 'wiki editors (article text)', rule: 'author:wiki', confidence: 0.7 };
  }
  if (site) return voice(site, 'author:site', 0.85);
  if (host) return voice(host, 'author:url-host', 0.75);
  const outlet = findInterviewOutlet(source, mentions, cues);
  if (outlet) return voice(outlet.name, 'author:interview-outlet', Math.min(0.9, 0.5 + 0.1 * outlet.count));
  return { id: `author:${source.id}`, name: 'author (article text)', rule: 'author:unattributed', confidence: 0.3 };
}
