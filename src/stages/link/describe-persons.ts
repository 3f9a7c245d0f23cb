/**
 * Descriptions of people as mentions of them: appositive descriptions next to a name ("Belgian
 * historian Jan Peeters", "Jan Peeters, director of the City Archive,"), a capitalized title before
 * a name taken with the name ("President Jan Peeters"), an office with its body right before a name as a
 * mention of its own ("the Minister of Defence of Rurland J. Peeters", rule `office-name`), a state's demonym, an office and
 * a name written together as one mention ("Rurlandian leader Jan Peeters", rule `demonym-office-name`), office descriptions read through the
 * knowledge base's roles ("the first secretary of the Central Committee" → the holder the
 * document names), evaluative epithets on a name ("the stubborn Peeters"), and bare descriptions that
 * refer back to a described person ("the historian", "the expert"). Pure: reads tokens, the already linked mentions and the knowledge base.
 */
import { POSITIONAL_CAPITALS } from '../../core/function-words.ts';
import { yearOfEdtf } from '../../core/time.ts';
import type { KbRole, KnowledgeBase } from '../../kb/types.ts';
import { ancestorsOf } from './related-entities.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const YEAR_WORD = /^(?:1[89]\d\d|20\d\d)$/;
const LOWER_WORD = /^[a-z][a-z-]*$/;
const ADJECTIVE_ENDING = /(?:ous|ive|ful|less|able|ible|ical|ic|ish|ent|ant|ile|ary)$/;
const DIGIT_INITIAL = /^\p{N}/u;
const ASCII_DIGIT_INITIAL = /^\d/;
const BRACKET = /^[()]$/;
const CLAUSE_END = /^[.;:!?]$/;
const TIME_UNIT = /^(?:years?|yrs?|months?|weeks?|days?)$/;
const PAST_FORM = /^[a-z]{3,}ed$/;

/** A token as the describer sees it: span, surface text, lower-cased form, sentence index. */
export interface DescribeToken {
  start: number;
  end: number;
  text: string;
  norm: string;
  sentence: number;
}

/** A linked mention, as far as the describer needs it. */
export interface DescribedMention {
  start: number;
  end: number;
  label: string;
  entity?: string;
  name?: string;
  /** The confidence of the name's link, when known (an office phrase before the name takes a little less). */
  linkScore?: number;
}

/** Vocabularies (from `context-cues.json`). */
export interface DescribeCues {
  /** Head nouns of descriptions of people, singular, lower case ("historian", "first secretary"). */
  roleNouns: readonly string[];
  /** Role nouns vague enough to refer back to any described person ("expert", "specialist"). */
  genericRoleNouns: ReadonlySet<string>;
  /** Office titles resolved through the knowledge base's roles ("first secretary", "premier"). */
  titles: readonly string[];
  /** Verbs and auxiliaries (lower case) that may follow a description used as a subject. */
  verbs: ReadonlySet<string>;
  /** Adjectives that may modify a name without an article ("clever Petrov"); none when absent. */
  nameAdjectives?: ReadonlySet<string>;
  /** Forms of address (lower case) taken with the name after them when capitalized ("Comrade Vask"); none when absent. */
  honorifics?: ReadonlySet<string>;
  /** Office head nouns beyond `roleNouns` read only by the office-before-name rule ("commissar"); none when absent. */
  officeNouns?: readonly string[];
  /** Nouns of a state's offices ("leader", "foreign minister"), read with `titles` and `officeNouns` after a demonym; none when absent. */
  stateOfficeNouns?: readonly string[];
}

/** A new mention produced by a description. */
export interface DescriptionMention {
  start: number;
  end: number;
  entity: string;
  name: string;
  /** `appositive`, `title-name`, `office-name`, `demonym-office-name`, `role-holder`, `role-holder-at-time`, `epithet-name` or `description-coref`. */
  rule: string;
  score: number;
  /** The role noun heading the description. */
  role: string;
}

/** Words allowed inside a description after its head: "of the", "to the", "and", "then". */
const LINKERS = new Set(['of', 'the', 'to', 'for', 'at', 'and', 'in', 'on', 'de', 'then', 'former', 'future', 'late', 'now']);
const ARTICLES = new Set(['the', 'a', 'an']);
/** Words between "the" and an office title: "the future / former / then first secretary". */
const TIME_MODIFIERS: readonly string[] = ['future', 'former', 'then', 'late', 'new', 'current'];
/** Those of them that put the office at another time than the narrative's. */
const TIME_SHIFTERS: readonly string[] = ['future', 'former', 'late'];
/** Determiners that take an epithet run with them: "the stubborn Petrov". */
const EPITHET_DETERMINERS: readonly string[] = ['the', 'this', 'that', 'our', 'his'];
/** Words after a bare description that make it part of a longer phrase: "the historian of …". */
const COMPLEMENT_WORDS: readonly string[] = ['of', 'to', "'s", '’s', 'and'];
const ORDINALS: Record<string, string> = { '1st': 'first', '2nd': 'second', '3rd': 'third' };
/** "1st" → "first"; any other word as it is. */
const ordinal = (norm: string): string => (norm.length === 3 && Object.hasOwn(ORDINALS, norm) ? ORDINALS[norm]! : norm);
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}.'’-]*$/u;
const UPPER_INITIAL = /^\p{Lu}/u;

/**
 * Whether a token is a word: a letter or digit, then letters, digits, dots, apostrophes and hyphens
 * (`WORD`). ASCII text is read character by character (these tests run over the same tokens again and
 * again); any other text goes to the regular expression.
 */
function isWordToken(t: DescribeToken): boolean {
  const s = t.text;
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return WORD.test(s);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) continue;
    // ".", "'", "-" after the first character
    if (i > 0 && (c === 46 || c === 39 || c === 45)) continue;
    return false;
  }
  return true;
}

