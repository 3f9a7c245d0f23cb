/**
 * A name with a modifier before it is one mention of the named entity: a demonym before a place of
 * that state (the KB's `partOf`/`standsFor`: "Rurlandian Oster") or before a person ("Rurlandian Vask"),
 * or an adjective of regime or ideology before a place ("communist Rurland"). A person takes a demonym only when the person held an office of that state
 * (a demonym before another country's politician is a comparison: "the Rurlandian Vask" said of a
 * foreigner stays apart). An adjective of regime before a seat of government makes it the government
 * it stands for ("communist Oster" acts as Rurland). Pure: returns new results; the demonym's own
 * mention is marked part of the longer one.
 */
import type { KnowledgeBase } from '../../kb/types.ts';
import { firstStartingFrom } from '../../core/spans.ts';
import type { EntityCandidate, MentionLabel } from '../mentions/find-mentions.ts';
import { asPartOfName, resultOf, type LinkResult } from './link-result.ts';
import { ancestorsOf } from './related-entities.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const SPACES_ONLY = /^\s+$/;

/**
 * A copy of a result with a new start, rule and (optionally) reading, every field present in the order
 * `linkResult` gives them: copies share the object shape of the linker's results (a spread may not).
 */
function moved(r: LinkResult, start: number, reading?: { entity: string; name: string | undefined; label: MentionLabel; standsFor: string; via: string | undefined; form: string }): LinkResult {
  return reading
    ? resultOf(start, r.end, reading.label, reading.form, 'modifier-name', r.linkScore, reading.entity, reading.name, reading.standsFor, reading.via, r.candidates, r.partOfName)
    : resultOf(start, r.end, r.label, r.form, 'modifier-name', r.linkScore, r.entity, r.name, r.standsFor, r.via, r.candidates, r.partOfName);
}

/** The entities of a modifier's candidates when all of them are demonyms (distinct, in order), else undefined. */
export function demonymEntities(cands: readonly EntityCandidate[] | undefined): string[] | undefined {
  if (cands === undefined || cands.length === 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < cands.length; i++) {
    const x = cands[i]!;
    if (x.kind !== 'demonym') return undefined;
    if (!out.includes(x.entity)) out.push(x.entity);
  }
  return out;
}

/** A token: span, surface text, lower-cased form, sentence. */
export interface ModifierToken {
  start: number;
  end: number;
  text: string;
  norm: string;
  sentence: number;
}

/** What the rule needs besides the results: the mentions' candidates and the metonym readings. */
export interface ModifierContext {
  /** Candidates of the input mention behind result `k` (results past the inputs have none). */
  candidates: ReadonlyArray<readonly EntityCandidate[] | undefined>;
  /** The acting entity a place name may stand for (metonymy), per input mention. */
  acting: ReadonlyArray<string | undefined>;
  politicalAdjectives: ReadonlySet<string>;
  /** Office keys that belong to a state (beyond offices in the state's own bodies), e.g. from the state-leaders data. */
  stateOffices?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Index of the token starting exactly at `pos` (tokens sorted by start), or -1. */
function tokenStartingAt(tokens: readonly ModifierToken[], pos: number): number {
  const lo = firstStartingFrom(tokens, pos);
  return lo < tokens.length && tokens[lo]!.start === pos ? lo : -1;
}

/** Whether a person held an office of a state: in one of its bodies, or one of the offices the data ties to it. */
function heldOfficeOf(kb: KnowledgeBase, person: string, states: readonly string[], stateOffices: ModifierContext['stateOffices']): boolean {
  return kb.roles.some(
    (r) =>
      r.person === person &&
      states.some((s) => r.org === s || (r.org !== undefined && ancestorsOf(kb, r.org).includes(s)) || (stateOffices?.get(s)?.has(r.officeKey) ?? false)),
  );
}

/**
 * Joins modifiers to the names after them (rule `modifier-name`, the name's link kept). `text` is the
 * document text (the modifier and the name must be separated by spaces only).
 */
export function joinModifiedNames(kb: KnowledgeBase, results: readonly LinkResult[], tokens: readonly ModifierToken[], text: string, ctx: ModifierContext): LinkResult[] {
  const out = results.slice();
  const byStart = new Map<number, number>();
  for (let k = 0; k < results.length; k++) {
    const r = results[k]!;
    if (!r.partOfName && !byStart.has(r.start)) byStart.set(r.start, k);
  }
  for (let k = 0; k < results.length; k++) {
    const r = out[k]!;
    if (r.partOfName || !r.entity || (r.label !== 'LOC' && r.label !== 'PER' && r.standsFor === undefined)) continue;
    const i = tokenStartingAt(tokens, r.start);
    if (i <= 0) continue;
    const p = tokens[i - 1]!;
    if (p.sentence !== tokens[i]!.sentence || !SPACES_ONLY.test(text.slice(p.end, r.start))) continue;
    // the modifier is a demonym mention of its own ("Rurlandian"), or an adjective of regime ("communist")
    const q = byStart.get(p.start);
    const demonymOf = q !== undefined && out[q]!.end === p.end ? demonymEntities(ctx.candidates[q]) : undefined;
    const political = ctx.politicalAdjectives.has(p.norm);
    if (!demonymOf && !political) continue;
    const next = joinedReading(kb, r, ctx, k, p.start, demonymOf, political);
    if (!next) continue;
    out[k] = next;
    if (demonymOf && q !== undefined) out[q] = asPartOfName(out[q]!);
  }
  return out;
}

/** The result `r` (input `k`) joined with the modifier starting at `start`, or undefined when they stay apart. */
function joinedReading(kb: KnowledgeBase, r: LinkResult, ctx: ModifierContext, k: number, start: number, demonymOf: string[] | undefined, political: boolean): LinkResult | undefined {
  const e = kb.byId.get(r.entity!);
  if (!e) return undefined;
  if (e.type === 'person' || r.label === 'PER') {
    if (!demonymOf || !heldOfficeOf(kb, r.entity!, demonymOf, ctx.stateOffices)) return undefined;
    return moved(r, start);
  }
  const acting = ctx.acting[k];
  if (political && acting && !r.standsFor) {
    // "communist Oster": a regime's adjective makes the seat of government the government
    return moved(r, start, { entity: acting, name: kb.byId.get(acting)?.name ?? r.name, label: 'ORG', standsFor: acting, via: r.entity, form: 'metonym' });
  }
  if ((e.type === 'place' || r.standsFor) && (political || demonymOf!.some((d) => d === r.entity || ancestorsOf(kb, e.id).includes(d)))) {
    // a demonym before a place of that state ("Rurlandian Oster"); "French Sudan", "Western Australia" name other places
    return moved(r, start);
  }
  return undefined;
}
