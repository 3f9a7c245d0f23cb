/**
 * Links recognized mentions to knowledge-base entities or to local entities, inside one document:
 * unique aliases first, then ambiguous names by document context and time, metonyms by the words
 * around them (`metonym-context.ts`), generic short forms of bodies ("the party", "the city council")
 * by what the document is related to (`related-entities.ts`), short forms, patronymic forms and
 * epithets by coreference with fuller mentions, and names the KB does not know to `local:<slug>` ids
 * shared by every document that names them the same way. A modifier with its name ("communist Rurland",
 * `modified-names.ts`) is one mention, and so is a phrase around a name that names a state or body ("the
 * Rurlandian government", "the Kremlin leaders", `join-body-phrases.ts`); role descriptions of state leaders ("the Rurlandian leader") are resolved through the KB's offices
 * (`role-descriptions.ts`).
 */
import { readFileSync } from 'node:fs';
import { yearOfEdtf } from '../../core/time.ts';
import { aliasTokens } from '../../kb/alias-index.ts';
import type { KbEntity, KnowledgeBase } from '../../kb/types.ts';
import { TYPE_LABEL, type EntityCandidate, type MentionLabel } from '../mentions/find-mentions.ts';
import { documentAffinity, isRelatedToDocument } from './related-entities.ts';
import { metonymContext, type MetonymWindow } from './metonym-context.ts';
import { findDescriptions } from './describe-persons.ts';
import { expandCoordination } from './expand-coordination.ts';
import { findEvaluations, isNounTakenForName, loadPersonLexicon, type EvaluatedMention } from './evaluate-persons.ts';
import { findRoleDescriptions, loadStateLeaders, type StateLeaders } from './role-descriptions.ts';
import { joinModifiedNames } from './modified-names.ts';
import { joinBodyPhrases, loadBodyPhraseWords } from './join-body-phrases.ts';
import { asPartOfName, resultOf, type LinkResult } from './link-result.ts';
import { entityWordReason } from './entity-words.ts';
import { buildGazetteer, lookup } from '../mentions/gazetteer.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const NOT_SLUG_CHARS = /[^a-z0-9-]/g;
const HYPHEN_RUNS = /-+/g;
const EDGE_HYPHENS = /^-|-$/g;
const PATRONYMIC = /^[a-z]{3,}(?:ovich|evich|ovna|evna|ichna|inichna|ilyich|ich)$/;
const AND_OR_GAP = /^\s+(?:and|or)\s+$/;
const NUMBER_OR_ORDINAL = /^\d+(?:st|nd|rd|th)?$/i;
const HYPHEN = /[-\u2010\u2011\u2013]/;
const UPPER_INITIAL = /^\p{Lu}/u;
const YEAR_WORD = /^(?:1[89]\d\d|20\d\d)$/;
const ASCII_LOWER_WORD = /^[a-z]+$/;
const ED_OR_S_ENDING = /(?:ed|s)$/;

export { asPartOfName, linkResult, type LinkResult } from './link-result.ts';

/** Context vocabularies (data, not code): see `context-cues.json`. */
interface ContextCues {
  agentVerbs: string[];
  agentNouns: string[];
  agentBefore: string[];
  literalBefore: string[];
  placeBefore: string[];
  positionBefore: string[];
  auxiliaries: string[];
  clauseOpeners: string[];
  titles: string[];
  roleNouns: string[];
  /** Office head nouns beyond the role nouns, for an office right before a name ("commissar"). */
  officeNouns: string[];
  genericRoleNouns: string[];
  notNames: string[];
  pastVerbs: string[];
  honorifics: string[];
  politicalAdjectives: string[];
}

type Cues = { [K in Exclude<keyof ContextCues, 'titles' | 'roleNouns' | 'officeNouns'>]: Set<string> } & {
  titles: string[];
  roleNouns: string[];
  officeNouns: string[];
  /** Agent verbs, auxiliaries and past-tense verbs together. */
  verbs: Set<string>;
};
let cues: Cues | undefined;

/** Loads the context vocabularies once. */
function loadCues(): Cues {
  if (!cues) {
    const raw = JSON.parse(readFileSync(new URL('./context-cues.json', import.meta.url), 'utf8')) as ContextCues;
    cues = {
      agentVerbs: new Set(raw.agentVerbs),
      agentNouns: new Set(raw.agentNouns),
      agentBefore: new Set(raw.agentBefore),
      literalBefore: new Set(raw.literalBefore),
      placeBefore: new Set(raw.placeBefore),
      positionBefore: new Set(raw.positionBefore),
      auxiliaries: new Set(raw.auxiliaries),
      clauseOpeners: new Set(raw.clauseOpeners),
      titles: raw.titles,
      roleNouns: raw.roleNouns,
      officeNouns: raw.officeNouns,
      genericRoleNouns: new Set(raw.genericRoleNouns),
      notNames: new Set(raw.notNames),
      pastVerbs: new Set(raw.pastVerbs),
      honorifics: new Set(raw.honorifics),
      politicalAdjectives: new Set(raw.politicalAdjectives),
      verbs: new Set([...raw.agentVerbs, ...raw.auxiliaries, ...raw.pastVerbs]),
    };
  }
  return cues;
}

let stateNouns: string[] | undefined;
/** The nouns of a state's offices in `data/lexicon/state-leaders.json` ("leader", "foreign minister"), made once. */
function stateOfficeNouns(): string[] {
  return (stateNouns ??= Object.keys(loadStateLeaders().nouns));
}

/** A mention to link: span, label, the gazetteer's candidates, and the words around it. */
export interface LinkInput {
  start: number;
  end: number;
  label: MentionLabel;
  text: string;
  candidates: EntityCandidate[];
  /** Up to two lower-cased tokens before the mention, nearest last. */
  before: string[];
  /** Up to two lower-cased tokens after the mention, nearest first. */
  after: string[];
  /** The recognizer's type for the same span, if any. */
  modelLabel?: MentionLabel;
  /** Up to four tokens each side as written, within the sentence, and whether the mention opens it. */
  window?: MetonymWindow;
  /** Inside a longer name ("Warsaw" in "Warsaw Pact"): a place named inside a name is the place. */
  nested?: boolean;
}

/** Most names a memo of `nameTokens` or `localId` keeps before it starts over. */
const NAME_MEMO_LIMIT = 50_000;
/**
 * Names shorter than this are memoized across documents (names recur from one document to the next:
 * countries, parties, people). A longer one cut from a document may be a slice that keeps the whole
 * document text alive, so it is memoized for the document being linked only (`startDocumentMemos`).
 */
const SHARED_NAME_LENGTH = 13;
const nameMemo = new Map<string, string[]>();
const documentNameMemo = new Map<string, string[]>();
const localIdMemo = new Map<string, string>();
const documentLocalIdMemo = new Map<string, string>();

/** Empties the memos of the previous document's long names. */
function startDocumentMemos(): void {
  documentNameMemo.clear();
  documentLocalIdMemo.clear();
}

/** The memo for a name: the shared one for a short name, else the current document's. */
function memoFor<V>(text: string, shared: Map<string, V>, document: Map<string, V>): Map<string, V> {
  const memo = text.length < SHARED_NAME_LENGTH ? shared : document;
  if (memo.size >= NAME_MEMO_LIMIT) memo.clear();
  return memo;
}

