/**
 * Phrases around a name that are one mention of a state or a body, read from the linked names and the
 * tokens after them:
 * - a state's demonym and a state noun, "the Rurlandian government", "the Rurlandian state" → the state
 *   as an actor (rule `demonym-state`; the nouns are data, `data/lexicon/body-phrases.json`);
 * - a demonym before a body of that state, "the Rurlandian People's Army" → the body (rule `demonym-body`;
 *   the body's `partOf` chain in the KB must reach the state);
 * - a person's name before a body the person held an office in (or in the body it belongs to, or one of
 *   its parts), "the Vask Central Committee" → the body (rule `person-body`);
 * - a body's name or metonym and a plural noun for the people who run it, "the Kremlin leaders",
 *   "the Oster revisionists" → the body (rule `body-members`);
 * - a name the KB does not know used as a modifier of a plural group noun, "the Vaskist splinter
 *   parties" → one new group named by the whole phrase (rule `modifier-group`).
 * Pure: returns new results, one per input result in the same order; a modifier's or a noun's own mention
 * is marked part of the longer one.
 */
import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from '../../kb/types.ts';
import { firstStartingFrom } from '../../core/spans.ts';
import type { EntityCandidate } from '../mentions/find-mentions.ts';
import { asPartOfName, resultOf, type LinkResult } from './link-result.ts';
import { ancestorsOf } from './related-entities.ts';
import { demonymEntities } from './modified-names.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const UPPER_INITIAL = /^\p{Lu}/u;
const LOWER_INITIAL = /^\p{Ll}/u;
const ED_FORM = /^[a-z]+ed$/;
const LOWER_WORD = /^\p{Ll}+$/u;

/** The contents of `data/lexicon/body-phrases.json`. */
export interface BodyPhraseWords {
  /** Nouns after a demonym that make it the state ("government"), lower case. */
  stateNouns: readonly string[];
  /** Plural nouns after a body's name that stand for the body ("leaders"), lower case. */
  memberNouns: readonly string[];
  /** Plural group nouns that make an unknown modifying name and them one group ("parties"), lower case. */
  groupHeads: readonly string[];
}

let loaded: { stateNouns: Set<string>; memberNouns: Set<string>; groupHeads: Set<string> } | undefined;

/** Loads `data/lexicon/body-phrases.json` once, as sets. */
export function loadBodyPhraseWords(): { stateNouns: Set<string>; memberNouns: Set<string>; groupHeads: Set<string> } {
  if (!loaded) {
    const raw = JSON.parse(readFileSync(new URL('../../../data/lexicon/body-phrases.json', import.meta.url), 'utf8')) as BodyPhraseWords;
    loaded = { stateNouns: new Set(raw.stateNouns), memberNouns: new Set(raw.memberNouns), groupHeads: new Set(raw.groupHeads) };
  }
  return loaded;
}

/** A token: span, surface text, lower-cased form, sentence. */
export interface BodyPhraseToken {
  start: number;
  end: number;
  text: string;
  norm: string;
  sentence: number;
}

/** What the rules read besides the results and tokens. */
export interface BodyPhraseContext {
  /** Candidates of the input mention behind result `k` (results past the inputs have none). */
  candidates: ReadonlyArray<readonly EntityCandidate[] | undefined>;
  stateNouns: ReadonlySet<string>;
  memberNouns: ReadonlySet<string>;
  /** Verbs and auxiliaries (lower case) that may follow a noun phrase ("the Rurlandian government decided"). */
  verbs: ReadonlySet<string>;
  /** Plural group nouns for rule `modifier-group`; none when absent. */
  groupHeads?: ReadonlySet<string>;
  /** The local entity id of a new name (`local:<slug>`); rule `modifier-group` is off when absent. */
  localIdOf?: (name: string) => string;
}

/** Words that may follow "the <demonym> <state noun>" when the noun heads the phrase (not "state farms"). */
const AFTER_HEAD = new Set(['and', 'or', 'but', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'as', 'than', 'that', 'which', 'who', 'itself', 'not', 'also', 'then', 'would', 'will', 'did', 'could', 'should']);

/** Subtypes of bodies that act as one leadership, whose members' plural stands for them ("the Kremlin leaders"). */
const LEADERSHIP_SUBTYPES = new Set(['leadership', 'government', 'party body']);

