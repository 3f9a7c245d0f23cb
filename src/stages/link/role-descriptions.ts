/**
 * Role descriptions of a state's leaders as mentions of the people who held the office: "the
 * [demonym or state] leader|president|premier|party chief" ("the Rurlandian leader", "the RR
 * president") and "the leader of [state]" ("the leader of communist Rurland"). Which offices count
 * as a state's leader, president, premier or party leader is data (`data/lexicon/state-leaders.json`,
 * tiers of KB office keys); the holders and their periods are the KB's roles. The holder at the
 * reference time (the last year written before the phrase) is the referent, rule
 * `role-leader-at-time`; with no time, or "the former leader", the most often named holder in the
 * document, rule `role-leader-salient`; a tie stays unresolved. Pure: reads tokens, the linked
 * mentions and the knowledge base.
 */
import { readFileSync } from 'node:fs';
import { yearOfEdtf } from '../../core/time.ts';
import { aliasTokens } from '../../kb/alias-index.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { DescribeToken, DescribedMention } from './describe-persons.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const UPPER_INITIAL = /^\p{Lu}/u;
const LOWER_WORD = /^\p{Ll}+$/u;

/** The contents of `data/lexicon/state-leaders.json`. */
export interface StateLeaders {
  /** Description words (lower case, possibly several words) → office class ("ruler" → "leader"). */
  nouns: Record<string, string>;
  /** Per state (KB id): office class → tiers of office keys, first tier with a holder wins. */
  states: Array<{ state: string; offices: Record<string, string[][]>; source: string }>;
}

let loaded: StateLeaders | undefined;

/** Loads `data/lexicon/state-leaders.json` once. */
export function loadStateLeaders(): StateLeaders {
  loaded ??= JSON.parse(readFileSync(new URL('../../../data/lexicon/state-leaders.json', import.meta.url), 'utf8')) as StateLeaders;
  return loaded;
}

/** A role description found in a document: its span, the person (when resolved), the rule and a confidence. */
export interface RoleDescription {
  start: number;
  end: number;
  /** Absent when the description stays ambiguous (then `candidates` holds the people it may be). */
  entity?: string;
  name?: string;
  candidates?: string[];
  /** `role-leader-at-time`, `role-leader-salient` or `unresolved`. */
  rule: string;
  score: number;
  /** The office class ("leader", "president", "premier", "party") and the state. */
  role: string;
  state: string;
}

/** Names of the states in the data, as token sequences, and the nouns, as word lists (built once per KB and data). */
interface Index {
  /** Normalized name tokens → state ids, longest names first per first token. */
  names: Map<string, Array<{ words: string[]; states: string[] }>>;
  /** Description nouns by first word, longest first. */
  nouns: Map<string, Array<{ words: string[]; cls: string }>>;
  /** Office classes of each state. */
  offices: Map<string, Record<string, string[][]>>;
  /** Office key → the KB roles of that office: person and year range. */
  holders: Map<string, Array<{ person: string; from: number; to: number }>>;
}

const NAME_KINDS = new Set(['canonical', 'full', 'other', 'abbreviation', 'demonym', 'former', 'later', 'transliteration']);
const MODIFIERS = new Set(['then', 'former', 'late', 'current', 'new', 'present', 'future']);
const SHIFTERS = new Set(['former', 'late', 'future']);
const indexCache = new WeakMap<KnowledgeBase, WeakMap<StateLeaders, Index>>();

/** Groups phrases by their first word, the longest phrases first in each group (for greedy matching). */
function byFirstWord<T extends { words: string[] }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.words[0]!);
    if (list) list.push(item);
    else out.set(item.words[0]!, [item]);
  }
  for (const list of out.values()) list.sort((a, b) => b.words.length - a.words.length);
  return out;
}