/** `aliasTokens` of a mention's text, memoized (`SHARED_NAME_LENGTH`). The arrays are shared: callers only read them. */
function nameTokens(text: string): string[] {
  const memo = memoFor(text, nameMemo, documentNameMemo);
  let t = memo.get(text);
  if (!t) memo.set(text, (t = aliasTokens(text)));
  return t;
}

/** Turns a name into a local entity id: `local:patrice-lumumba`. */
export function localId(name: string): string {
  const memo = memoFor(name, localIdMemo, documentLocalIdMemo);
  let id = memo.get(name);
  if (id === undefined) memo.set(name, (id = localIdOfTokens(nameTokens(name))));
  return id;
}

/** `localId` from a name's `aliasTokens`. */
function localIdOfTokens(tokens: readonly string[]): string {
  const joined = tokens.join('-');
  // tokens of [a-z0-9] alone (most names) join into their slug as they are: no expression to run
  const slug = isPlainSlug(tokens) ? joined : joined.replace(NOT_SLUG_CHARS, '').replace(HYPHEN_RUNS, '-').replace(EDGE_HYPHENS, '');
  return `local:${slug || 'unnamed'}`;
}

/** Whether every token is non-empty and of [a-z0-9] only, so that joining them with "-" gives the slug unchanged. */
function isPlainSlug(tokens: readonly string[]): boolean {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.length === 0) return false;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
    }
  }
  return true;
}

/** Years (1800–2099) written in a text: the document's time context. */
export function yearsInText(text: string): number[] {
  return [...text.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)].map((m) => Number(m[1]));
}

const yearOf = yearOfEdtf;

const roleCache = new WeakMap<KnowledgeBase, Map<string, Array<[number, number]>>>();

const typeCache = new WeakMap<KnowledgeBase, Map<string, KbEntity['type']>>();

/**
 * The type of every KB entity by id, indexed once per knowledge base: KB records come in many object
 * shapes (optional fields), and reading `type` through this one map keeps the readers monomorphic.
 */
function entityTypes(kb: KnowledgeBase): Map<string, KbEntity['type']> {
  let m = typeCache.get(kb);
  if (!m) {
    m = new Map(kb.entities.map((e) => [e.id, e.type]));
    typeCache.set(kb, m);
  }
  return m;
}

/** Year ranges of every person's offices, indexed once per knowledge base. */
function roleYears(kb: KnowledgeBase): Map<string, Array<[number, number]>> {
  let m = roleCache.get(kb);
  if (!m) {
    m = new Map();
    for (const r of kb.roles) {
      let list = m.get(r.person);
      if (!list) m.set(r.person, (list = []));
      list.push([yearOf(r.from) ?? -Infinity, yearOf(r.to) ?? Infinity]);
    }
    roleCache.set(kb, m);
  }
  return m;
}

/** The name forms of a person a short form may be taken from, and the ones that are the person's own names. */
interface PersonNameForms {
  /** Tokens of the name and of the full, canonical, given, surname and patronymic aliases. */
  fuller: string[][];
  /** The name and the aliases of `NAME_FORMS` kinds, as joined tokens. */
  own: Set<string>;
}

/** Alias kinds that are a person's own names (not titles or epithets). */
const NAME_FORMS = ['canonical', 'full', 'surname', 'given', 'patronymic', 'transliteration', 'nickname', 'short-form', 'name'];
const FULLER_FORMS = ['full', 'canonical', 'given', 'surname', 'patronymic'];
const nameFormCache = new WeakMap<KnowledgeBase, Map<string, PersonNameForms>>();

/** A KB entity's name forms, tokenized once per knowledge base. */
function personNameForms(kb: KnowledgeBase, e: KbEntity): PersonNameForms {
  let byId = nameFormCache.get(kb);
  if (!byId) nameFormCache.set(kb, (byId = new Map()));
  let forms = byId.get(e.id);
  if (!forms) {
    forms = {
      fuller: [e.name, ...e.aliases.filter((x) => FULLER_FORMS.includes(x.kind)).map((x) => x.text)].map(aliasTokens),
      own: new Set([e.name, ...e.aliases.filter((a) => NAME_FORMS.includes(a.kind)).map((a) => a.text)].map((n) => aliasTokens(n).join(' '))),
    };
    byId.set(e.id, forms);
  }
  return forms;
}

/** Share of the document's years that fall inside an entity's lifetime or its offices (0–1). */
function timeFit(kb: KnowledgeBase, e: KbEntity, years: readonly number[]): number {
  if (years.length === 0) return 0;
  const ranges = roleYears(kb).get(e.id) ?? [];
  // an undated entity (most places) gets no time evidence either way
  if (!e.start && !e.end && ranges.length === 0) return 0;
  const life: [number, number] = [yearOf(e.start) ?? -Infinity, yearOf(e.end) ?? Infinity];
  let inRole = 0;
  let alive = 0;
  for (const y of years) {
    if (ranges.some(([a, b]) => a <= y && y <= b)) inRole++;
    if (life[0] <= y && y <= life[1]) alive++;
  }
  return (alive + 2 * inRole) / (3 * years.length);
}

/**
 * Whether name tokens are a short form of fuller ones: a subset ("lumumba" of "patrice lumumba"),
 * possibly with initials ("p lumumba"), and strictly less informative.
 */
export function isShortFormOf(short: readonly string[], full: readonly string[]): boolean {
  if (short.length === 0 || short.length > full.length) return false;
  let initials = 0;
  for (const t of short) {
    if (full.includes(t)) continue;
    if (t.length === 1 && full.some((f) => f.length > 1 && f.startsWith(t))) initials++;
    else return false;
  }
  return short.length < full.length || initials > 0;
}

/** Whether a name token is shaped like an East Slavic patronymic ("sergeyevich", "ivanovna", "ilyich"). */
export function isPatronymic(token: string): boolean {
  return PATRONYMIC.test(token) && token.length > 5;
}

const regExps = new Map<string, RegExp>();

/** A case-insensitive, stateless regular expression compiled once per pattern. */
function cachedRegExp(pattern: string): RegExp {
  let re = regExps.get(pattern);
  if (!re) regExps.set(pattern, (re = new RegExp(pattern, 'i')));
  return re;
}

/** Titles that are also common adjectives ("the general public", "the premier league"). */
const ADJECTIVAL_TITLES = new Set(['general', 'premier']);

/** Opening quotation marks and the closing marks that may end them. */
const QUOTE_PAIRS: Record<string, string> = { '"': '"”', '“': '”"', '«': '»', '„': '“”', "'": "'’", '‘': '’' };

/** Options of `linkMentions`. */
export interface LinkOptions {
  /** The whole document text (for years). */
  text: string;
  /**
   * The document's tokens (start, end, lower-cased form, sentence index), to find titles used as names
   * ("the marshal") and descriptions of people ("the historian", "Jan Peeters, director of …").
   */
  tokens?: ReadonlyArray<{ start: number; end: number; norm: string; sentence?: number; text?: string }>;
}

type FullToken = { start: number; end: number; norm: string; sentence: number; text: string };