/** Whether a token starts with a capital letter (`UPPER_INITIAL`; an ASCII first character is compared). */
function isCapitalized(t: DescribeToken): boolean {
  const c = t.text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_INITIAL.test(t.text);
}

const wordRes = new Map<string, RegExp>();

/** `\b<phrase>\b`, case-insensitive, compiled once per phrase. */
function wordRegExp(phrase: string): RegExp {
  let re = wordRes.get(phrase);
  if (!re) wordRes.set(phrase, (re = new RegExp(`\\b${phrase}\\b`, 'i')));
  return re;
}

const officeCache = new WeakMap<KnowledgeBase, Map<string, KbRole[]>>();

/** The KB's roles in a body whose office has this title as a word ("first secretary"), in KB order, cached per KB. */
function officesTitled(kb: KnowledgeBase, title: string): KbRole[] {
  let byTitle = officeCache.get(kb);
  if (!byTitle) officeCache.set(kb, (byTitle = new Map()));
  let list = byTitle.get(title);
  if (!list) {
    const re = wordRegExp(title);
    byTitle.set(title, (list = kb.roles.filter((r) => r.org && re.test(r.office))));
  }
  return list;
}

/** The year of an EDTF date (`1953-03-05` → 1953); -Infinity when absent. */
function yearOf(edtf: string | undefined): number {
  return yearOfEdtf(edtf) ?? -Infinity;
}

/**
 * The last year (1800–2099) written as a token before each token: `years(i)` for token `i`, from
 * one pass over the tokens made on the first call.
 */
function lastYearsBefore(tokens: readonly DescribeToken[]): (i: number) => number | undefined {
  let last: Array<number | undefined> | undefined;
  return (i) => {
    if (!last) {
      last = new Array(tokens.length + 1);
      let year: number | undefined;
      for (let k = 0; k <= tokens.length; k++) {
        last[k] = year;
        const t = tokens[k];
        if (t && YEAR_WORD.test(t.text)) year = Number(t.text);
      }
    }
    return last[Math.min(i, tokens.length)];
  };
}

/** A lower-case word shaped like an adjective: "stubborn", "cautious", "well-known", "old". */
export function isAdjective(t: DescribeToken): boolean {
  if (!LOWER_WORD.test(t.text)) return false;
  if (t.text.includes('-')) return true;
  return ADJECTIVE_ENDING.test(t.text) || COMMON_ADJECTIVES.has(t.text);
}
const COMMON_ADJECTIVES = new Set(['old', 'young', 'great', 'late', 'bald', 'clever', 'wise', 'poor', 'dear', 'good', 'bad', 'mad', 'sly', 'cunning', 'stubborn', 'brave', 'bold', 'cruel', 'mighty', 'humble', 'proud', 'vain', 'shrewd']);

/** A role noun split into words, with its match result ready. */
interface RoleEntry {
  words: readonly string[];
  match: { n: number; role: string };
}

const roleIndexCache = new WeakMap<readonly string[][], Map<string, RoleEntry[]>>();

/** Role nouns by their first word, each list in the order of `roles` (built once per roles array). */
let lastRoles: [readonly string[][], Map<string, RoleEntry[]>] | undefined;
let prevRoles: [readonly string[][], Map<string, RoleEntry[]>] | undefined;
function roleIndex(roles: readonly string[][]): Map<string, RoleEntry[]> {
  // the two vocabularies in use (role nouns, titles) are looked up without a WeakMap probe
  if (lastRoles?.[0] === roles) return lastRoles[1];
  if (prevRoles?.[0] === roles) return prevRoles[1];
  let index = roleIndexCache.get(roles);
  if (!index) {
    index = new Map();
    for (const words of roles) {
      let list = index.get(words[0]!);
      if (!list) index.set(words[0]!, (list = []));
      list.push({ words, match: { n: words.length, role: words.join(' ') } });
    }
    roleIndexCache.set(roles, index);
  }
  prevRoles = lastRoles;
  lastRoles = [roles, index];
  return index;
}

const sortedWordsCache = new WeakMap<readonly string[], string[][]>();

/** Distinct phrases split into words, longest first (cached per vocabulary array). */
function sortedWords(phrases: readonly string[]): string[][] {
  let out = sortedWordsCache.get(phrases);
  if (!out) sortedWordsCache.set(phrases, (out = [...new Set(phrases)].map((r) => r.split(' ')).sort((a, b) => b.length - a.length)));
  return out;
}

/** Matches a role noun (possibly of several words) at token `i`; returns its word count and text. */
function roleAt(tokens: readonly DescribeToken[], i: number, roles: readonly string[][]): { readonly n: number; readonly role: string } | undefined {
  const first = tokens[i];
  if (first === undefined) return undefined;
  // the same positions are tried again and again (every start of every description): one answer per token
  const memo = roleMemo(tokens, roles);
  const known = memo[i];
  if (known !== undefined) return known ?? undefined;
  const found = findRoleAt(tokens, i, roles);
  memo[i] = found ?? null;
  return found;
}

type RoleMatch = { readonly n: number; readonly role: string };
/** Per token array, per vocabulary: the role found at each position (`null` = none, hole = not yet tried). */
const roleMemos = new WeakMap<readonly DescribeToken[], Map<readonly string[][], Array<RoleMatch | null | undefined>>>();
let lastMemo: [readonly DescribeToken[], readonly string[][], Array<RoleMatch | null | undefined>] | undefined;
let prevMemo: typeof lastMemo;