/** Whether token `u` (after a state noun) leaves the noun the head of its phrase: punctuation, a function word or a verb (not "of", not a name, not another noun). */
function endsPhrase(u: BodyPhraseToken | undefined, sentence: number, verbs: ReadonlySet<string>): boolean {
  if (u === undefined || u.sentence !== sentence) return true;
  // "the Rurlandian state Oster": a name after the noun is what it describes
  if (UPPER_INITIAL.test(u.text)) return false;
  if (!LOWER_INITIAL.test(u.text)) return true;
  if (u.norm === 'of') return false;
  return AFTER_HEAD.has(u.norm) || verbs.has(u.norm) || ED_FORM.test(u.norm);
}

/** Whether a person held an office in a body, in the body it belongs to, or in one of its parts. */
function heldOfficeIn(kb: KnowledgeBase, person: string, body: string): boolean {
  const up = ancestorsOf(kb, body);
  for (const r of kb.roles) {
    if (r.person !== person || r.org === undefined) continue;
    if (r.org === body || up.includes(r.org) || ancestorsOf(kb, r.org).includes(body)) return true;
  }
  return false;
}

/** Joins the phrases described in the module comment; `text` is the document text (joined parts are separated by spaces only). */
export function joinBodyPhrases(kb: KnowledgeBase, results: readonly LinkResult[], tokens: readonly BodyPhraseToken[], text: string, ctx: BodyPhraseContext): LinkResult[] {
  const out = results.slice();
  /** The result (not part of a name) ending at `end` / starting at `start`, by index. */
  const endingAt = new Map<number, number>();
  const startingAt = new Map<number, number>();
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    if (r.partOfName) continue;
    if (!endingAt.has(r.end)) endingAt.set(r.end, k);
    if (!startingAt.has(r.start)) startingAt.set(r.start, k);
  }
  for (let k = 0; k < ctx.candidates.length && k < out.length; k++) {
    const r = out[k]!;
    if (r.partOfName) continue;
    const demonyms = demonymEntities(ctx.candidates[k]);
    if (demonyms) {
      const joined = demonymState(kb, r, demonyms, tokens, ctx, text);
      if (joined) {
        // the noun's own mention, if any, is part of the phrase
        const n = startingAt.get(joined.nounStart);
        if (n !== undefined && out[n]!.end <= joined.result.end) out[n] = asPartOfName(out[n]!);
        out[k] = joined.result;
      }
      continue;
    }
    if (r.linkRule === 'local-new' && (r.label === 'MISC' || r.label === 'GRP')) {
      const group = modifiedGroup(r, tokens, ctx, text);
      if (group) out[k] = group;
      continue;
    }
    const e = r.entity ? kb.byId.get(r.entity) : undefined;
    if (!e || r.label !== 'ORG' || (e.type !== 'organization' && r.standsFor === undefined)) continue;
    // a modifier before the body: a demonym of its state, or a person who held an office in it
    const q = endingAt.get(findGapStart(text, r.start));
    if (q !== undefined && q !== k && isSpaced(text, out[q]!.end, r.start)) {
      const m = out[q]!;
      const ds = q < ctx.candidates.length ? demonymEntities(ctx.candidates[q]) : undefined;
      const rule =
        e.type === 'organization' && ds && namesAncestor(kb, ds, e.id)
          ? 'demonym-body'
          : e.type === 'organization' && m.label === 'PER' && m.entity && kb.byId.get(m.entity)?.type === 'person' && heldOfficeIn(kb, m.entity, e.id)
            ? 'person-body'
            : undefined;
      if (rule) {
        out[q] = asPartOfName(m);
        out[k] = resultOf(m.start, r.end, r.label, r.form, rule, Math.min(r.linkScore, 0.75), r.entity, r.name, r.standsFor, r.via, r.candidates, r.partOfName);
      }
    }
    // a noun for the people who run it after the body: "the Kremlin leaders"
    const r2 = out[k]!;
    const i = firstStartingFrom(tokens, r2.end);
    const t = tokens[i];
    if (!t || !ctx.memberNouns.has(t.norm) || !LOWER_INITIAL.test(t.text) || !isSpaced(text, r2.end, t.start)) continue;
    // "the party leadership" is the body; "the Komsomol leaders" may be its officials one by one, unless the
    // name is a seat of power or a leadership that acts as one ("the Kremlin leaders")
    if (t.norm !== 'leadership' && r2.standsFor === undefined && !LEADERSHIP_SUBTYPES.has(e.subtype ?? '')) continue;
    const n = startingAt.get(t.start);
    if (n !== undefined && out[n]!.end > t.end) continue;
    if (n !== undefined) out[n] = asPartOfName(out[n]!);
    out[k] = resultOf(r2.start, t.end, 'ORG', r2.form, 'body-members', Math.min(r2.linkScore, 0.7), r2.entity, r2.name, r2.standsFor, r2.via, r2.candidates, r2.partOfName);
  }
  return out;
}