/** The tokens with their surface text and sentence: the given records when they carry both already (no copy). */
function withText(text: string, tokens: NonNullable<LinkOptions['tokens']>): FullToken[] {
  if (tokens.every((t) => typeof t.text === 'string' && typeof t.sentence === 'number')) return tokens as FullToken[];
  return tokens.map((t) => ({ ...t, text: text.slice(t.start, t.end), sentence: t.sentence ?? 0 }));
}

/** Alias kinds strong enough for a unique alias to link with the higher score. */
const STRONG_KINDS = new Set(['canonical', 'full', 'abbreviation', 'transliteration', 'former', 'later', 'title', 'patronymic']);
/** Alias kinds that favour a candidate of an ambiguous name a little. */
const PREFERRED_KINDS = new Set(['canonical', 'full', 'surname', 'abbreviation']);

/** No entity ids (the sure set before pass 1 has run). */
const NO_IDS: ReadonlySet<string> = new Set();

/** The metonym readings of a mention's candidates. */
interface Metonymy {
  literal?: string;
  acting?: string;
}

/**
 * What the passes of `linkMentions` share for one document (one object, read by module-level functions:
 * closures made anew for every document cost an allocation, and under tsx a `__name` call, each).
 */
interface LinkState {
  kb: KnowledgeBase;
  cues: Cues;
  mentions: readonly LinkInput[];
  text: string;
  years: number[];
  /** One result per mention, filled pass by pass. */
  results: (LinkResult | undefined)[];
  /** How often each entity has been linked so far. */
  seen: Map<string, number>;
  /** The entities linked by pass 1 (unique aliases). */
  sure: ReadonlySet<string>;
}

/**
 * Pass 3 of `linkMentions` for one mention whose candidates `ctx` need context: the one such entity the
 * document names (`seen`), else the one body or place it is related to, else no name or unresolved. (Its own
 * function: closures over the variables of the mention loop would make the engine allocate them anew for
 * every mention.)
 */
function linkInContext(st: LinkState, m: LinkInput, ctx: readonly EntityCandidate[], named: ReadonlySet<string>, affinity: ReadonlySet<string>): LinkResult {
  const { kb, seen, years, results } = st;
  const ids = [...new Set(ctx.map((x) => x.entity))];
  const inDoc = ids.filter((id) => seen.has(id));
  const related = ids.filter(
    (id) => !seen.has(id) && ctx.some((x) => x.entity === id && isInPeriod(years, x)) && (isRelatedToSeen(kb, seen, id) || isRelatedToDocument(kb, id, named, affinity)),
  );
  if (inDoc.length === 1 && ctx.some((x) => x.entity === inDoc[0] && x.folded) && lastPersonBefore(kb, results, m.start) !== inDoc[0]) {
    // "the leader" for "the Leader": only right after the person is named; else a common noun, no name
    return resultOf(m.start, m.end, m.label, 'name', 'not-a-name', 0, undefined, undefined, undefined, undefined, undefined, true);
  } else if (inDoc.length === 1) {
    return linkTo(st, m, inDoc[0]!, ctx.find((x) => x.entity === inDoc[0])!.kind, 'epithet-in-context', 0.75);
  } else if (inDoc.length === 0 && related.length === 1) {
    // "the party", "the Presidium": a body of a state or party the document names
    return linkTo(st, m, related[0]!, ctx.find((x) => x.entity === related[0])!.kind, 'related-in-context', 0.6);
  } else if (ctx.every((x) => x.folded) && m.candidates.every((x) => x.needsContext)) {
    // a lower-case "the leader" that is no one's epithet here is a common noun, not an unresolved name
    return resultOf(m.start, m.end, m.label, 'name', 'not-a-name', 0, undefined, undefined, undefined, undefined, undefined, true);
  }
  return resultOf(m.start, m.end, m.label, ctx[0]!.kind, 'unresolved', 0, undefined, undefined, undefined, undefined, [...new Set(ctx.map((x) => x.entity))]);
}

/** The alias kind of the first candidate for entity `id` (there is one). */
function kindOf(candidates: readonly EntityCandidate[], id: string): EntityCandidate['kind'] {
  return candidates.find((x) => x.entity === id)!.kind;
}

/** The first person's result that strictly contains `r` (another result, longer). */
function personAround(persons: readonly LinkResult[], r: LinkResult): LinkResult | undefined {
  return persons.find((p) => p !== r && p.start <= r.start && r.end <= p.end && p.end - p.start > r.end - r.start);
}

/** Whether one of the candidates is for entity `id`. */
function hasCandidateFor(candidates: readonly EntityCandidate[], id: string | undefined): boolean {
  for (let k = 0; k < candidates.length; k++) if (candidates[k]!.entity === id) return true;
  return false;
}

/** A KB entity or key event by id. */
function entityOf(kb: KnowledgeBase, id: string) {
  return kb.byId.get(id) ?? kb.eventById.get(id);
}

/** The label of a mention linked to `id`: the entity's type, a group stays a group. */
function labelOf(kb: KnowledgeBase, m: LinkInput, id: string, fallback: MentionLabel): MentionLabel {
  if (m.label === 'GRP') return 'GRP';
  const e = kb.byId.get(id);
  return e ? TYPE_LABEL[e.type] : fallback;
}

/** A mention linked to `id` (counted in `seen`), named by the entity's name, else as written. */
function linkTo(st: LinkState, m: LinkInput, id: string, form: string, rule: string, score: number, label?: MentionLabel, standsFor?: string, via?: string): LinkResult {
  st.seen.set(id, (st.seen.get(id) ?? 0) + 1);
  return resultOf(m.start, m.end, label ?? labelOf(st.kb, m, id, m.label), form, rule, score, id, entityOf(st.kb, id)?.name ?? m.text, standsFor, via);
}

/** Metonymy: the government or body a place name stands for, and the literal place, when both readings exist. */
function metonymyOf(kb: KnowledgeBase, m: LinkInput): Metonymy {
  let literal: string | undefined;
  let acting: string | undefined;
  for (const cand of m.candidates) {
    const e = kb.byId.get(cand.entity);
    if (!e) continue;
    if (cand.kind === 'metonym') acting ??= e.id;
    else if (e.type === 'place') {
      literal ??= e.id;
      if (e.standsFor) acting ??= e.standsFor;
    }
  }
  return { literal, acting };
}

/** The readings of a mention without candidates (shared: it is only read). */
const NO_METONYMY: Metonymy = { literal: undefined, acting: undefined };

/** Whether mentions `a` and `b` are joined by a bare "and" / "or". */
function isCoordinated(mentions: readonly LinkInput[], text: string, a: number, b: number): boolean {
  const x = mentions[a];
  const y = mentions[b];
  return !!x && !!y && AND_OR_GAP.test(text.slice(x.end, y.start));
}

/** Whether the word before a mention is a place cue ("in Stalin"). */
function hasPlaceCue(c: Cues, m: LinkInput): boolean {
  return c.placeBefore.has(m.before[m.before.length - 1] ?? '');
}