/** The memo of `roleAt` for one token array and vocabulary (the two in use looked up without a WeakMap probe). */
function roleMemo(tokens: readonly DescribeToken[], roles: readonly string[][]): Array<RoleMatch | null | undefined> {
  if (lastMemo && lastMemo[0] === tokens && lastMemo[1] === roles) return lastMemo[2];
  if (prevMemo && prevMemo[0] === tokens && prevMemo[1] === roles) {
    [lastMemo, prevMemo] = [prevMemo, lastMemo];
    return lastMemo[2];
  }
  let byRoles = roleMemos.get(tokens);
  if (!byRoles) roleMemos.set(tokens, (byRoles = new Map()));
  let memo = byRoles.get(roles);
  if (!memo) byRoles.set(roles, (memo = new Array(tokens.length)));
  prevMemo = lastMemo;
  lastMemo = [tokens, roles, memo];
  return memo;
}

/** `roleAt` without the memo. */
function findRoleAt(tokens: readonly DescribeToken[], i: number, roles: readonly string[][]): RoleMatch | undefined {
  return officeAt(tokens, i, roleIndex(roles));
}

/**
 * Index of the token starting at `start` (`by` = 'start') or ending at `end` (`by` = 'end'), by
 * binary search over tokens sorted by both; the last such token, as a map filled in order would give.
 */
function tokenAt(tokens: readonly DescribeToken[], pos: number, by: 'start' | 'end'): number | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]![by] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && tokens[lo - 1]![by] === pos ? lo - 1 : undefined;
}

/**
 * Parses tokens `[s, e)` as a description: optional article, at most three modifiers, a role
 * noun, then a tail of linking words, capitalized words, role nouns and modifiers of role nouns
 * ("Belgian historian and political scientist", "the advisor to the rector of the Moscow State
 * University"). Returns the head role and whether the first role noun is capitalized (a title).
 */
export function parseDescription(tokens: readonly DescribeToken[], s: number, e: number, roles: readonly string[][]): { role: string; titled: boolean } | undefined {
  let i = s;
  if (i < e && ARTICLES.has(tokens[i]!.norm)) i++;
  let head: { n: number; role: string } | undefined;
  let mods = 0;
  while (i < e && !(head = roleAt(tokens, i, roles))) {
    const t = tokens[i]!;
    // a modifier is a word, not a year or a number ("In 1958 General Secretary X")
    if (!isWordToken(t) || DIGIT_INITIAL.test(t.text) || LINKERS.has(t.norm) || ++mods > 3) return undefined;
    i++;
  }
  if (!head || i + head.n > e) return undefined;
  // "the First Secretary …": a capitalized head is a title written as part of the name
  const titled = isCapitalized(tokens[i]!);
  i += head.n;
  while (i < e) {
    const t = tokens[i]!;
    if (!isWordToken(t) && t.text !== '(' && t.text !== ')') return undefined;
    const r = roleAt(tokens, i, roles);
    if (r) {
      i += r.n;
      continue;
    }
    if (LINKERS.has(t.norm) || isCapitalized(t) || ASCII_DIGIT_INITIAL.test(t.text)) {
      i++;
      continue;
    }
    // a lower-case modifier must lead to a role noun: "and political scientist"
    const next = roleAt(tokens, i + 1, roles) ?? (tokens[i + 1] && isWordToken(tokens[i + 1]!) && !LINKERS.has(tokens[i + 1]!.norm) ? roleAt(tokens, i + 2, roles) : undefined);
    if (!next) return undefined;
    i++;
  }
  return { role: head.role, titled };
}

/** What the description rules of one document share: inputs, indexes and the mentions found so far. */
interface DescribeState {
  kb: KnowledgeBase;
  linked: readonly DescribedMention[];
  tokens: readonly DescribeToken[];
  cues: DescribeCues;
  roles: readonly string[][];
  titles: readonly string[][];
  /** The linked people, in text order. */
  people: readonly DescribedMention[];
  firstAt: { get(pos: number): number | undefined };
  lastAt: { get(pos: number): number | undefined };
  out: DescriptionMention[];
  described: Array<{ start: number; entity: string; name: string; role: string; rule: string }>;
}

/** Whether a span overlaps a person already marked or a description already found. */
function isTaken(st: DescribeState, start: number, end: number): boolean {
  return st.people.some((p) => p.start < end && start < p.end) || st.out.some((o) => o.start < end && start < o.end);
}

// (The rules below loop over a document's people and tokens; their overlap tests are module functions given
// the values they compare: a closure over a loop's variables makes the engine allocate them anew on every pass.)

/** Whether a mention other than `p` (a person's, when `personsOnly`) spans from `start` or before to `p`'s end or after. */
function coversName(linked: readonly DescribedMention[], p: DescribedMention, start: number, personsOnly: boolean): boolean {
  for (let k = 0; k < linked.length; k++) {
    const m = linked[k]!;
    if (m !== p && (!personsOnly || m.label === 'PER') && m.start <= start && m.end >= p.end) return true;
  }
  return false;
}

/** Whether a description found so far overlaps `[start, end)`. */
function overlapsFound(out: readonly DescriptionMention[], start: number, end: number): boolean {
  for (let k = 0; k < out.length; k++) if (out[k]!.start < end && start < out[k]!.end) return true;
  return false;
}

/** Adds a description mention, and remembers it for the bare descriptions that refer back. */
function pushDescription(st: DescribeState, d: DescriptionMention): void {
  st.out.push(d);
  st.described.push({ start: d.start, entity: d.entity, name: d.name, role: d.role, rule: d.rule });
}

