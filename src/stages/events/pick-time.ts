import type { Annotation, Json, Section } from '../../core/types.ts';
import { dateOwner } from './date-owner.ts';
import { isParticiple, reducedRelativeOf } from './find-reduced-relative.ts';
import type { SentenceView } from './read-layers.ts';
import { splitClauses } from './split-clauses.ts';
import { checkEdtf } from '../timex/check-edtf.ts';

/**
 * True when a timex can date an event: it has an EDTF value that is not a bare duration. A
 * duration anchored in the narrative ("over the next 25 years" → `1961/1986`) is an interval and dates.
 */
export function isDating(x: Annotation): boolean {
  const edtf = x.attrs.edtf;
  if (typeof edtf !== 'string' || edtf === '' || edtf.startsWith('P') || x.label === 'SET') return false;
  return x.label !== 'DURATION' || edtf.includes('/');
}

/**
 * The `time` attribute of an event built from a timex. A signal opens the interval of a point
 * date the way TimeML reads it: "since 1944" → `1944/..`, "by 1979" → `../1979` (not for
 * inherited times: a later sentence is not "since" the date).
 */
export function timeFromTimex(x: Annotation, inherited: boolean): Record<string, Json | undefined> {
  let edtf = x.attrs.edtf as string;
  const interval = x.attrs.interval && typeof x.attrs.interval === 'object' && !Array.isArray(x.attrs.interval) ? { ...(x.attrs.interval as Record<string, Json>) } : undefined;
  const signal = x.attrs.signal as { text?: string; relation?: string } | undefined;
  if (!inherited && signal && !edtf.includes('/')) {
    if (signal.relation === 'after') {
      edtf = `${edtf}/..`;
      if (interval) interval.latest = null;
    } else if (signal.relation === 'before' && /^by$/i.test(String(signal.text))) {
      edtf = `../${edtf}`;
      if (interval) interval.earliest = null;
    }
  }
  const t: Record<string, Json | undefined> = { edtf, timex: x.id, inherited };
  if (typeof x.attrs.value === 'string') t.value = x.attrs.value;
  if (interval) t.interval = interval;
  return t;
}

/** Participles after which "by" names the agent, besides any `-ed` form: "led by", "overthrown by". */
const IRREGULAR_PARTICIPLES = new Set(['led', 'made', 'given', 'taken', 'driven', 'overthrown', 'brought', 'caught', 'held', 'sent', 'set', 'shaken', 'shown', 'struck', 'written', 'won', 'begun', 'broken', 'chosen', 'done', 'seen', 'thrown', 'torn']);

/**
 * True when a timex opened by "by" follows a past participle ("a cold war triggered by the split
 * in 1960"): that "by" names the cause or agent, not a deadline, so the expression dates nothing here.
 */
export function isAgentiveBy(s: SentenceView, x: Annotation): boolean {
  const i = s.tokens.findIndex((t) => t.start >= x.start);
  if (i < 1 || s.tokens[i]!.norm !== 'by') return false;
  const prev = s.tokens[i - 1]!.norm;
  return (/^\p{L}{3,}ed$/u.test(prev) && prev !== 'need') || IRREGULAR_PARTICIPLES.has(prev);
}

/** Words of a bare sequence connective: "meanwhile", "then", "and then", "soon", "later". */
const CONNECTIVE_WORDS = new Set(['and', 'then', 'meanwhile', 'soon', 'later', 'afterwards', 'afterward', 'subsequently', 'thereafter', 'eventually']);

/**
 * True when a timex is a bare sequence connective read off the narrative's reference time
 * ("Meanwhile", "and then", "Soon"): it places the event against the story, while a date stated in
 * the same clause says when. A measured or named relative time ("two years later", "during the
 * following years") is no bare connective.
 */