/** The document-wide score of candidate `id` of an ambiguous name: named unambiguously, time, prominence, alias kind. */
function sharedScore(st: LinkState, m: LinkInput, id: string): number {
  const { kb, years } = st;
  const e = kb.byId.get(id);
  const cand = m.candidates.find((x) => x.entity === id)!;
  let score = (st.sure.has(id) ? 3 : 0) + (e ? timeFit(kb, e, years) : 0);
  // prominence: an entity the KB knows much about is the likelier referent of a bare name
  if (e) score += Math.min(1, Math.log1p(e.aliases.length + (roleYears(kb).get(id)?.length ?? 0)) / 4);
  // a time-bound alias (a former name) used outside its years counts against
  if ((cand.from || cand.to) && years.length > 0) {
    const a = yearOf(cand.from) ?? -Infinity;
    const b = yearOf(cand.to) ?? Infinity;
    score += years.some((y) => a <= y && y <= b) ? 0.3 : -0.5;
  }
  if (PREFERRED_KINDS.has(cand.kind)) score += 0.3;
  return score;
}

/** The score of candidate `id` from one mention's own context: the recognizer's type, a place cue. */
function localScore(st: LinkState, m: LinkInput, id: string): number {
  const e = st.kb.byId.get(id);
  if (!e) return 0;
  let score = 0;
  // the recognizer's type agrees
  if (m.modelLabel && TYPE_LABEL[e.type] === m.modelLabel) score += 0.5;
  // "in Stalin" is the town once so named; "Stalin said" is the man
  if ((e.type === 'place') === hasPlaceCue(st.cues, m)) score += 0.5;
  return score;
}

/** The candidates `ids` of an ambiguous name ranked for the mentions `group` (their first is `first`), best first. */
function rankCandidates(st: LinkState, ids: readonly string[], first: LinkInput, group: readonly number[]): Array<{ id: string; score: number }> {
  const ranked: Array<{ id: string; score: number }> = [];
  for (const id of ids) {
    let local = 0;
    for (const k of group) local += localScore(st, st.mentions[k]!, id);
    ranked.push({ id, score: sharedScore(st, first, id) + local / group.length });
  }
  return ranked.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** Whether an entity is part of, stands for, or contains an entity the document has named. */
function isRelatedToSeen(kb: KnowledgeBase, seen: ReadonlyMap<string, number>, id: string): boolean {
  const e = kb.byId.get(id);
  if (!e) return false;
  const up = [e.partOf, e.standsFor, e.partOf ? kb.byId.get(e.partOf)?.partOf : undefined];
  if (up.some((x) => x !== undefined && seen.has(x))) return true;
  for (const s of seen.keys()) {
    const o = kb.byId.get(s);
    if (o && (o.partOf === id || o.standsFor === id)) return true;
  }
  return false;
}

/** A time-bound alias ("the Presidium", 1952–1966) fits when the document's years meet its period. */
function isInPeriod(years: readonly number[], x: EntityCandidate): boolean {
  if (!(x.from || x.to) || years.length === 0) return true;
  const a = yearOf(x.from) ?? -Infinity;
  const b = yearOf(x.to) ?? Infinity;
  return years.some((y) => a <= y && y <= b);
}

/** The person most recently named (linked so far) before a position. */
function lastPersonBefore(kb: KnowledgeBase, results: readonly (LinkResult | undefined)[], pos: number): string | undefined {
  let best: LinkResult | undefined;
  const types = entityTypes(kb);
  for (const r of results) if (r?.entity && r.start < pos && (!best || r.start > best.start) && types.get(r.entity) === 'person') best = r;
  return best?.entity;
}

/** Adds person name `x` (its tokens) to the index of person names by token (each index once per token). */
function indexPersonName(byToken: Map<string, number[]>, tokens: readonly string[], x: number): void {
  for (const t of tokens) {
    const list = byToken.get(t);
    if (!list) byToken.set(t, [x]);
    else if (list[list.length - 1] !== x) list.push(x);
  }
}

/**
 * The person names that may be fuller forms of `bare` (or, for a patronymic form, share its first token
 * `first`), in document order: a superset of those the rules of pass 4 accept. A fuller form contains
 * every token of `bare` longer than an initial; when `bare` has none, every person name.
 */
function fullerCandidates<P>(personNames: readonly P[], byToken: ReadonlyMap<string, readonly number[]>, bare: readonly string[], first: string | undefined): P[] {
  let key: string | undefined;
  for (const t of bare) {
    if (t.length > 1) {
      key = t;
      break;
    }
  }
  if (key === undefined) return personNames.slice();
  const at = byToken.get(key) ?? [];
  const also = first === undefined ? undefined : byToken.get(first);
  const xs = also === undefined || also.length === 0 ? at : [...new Set([...at, ...also])].sort((a, b) => a - b);
  const out: P[] = [];
  for (const x of xs) out.push(personNames[x]!);
  return out;
}

/**
 * Pass 1 of `linkMentions`, into `st.results`: unique, context-free aliases, and metonyms decided by their
 * readings (`metonymies`) and contexts (`contexts`), one of each per mention.
 */
function linkUnique(st: LinkState, metonymies: readonly Metonymy[], contexts: ReadonlyArray<'acting' | 'literal' | 'none'>): void {
  const { kb, mentions, results } = st;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    // a name the KB does not know has no candidates and no metonym reading: nothing to decide here
    if (m.candidates.length === 0) continue;
    const plain = m.candidates.filter((x) => !x.needsContext);
    const ids = [...new Set(plain.map((x) => x.entity))];
    const met = metonymies[k]!;
    if (met.acting && met.literal && met.acting !== met.literal) {
      const ctx = contexts[k]!;
      if (ctx === 'acting') results[k] = linkTo(st, m, met.acting, 'metonym', 'metonym-agent-context', 0.75, 'ORG', met.acting, met.literal);
      else if (ctx === 'none' && kb.byId.get(met.literal)?.subtype === 'building') {
        // "the Kremlin", "the White House": a seat of power named without a place cue is its occupant
        results[k] = linkTo(st, m, met.acting, 'metonym', 'metonym-building-default', 0.6, 'ORG', met.acting, met.literal);
      } else results[k] = linkTo(st, m, met.literal, 'name', ctx === 'literal' ? 'metonym-literal-context' : 'metonym-default-literal', ctx === 'literal' ? 0.85 : 0.65);
      continue;
    }
    if (met.acting && !met.literal && ids.length === 0) {
      // only a metonym reading ("the Kremlin" as the leadership): link it when context says it acts
      if (contexts[k] !== 'literal') results[k] = linkTo(st, m, met.acting, 'metonym', 'metonym-alias', 0.7, undefined, met.acting);
      continue;
    }
    if (ids.length === 1) {
      const kind = kindOf(plain, ids[0]!);
      results[k] = linkTo(st, m, ids[0]!, kind, 'alias-unique', STRONG_KINDS.has(kind) ? 0.95 : 0.85);
    }
  }
}

/**
 * Pass 2 of `linkMentions`, into `st.results`: ambiguous aliases by document context (entities named
 * unambiguously) and time, decided once per surface form in the document (one sense per discourse) unless
 * a mention has its own place cue. (The passes are functions of their own: smaller units for the engine to
 * optimize, and to optimize again when a document first takes a path that none before took.)
 */