/** Rule 1 of `findDescriptions`: appositions next to a person's name. */
function findAppositions(st: DescribeState): void {
  const { linked, tokens, cues, roles, people, firstAt, lastAt, out } = st;
  // 1. Appositions next to a person's name.
  for (const p of people) {
    const i = firstAt.get(p.start);
    const j = lastAt.get(p.end);
    if (i === undefined || j === undefined) continue;
    const sentence = tokens[i]!.sentence;
    // "Comrade Jan Peeters": a capitalized form of address and the name are one mention, like a title
    const h = i > 0 ? tokens[i - 1]! : undefined;
    if (h && h.sentence === sentence && isCapitalized(h) && (cues.honorifics?.has(h.norm) ?? false) && !coversName(linked, p, h.start, false) && !overlapsFound(out, h.start, p.end)) {
      pushDescription(st, { start: h.start, end: p.end, entity: p.entity!, name: p.name ?? '', rule: 'title-name', score: 0.8, role: h.norm });
    }
    // before the name: "Belgian historian Jan Peeters", "The head of the archive, Jan Peeters,"
    const comma = i > 0 && tokens[i - 1]!.text === ',' ? 1 : 0;
    const e = i - comma;
    let lo = e;
    while (lo > 0 && e - lo < 14 && tokens[lo - 1]!.sentence === sentence && (isWordToken(tokens[lo - 1]!) || BRACKET.test(tokens[lo - 1]!.text))) lo--;
    // a description needs a role noun starting inside [lo, e): without one, no start can parse
    let hasRole = false;
    for (let x = lo; x < e && !hasRole; x++) hasRole = roleAt(tokens, x, roles) !== undefined;
    // with a comma, the description must open its clause ("The head of X, Name, said"), or, when a second
    // comma sets the name off, start at a "the" inside the clause and bear a capitalized title ("… how the
    // Rurland Minister of Defence, Marshal Vask, said"; not "a letter to the editor, Jan Peeters, …")
    const enclosed = comma === 1 && j + 1 < tokens.length && tokens[j + 1]!.text === ',' && tokens[j + 1]!.sentence === sentence;
    let parsed = false;
    for (let s = lo; hasRole && s < e; s++) {
      const inner = comma === 1 && s !== lo;
      if (inner && !(enclosed && tokens[s]!.norm === 'the')) continue;
      const d = parseDescription(tokens, s, e, roles);
      if (!d || (inner && !d.titled)) continue;
      parsed = true;
      const start = tokens[s]!.start;
      const end = tokens[e - 1]!.end;
      if (d.titled && !comma) {
        // "First Secretary Jan Peeters": the title and the name are one mention, from the title's head back over
        // the capitalized words before it ("U.S. Assistant Secretary", but "review by Law Professor" → "Law Professor")
        let f = s;
        while (f < e && !(isCapitalized(tokens[f]!) && roleAt(tokens, f, roles))) f++;
        while (f > s && isCapitalized(tokens[f - 1]!) && isWordToken(tokens[f - 1]!) && !ARTICLES.has(tokens[f - 1]!.norm) && !POSITIONAL_CAPITALS.has(tokens[f - 1]!.norm)) f--;
        const from = tokens[f < e ? f : s]!.start;
        // "Marshal Tito" already matched whole as a title alias needs no second mention
        const known = coversName(linked, p, from, false);
        // "Minister of Defence of Rurland Ona Vask": an office with its body is a mention of its own, not part of the name's
        if (!known && !overlapsFound(out, from, p.end)) {
          pushDescription(st, { start: from, end: p.end, entity: p.entity!, name: p.name ?? '', rule: 'title-name', score: 0.8, role: d.role });
          // "Minister of Defence of Rurland Ona Vask": the office with its body is also a mention of its own
          const oe = officeEnd(tokens, f < e ? f : s, e);
          if (oe !== undefined) out.push({ start: from, end: tokens[oe - 1]!.end, entity: p.entity!, name: p.name ?? '', rule: 'office-name', score: officeScore(p), role: d.role });
        }
      } else if (!isTaken(st, start, end)) pushDescription(st, { start, end, entity: p.entity!, name: p.name ?? '', rule: 'appositive', score: 0.75, role: d.role });
      break;
    }
    // "the first secretary of the regional committee Ona Vask": an office whose body the description parse does not take
    if (!parsed && comma === 0 && lo < e) findOfficeBefore(st, p, lo, e);
    // after the name: "Jan Peeters, director of the City Archive, said"
    if (j + 1 < tokens.length && tokens[j + 1]!.text === ',') {
      let hi = j + 2;
      while (hi < tokens.length && hi - j < 16 && tokens[hi]!.sentence === sentence && tokens[hi]!.text !== ',' && (isWordToken(tokens[hi]!) || BRACKET.test(tokens[hi]!.text))) hi++;
      const closes = hi >= tokens.length || tokens[hi]!.text === ',' || tokens[hi]!.sentence !== sentence || CLAUSE_END.test(tokens[hi]!.text);
      const d = closes && hi > j + 2 ? parseDescription(tokens, j + 2, hi, roles) : undefined;
      if (d) {
        const start = tokens[j + 2]!.start;
        const end = tokens[hi - 1]!.end;
        if (!isTaken(st, start, end)) pushDescription(st, { start, end, entity: p.entity!, name: p.name ?? '', rule: 'appositive', score: 0.7, role: d.role });
      }
    }
  }

}

/** A capital letter with or without its dot: an initial of a name ("D.", "D"), or a lone dot. */
const INITIAL = /^(?:\p{Lu}\.?|\.)$/u;

/**
 * Where an office named with its body or place among tokens `[from, to)` ends: before an initial of the name
 * the name's mention left out ("… of Rurland D. Vask" with the mention "Vask"); undefined when no "of" leads to
 * the body, or the words end in a linking word ("Chief Justice of" before a name that took the place).
 */
function officeEnd(tokens: readonly DescribeToken[], from: number, to: number): number | undefined {
  let e = to;
  while (e > from + 2 && INITIAL.test(tokens[e - 1]!.text)) e--;
  if (LINKERS.has(tokens[e - 1]!.norm)) return undefined;
  for (let k = from; k < e; k++) if (tokens[k]!.norm === 'of') return e;
  return undefined;
}

/** The confidence of an office phrase before a name: a little below the name's own. */
function officeScore(p: DescribedMention): number {
  return Math.round(Math.max(0.3, Math.min(0.8, (p.linkScore ?? 0.8) - 0.05)) * 100) / 100;
}