export function isConnectiveTime(s: SentenceView, x: Annotation): boolean {
  const anchor = x.attrs.anchor as { kind?: string } | undefined;
  if (anchor?.kind !== 'narrative') return false;
  const words = s.tokens.filter((t) => t.start >= x.start && t.end <= x.end);
  return words.length > 0 && words.every((t) => CONNECTIVE_WORDS.has(t.norm));
}

/** Tokens that end the clause a clause-scoped timex opens. */
const CLAUSE_END = new Set([',', ';', ':', '—', '–', '(', ')']);

/**
 * Picks the timex dating a trigger inside its sentence: a clause-scoped timex (`scope: 'clause'`,
 * "less than three years after X came to power") dates the triggers of the clause it opens and no
 * others; else the nearest one in the trigger's own clause, a date rather than a bare sequence connective
 * ("Meanwhile, … in May 1931 voted": May 1931)
 * (ties go to the one before it); else, the nearest before the trigger in a main clause (dates
 * carry forward, never backward across clauses, and a relative clause keeps its date: "X, who died
 * in 1953, wrote …"). A timex that contains the trigger is its anchor, not its date ("after the
 * war": the war is not dated by itself), and a date hung on another noun by "of"/"from" is that
 * noun's ("approved the thesis of 1948": not the approval's date), and so is a later date in a reduced
 * relative clause ("denounced the crimes committed in 1937": find-reduced-relative.ts). A verb trigger
 * (`verb`) that is an -ing participle after a noun ("the woman accusing X … told her doctor in 2017")
 * takes no date that stands past a later verb. Returns undefined if none: the narrative time applies.
 */
export function pickSentenceTime(s: SentenceView, trigger: { start: number; end: number }, verb = false): Annotation | undefined {
  // "the thesis of 1948": a date hung on another noun dates that noun, not this trigger
  const ownedElsewhere = (x: Annotation) => {
    const owner = dateOwner(s, x);
    return owner !== undefined && (owner.end <= trigger.start || owner.start >= trigger.end);
  };
  // "less than three years after X came to power": the interval dates the clause it opens, only
  const clauseScoped = s.timexes.filter((x) => x.attrs.scope === 'clause' && isDating(x));
  const opened = clauseScoped.find((x) => x.end <= trigger.start && !s.tokens.some((t) => t.start >= x.end && t.end <= trigger.start && CLAUSE_END.has(t.norm)));
  if (opened) return opened;
  // "denounced … the crimes committed during the purges": a later date in a reduced relative is the participle's
  const laterReduced = (x: Annotation) => {
    const p = x.start >= trigger.end ? reducedRelativeOf(s, x) : undefined;
    return p !== undefined && p.start >= trigger.end;
  };
  // "the woman accusing X … told her doctor in 2017": a participle after a noun does not take a date past a later verb
  const modifier = verb && isPostNominalParticiple(s, trigger);
  const pastLaterVerb = (x: Annotation) => modifier && x.start >= trigger.end && hasVerbBetween(s, trigger.end, x.start);
  const dating = s.timexes.filter((x) => isDating(x) && x.attrs.scope !== 'clause' && !(x.start <= trigger.start && trigger.end <= x.end) && !ownedElsewhere(x) && !isAgentiveBy(s, x) && !laterReduced(x) && !pastLaterVerb(x));
  if (dating.length === 0) return undefined;
  const { ids, subordinate } = splitClauses(s.tokens, s.timexes);
  const clauseOf = (pos: number) => {
    const i = s.tokens.findIndex((t) => t.end > pos);
    return ids[i < 0 ? ids.length - 1 : i] ?? 0;
  };
  const tc = clauseOf(trigger.start);
  const dist = (x: Annotation) => (x.end <= trigger.start ? trigger.start - x.end : x.start >= trigger.end ? x.start - trigger.end + 0.5 : 0);
  const nearest = (pool: Annotation[]) => [...pool].sort((a, b) => dist(a) - dist(b))[0];
  const same = dating.filter((x) => clauseOf(x.start) === tc);
  // "Meanwhile, the council in May 1931 voted …": a date beats a bare connective read off the narrative
  const stated = same.filter((x) => !isConnectiveTime(s, x));
  if (stated.length) return nearest(stated);
  if (same.length) return nearest(same);
  return nearest(dating.filter((x) => x.end <= trigger.start && !subordinate.has(clauseOf(x.start))));
}