/** Builds the lookup tables of one KB and data file. */
function indexOf(kb: KnowledgeBase, data: StateLeaders): Index {
  let byData = indexCache.get(kb);
  if (!byData) indexCache.set(kb, (byData = new WeakMap()));
  let index = byData.get(data);
  if (index) return index;
  const byKey = new Map<string, string[]>();
  for (const { state } of data.states) {
    const e = kb.byId.get(state);
    if (!e) continue;
    const forms = [e.name, ...e.aliases.filter((a) => NAME_KINDS.has(a.kind) && a.kind !== 'metonym').map((a) => a.text)];
    for (const f of forms) {
      const words = aliasTokens(f);
      if (words.length === 0) continue;
      const key = words.join(' ');
      const list = byKey.get(key) ?? [];
      if (!list.includes(state)) list.push(state);
      byKey.set(key, list);
    }
  }
  const names = byFirstWord([...byKey].map(([key, states]) => ({ words: key.split(' '), states })));
  const nouns = byFirstWord(Object.entries(data.nouns).map(([w, cls]) => ({ words: w.split(' '), cls })));
  const holders: Index['holders'] = new Map();
  for (const r of kb.roles) {
    let list = holders.get(r.officeKey);
    if (!list) holders.set(r.officeKey, (list = []));
    list.push({ person: r.person, from: yearOfEdtf(r.from) ?? -Infinity, to: yearOfEdtf(r.to) ?? Infinity });
  }
  index = { names, nouns, holders, offices: new Map(data.states.map((s) => [s.state, s.offices])) };
  byData.set(data, index);
  return index;
}

const isCapitalized = (t: DescribeToken | undefined) => t !== undefined && UPPER_INITIAL.test(t.text);
const YEAR = /^(?:1[89]\d\d|20\d\d)$/;

/** Whether a person's mention overlaps `[start, end)`. (A module function: a closure in the token loop of `findRoleDescriptions` would make the engine allocate a context for the loop's variables on every token.) */
function overlapsPerson(linked: readonly DescribedMention[], start: number, end: number): boolean {
  return linked.some((m) => m.label === 'PER' && m.start < end && start < m.end);
}

/** Whether a description found so far overlaps `[start, end)`. */
function overlapsFound(out: readonly RoleDescription[], start: number, end: number): boolean {
  return out.some((o) => o.start < end && start < o.end);
}

/**
 * Finds role descriptions of state leaders in one document's tokens. `linked` are the mentions found
 * so far (people for salience; spans a description may not overlap). Returns new mentions in text order.
 */
export function findRoleDescriptions(
  kb: KnowledgeBase,
  linked: readonly DescribedMention[],
  tokens: readonly DescribeToken[],
  data: StateLeaders = loadStateLeaders(),
): RoleDescription[] {
  const index = indexOf(kb, data);
  const out: RoleDescription[] = [];
  let count: Map<string, number> | undefined;
  let year: number | undefined;
  // the loop over every token stays small; matching and resolving are functions of their own, run at "the" only
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text.length === 4 && YEAR.test(t.text)) year = Number(t.text);
    if (t.norm !== 'the') continue;
    const match = matchDescription(index, tokens, i);
    if (!match) continue;
    const start = t.start;
    const end = tokens[match.end - 1]!.end;
    if (overlapsPerson(linked, start, end) || overlapsFound(out, start, end)) continue;
    count ??= namedPeople(linked);
    const resolved = resolveDescription(kb, index, match, start, end, year, count);
    if (!resolved) continue;
    out.push(resolved);
    i = match.end - 1;
  }
  return out;
}

/** A description matched at a "the": its state, office class, the tiers of offices, and the token after it. */
interface DescriptionMatch {
  state: string;
  cls: string;
  tiers: string[][];
  end: number;
}

/** A state name at token `i` (capitalized first word): its states and token count. */
function stateAt(index: Index, tokens: readonly DescribeToken[], i: number): { states: string[]; n: number } | undefined {
  if (!isCapitalized(tokens[i])) return undefined;
  for (const { words, states } of index.names.get(tokens[i]!.norm) ?? []) {
    let k = 1;
    while (k < words.length && i + k < tokens.length && tokens[i + k]!.norm === words[k]) k++;
    if (k === words.length) return { states, n: words.length };
  }
  return undefined;
}

/** A description noun at token `i`: its office class and token count. */
function nounAt(index: Index, tokens: readonly DescribeToken[], i: number): { cls: string; n: number } | undefined {
  if (i >= tokens.length) return undefined;
  for (const { words, cls } of index.nouns.get(tokens[i]!.norm) ?? []) {
    let k = 1;
    while (k < words.length && i + k < tokens.length && tokens[i + k]!.norm === words[k]) k++;
    if (k === words.length) return { cls, n: words.length };
  }
  return undefined;
}