/** Office head nouns (role nouns and office nouns) by first word, for the office-before-name rule; the last built kept. */
let officeIndexOf: [readonly string[], readonly string[] | undefined, Map<string, RoleEntry[]>] | undefined;
function officeIndex(roleNouns: readonly string[], officeNouns: readonly string[] | undefined): Map<string, RoleEntry[]> {
  if (officeIndexOf && officeIndexOf[0] === roleNouns && officeIndexOf[1] === officeNouns) return officeIndexOf[2];
  const index = new Map<string, RoleEntry[]>();
  for (const words of sortedWords(officeNouns ? [...roleNouns, ...officeNouns] : roleNouns)) {
    let list = index.get(words[0]!);
    if (!list) index.set(words[0]!, (list = []));
    list.push({ words, match: { n: words.length, role: words.join(' ') } });
  }
  officeIndexOf = [roleNouns, officeNouns, index];
  return index;
}

/** The role or office noun of `index` (a `roleIndex`) at token `i`, longest first. */
function officeAt(tokens: readonly DescribeToken[], i: number, index: Map<string, RoleEntry[]>): RoleMatch | undefined {
  const list = index.get(ordinal(tokens[i]!.norm));
  if (!list) return undefined;
  for (const { words, match } of list) {
    let k = 1;
    for (; k < words.length; k++) {
      const t = tokens[i + k];
      if (t === undefined || ordinal(t.norm) !== words[k]) break;
    }
    if (k === words.length) return match;
  }
  return undefined;
}

/** Linking words inside the name of a body or place after an office: "of the Ministry of Trade and Industry". */
const BODY_LINKERS = new Set(['of', 'the', 'and']);

/** Words that may stand between an article and an office head: "the then first secretary". */
const OFFICE_MODIFIERS = new Set(TIME_MODIFIERS);

/**
 * Parses tokens `[s, e)` as an office right before a name: an optional article and time word, at most
 * two modifiers, an office head noun, then "of" and the body or place, in words that are no verbs
 * ("the first secretary of the regional committee", "People's Commissar of Internal Affairs"); the head
 * and where the mention starts (at the article when the head is lower case, at the first capitalized
 * word before a capitalized head, as a title).
 */
function parseOfficeBefore(st: DescribeState, s: number, e: number, index: Map<string, RoleEntry[]>): { role: string; from: number } | undefined {
  const { tokens, cues } = st;
  let i = s;
  if (ARTICLES.has(tokens[i]!.norm)) i++;
  if (i < e && OFFICE_MODIFIERS.has(tokens[i]!.norm)) i++;
  let head: RoleMatch | undefined;
  let mods = 0;
  while (i < e && !(head = officeAt(tokens, i, index))) {
    const t = tokens[i]!;
    if (!isWordToken(t) || DIGIT_INITIAL.test(t.text) || LINKERS.has(t.norm) || cues.verbs.has(t.norm) || ++mods > 2) return undefined;
    i++;
  }
  if (!head) return undefined;
  const h = i;
  i += head.n;
  // the body or place: "of", then words up to the name, none of them a verb or another preposition ("… at the time")
  if (i + 1 >= e || tokens[i]!.norm !== 'of') return undefined;
  for (let k = i + 1; k < e; k++) {
    const t = tokens[k]!;
    if (!isWordToken(t) || cues.verbs.has(t.norm) || (LINKERS.has(t.norm) && !BODY_LINKERS.has(t.norm)) || (PAST_FORM.test(t.text) && !officeAt(tokens, k, index))) return undefined;
  }
  if (!isCapitalized(tokens[h]!)) return { role: head.role, from: s };
  let f = h;
  while (f > s && isCapitalized(tokens[f - 1]!) && !ARTICLES.has(tokens[f - 1]!.norm) && !POSITIONAL_CAPITALS.has(tokens[f - 1]!.norm)) f--;
  return { role: head.role, from: f };
}

/**
 * Rule 1b of `findDescriptions`: an office with its body or place right before a person's name ("the
 * Prosecutor of Rurland J. Vask", "the first secretary of the regional committee Ona Vask") is a
 * mention of that person (`office-name`), when no other description took the words before the name.
 */
function findOfficeBefore(st: DescribeState, p: DescribedMention, lo: number, e: number): void {
  const { tokens, cues, linked } = st;
  // the office needs an "of" before the name: most names have none, and are passed over at once
  let of = e - 2;
  while (of > lo && tokens[of]!.norm !== 'of') of--;
  if (of <= lo) return;
  const index = officeIndex(cues.roleNouns, cues.officeNouns);
  for (let s = lo; s < of; s++) {
    const o = parseOfficeBefore(st, s, e, index);
    if (!o) continue;
    const oe = officeEnd(tokens, o.from, e);
    if (oe === undefined) return;
    const start = tokens[o.from]!.start;
    const end = tokens[oe - 1]!.end;
    const known = coversName(linked, p, start, true);
    // (not remembered for the bare descriptions that refer back: only appositions and titles are)
    if (!known && !isTaken(st, start, end)) st.out.push({ start, end, entity: p.entity!, name: p.name ?? '', rule: 'office-name', score: officeScore(p), role: o.role });
    return;
  }
}

/** Office heads read after a demonym (titles, office nouns, a state's office nouns) by first word; the last built kept. */
let demonymOfficeIndexOf: [readonly string[], readonly string[] | undefined, readonly string[] | undefined, Map<string, RoleEntry[]>] | undefined;
function demonymOfficeIndex(titles: readonly string[], officeNouns: readonly string[] | undefined, stateNouns: readonly string[] | undefined): Map<string, RoleEntry[]> {
  const known = demonymOfficeIndexOf;
  if (known && known[0] === titles && known[1] === officeNouns && known[2] === stateNouns) return known[3];
  const index = new Map<string, RoleEntry[]>();
  for (const words of sortedWords([...titles, ...(officeNouns ?? []), ...(stateNouns ?? [])])) {
    let list = index.get(words[0]!);
    if (!list) index.set(words[0]!, (list = []));
    list.push({ words, match: { n: words.length, role: words.join(' ') } });
  }
  demonymOfficeIndexOf = [titles, officeNouns, stateNouns, index];
  return index;
}