/** Words before an -ing form that make it a verb of its own clause or a gerund, not a participle modifying a noun. */
const NOT_A_NOUN_BEFORE = new Set([
  'is', 'was', 'were', 'are', 'am', 'be', 'been', 'being', 'by', 'of', 'for', 'in', 'on', 'at', 'to', 'from', 'with', 'after', 'before', 'while', 'when',
  'without', 'about', 'since', 'upon', 'the', 'a', 'an', 'and', 'or', 'but', 'not', 'also', 'still', 'kept', 'keeps', 'began', 'begins', 'started', 'starts',
  'continued', 'continues', 'stopped', 'stops', 'avoided', 'avoids', 'denied', 'denies', 'admitted', 'admits',
]);

/**
 * True when the trigger is an -ing participle right after a noun ("the ex-girlfriend accusing X"): it
 * describes the noun, and the clause's verb comes later.
 */
export function isPostNominalParticiple(s: SentenceView, trigger: { start: number; end: number }): boolean {
  const i = s.tokens.findIndex((t) => t.start === trigger.start);
  if (i < 1 || !/^\p{L}{3,}ing$/u.test(s.tokens[i]!.norm)) return false;
  const prev = s.tokens[i - 1]!.norm;
  return /^\p{L}[\p{L}'’-]*$/u.test(prev) && !NOT_A_NOUN_BEFORE.has(prev) && !prev.endsWith('ly');
}

/** True when a past-tense or participle form ("told", "announced") stands between two positions of a sentence. */
function hasVerbBetween(s: SentenceView, from: number, to: number): boolean {
  return s.tokens.some((t) => t.start >= from && t.end <= to && isParticiple(t.norm));
}

/** True when two sections belong to the same narrative (the article, or one comment). */
function sameNarrative(a: Section | undefined, b: Section | undefined): boolean {
  const isComment = (s: Section | undefined) => s?.kind === 'comment';
  if (isComment(a) || isComment(b)) return a?.id === b?.id;
  return true;
}

/** Section kinds that open a new stretch of narrative: the reference time does not carry over them. */
const OPENS_NARRATIVE = new Set(['heading', 'title']);

/**
 * The narrative reference time before a sentence: the last DATE timex that ends before it, within
 * the same narrative (the article body, or the same comment) and the same part of it: a heading
 * opens a new part, so the search stops at the nearest heading before the sentence (a date in
 * that heading still counts: "1956–1964: the thaw"). Undefined when the part has none yet.
 */
export function pickNarrativeTime(sentences: readonly SentenceView[], index: number): Annotation | undefined {
  const here = sentences[index]!;
  if (here.section && OPENS_NARRATIVE.has(here.section.kind)) return undefined;
  for (let i = index - 1; i >= 0; i--) {
    const s = sentences[i]!;
    if (!sameNarrative(s.section, here.section)) continue;
    const dating = s.timexes.filter((x) => x.label === 'DATE' && isDating(x));
    if (dating.length) return dating[dating.length - 1];
    if (s.section && OPENS_NARRATIVE.has(s.section.kind)) return undefined;
  }
  return undefined;
}

/**
 * How far a sentence is from the one holding its narrative time: `sentence` when they are the same
 * or adjacent sentences of one paragraph, `paragraph` further within the paragraph, `text` across
 * paragraphs. The further, the less the inherited date is worth (see inheritedConfidence).
 */
export function narrativeDistance(sentences: readonly SentenceView[], index: number, from: Annotation): 'sentence' | 'paragraph' | 'text' {
  const here = sentences[index]!;
  const source = sentences.findIndex((s) => s.start <= from.start && from.end <= s.end);
  const there = sentences[source];
  // paragraphs are numbered within a section, and a body section is often one paragraph
  if (!there || there.paragraph !== here.paragraph || there.section?.id !== here.section?.id) return 'text';
  return index - source <= 1 ? 'sentence' : 'paragraph';
}

/** Confidence of an inherited date by its distance: the next sentence 0.6, same paragraph 0.5, across paragraphs 0.3. */
export function inheritedConfidence(distance: 'sentence' | 'paragraph' | 'text'): number {
  return distance === 'sentence' ? 0.6 : distance === 'paragraph' ? 0.5 : 0.3;
}

/** Prepositions that hang a date on the noun before it: "repressions in the USSR in the 1930s". */
const POST_PREPS = new Set(['in', 'of', 'during', 'from', 'since', 'until', 'between', 'throughout']);
/** Tokens a noun phrase's post-modifiers may hold before their date (besides words). */
const NP_GLUE = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'and', '-', 'its', 'his', 'her', 'their']);
/** Longest post-modifier stretch, in tokens, between a noun trigger and its date. */
const MAX_POST = 8;