function linkAmbiguous(st: LinkState): void {
  const { cues: c, mentions, results, seen } = st;
  // Pass 2: ambiguous aliases by document context (entities named unambiguously) and time, decided once
  // per surface form in the document (one sense per discourse) unless a mention has its own place cue.
  const sure = new Set(seen.keys());
  st.sure = sure;
  const ambiguous = new Map<string, number[]>();
  for (let k = 0; k < mentions.length; k++) {
    if (results[k]) continue;
    const m = mentions[k]!;
    if (m.candidates.length < 2) continue;
    const ids = new Set(m.candidates.filter((x) => !x.needsContext).map((x) => x.entity));
    if (ids.size < 2) continue;
    const key = nameTokens(m.text).join(' ') + '|' + [...ids].sort().join(',');
    const group = ambiguous.get(key);
    if (group) group.push(k);
    else ambiguous.set(key, [k]);
  }
  for (const ks of ambiguous.values()) {
    const first = mentions[ks[0]!]!;
    const ids = [...new Set(first.candidates.filter((x) => !x.needsContext).map((x) => x.entity))];
    const groupChoice = rankCandidates(st, ids, first, ks);
    for (const k of ks) {
      const m = mentions[k]!;
      const [best, second] = hasPlaceCue(c, m) ? rankCandidates(st, ids, first, [k]) : groupChoice;
      if (best!.score > 0 && best!.score - (second?.score ?? 0) >= 0.2) {
        const rule = sure.has(best!.id) ? 'ambiguous-by-document' : 'ambiguous-by-context';
        results[k] = linkTo(st, m, best!.id, m.candidates.find((x) => x.entity === best!.id)!.kind, rule, sure.has(best!.id) ? 0.8 : 0.6);
      } else {
        results[k] = resultOf(m.start, m.end, m.label, 'name', 'unresolved', 0, undefined, undefined, undefined, undefined, ids);
      }
    }
  }
}

/** "Given Surname" for a name written surname first with a comma ("Taubman, William" → "William Taubman"), else undefined. */
export function uninvertedName(text: string): string | undefined {
  const m = /^(\p{Lu}[\p{L}'’-]+),\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)?)$/u.exec(text);
  return m ? `${m[2]} ${m[1]}` : undefined;
}

/**
 * Pass 4 of `linkMentions`, into `st.results`: names the KB does not know. Short forms corefer with fuller
 * names in the document, the rest become local entities named by their longest form.
 */
function linkUnknownNames(st: LinkState): void {
  const { kb, cues: c, mentions, results, seen } = st;
  const localNames = new Map<string, string>();
  // Pass 4: names the KB does not know: short forms corefer with fuller names in the document,
  // the rest become local entities named by their longest form.
  const personNames: Array<{ tokens: string[]; entity: string; start: number }> = [];
  for (let k = 0; k < mentions.length; k++) {
    const r = results[k];
    if (r?.entity && r.label === 'PER') personNames.push({ tokens: nameTokens(mentions[k]!.text), entity: r.entity, start: mentions[k]!.start });
  }
  for (const id of seen.keys()) {
    const e = kb.byId.get(id);
    if (e?.type !== 'person') continue;
    for (const tokens of personNameForms(kb, e).fuller) personNames.push({ tokens, entity: id, start: -1 });
  }
  // the person names by each of their tokens: a fuller form of a short one contains its longer tokens
  const byToken = new Map<string, number[]>();
  for (let x = 0; x < personNames.length; x++) indexPersonName(byToken, personNames[x]!.tokens, x);
  const unknown: Array<{ m: LinkInput; k: number }> = [];
  for (let k = 0; k < mentions.length; k++) if (!results[k]) unknown.push({ m: mentions[k]!, k });
  // longest unknown PER names first, so that "Lumumba" finds "Patrice Lumumba" wherever it stands
  // (a stable sort by token count, the counts read once)
  const unknownPer: Array<{ m: LinkInput; k: number; toks: string[] }> = [];
  for (const { m, k } of unknown) if (m.label === 'PER') unknownPer.push({ m, k, toks: nameTokens(uninvertedName(m.text) ?? m.text) });
  unknownPer.sort((a, b) => b.toks.length - a.toks.length);
  for (const { m, k, toks } of unknownPer) {
    // "!", "Yes", "Alas": punctuation and interjections the recognizer took for names are no one
    if (toks.length === 0 || (toks.length === 1 && c.notNames.has(toks[0]!))) {
      results[k] = resultOf(m.start, m.end, 'PER', 'name', 'not-a-name', 0, undefined, undefined, undefined, undefined, undefined, true);
      continue;
    }
    // "Nikolai Ivanovich" (given name and patronymic) is the person of that given name the document names
    const patronymic = toks.length === 2 && isPatronymic(toks[1]!);
    // "Comrade Peeters", "Marshal Peeters": a form of address or a title before a short form is not part of the name
    const bare = toks.length > 1 && (c.honorifics.has(toks[0]!) || c.titles.includes(toks[0]!)) ? toks.slice(1) : toks;
    const fuller = fullerCandidates(personNames, byToken, bare, patronymic ? toks[0] : undefined).filter(
      (p) => isShortFormOf(bare, p.tokens) || (bare !== toks && bare.length === p.tokens.length && bare.every((t, x) => t === p.tokens[x])) || (patronymic && p.tokens.length >= 2 && p.tokens[0] === toks[0] && !p.tokens.some(isPatronymic)),
    );
    const ents = [...new Set(fuller.map((p) => p.entity))];
    if (ents.length === 1) {
      const id = ents[0]!;
      results[k] = id.startsWith('local:')
        ? resultOf(m.start, m.end, 'PER', 'short-form', 'coref-short-form', 0.8, id, localNames.get(id) ?? m.text)
        : linkTo(st, m, id, 'short-form', 'coref-short-form', 0.8);
      continue;
    }
    if (ents.length > 1) {
      // nearest fuller name before the mention wins; otherwise it stays ambiguous
      const before = fuller.filter((p) => p.start >= 0 && p.start < m.start).sort((a, b) => b.start - a.start)[0];
      if (before) {
        results[k] = resultOf(m.start, m.end, 'PER', 'short-form', 'coref-nearest', 0.6, before.entity, localNames.get(before.entity) ?? entityOf(kb, before.entity)?.name ?? m.text);
      } else results[k] = resultOf(m.start, m.end, 'PER', 'short-form', 'unresolved', 0, undefined, undefined, undefined, undefined, ents);
      continue;
    }
    // "Taubman, William" (a reference's author, surname first) is the person William Taubman
    const name = uninvertedName(m.text) ?? m.text;
    const id = localId(name);
    localNames.set(id, name);
    indexPersonName(byToken, toks, personNames.length);
    personNames.push({ tokens: toks, entity: id, start: m.start });
    results[k] = resultOf(m.start, m.end, 'PER', 'name', 'local-new', 0.6, id, name);
  }
  for (const { m, k } of unknown) {
    if (results[k]) continue;
    const toks = nameTokens(m.text);
    // an ordinal or a number alone ("100th", "22nd") is no name: a recognizer's slip on "the 100th anniversary"
    if (toks.length === 0 || (toks.length === 1 && c.notNames.has(toks[0]!)) || NUMBER_OR_ORDINAL.test(m.text)) {
      results[k] = resultOf(m.start, m.end, m.label, 'name', 'not-a-name', 0, undefined, undefined, undefined, undefined, undefined, true);
      continue;
    }
    // "Rurland-Osteria" written for one country under two of its names: each part names the same one entity
    const same = hyphenatedNamesOf(kb, m.text);
    if (same) {
      results[k] = linkTo(st, m, same, 'name', 'hyphen-same-entity', 0.7);
      continue;
    }
    const id = localId(m.text);
    results[k] = resultOf(m.start, m.end, m.label, 'name', 'local-new', 0.5, id, m.text);
  }
}

/**
 * Links the mentions of one document. Reads the knowledge base and the mentions; returns one
 * result per input mention, in the same order (those inside a person's longer name marked
 * `partOfName`), followed by the mentions it finds itself: titles used as names, descriptions of
 * people (`describe-persons.ts`) and coordinated names sharing a head (`expand-coordination.ts`).
 * Deterministic.
 */
export function linkMentions(kb: KnowledgeBase, mentions: readonly LinkInput[], opts: LinkOptions): LinkResult[] {
  const c = loadCues();
  startDocumentMemos();
  const years = yearsInText(opts.text);
  // arrays filled by push into literals (not `new Array(n)` or `map`): one packed kind per array, empty or not
  const results: (LinkResult | undefined)[] = [];
  for (let k = 0; k < mentions.length; k++) results.push(undefined);
  const seen = new Map<string, number>();
  const st: LinkState = { kb, cues: c, mentions, text: opts.text, years, results, seen, sure: NO_IDS };

  // Metonym readings from the words around each name; "Beijing and Washington did not" shares the reading
  // of the coordinated name whose verb decides it.
  const metonymies: Metonymy[] = [];
  const contexts: Array<'acting' | 'literal' | 'none'> = [];
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    const met = m.candidates.length === 0 ? NO_METONYMY : metonymyOf(kb, m);
    metonymies.push(met);
    contexts.push(!met.acting ? 'none' : m.nested ? 'literal' : metonymContext(m.window ?? { before: m.before, after: m.after }, c));
  }
  for (let k = 0; k < contexts.length; k++) {
    if (contexts[k] !== 'none') continue;
    // (bounds checked: reading past either end of an array deoptimizes; the context is written back either
    // way, so that the store has run long before a document first needs it: a store that never ran makes
    // the optimized code bail out, and the whole function be compiled again, the first time it does)
    const shared =
      (k + 1 < contexts.length && contexts[k + 1] === 'acting' && isCoordinated(mentions, opts.text, k, k + 1)) ||
      (k > 0 && contexts[k - 1] === 'acting' && isCoordinated(mentions, opts.text, k - 1, k));
    contexts[k] = shared ? 'acting' : 'none';
  }

  // Pass 1: unique, context-free aliases and metonyms decided by context (`linkUnique`).
  linkUnique(st, metonymies, contexts);

  // Pass 2: ambiguous aliases by document context and time (`linkAmbiguous`).
  linkAmbiguous(st);

  // Pass 3: aliases that need context (epithets, nicknames, short forms) link only to entities the document names,
  // or to a body or place the document is related to (the party its people led, the council of its city).
  const named = new Set(seen.keys());
  const affinity = documentAffinity(kb, named);
  for (let k = 0; k < mentions.length; k++) {
    if (results[k]) continue;
    const m = mentions[k]!;
    if (m.candidates.length === 0) continue;
    const ctx = m.candidates.filter((x) => x.needsContext);
    if (ctx.length === 0) continue;
    results[k] = linkInContext(st, m, ctx, named, affinity);
  }

  // Pass 4: names the KB does not know (`linkUnknownNames`).
  linkUnknownNames(st);
  const out: LinkResult[] = [];
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    out.push(results[k] ?? resultOf(m.start, m.end, m.label, 'name', 'unresolved', 0));
  }
  // the mentions found beyond the names (a function of its own: smaller units to optimize and reoptimize)
  return addFoundMentions(kb, mentions, out, opts, { cues: c, affinity, metonymies });
}