/** Labels of a mention that may name a state before an office: a demonym ("Soviet") or a place ("US"). */
const STATE_MODIFIER_LABELS = new Set(['GRP', 'LOC']);
/** At most this many words between an office head and the name: "Secretary of State", "Minister of Foreign Trade". */
const MAX_OFFICE_BODY = 4;

/**
 * Where an office that ends right before token `i` starts: an office head from `index` whose words end at
 * `i` ("leader", "foreign minister"), or a head, "of" and up to four words of its body ("Secretary of
 * State"), none a verb or another preposition; the nearest such start before token `below`, undefined when none.
 */
function officeStartBefore(st: DescribeState, lo: number, i: number, below: number, index: Map<string, RoleEntry[]>): { h: number; role: string } | undefined {
  const { tokens, cues } = st;
  for (let h = below - 1; h >= lo && i - h <= MAX_OFFICE_BODY + 2; h--) {
    const t = tokens[h]!;
    if (!isWordToken(t) || cues.verbs.has(t.norm)) return undefined;
    const head = officeAt(tokens, h, index);
    if (!head) continue;
    const k = h + head.n;
    if (k === i) return { h, role: head.role };
    if (k > i || tokens[k]!.norm !== 'of' || k + 1 >= i) continue;
    let body = true;
    for (let x = k + 1; x < i && body; x++) body = !LINKERS.has(tokens[x]!.norm) || BODY_LINKERS.has(tokens[x]!.norm);
    if (body && !LINKERS.has(tokens[i - 1]!.norm)) return { h, role: head.role };
  }
  return undefined;
}

/** The linked demonym or place name that ends with token `t`, when it names a place; else undefined. */
function stateBefore(st: DescribeState, t: DescribeToken): DescribedMention | undefined {
  for (const x of st.linked) {
    if (x.end === t.end && x.entity !== undefined && STATE_MODIFIER_LABELS.has(x.label) && st.kb.byId.get(x.entity)?.type === 'place') return x;
  }
  return undefined;
}

/**
 * Rule 0 of `findDescriptions`: a state's demonym or name, an office and a person's name written together
 * without an article, as the press does ("Rurlandian leader Ona Vask", "Rurlandian Minister of Trade Ona
 * Vask"), are one mention of that person (`demonym-office-name`), from the demonym to the end of the name.
 * The demonym must be a linked mention of a place; the office a title, an office noun or a state's office noun.
 */
function findDemonymOffices(st: DescribeState): void {
  const { linked, tokens, cues, people, firstAt } = st;
  if (people.length === 0) return;
  const index = demonymOfficeIndex(cues.titles, cues.officeNouns, cues.stateOfficeNouns);
  for (const p of people) {
    const i = firstAt.get(p.start);
    if (i === undefined || i < 2) continue;
    const sentence = tokens[i]!.sentence;
    let lo = i - 1;
    while (lo > 0 && i - lo < MAX_OFFICE_BODY + 2 && tokens[lo - 1]!.sentence === sentence) lo--;
    // the word before the office must be in the sentence: the office starts after `lo`; a longer office
    // may start before a shorter one ("Foreign Minister" before "Minister"), so each start is tried
    let o = officeStartBefore(st, lo + 1, i, i, index);
    let m: DescribedMention | undefined;
    while (o && !(m = stateBefore(st, tokens[o.h - 1]!))) o = officeStartBefore(st, lo + 1, i, o.h, index);
    if (!o || !m || tokens[o.h - 1]!.sentence !== sentence) continue;
    const start = m.start;
    // a person's name already matched over the words ("Marshal Petrov" as a title alias) needs no second mention
    if (coversName(linked, p, start, true)) continue;
    if (!takeOverDescriptions(st, p, start, tokens[i - 1]!.end)) continue;
    pushDescription(st, { start, end: p.end, entity: p.entity!, name: p.name ?? '', rule: 'demonym-office-name', score: 0.8, role: o.role });
  }
}

/**
 * Makes room for a demonym, office and name `[start, p.end)` (the office ending at `officeStop`): a title with the name it covers gives way (the
 * phrase replaces it: "Yesterday Rurlandian President Vask" → "Rurlandian President Vask"), an apposition of
 * the demonym and office stays a mention of its own, cut to start at the demonym ("when Rurlandian leader" →
 * "Rurlandian leader"); false when another description overlaps the phrase.
 */
function takeOverDescriptions(st: DescribeState, p: DescribedMention, start: number, officeStop: number): boolean {
  const { out, described } = st;
  for (let k = 0; k < out.length; k++) {
    const d = out[k]!;
    if (!(d.start < p.end && start < d.end)) continue;
    if (d.entity !== p.entity) return false;
    if (d.rule === 'title-name' && d.end === p.end) {
      out.splice(k--, 1);
      const r = described.findIndex((x) => x.start === d.start && x.rule === 'title-name' && x.entity === d.entity);
      if (r >= 0) described.splice(r, 1);
    } else if (d.rule === 'appositive' && d.end === officeStop) {
      if (d.start < start) {
        for (const x of described) if (x.start === d.start && x.rule === 'appositive' && x.entity === d.entity) x.start = start;
        d.start = start;
      }
    } else if (d.rule !== 'office-name') return false;
  }
  // no other person's name inside the demonym and office
  return !st.people.some((x) => x !== p && x.start < p.start && start < x.end);
}

/**
 * The entities of the bodies and places (`orgsByStart`, by start) inside tokens `[from, to)`, in the
 * order the linked mentions give them.
 */