/**
 * A date that post-modifies a noun trigger ("the mass repressions in the USSR in the 1930-1950s"):
 * the first dating timex after the noun, reached through prepositional phrases only (no comma, no
 * verb-like `-ed`/`was` token), itself opened by a preposition. Such a date is the noun's own even
 * when another date sits closer before it ("materials collected in 1955 on the repressions …").
 */
export function pickPostModifierTime(s: SentenceView, trigger: { start: number; end: number }): Annotation | undefined {
  const after = s.tokens.filter((t) => t.start >= trigger.end);
  for (const x of s.timexes) {
    if (!isDating(x) || x.start < trigger.end) continue;
    const between = after.filter((t) => t.end <= x.start);
    if (between.length === 0 || between.length > MAX_POST) continue;
    const last = between[between.length - 1]!;
    if (!POST_PREPS.has(last.norm)) continue;
    if (between.some((t) => !(NP_GLUE.has(t.norm) || /^\p{L}+$/u.test(t.norm)) || /ed$/.test(t.norm) || ['was', 'were', 'is', 'are', 'had', 'has', 'which', 'that', 'who'].includes(t.norm))) continue;
    return x;
  }
  return undefined;
}

/** Auxiliaries and adverbs between "had" and a past participle: "had already been removed". */
const PERFECT_FILL = new Set(['already', 'long', 'just', 'been', 'previously', 'earlier', 'not', 'never', 'also']);

/**
 * True when the trigger is in the past perfect ("had (already) (been) removed"): the event came
 * before the reference time, so a date read for it is an upper bound.
 */
export function isPastPerfect(s: SentenceView, trigger: { start: number; end: number }): boolean {
  const i = s.tokens.findIndex((t) => t.start >= trigger.start);
  for (let k = i - 1; k >= 0 && i - k <= 4; k--) {
    const n = s.tokens[k]!.norm;
    if (n === 'had') return true;
    if (!PERFECT_FILL.has(n)) return false;
  }
  return false;
}

/** The latest end of an EDTF date or interval ("1964~/1966~" → "1966~"), or undefined for an open end. */
function endOf(edtf: string): string | undefined {
  const parts = edtf.split('/');
  const last = parts[parts.length - 1]!;
  return last === '..' || last === '' ? undefined : last;
}

/**
 * Turns an event time into "by then" for a past-perfect trigger: `1964~/1966~` → `../1966~`,
 * `1950` → `../1950`, keeping the interval's latest bound and dropping its earliest. Marks `relation: 'before'`.
 */