/** What `addFoundMentions` needs from the linking of names. */
interface FoundContext {
  cues: Cues;
  affinity: ReadonlySet<string>;
  metonymies: ReadonlyArray<Metonymy>;
}

/**
 * The second half of `linkMentions`, over the linked names (`out`, one per input mention): names inside
 * longer names marked part of them, modifiers joined, scare quotes taken in; then the
 * mentions found beyond the names (titles used as names, descriptions, role descriptions of leaders,
 * evaluations, coordinated names) appended.
 */
function addFoundMentions(kb: KnowledgeBase, mentions: readonly LinkInput[], out: LinkResult[], opts: LinkOptions, ctx: FoundContext): LinkResult[] {
  const { cues: c, affinity, metonymies } = ctx;
  // "Joseph Stalin" is one name: a shorter name found inside a person's name (the town once called
  // "Stalin") is part of it. Titles and epithets ("US President John F. Kennedy", "the prosecutor of
  // the republic") keep the names they contain.
  const types = entityTypes(kb);
  const personsFound = out.filter((r) => r.entity && types.get(r.entity) === 'person');
  for (let k = 0; k < out.length && k < mentions.length; k++) {
    const r = out[k]!;
    if (r.entity === undefined) continue;
    const outer = personAround(personsFound, r);
    if (!outer || outer.entity === r.entity || hasCandidateFor(mentions[k]!.candidates, outer.entity)) continue;
    if (NAME_FORMS.includes(outer.form) || isOwnName(kb, outer.entity!, mentions[k]!.text)) out[k] = asPartOfName(r);
  }
  // "Rurlandian Vask", "communist Rurland": a modifier and the name after it are one mention
  const tokens = withText(opts.text, opts.tokens ?? []);
  const candidates: Array<readonly EntityCandidate[]> = [];
  for (let k = 0; k < mentions.length; k++) candidates.push(mentions[k]!.candidates);
  const modified = joinModifiedNames(kb, out, tokens, opts.text, {
    candidates,
    acting: metonymies.map((x) => x.acting),
    politicalAdjectives: c.politicalAdjectives,
    stateOffices: stateOfficesOf(loadStateLeaders()),
  });
  // (one result per name, in place: a loop, not a spread of the copy into `splice`)
  for (let k = 0; k < modified.length; k++) out[k] = modified[k]!;
  // "the Rurlandian government", "the Vask Central Committee", "the Kremlin leaders": one mention of the state or body
  const phraseWords = loadBodyPhraseWords();
  const phrased = joinBodyPhrases(kb, out, tokens, opts.text, {
    candidates,
    stateNouns: phraseWords.stateNouns,
    memberNouns: phraseWords.memberNouns,
    verbs: c.verbs,
    groupHeads: phraseWords.groupHeads,
    localIdOf: localId,
  });
  for (let k = 0; k < phrased.length; k++) out[k] = phrased[k]!;
  // "Vaskism", "anti-Ostrian", "the Northern provinces", "XIV": words taken for names that name no new entity
  keepNewEntitiesToNames(out, mentions, opts.text, c.verbs);
  // an epithet or nickname in quotation marks is used with them ("the \"Iron Lady\""): scare quotes are part of it
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    if (r.form !== 'epithet' && r.form !== 'nickname') continue;
    const open = opts.text[r.start - 1];
    const close = opts.text[r.end];
    if (open && close && QUOTE_PAIRS[open]?.includes(close)) {
      out[k] = resultOf(r.start - 1, r.end + 1, r.label, r.form, r.linkRule, r.linkScore, r.entity, r.name, r.standsFor, r.via, r.candidates, r.partOfName);
    }
  }
  return addDescriptions(kb, out, tokens, opts, c, affinity);
}