function orgsIn(tokens: readonly DescribeToken[], orgsByStart: ReadonlyArray<{ m: DescribedMention; k: number }>, from: number, to: number): string[] {
  const lo = tokens[from]!.start;
  const hi = tokens[to - 1]!.end;
  // the first org starting at or after `lo`, then those up to `hi`, back in `linked` order
  let a = 0;
  let b = orgsByStart.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (orgsByStart[mid]!.m.start < lo) a = mid + 1;
    else b = mid;
  }
  const hits: Array<{ m: DescribedMention; k: number }> = [];
  for (let x = a; x < orgsByStart.length && orgsByStart[x]!.m.start <= hi; x++) if (orgsByStart[x]!.m.end <= hi) hits.push(orgsByStart[x]!);
  return hits.sort((p, q) => p.k - q.k).map(({ m }) => m.entity!);
}

/** Whether a person held one of `offices` in `year` (any year when it is unknown). */
function heldThen(offices: readonly KbRole[], year: number | undefined, person: string): boolean {
  return year === undefined || offices.some((r) => r.person === person && yearOf(r.from) <= year && year <= (r.to ? yearOf(r.to) : Infinity));
}

/** The last of `xs` named before `start`, else the first of them. */
function lastBefore(xs: DescribedMention[], start: number): DescribedMention | undefined {
  return xs.filter((p) => p.start < start).pop() ?? xs[0];
}

/**
 * The person an office description `[start, end)` ("the first secretary of X") refers to, added as a
 * description: of the holders of offices titled `role` in the bodies `orgs` (or their ancestors), one the
 * document names (in office in `year`, the last named before), else the one holder in `year`. (Its own
 * function, not part of the loop of `findOfficeDescriptions`: the closures here would otherwise make the
 * engine allocate a context for the loop's variables on every token.)
 */
function describeOfficeHolder(st: DescribeState, orgs: readonly string[], role: string, year: number | undefined, start: number, end: number): void {
  const { kb, people } = st;
  const scope = new Set(orgs.flatMap((o) => [o, ...ancestorsOf(kb, o)]));
  const offices = officesTitled(kb, role).filter((r) => scope.has(r.org!));
  const holders = new Set(offices.map((r) => r.person));
  const named = people.filter((p) => holders.has(p.entity!));
  const namedThen = named.filter((p) => heldThen(offices, year, p.entity!));
  const atTime = year === undefined ? [] : [...new Set(offices.filter((r) => heldThen(offices, year, r.person)).map((r) => r.person))];
  // a holder the document names (then in office, the last named before), else the one holder at that time
  const ref = lastBefore(namedThen, start) ?? (atTime.length === 0 ? lastBefore(named, start) : undefined);
  const person = !ref && atTime.length === 1 ? kb.byId.get(atTime[0]!) : undefined;
  if (ref) pushDescription(st, { start, end, entity: ref.entity!, name: ref.name ?? '', rule: 'role-holder', score: 0.6, role });
  else if (person) pushDescription(st, { start, end, entity: person.id, name: person.name, rule: 'role-holder-at-time', score: 0.5, role });
}

/** Rule 2 of `findDescriptions`: office descriptions without a name. */
function findOfficeDescriptions(st: DescribeState): void {
  const { linked, tokens, titles, people } = st;
  // 2. Office descriptions without a name: "the (future) first secretary of the Central Committee".
  // bodies and places named, by start, for the complement of an office title (in `linked` order)
  const orgs: Array<{ m: DescribedMention; k: number }> = [];
  for (let k = 0; k < linked.length; k++) {
    const m = linked[k]!;
    if (m.entity && (m.label === 'ORG' || m.label === 'LOC')) orgs.push({ m, k });
  }
  const orgsByStart = [...orgs].sort((a, b) => a.m.start - b.m.start || a.k - b.k);
  const peopleStarts = new Set(people.map((p) => p.start));
  const lastYearBefore = lastYearsBefore(tokens);
  for (let i = 0; i < tokens.length; i++) {
    // (of the articles, only "the": compared, not looked up in ARTICLES, so that no word is hashed for it)
    if (tokens[i]!.norm !== 'the') continue;
    let k = i + 1;
    let shifted = false;
    while (k < tokens.length && k - i <= 2 && TIME_MODIFIERS.includes(tokens[k]!.norm)) {
      // "the future / former first secretary" held the office at another time than the narrative's
      if (TIME_SHIFTERS.includes(tokens[k]!.norm)) shifted = true;
      k++;
    }
    const t = roleAt(tokens, k, titles);
    if (!t || tokens[k + t.n]?.norm !== 'of') continue;
    // the complement: "of the Central Committee (of the CPSU)", up to the end of its capitalized words
    let e = k + t.n + 1;
    let bracket = false;
    while (e < tokens.length && tokens[e]!.sentence === tokens[i]!.sentence) {
      const x = tokens[e]!;
      // "CP (b) of Ukraine": a bracketed qualifier stays inside the name
      if (x.text === '(') bracket = true;
      else if (x.text === ')') bracket = false;
      else if (!bracket && !LINKERS.has(x.norm) && !isCapitalized(x)) break;
      e++;
    }
    while (e > k + t.n + 1 && !isCapitalized(tokens[e - 1]!) && tokens[e - 1]!.text !== ')') e--;
    if (e <= k + t.n + 1) continue;
    // a name right after belongs to the appositions above
    if (e < tokens.length && peopleStarts.has(tokens[e]!.start)) continue;
    const start = tokens[i + 1]!.start;
    const end = tokens[e - 1]!.end;
    if (isTaken(st, start, end)) continue;
    const orgs = orgsIn(tokens, orgsByStart, k + t.n + 1, e);
    if (orgs.length === 0) continue;
    // the narrative time: the last year written before the phrase
    describeOfficeHolder(st, orgs, t.role, shifted ? undefined : lastYearBefore(i), start, end);
    i = e - 1;
  }

}