export function beforeTime(t: Record<string, Json | undefined>): Record<string, Json | undefined> {
  const edtf = typeof t.edtf === 'string' ? t.edtf : '';
  const end = endOf(edtf);
  if (!end || edtf.startsWith('../')) return t;
  const interval = t.interval && typeof t.interval === 'object' && !Array.isArray(t.interval) ? { ...(t.interval as Record<string, Json>), earliest: null } : undefined;
  return { ...t, edtf: `../${end}`, relation: 'before', ...(interval ? { interval } : {}) };
}

const DAY = /^(-?\d{4})-(\d{2})-\d{2}([~?%]?)$/;

/** Last day of a month (month 1-12), as two digits. */
function lastDay(year: number, month: number): string {
  return String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
}

/**
 * An inherited time at most month-precise: a later sentence happened in the month of the
 * narrative's last day date, not on that day ("On 14 May the congress opened. … It was decided …"
 * → the decision is dated to May). `1956-02-14` → `1956-02`, `1953-03-05/..` → `1953-03/..`; the
 * interval widens to whole months; `coarsenedFrom` keeps the day date.
 */
export function coarsenInherited(t: Record<string, Json | undefined>): Record<string, Json | undefined> {
  const edtf = typeof t.edtf === 'string' ? t.edtf : '';
  if (!edtf.split('/').some((p) => DAY.test(p))) return t;
  const coarse = edtf
    .split('/')
    .map((p) => p.replace(DAY, '$1-$2$3').replace(/^(-?\d{4}-\d{2})-\d{2}$/, '$1'))
    .join('/');
  const out: Record<string, Json | undefined> = { ...t, edtf: coarse, coarsenedFrom: edtf };
  const iv = t.interval && typeof t.interval === 'object' && !Array.isArray(t.interval) ? (t.interval as Record<string, Json>) : undefined;
  if (iv) {
    const month = (d: Json | undefined) => (typeof d === 'string' ? /^(-?\d{4})-(\d{2})/.exec(d) : null);
    const e = month(iv.earliest);
    const l = month(iv.latest);
    out.interval = {
      ...iv,
      ...(e ? { earliest: `${e[1]}-${e[2]}-01` } : {}),
      ...(l ? { latest: `${l[1]}-${l[2]}-${lastDay(Number(l[1]), Number(l[2]))}` } : {}),
    };
  }
  return out;
}

const ANNIVERSARY = /\b(\d{1,4})(?:st|nd|rd|th)\s+anniversary\s+of\b/i;

/**
 * The time of an event named inside a time expression, when the expression says it: "the 100th
 * anniversary of the Revolution" (2017-11-07) dates the Revolution to the year 1917; "during the
 * war" (1941-06-22/1945-05-09) and "at the congress" are the named event's own span; "after the war" (1945-05-09/..) says the war
 * ended by 1945-05-09, "before the war" (../1939-09-01) that it began from then on. When the
 * expression is anchored on a KB event whose date `kbDate` gives ("before the start of the 20th
 * Congress"), that date itself is the anchor's time (relation `named`, `anchorEvent` set): the KB
 * knows more than the open interval the phrase says. Undefined for other containing expressions.
 */
export function timeOfAnchor(text: string, x: Annotation, trigger: { start: number; end: number }, kbDate?: (id: string) => string | undefined): Record<string, Json | undefined> | undefined {
  const edtf = x.attrs.edtf;
  if (typeof edtf !== 'string') return undefined;
  const lead = text.slice(x.start, trigger.start);
  const m = ANNIVERSARY.exec(lead);
  const year = /^(-?\d{4})/.exec(edtf);
  if (m && year && !edtf.includes('/')) {
    const y = String(Number(year[1]) - Number(m[1])).padStart(4, '0');
    return { edtf: y, timex: x.id, inherited: false, relation: 'anniversary', interval: { earliest: `${y}-01-01`, latest: `${y}-12-31` } };
  }
  const [a, b] = edtf.split('/');
  const word = /^\s*(\p{L}+)/u.exec(lead)?.[1]?.toLowerCase();
  if (!a || b === undefined) return undefined;
  if ((word === 'during' || word === 'throughout' || word === 'in' || word === 'at') && a !== '..' && b !== '..') return { ...timeFromTimex(x, false), relation: 'named' };
  const after = word === 'after' && a !== '..' && b === '..';
  const before = word === 'before' && a === '..' && b !== '..';
  if (!after && !before) return undefined;
  const known = kbAnchorTime(x, kbDate);
  if (known) return known;
  return after ? { edtf: `../${a}`, timex: x.id, inherited: false, relation: 'anchor-of-after' } : { edtf: `${b}/..`, timex: x.id, inherited: false, relation: 'anchor-of-before' };
}