/**
 * Whether one of the demonyms' entities `ds` is among the ancestors of `id`. (A module function: a closure
 * over the loop's variables in `joinBodyPhrases` would make the engine allocate them anew for every result.)
 */
function namesAncestor(kb: KnowledgeBase, ds: readonly string[], id: string): boolean {
  return ds.some((d) => ancestorsOf(kb, id).includes(d));
}

/** Whether `text` from `a` to `b` is one or more spaces and tabs (no copy of the gap is cut). */
function isSpaced(text: string, a: number, b: number): boolean {
  if (a < 0) return a < b && /^[ \t]+$/.test(text.slice(a, b));
  const e = Math.min(b, text.length);
  if (a >= e) return false;
  for (let i = a; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** The position where the run of spaces and tabs before `pos` starts. */
function findGapStart(text: string, pos: number): number {
  let p = pos;
  while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
  return p;
}

/** "the Rurlandian government": the demonym's one state, as an actor, over the demonym and the noun. */
function demonymState(
  kb: KnowledgeBase,
  r: LinkResult,
  demonyms: readonly string[],
  tokens: readonly BodyPhraseToken[],
  ctx: BodyPhraseContext,
  text: string,
): { result: LinkResult; nounStart: number } | undefined {
  // a demonym shared by several states names one only when linked ("Korean" read from the document)
  const state = demonyms.length === 1 ? demonyms[0]! : r.entity !== undefined && demonyms.includes(r.entity) ? r.entity : undefined;
  if (state === undefined || !kb.byId.has(state)) return undefined;
  const i = firstStartingFrom(tokens, r.end);
  const t = tokens[i];
  if (!t || !ctx.stateNouns.has(t.norm) || !LOWER_INITIAL.test(t.text) || !isSpaced(text, r.end, t.start)) return undefined;
  if (!endsPhrase(tokens[i + 1], t.sentence, ctx.verbs)) return undefined;
  const result = resultOf(r.start, t.end, 'ORG', 'description', 'demonym-state', 0.7, state, kb.byId.get(state)!.name, state, undefined, undefined, undefined);
  return { result, nounStart: t.start };
}

/** Words that cannot stand inside "<name> … <group noun>": function words and determiners. */
const NOT_INSIDE = new Set(['and', 'or', 'of', 'the', 'a', 'an', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'that', 'which', 'who', 'were', 'was', 'are', 'is']);

/** "the Vaskist splinter parties": an unknown name, at most two lower-case words and a group noun, as one new group. */
function modifiedGroup(r: LinkResult, tokens: readonly BodyPhraseToken[], ctx: BodyPhraseContext, text: string): LinkResult | undefined {
  if (!ctx.groupHeads || !ctx.localIdOf || !UPPER_INITIAL.test(text.slice(r.start, r.end))) return undefined;
  let i = firstStartingFrom(tokens, r.end);
  let last = r.end;
  for (let n = 0; n < 3 && i < tokens.length; n++, i++) {
    const t = tokens[i]!;
    if (!isSpaced(text, last, t.start) || !LOWER_WORD.test(t.text) || NOT_INSIDE.has(t.norm)) return undefined;
    if (ctx.groupHeads.has(t.norm)) {
      const name = text.slice(r.start, t.end);
      return resultOf(r.start, t.end, 'GRP', 'name', 'modifier-group', 0.5, ctx.localIdOf(name), name, undefined, undefined, undefined, undefined);
    }
    last = t.end;
  }
  return undefined;
}