/** Rule 3 of `findDescriptions`: evaluative epithets on a name. */
function findEpithets(st: DescribeState): void {
  const { linked, tokens, cues, roles, people, firstAt, out } = st;
  // 3. Evaluative epithets on a name: "the stubborn Petrov", "the cautious and well-known Petrov".
  for (const p of people) {
    const i = firstAt.get(p.start);
    if (i === undefined || p.entity === undefined) continue;
    let s = i;
    while (s > 0 && i - s < 6 && tokens[s - 1]!.sentence === tokens[i]!.sentence && (isAdjective(tokens[s - 1]!) || ((tokens[s - 1]!.norm === 'and' || tokens[s - 1]!.text === ',') && s < i && isAdjective(tokens[s]!)))) s--;
    // the run must start with an adjective right after an article, and end on one before the name
    while (s < i && !isAdjective(tokens[s]!)) s++;
    // "his assistant Jan Peeters": a role noun shaped like an adjective is an apposition, not an epithet
    if (s === i || !isAdjective(tokens[i - 1]!) || roleAt(tokens, i - 1, roles)) continue;
    // after an article or determiner the run is taken with it; without one ("clever Petrov") every word must be a known adjective
    const determined = s > 0 && EPITHET_DETERMINERS.includes(tokens[s - 1]!.norm);
    let bare = i;
    while (!determined && bare > s && (cues.nameAdjectives?.has(tokens[bare - 1]!.text) ?? false)) bare--;
    // "five years old Petrov" is a measure phrase, not an epithet
    if (!determined && (bare === i || TIME_UNIT.test(tokens[bare - 1]?.norm ?? ''))) continue;
    const start = determined ? tokens[s - 1]!.start : tokens[bare]!.start;
    if (coversName(linked, p, start, false) || overlapsFound(out, start, p.end)) continue;
    out.push({ start, end: p.end, entity: p.entity, name: p.name ?? '', rule: 'epithet-name', score: 0.8, role: '' });
  }

}

/**
 * The last description before `start` that a bare description with role noun `role` refers back to: an
 * apposition when the noun is `generic` (a profession), else one with that role (or a role ending in it).
 */
function lastDescribedBefore(described: DescribeState['described'], start: number, generic: boolean, role: string): DescribeState['described'][number] | undefined {
  return described.filter((d) => d.start < start && (generic ? d.rule === 'appositive' : d.role === role || d.role.endsWith(` ${role}`))).pop();
}

/** Rule 4 of `findDescriptions`: bare descriptions referring back. */
function findBareDescriptions(st: DescribeState): void {
  const { tokens, cues, roles, out, described } = st;
  // 4. Bare descriptions referring back: "the expert noted", "the historian emphasized".
  described.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.norm !== 'the') continue;
    const r = roleAt(tokens, i + 1, roles);
    if (!r) continue;
    const next = tokens[i + 1 + r.n];
    // "the historian of the war", "the historian Jan Peeters": complements and names are handled above
    if (next && (COMPLEMENT_WORDS.includes(next.norm) || isCapitalized(next))) continue;
    // a whole noun phrase: a verb or punctuation follows ("the expert noted", not "the official version")
    if (next && isWordToken(next) && !cues.verbs.has(next.norm) && !PAST_FORM.test(next.norm)) continue;
    const start = tokens[i]!.start;
    const end = tokens[i + r.n]!.end;
    if (isTaken(st, start, end)) continue;
    // "the expert" is someone introduced by a profession, not an office holder
    const ref = lastDescribedBefore(described, start, cues.genericRoleNouns.has(r.role), r.role);
    if (ref) out.push({ start, end, entity: ref.entity, name: ref.name, rule: 'description-coref', score: 0.5, role: r.role });
  }
}

/** Whether a linked mention is a person's. */
function isPerson(m: DescribedMention): boolean {
  return m.label === 'PER' && !!m.entity;
}

/** `tokenAt` over one token array as a `get` (a class: no closure made per document). */
class TokenSearch {
  constructor(
    private readonly tokens: readonly DescribeToken[],
    private readonly by: 'start' | 'end',
  ) {}

  /** The index of the token starting (ending) at `pos`. */
  get(pos: number): number | undefined {
    return tokenAt(this.tokens, pos, this.by);
  }
}

/** Finds description mentions in one document. Returns new mentions, not overlapping the people already marked. */
export function findDescriptions(kb: KnowledgeBase, linked: readonly DescribedMention[], tokens: readonly DescribeToken[], cues: DescribeCues): DescriptionMention[] {
  const roles = sortedWords(cues.roleNouns);
  const titles = sortedWords(cues.titles);
  const people = linked.filter(isPerson).sort((a, b) => a.start - b.start);
  // token index by start and by end: binary search when starts and ends both increase, else maps
  let ordered = true;
  for (let i = 1; i < tokens.length && ordered; i++) ordered = tokens[i]!.start > tokens[i - 1]!.start && tokens[i]!.end > tokens[i - 1]!.end;
  let firstAt: { get(pos: number): number | undefined } = new TokenSearch(tokens, 'start');
  let lastAt: { get(pos: number): number | undefined } = new TokenSearch(tokens, 'end');
  if (!ordered && people.length > 0) {
    const byStart = new Map<number, number>();
    const byEnd = new Map<number, number>();
    tokens.forEach((t, i) => {
      byStart.set(t.start, i);
      byEnd.set(t.end, i);
    });
    firstAt = byStart;
    lastAt = byEnd;
  }
  const st: DescribeState = { kb, linked, tokens, cues, roles, titles, people, firstAt, lastAt, out: [], described: [] };
  // each rule is its own function: a deoptimization in one recompiles that rule only, not all four
  findAppositions(st);
  findDemonymOffices(st);
  findOfficeDescriptions(st);
  findEpithets(st);
  findBareDescriptions(st);
  return st.out.sort((a, b) => a.start - b.start);
}