/** The KB date of the event a timex is anchored on ("before the start of the 20th Congress"), as an event time; undefined without one. */
function kbAnchorTime(x: Annotation, kbDate: ((id: string) => string | undefined) | undefined): Record<string, Json | undefined> | undefined {
  const anchor = x.attrs.anchor as { kind?: string; ref?: string } | undefined;
  if (!kbDate || anchor?.kind !== 'kb-event' || typeof anchor.ref !== 'string') return undefined;
  const date = kbDate(anchor.ref);
  const days = date ? checkEdtf(date) : null;
  if (!date || !days || days.earliest === null || days.latest === null) return undefined;
  return { edtf: date, timex: x.id, inherited: false, relation: 'named', anchorEvent: anchor.ref, interval: { earliest: days.earliest, latest: days.latest } };
}

/** One EDTF date part ("1953-03-05~") cut to its year ("1953~"); open ends stay open. */
function yearOfPart(p: string): string {
  return p.replace(/^(-?\d{4})(?:-\d{2}){1,2}([~?%]?)$/, '$1$2');
}

/**
 * Every day and month date stated explicitly in a text's timexes (anchor `none`): `1953-03-05`,
 * `1953-03`. An event's KB date counts as stated when it is among them.
 */
export function statedDates(timexes: readonly Annotation[]): Set<string> {
  const out = new Set<string>();
  for (const x of timexes) {
    const anchor = x.attrs.anchor as { kind?: string } | undefined;
    if (anchor?.kind !== 'none' || typeof x.attrs.edtf !== 'string') continue;
    for (const p of x.attrs.edtf.split('/')) {
      const clean = p.replace(/[~?%]$/, '');
      if (/^-?\d{4}-\d{2}/.test(clean)) out.add(clean);
    }
  }
  return out;
}

/** Key of a sentence's paragraph: paragraphs are numbered within a section. */
function paragraphKey(s: SentenceView): string {
  return `${s.section?.id ?? ''}#${s.paragraph}`;
}

/** The timexes of each paragraph (by `paragraphKey`), built once per text for `datesInView`. */
export function timexesByParagraph(sentences: readonly SentenceView[]): Map<string, Annotation[]> {
  const out = new Map<string, Annotation[]>();
  for (const s of sentences) {
    const k = paragraphKey(s);
    out.set(k, [...(out.get(k) ?? []), ...s.timexes]);
  }
  return out;
}

/**
 * The day and month dates a sentence has in view (as `statedDates` gives them): those stated in its
 * own paragraph, and the narrative's reference time before it (`pickNarrativeTime`). A day the text
 * gave paragraphs earlier, with other dates told since, no longer dates a named event for the reader.
 */
export function datesInView(sentences: readonly SentenceView[], index: number, byParagraph = timexesByParagraph(sentences)): Set<string> {
  const para = byParagraph.get(paragraphKey(sentences[index]!)) ?? [];
  const ref = pickNarrativeTime(sentences, index);
  return statedDates(ref ? [...para, ref] : para);
}