/**
 * The second half of `addFoundMentions` (a function of its own: a smaller unit for the engine to optimize,
 * and to optimize again when a document first takes a rule's rare path): `out` with titles used as names,
 * descriptions, role descriptions of leaders, evaluations and coordinated names appended.
 */
function addDescriptions(kb: KnowledgeBase, out: LinkResult[], tokens: readonly FullToken[], opts: LinkOptions, c: Cues, affinity: ReadonlySet<string>): LinkResult[] {
  const withTitles = out.concat(findTitleMentions(kb, out, opts.tokens ?? [], c.titles, affinity));
  const verbs = c.verbs;
  const lexicon = loadPersonLexicon();
  const described = findDescriptions(kb, withTitles, tokens, { roleNouns: c.roleNouns, genericRoleNouns: c.genericRoleNouns, titles: c.titles, verbs, nameAdjectives: lexicon.adjectives, honorifics: c.honorifics, officeNouns: c.officeNouns, stateOfficeNouns: stateOfficeNouns() });
  // "the Soviet leader", "the leader of China": the holder of the state's top office at the time (data/lexicon/state-leaders.json)
  // (the rule reads spans, labels and entities: one small record shape for names and descriptions alike)
  const named: EvaluatedMention[] = [];
  for (let k = 0; k < withTitles.length; k++) {
    const r = withTitles[k]!;
    if (!r.partOfName) named.push(evaluationInput(r.start, r.end, r.label, r.entity, r.name, r.linkRule));
  }
  for (let k = 0; k < described.length; k++) {
    const d = described[k]!;
    named.push(evaluationInput(d.start, d.end, 'PER', d.entity, d.name, d.rule));
  }
  const roleDescribed = findRoleDescriptions(kb, named, tokens);
  // evaluative references ("this fool", 'the "reformer"') after names, titles and descriptions are known
  // one small record shape for all three kinds of mention (cheaper than copying every field of each), pushed
  // into one literal array (one packed array kind whether a document has any or not)
  const toEvaluate: EvaluatedMention[] = [];
  for (let k = 0; k < withTitles.length; k++) {
    const r = withTitles[k]!;
    if (!r.partOfName || r.linkRule === 'not-a-name') toEvaluate.push(evaluationInput(r.start, r.end, r.label, r.entity, r.name, r.linkRule));
  }
  for (let k = 0; k < described.length; k++) {
    const d = described[k]!;
    toEvaluate.push(evaluationInput(d.start, d.end, 'PER', d.entity, d.name, d.rule));
  }
  for (let k = 0; k < roleDescribed.length; k++) {
    const d = roleDescribed[k]!;
    toEvaluate.push(evaluationInput(d.start, d.end, 'PER', d.entity, d.name, d.rule));
  }
  const evaluated = findEvaluations(toEvaluate, tokens, lexicon, verbs);
  // a lexicon noun taken for a new name inside an evaluative phrase is part of it, not a person of its own
  for (let k = 0; k < withTitles.length && evaluated.length > 0; k++) {
    const r = withTitles[k]!;
    if (evaluated.some((x) => x.start <= r.start && r.end <= x.end) && isNounTakenForName(evaluationInput(r.start, r.end, r.label, r.entity, r.name, r.linkRule), tokens, lexicon)) withTitles[k] = asPartOfName(r);
  }
  const sharedHeads = expandCoordination(kb, tokens).filter((x) => !out.some((r) => r.start === x.start && r.end === x.end && r.entity === x.entity));
  return withTitles.concat(
    described.map((d) => resultOf(d.start, d.end, 'PER', d.rule === 'title-name' || d.rule === 'demonym-office-name' ? 'title' : d.rule === 'epithet-name' ? 'epithet' : 'description', d.rule, d.score, d.entity, d.name)),
    sharedHeads.map((x) => resultOf(x.start, x.end, TYPE_LABEL[kb.byId.get(x.entity)?.type ?? 'organization'], 'coordination', 'coordination', 0.7, x.entity, x.name)),
    evaluated.map((x) => resultOf(x.start, x.end, 'PER', 'epithet', x.rule, x.score, x.entity ? x.entity : undefined, x.entity ? x.name : undefined)),
    roleDescribed.map((d) => resultOf(d.start, d.end, 'PER', 'description', d.rule, d.score, d.entity, d.name, undefined, undefined, d.candidates)),
  );
}

/**
 * Turns the new local entities (rule `local-new`) of single words that name no entity of their own
 * (`entityWordReason`: a name's derivative, a hyphenated modifier, an adjective before a noun, a Roman
 * numeral) into mentions without an entity, labelled MISC (rule `not-an-entity`, form the reason), in place.
 * Mentions linked to the knowledge base are left as they are.
 */
function keepNewEntitiesToNames(out: LinkResult[], mentions: readonly LinkInput[], text: string, verbs: ReadonlySet<string>): void {
  const dropped = new Set<string>();
  const kept = new Set<string>();
  for (let k = 0; k < out.length && k < mentions.length; k++) {
    const r = out[k]!;
    if (r.linkRule !== 'local-new' || r.partOfName) continue;
    const reason = entityWordReason({ text: text.slice(r.start, r.end), label: r.label, after: text.slice(r.end, r.end + 40), modelOnly: mentions[k]!.candidates.length === 0, verbs });
    if (!reason) {
      if (r.entity) kept.add(r.entity);
      continue;
    }
    if (r.entity) dropped.add(r.entity);
    out[k] = resultOf(r.start, r.end, 'MISC', reason, 'not-an-entity', 0);
  }
  // short forms linked to a new entity that is no entity now ("Vaskism" after "Vaskism") follow it
  if (dropped.size === 0) return;
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    if (r.entity && dropped.has(r.entity) && !kept.has(r.entity)) out[k] = resultOf(r.start, r.end, 'MISC', r.form, 'not-an-entity', 0, undefined, undefined, undefined, undefined, undefined, r.partOfName);
  }
}

/**
 * The one KB entity every part of a hyphenated name names ("Kampuchea-Cambodia"), by aliases that need
 * no context and are not demonyms; undefined when the parts name different entities, several, or none.
 */
function hyphenatedNamesOf(kb: KnowledgeBase, text: string): string | undefined {
  // (most names have no hyphen: no split into one part)
  if (!HYPHEN.test(text)) return undefined;
  const parts = text.split(HYPHEN);
  if (parts.length < 2 || parts.some((p) => !UPPER_INITIAL.test(p))) return undefined;
  const gaz = buildGazetteer(kb);
  let common: Set<string> | undefined;
  for (const p of parts) {
    const ids = new Set((lookup(gaz, p) ?? []).filter((e) => !e.alias.needsContext && e.alias.kind !== 'demonym').map((e) => e.entity.id));
    common = common ? new Set([...common].filter((id) => ids.has(id))) : ids;
    if (common.size === 0) return undefined;
  }
  return common && common.size === 1 ? [...common][0] : undefined;
}

/** Whether a text is one of a person's own names ("Petrov" in the epithet "wise Petrov"). */
function isOwnName(kb: KnowledgeBase, id: string, text: string): boolean {
  return personNameForms(kb, kb.byId.get(id)!).own.has(nameTokens(text).join(' '));
}