/** "the Rurlandian leader" or "the leader of (communist) Rurland" at token `i` (a "the"), with offices for it in the data. */
function matchDescription(index: Index, tokens: readonly DescribeToken[], i: number): DescriptionMatch | undefined {
  const t = tokens[i]!;
  let k = i + 1;
  while (k < tokens.length && k - i <= 2 && MODIFIERS.has(tokens[k]!.norm)) {
    // "the former leader": the narrative year says little about whom; other rules (salience of evaluations) decide
    if (SHIFTERS.has(tokens[k]!.norm)) return undefined;
    k++;
  }
  let states: string[] | undefined;
  let cls: string | undefined;
  let end = 0;
  const st = stateAt(index, tokens, k);
  const noun = st ? nounAt(index, tokens, k + st.n) : nounAt(index, tokens, k);
  if (st && noun) {
    // "the Rurlandian leader": not "the Rurlandian leader Ona Vask" (an apposition) nor "… leader of X"
    const next = tokens[k + st.n + noun.n];
    if (!isCapitalized(next) && next?.norm !== 'of' && tokens[k + st.n + noun.n - 1]!.sentence === t.sentence) {
      states = st.states;
      cls = noun.cls;
      end = k + st.n + noun.n;
    }
  } else if (!st && noun && tokens[k + noun.n]?.norm === 'of') {
    // "the leader of (the) (communist) Rurland": at most one lower-case modifier before the name
    let j = k + noun.n + 1;
    if (tokens[j]?.norm === 'the') j++;
    if (tokens[j] && LOWER_WORD.test(tokens[j]!.text) && stateAt(index, tokens, j + 1)) j++;
    const s = stateAt(index, tokens, j);
    if (s && tokens[j + s.n - 1]!.sentence === t.sentence) {
      states = s.states;
      cls = noun.cls;
      end = j + s.n;
    }
  }
  if (!states || states.length !== 1 || cls === undefined) return undefined;
  const tiers = index.offices.get(states[0]!)?.[cls];
  return tiers ? { state: states[0]!, cls, tiers, end } : undefined;
}

/** How often each person is named among the linked mentions. */
function namedPeople(linked: readonly DescribedMention[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const m of linked) if (m.label === 'PER' && m.entity) count.set(m.entity, (count.get(m.entity) ?? 0) + 1);
  return count;
}

/**
 * The person a matched description refers to: the one holder at `year` (tier by tier), else the holder
 * named most often; a tie, or several holders at once none of them named, is an unresolved result;
 * undefined when no holder is named and the year does not decide.
 */
function resolveDescription(kb: KnowledgeBase, index: Index, match: DescriptionMatch, start: number, end: number, year: number | undefined, count: ReadonlyMap<string, number>): RoleDescription | undefined {
  // every result has every field (absent ones undefined): one object shape
  const base = { start, end, entity: undefined, name: undefined, candidates: undefined, rule: 'unresolved', score: 0, role: match.cls, state: match.state };
  if (year !== undefined) {
    for (const tier of match.tiers) {
      const then = new Set(tier.flatMap((key) => (index.holders.get(key) ?? []).filter((h) => h.from <= year && year <= h.to).map((h) => h.person)));
      if (then.size === 0) continue;
      const ids = then.size === 1 ? [...then] : [...then].filter((p) => count.has(p));
      if (ids.length === 1 && kb.byId.has(ids[0]!)) {
        return { ...base, entity: ids[0]!, name: kb.byId.get(ids[0]!)!.name, rule: 'role-leader-at-time', score: count.has(ids[0]!) ? 0.7 : 0.55 };
      }
      return { ...base, candidates: [...then].sort() };
    }
  }
  // no time: the holder the document names most often
  const ever = new Set(match.tiers.flat().flatMap((key) => (index.holders.get(key) ?? []).map((h) => h.person)));
  const named = [...ever].filter((p) => count.has(p)).sort((a, b) => count.get(b)! - count.get(a)! || a.localeCompare(b));
  if (named.length === 0) return undefined;
  if (named.length === 1 || count.get(named[0]!)! > count.get(named[1]!)!) {
    return { ...base, entity: named[0]!, name: kb.byId.get(named[0]!)?.name ?? named[0]!, rule: 'role-leader-salient', score: 0.45 };
  }
  return { ...base, candidates: named.filter((p) => count.get(p) === count.get(named[0]!)) };
}