/**
 * Convention for events dated by a knowledge-base event the text only names ("during the war",
 * "after Stalin's death", "after the 20th Congress"): the event's EDTF is given at year precision,
 * as a historian writes it (`1941-06-22/1945-05-09` → `1941/1945`, `1953-03-05/..` → `1953/..`,
 * `1956-10-29/1956-11-07` → `1956`),
 * because the text itself gives no day; the day bounds stay in `interval` and the exact EDTF in
 * `coarsenedFrom` (`coarsening: 'kb-year'`). Points ("on the 100th anniversary of his birth") keep
 * their day, and so does an interval whose KB day the text states where the reader has it in view
 * (`stated`, from `datesInView`: the paragraph or the reference time; then the text dates it).
 */
export function yearLevelKbTime(t: Record<string, Json | undefined>, x: Annotation, stated: ReadonlySet<string>): Record<string, Json | undefined> {
  const edtf = typeof t.edtf === 'string' ? t.edtf : '';
  const anchor = x.attrs.anchor as { kind?: string } | undefined;
  if (anchor?.kind !== 'kb-event' || !edtf.includes('/')) return t;
  const parts = edtf.split('/');
  if (parts.some((p) => stated.has(p.replace(/[~?%]$/, '')))) return t;
  const years = parts.map(yearOfPart);
  // "during the Suez crisis" (1956-10-29/1956-11-07): one year, not the interval 1956/1956
  const coarse = years.length === 2 && years[0] === years[1] && years[0] !== '..' ? years[0]! : years.join('/');
  if (coarse === edtf) return t;
  return { ...t, edtf: coarse, coarsenedFrom: typeof t.coarsenedFrom === 'string' ? t.coarsenedFrom : edtf, coarsening: 'kb-year' };
}

/**
 * Participles that say a state has begun (office won, power secured): opening a sentence
 * ("Reelected by a wide margin, she …") they place what follows after the reference time. Other
 * openers ("Asked about the vote, he said …", "Based in the capital, …") do not.
 */
const STATE_BEGUN = new Set([
  'confirmed', 'elected', 'reelected', 're-elected', 'appointed', 'reappointed', 'installed', 'established', 'restored', 'reinstated',
  'crowned', 'enthroned', 'inaugurated', 'promoted', 'entrenched', 'secured', 'consolidated', 'strengthened', 'emboldened', 'freed',
  'released', 'rehabilitated', 'victorious', 'triumphant', 'having',
]);

/**
 * True when a sentence opens with a participial clause that states a result ("Reelected by a wide
 * margin, she …", "Having won the vote, he …"): a capitalised state-begun participle (`STATE_BEGUN`,
 * or "having") followed by more words and then a comma within the first dozen tokens. The state it names began at the
 * narrative's reference time, and what the sentence tells follows it.
 */
export function opensWithParticiple(s: SentenceView, text: string): boolean {
  const first = s.tokens[0];
  const cap = (t: { start: number; end: number } | undefined) => t !== undefined && /^\p{Lu}/u.test(text.slice(t.start, t.end));
  if (!first || !cap(first)) return false;
  const n = first.norm;
  if (!STATE_BEGUN.has(n)) return false;
  const comma = s.tokens.findIndex((t, i) => i > 0 && t.norm === ',');
  return comma >= 2 && comma <= 12;
}

/**
 * Turns an inherited time into "from then on" (`1958-03` → `1958-03/..`, relation `after`), for
 * events of a sentence opened by a result-state participle (see `opensWithParticiple`). Open or
 * already-bounded intervals stay as they are.
 */
export function afterTime(t: Record<string, Json | undefined>): Record<string, Json | undefined> {
  const edtf = typeof t.edtf === 'string' ? t.edtf : '';
  if (!edtf || edtf.includes('/')) return t;
  const interval = t.interval && typeof t.interval === 'object' && !Array.isArray(t.interval) ? { ...(t.interval as Record<string, Json>), latest: null } : undefined;
  return { ...t, edtf: `${edtf}/..`, relation: 'after', ...(interval ? { interval } : {}) };
}