/** A mention as the evaluation rule reads it. */
function evaluationInput(start: number, end: number, label: string, entity: string | undefined, name: string | undefined, rule: string): EvaluatedMention {
  return { start, end, label, entity, name, rule };
}

const stateOfficeCache = new WeakMap<StateLeaders, Map<string, Set<string>>>();

/** Per state of the state-leaders data, every office key it lists (any class), built once. */
function stateOfficesOf(data: StateLeaders): Map<string, Set<string>> {
  let m = stateOfficeCache.get(data);
  if (!m) {
    m = new Map(data.states.map((s) => [s.state, new Set(Object.values(s.offices).flat(2))]));
    stateOfficeCache.set(data, m);
  }
  return m;
}

const titleIndexCache = new WeakMap<readonly string[], Map<string, Array<{ title: string; words: string[] }>>>();

/** Titles longest first, grouped by their first word (built once per titles array). */
function titlesByFirstWord(titles: readonly string[]): Map<string, Array<{ title: string; words: string[] }>> {
  let byFirst = titleIndexCache.get(titles);
  if (!byFirst) {
    byFirst = new Map();
    for (const title of [...titles].sort((a, b) => b.split(' ').length - a.split(' ').length)) {
      const words = title.split(' ');
      let list = byFirst.get(words[0]!);
      if (!list) byFirst.set(words[0]!, (list = []));
      list.push({ title, words });
    }
    titleIndexCache.set(titles, byFirst);
  }
  return byFirst;
}

/**
 * Titles used as names: "the marshal", "the general secretary" refer to the person last named in
 * the document who bears that title (a KB title alias such as "Marshal Tito", or an office held);
 * failing that, to the one holder, in the last year written before the phrase, of an office with that
 * title in a body the document is related to (`affinity`; rule `title-holder-at-time`).
 * Returns new mentions (rule `title-coref`) for such phrases outside existing mentions.
 */
export function findTitleMentions(
  kb: KnowledgeBase,
  linked: readonly LinkResult[],
  tokens: ReadonlyArray<{ start: number; end: number; norm: string }>,
  titles: readonly string[],
  affinity: ReadonlySet<string> = new Set(),
): LinkResult[] {
  const types = entityTypes(kb);
  const persons: LinkResult[] = [];
  for (let k = 0; k < linked.length; k++) {
    const r = linked[k]!;
    if (r.entity && r.label === 'PER' && types.get(r.entity) === 'person') persons.push(r);
  }
  persons.sort((a, b) => a.start - b.start);
  if (persons.length === 0 && affinity.size === 0) return [];
  const out: LinkResult[] = [];
  const byFirst = titlesByFirstWord(titles);
  const ctx: TitleContext = { kb, tokens, persons, verbs: loadCues().verbs, linked, affinity, bears: undefined, out };
  // the loop over every token stays small; a title after "the" is read by a function of its own
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.norm !== 'the') continue;
    const list = byFirst.get(tokens[i + 1]!.norm);
    if (list) titleMentionAt(ctx, i, list);
  }
  return out;
}

/** What `titleMentionAt` reads and where it writes. */
interface TitleContext {
  kb: KnowledgeBase;
  tokens: ReadonlyArray<{ start: number; end: number; norm: string }>;
  persons: readonly LinkResult[];
  verbs: ReadonlySet<string>;
  /** The mentions found so far: a title inside one is no mention of its own. */
  linked: readonly LinkResult[];
  /** The bodies the document is related to. */
  affinity: ReadonlySet<string>;
  /** `bearsTitle`'s answers by `<id>|<title>` (made on the first question). */
  bears: Map<string, boolean> | undefined;
  out: LinkResult[];
}

/** The year (1800–2099) last written as a token before token `i`. */
function yearBefore(tokens: ReadonlyArray<{ norm: string }>, i: number): number | undefined {
  for (let k = i - 1; k >= 0; k--) if (YEAR_WORD.test(tokens[k]!.norm)) return Number(tokens[k]!.norm);
  return undefined;
}

/** The one holder, in that year, of an office so titled in a body the document is related to. */
function holderAt(ctx: TitleContext, title: string, year: number | undefined): string | undefined {
  if (year === undefined) return undefined;
  const { kb, affinity } = ctx;
  const re = cachedRegExp(`^${title}\\b`);
  const ids = new Set(
    kb.roles
      .filter((r) => r.org && affinity.has(r.org) && re.test(r.office) && (yearOf(r.from) ?? -Infinity) <= year && year <= (yearOf(r.to) ?? Infinity))
      .map((r) => r.person),
  );
  return ids.size === 1 && kb.byId.has([...ids][0]!) ? [...ids][0] : undefined;
}

/** Whether a span overlaps a mention found so far. */
function isCovered(ctx: TitleContext, start: number, end: number): boolean {
  return ctx.linked.some((r) => r.start < end && start < r.end);
}

/** Whether a person bears a title: a title alias with it, or an office so named (memoized per document). */
function bearsTitle(ctx: TitleContext, id: string, title: string): boolean {
  const key = `${id}|${title}`;
  const bears = (ctx.bears ??= new Map());
  let v = bears.get(key);
  if (v === undefined) {
    const { kb } = ctx;
    const e = kb.byId.get(id)!;
    const re = cachedRegExp(`\\b${title}\\b`);
    v = e.aliases.some((a) => a.kind === 'title' && re.test(a.text)) || kb.roles.some((r) => r.person === id && re.test(r.office));
    bears.set(key, v);
  }
  return v;
}

/** The title (of `list`, longest first) after the "the" at token `i`, as a mention of its bearer or holder, if any. */
function titleMentionAt(ctx: TitleContext, i: number, list: ReadonlyArray<{ title: string; words: string[] }>): void {
  const { kb, tokens, persons, verbs, out } = ctx;
  for (const { title, words } of list) {
    // (index checks before reads: reading past the end of an array deoptimizes)
    if (i + words.length >= tokens.length) continue;
    let same = true;
    for (let k = 0; k < words.length && same; k++) same = tokens[i + 1 + k]!.norm === words[k];
    if (!same) continue;
    const last = tokens[i + words.length]!;
    const next = i + words.length + 1 < tokens.length ? tokens[i + words.length + 1] : undefined;
    // "the marshal of France", "the president's": a title with a complement is not a bare name
    if (next && (next.norm === 'of' || next.norm === "'s")) break;
    // "the general decay": a title that is also an adjective, before a noun, is the adjective
    if (words.length === 1 && ADJECTIVAL_TITLES.has(title) && next && ASCII_LOWER_WORD.test(next.norm) && !ED_OR_S_ENDING.test(next.norm) && !verbs.has(next.norm)) break;
    const start = tokens[i + 1]!.start;
    if (isCovered(ctx, tokens[i]!.start, last.end)) break;
    const before = persons.filter((p) => p.start < start && bearsTitle(ctx, p.entity!, title));
    const ref = before[before.length - 1];
    const holder = ref ? undefined : holderAt(ctx, title, yearBefore(tokens, i));
    if (holder) out.push(resultOf(start, last.end, 'PER', 'title', 'title-holder-at-time', 0.45, holder, kb.byId.get(holder)!.name));
    if (ref) {
      out.push(resultOf(start, last.end, 'PER', 'title', 'title-coref', 0.55, ref.entity!, ref.name!));
    }
    break;
  }
}
