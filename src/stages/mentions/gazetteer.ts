/**
 * Gazetteer matching over token sequences: a trie keyed by normalized alias units, built once per
 * knowledge base from every alias (`buildAliasIndex`), matched longest-first at token boundaries.
 * Case-, possessive- and diacritic-tolerant through `aliasTokens`; case is then checked per alias
 * so that "US" does not match the pronoun "us" and "Split" does not match the verb.
 */
import { aliasTokens, buildAliasIndex, type AliasEntry } from '../../kb/alias-index.ts';
import type { KbAlias, KnowledgeBase } from '../../kb/types.ts';
import { StringTable } from '../../ner/string-table.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const POSSESSIVE_TOKEN = /^['’]s?$/;
const BRACKET_TOKEN = /^[()]$/;
const PLAIN_WORD = /^[a-z0-9]+$/;
const NON_LETTERS = /[^\p{L}]/gu;
const THE_CAPITALIZED_WORD = /^the \p{Lu}\p{Ll}+$/u;
const LOWER_WORD = /^\p{Ll}+$/u;
const OF_OR_POSSESSIVE = /^(?:of|['’]s?)$/i;
const LEADING_THE = /^the\s+/i;
const THE_PREFIX = /^the\s/i;
const LOWER_INITIAL = /^\p{Ll}/u;
const HOST_NAME = /^[a-z0-9][a-z0-9-]*$/i;

/** A trie node: children by unit, and the alias entries that end here. */
interface TrieNode {
  next: Map<string, TrieNode>;
  entries?: AliasEntry[];
  /** `entries` with their alias facts worked out once (same order), one object shape for the matcher. */
  prepared?: PreparedEntry[];
}

/** An alias entry with what `caseFits`, `lowerEpithetFits` and the quotation check need of its alias alone. */
interface PreparedEntry {
  entry: AliasEntry;
  entityId: string;
  /** Double quotation marks in the alias text. */
  quotes: number;
  /** No letters at all: never fits. */
  noLetters: boolean;
  /** An all-caps abbreviation of up to six letters: fits all-caps text only. */
  allCaps: boolean;
  /** A lower-case alias written with "the": needs "the" before it. */
  lowerThe: boolean;
  /** A capitalized alias: needs a capitalized first word. */
  upperInitial: boolean;
  /** May be read from a lower-case word after "the" (`lowerEpithetFits`, whose surface checks still apply). */
  epithet: boolean;
}

/** The alias facts of one entry, as `caseFits` and `lowerEpithetFits` work them out from the alias text. */
function prepareEntry(entry: AliasEntry): PreparedEntry {
  const alias = entry.alias.text;
  const bareAlias = alias.replace(LEADING_THE, '');
  const letters = bareAlias.replace(NON_LETTERS, '');
  const { entity } = entry;
  return {
    entry,
    entityId: entity.id,
    quotes: quoteCount(alias),
    noLetters: letters.length === 0,
    allCaps: letters.length <= 6 && !hasLower(letters),
    lowerThe: THE_PREFIX.test(alias) && !isUpperInitial(bareAlias),
    upperInitial: isUpperInitial(bareAlias),
    epithet:
      entity.type === 'person' && !!entry.alias.needsContext && (entry.alias.kind === 'epithet' || entry.alias.kind === 'title') && THE_CAPITALIZED_WORD.test(alias),
  };
}

/** The gazetteer of one knowledge base. */
export interface Gazetteer {
  root: TrieNode;
  /** Number of distinct alias keys. */
  size: number;
}

const cache = new WeakMap<KnowledgeBase, Gazetteer>();

/** The uniform copy of each alias record of the knowledge base (see `uniformEntry`). */
const uniformAliases = new WeakMap<KbAlias, KbAlias>();

/**
 * An alias entry whose alias record is a copy with every field of `KbAlias` present (the absent ones
 * undefined), in one order. The knowledge base's records come in eight shapes (with or without
 * `needsContext`, `from`, `to`, `via`); the code that reads the gazetteer's hits sees one, so that its
 * optimized code does not bail out, and get compiled again, each time a hit of a new shape comes.
 */
function uniformEntry(e: AliasEntry): AliasEntry {
  const a = e.alias;
  let alias = uniformAliases.get(a);
  if (!alias) uniformAliases.set(a, (alias = { text: a.text, kind: a.kind, from: a.from, to: a.to, lang: a.lang, needsContext: a.needsContext, via: a.via }));
  return { entity: e.entity, alias };
}

/** Builds (once per knowledge base object) the token trie of all aliases, events included. */
export function buildGazetteer(kb: KnowledgeBase): Gazetteer {
  const hit = cache.get(kb);
  if (hit) return hit;
  const root: TrieNode = { next: new Map() };
  const index = buildAliasIndex(kb);
  for (const [key, entries] of index) {
    let node = root;
    for (const unit of key.split(' ')) {
      let child = node.next.get(unit);
      if (!child) node.next.set(unit, (child = { next: new Map() }));
      node = child;
    }
    node.entries = entries.map(uniformEntry);
    node.prepared = node.entries.map(prepareEntry);
  }
  const gaz = { root, size: index.size };
  cache.set(kb, gaz);
  return gaz;
}

/** A token as the matcher sees it: its surface text. */
export interface MatchToken {
  text: string;
}

/** One gazetteer hit: tokens `[from, to)` of the sentence and the entries whose case fits. */
export interface GazetteerMatch {
  from: number;
  to: number;
  entries: AliasEntry[];
  /** Inside a longer title-form match ("Tito" in "Marshal Tito"). */
  nested?: boolean;
  /** A name inside one token (a web site's name in its address): character offsets within token `from`. */
  within?: [number, number];
}

/**
 * A match with every field present, the optional ones undefined: one object shape for all matches (matches of
 * several shapes make the optimized code that reads them bail out, and be compiled again, at each new one).
 */
function gazetteerMatch(from: number, to: number, entries: AliasEntry[], nested: true | undefined, within: [number, number] | undefined): GazetteerMatch {
  return { from, to, entries, nested, within };
}

const hasLower = (s: string) => s !== s.toUpperCase();
const isUpperInitial = (s: string) => {
  const c = s.charAt(0);
  return c !== c.toLowerCase();
};

/** Whether the surface tokens may stand for this alias given case and a required leading "the". */
export function caseFits(alias: string, surface: readonly string[], before: string | undefined): boolean {
  const startsWithThe = THE_PREFIX.test(alias);
  const bareAlias = alias.replace(LEADING_THE, '');
  const letters = bareAlias.replace(NON_LETTERS, '');
  if (letters.length === 0) return false;
  const surfaceText = surface.join(' ');
  // "US", "CPSU", "PRC": an all-caps abbreviation only matches all-caps text
  if (letters.length <= 6 && !hasLower(letters)) return !hasLower(surfaceText.replace(NON_LETTERS, ''));
  // "the marshal": a lower-case epithet written with an article needs the article in the text too
  if (startsWithThe && !isUpperInitial(bareAlias) && (before ?? '').toLowerCase() !== 'the') return false;
  // a capitalized alias needs a capitalized first word: "Split" the city, not "split" the verb
  if (isUpperInitial(bareAlias)) return isUpperInitial(surface[0] ?? '');
  return true;
}

/** Double quotation marks of every style, as tokens. */
const QUOTE_TOKEN = /^["\u201C\u201D\u201E\u201F\u00AB\u00BB]$/;
const QUOTE_CHARS = /["\u201C\u201D\u201E\u201F\u00AB\u00BB]/g;

/** How many double quotation marks a text holds. */
function quoteCount(s: string): number {
  return s.match(QUOTE_CHARS)?.length ?? 0;
}

/**
 * Whether a lower-case "the leader" may stand for a person's capitalized one-word epithet or title
 * ("the Leader", "the Generalissimo"): only for context-dependent aliases of people, after "the",
 * and not with a complement ("the leader of China", "the leader's") that makes it a common noun.
 */
export function lowerEpithetFits(entry: AliasEntry, surface: readonly string[], before: string | undefined, next: string | undefined): boolean {
  const { alias, entity } = entry;
  if (entity.type !== 'person' || !alias.needsContext || (alias.kind !== 'epithet' && alias.kind !== 'title')) return false;
  if (!THE_CAPITALIZED_WORD.test(alias.text) || surface.length !== 1 || !LOWER_WORD.test(surface[0]!)) return false;
  if ((before ?? '').toLowerCase() !== 'the') return false;
  return next === undefined || !OF_OR_POSSESSIVE.test(next);
}

/** Whether a match read a capitalized alias ("the Leader") from a lower-case first word ("leader"). */
export function isFoldedReading(alias: string, firstWord: string): boolean {
  const bareAlias = alias.replace(LEADING_THE, '');
  return isUpperInitial(bareAlias) && LOWER_INITIAL.test(firstWord);
}

const unitCache = new Map<string, string[]>();

/**
 * The matching units of one token: a plain ASCII word is its one lower-case unit, given as a string
 * (no cache probe, no array); any other token goes through `tokenUnits`.
 */
function wordUnit(text: string): string | string[] {
  // one pass over the characters: all [a-z0-9] → the text; all [A-Za-z0-9] → lower-cased; else `tokenUnits`
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue;
    if (c >= 65 && c <= 90) upper = true;
    else return tokenUnits(text);
  }
  if (text.length === 0) return tokenUnits(text);
  return upper ? text.toLowerCase() : text;
}

/** A token text's matching units (`wordUnit`), and for a plain word the trie node its unit leads to from the root. */
export interface TokenStep {
  unit: string | string[];
  first: TrieNode | undefined;
}

/** Most token texts whose steps a trie keeps (its cache is emptied when it grows past this). */
const MAX_CACHED_STEPS = 100_000;
const stepsByRoot = new WeakMap<TrieNode, StringTable<TokenStep>>();

/**
 * The steps of the tokens, memoized per trie and token text (bounded): every token of a new document
 * is a new string, which a `Map` would hash anew; from the cache, a word's units are the strings first
 * made for it (no lower-cased copy again) and its first step from the root is known.
 */
function tokenSteps(root: TrieNode, tokens: readonly MatchToken[]): TokenStep[] {
  let table = stepsByRoot.get(root);
  if (!table) stepsByRoot.set(root, (table = new StringTable()));
  const out: TokenStep[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const text = tokens[k]!.text;
    let step = table.get(text);
    if (step === undefined) {
      if (table.size >= MAX_CACHED_STEPS) table.clear();
      step = stepOf(root, text);
      table.set(text, step);
    }
    out.push(step);
  }
  return out;
}

/** The step of one token text in a trie (see `TokenStep`), worked out anew. */
function stepOf(root: TrieNode, text: string): TokenStep {
  const unit = wordUnit(text);
  return { unit, first: typeof unit === 'string' ? root.next.get(unit) : undefined };
}

/** A per-word slot where a caller keeps one value of its own under a key (the tagger's `WordType`). */
export interface WordSlot {
  memo: unknown;
  memoKey: unknown;
}

/**
 * The steps of a sentence's tokens (for `matchGazetteer`), kept in their word types' slots (`types`, one
 * per token, the same word type for the same text): a caller that has looked each token's text up
 * already (the tagger) saves the gazetteer's own lookup by text. A slot holding another trie's step is
 * taken over.
 */
export function stepsOfTypes(gaz: Gazetteer, tokens: readonly MatchToken[], types: readonly WordSlot[]): TokenStep[] {
  const root = gaz.root;
  const out: TokenStep[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const w = types[k]!;
    let step: TokenStep;
    if (w.memoKey === root) step = w.memo as TokenStep;
    else {
      step = stepOf(root, tokens[k]!.text);
      w.memo = step;
      w.memoKey = root;
    }
    out.push(step);
  }
  return out;
}

/** `aliasTokens` of one token, memoized (bounded): plain lower-case ASCII words skip the folding. */
export function tokenUnits(text: string): string[] {
  let u = unitCache.get(text);
  if (!u) {
    if (unitCache.size > 100_000) unitCache.clear();
    u = PLAIN_WORD.test(text) ? (text === 'the' ? ['the'] : [text]) : aliasTokens(text);
    unitCache.set(text, u);
  }
  return u;
}

/**
 * Finds longest, non-overlapping gazetteer matches in one sentence of tokens, left to right.
 * Tokens that normalize to nothing (punctuation) end a match, except a possessive inside a name
 * ("People's Republic"), brackets inside one ("CPSU (b)", whose closing bracket is kept) and quotation
 * marks in or around one whose alias has them (the "Iron Lady" of …). Inside a longer match, the names
 * of other entities it contains are reported too, marked `nested` (demonyms and context-dependent
 * aliases excepted). Entities in `exclude` are not matched (the outer entity, in a nested search).
 */
export function matchGazetteer(gaz: Gazetteer, tokens: readonly MatchToken[], maxLength = Infinity, exclude?: ReadonlySet<string>, given?: readonly TokenStep[]): GazetteerMatch[] {
  // (`given`: the tokens' steps when the caller has them, see `stepsOfTypes`)
  const steps = given ?? tokenSteps(gaz.root, tokens);
  const out: GazetteerMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    let best: GazetteerMatch | null = null;
    let node: TrieNode | undefined = gaz.root;
    let quotes = 0;
    for (let j = i; j < tokens.length && j - i < maxLength && node; j++) {
      const step = steps[j]!;
      const us = step.unit;
      if (typeof us === 'string') {
        // one plain word: one unit (its step from the root known)
        node = j === i ? step.first : node.next.get(us);
        if (!node?.entries) continue;
      } else if (us.length === 0) {
        // "People's Republic": a possessive inside a name is skipped; anything else ends the match
        if (j > i && POSSESSIVE_TOKEN.test(tokens[j]!.text)) continue;
        // the "Iron Lady" of …: quotation marks may open or sit inside a name whose alias has them
        if (QUOTE_TOKEN.test(tokens[j]!.text)) {
          quotes++;
          continue;
        }
        // "CPSU (b)", "VKP(b)": a bracket inside a name is skipped while the name may go on
        if (j > i && BRACKET_TOKEN.test(tokens[j]!.text)) continue;
        break;
      } else {
        for (const u of us) {
          node = node.next.get(u);
          if (!node) break;
        }
        if (!node?.entries) continue;
      }
      const surface = textsOf(tokens, i, j + 1);
      const before = i > 0 ? tokens[i - 1]!.text : undefined;
      // a name that opened a bracket takes its closing one: "(b)", not "(b"
      const open = surface.includes('(') && !surface.includes(')');
      const closes = open && tokens[j + 1]?.text === ')' && j + 2 - i <= maxLength;
      // and one that opened a quotation takes its closing mark: "this \"Iron Lady\""
      const quoteCloses = quotes % 2 === 1 && QUOTE_TOKEN.test(tokens[j + 1]?.text ?? '') && j + 2 - i <= maxLength;
      const marks = quotes + (quoteCloses ? 1 : 0);
      const next = tokens[j + 1]?.text;
      const fits = fitting(node.prepared!, surface, before, next, marks, exclude);
      if (fits.length > 0 && (!open || closes) && (quotes % 2 === 0 || quoteCloses)) best = gazetteerMatch(i, j + (closes || quoteCloses ? 2 : 1), fits, undefined, undefined);
    }
    if (best) {
      out.push(best);
      // "US President John F. Kennedy", "war with Japan": a longer name also names what it contains
      if (best.to - best.from > 1) addNestedMatches(gaz, tokens, best, out);
      i = best.to;
    } else i++;
  }
  return out;
}

/**
 * The texts of tokens `[from, to)`, pushed into a new array: one array kind every time (a `map` result may
 * be of another kind now and then, and a new kind makes the optimized code that reads it bail out).
 */
function textsOf(tokens: readonly MatchToken[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = from; k < to; k++) out.push(tokens[k]!.text);
  return out;
}

/**
 * Appends to `out` the names inside the longer match `best` (marked `nested`). A function of its own, so
 * that the loop of `matchGazetteer` over every token stays small (cheaper to optimize and reoptimize).
 */
function addNestedMatches(gaz: Gazetteer, tokens: readonly MatchToken[], best: GazetteerMatch, out: GazetteerMatch[]): void {
  const outer = new Set(best.entries.map((e) => e.entity.id));
  // a title form ("Marshal Tito") also yields the bare name of the same person
  const title = best.entries.some((e) => e.alias.kind === 'title');
  // "East Germany", "North Korea": a place's name does not also name the place it contains
  const outerIsPlace = best.entries.every((e) => e.entity.type === 'place');
  // the outer entity's own shorter names are passed over, so that they do not hide what they contain
  // ("Moscow City Committee of the CPSU" inside "… of the CPSU (b)" would hide "CPSU (b)")
  for (const inner of matchGazetteer(gaz, tokens.slice(best.from, best.to), best.to - best.from - 1, title ? undefined : outer)) {
    const entries = inner.entries.filter(
      (e) => (title || !outer.has(e.entity.id)) && e.alias.kind !== 'demonym' && !e.alias.needsContext && !(outerIsPlace && e.entity.type === 'place'),
    );
    if (entries.length > 0) out.push(gazetteerMatch(inner.from + best.from, inner.to + best.from, entries, true, undefined));
  }
}

/**
 * The entries of a trie node that may stand for `surface`: not excluded, with as many quotation marks as
 * the match took, and `caseFits` or `lowerEpithetFits` (the same tests, from the prepared alias facts; the
 * facts of the surface are worked out once per node, not once per entry).
 */
function fitting(prepared: readonly PreparedEntry[], surface: readonly string[], before: string | undefined, next: string | undefined, marks: number, exclude: ReadonlySet<string> | undefined): AliasEntry[] {
  const fits: AliasEntry[] = [];
  let noLowerSurface: boolean | undefined;
  let upperFirst: boolean | undefined;
  let afterThe: boolean | undefined;
  for (let k = 0; k < prepared.length; k++) {
    const p = prepared[k]!;
    if (exclude?.has(p.entityId)) continue;
    if (marks !== 0 && p.quotes !== marks) continue;
    let ok: boolean;
    if (p.noLetters) ok = false;
    else if (p.allCaps) ok = noLowerSurface ??= !hasLower(surface.join(' ').replace(NON_LETTERS, ''));
    else if (p.lowerThe && !(afterThe ??= (before ?? '').toLowerCase() === 'the')) ok = false;
    else if (p.upperInitial) ok = upperFirst ??= isUpperInitial(surface[0] ?? '');
    else ok = true;
    if (ok || (p.epithet && lowerEpithetFits(p.entry, surface, before, next))) fits.push(p.entry);
  }
  return fits;
}

const WEB_ADDRESS = /^https?:\/\/(?:www\d?\.)?([^/:?#\s]+)/i;

/** The trie entries of a name's normalized units (every alias whose normalized text is the name's), or undefined. */
export function lookup(gaz: Gazetteer, name: string): AliasEntry[] | undefined {
  let node: TrieNode | undefined = gaz.root;
  for (const u of aliasTokens(name)) {
    node = node.next.get(u);
    if (!node) return undefined;
  }
  return node === gaz.root ? undefined : node.entries;
}

/**
 * Web sites named by their addresses: in "http://www.britannica.com/event/…" the host ("britannica.com")
 * or its name part before the top-level domain ("britannica") is looked up among the aliases (lower-case
 * aliases only, so that a host never matches a capitalized name by accident). Returns one-token matches
 * with the character span of the name inside the address (`within`).
 */
export function matchWebAddresses(gaz: Gazetteer, tokens: readonly MatchToken[]): GazetteerMatch[] {
  const out: GazetteerMatch[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.text.charCodeAt(0) !== 104 /* h */) continue;
    const m = WEB_ADDRESS.exec(t.text);
    if (!m) continue;
    const host = m[1]!.toLowerCase();
    const offset = m[0].length - host.length;
    const labels = host.split('.');
    const site = labels.length >= 2 ? labels[labels.length - 2]! : '';
    for (const [name, at] of [[host, offset], [site, offset + host.lastIndexOf(site + '.')]] as const) {
      if (!name || at < offset) continue;
      const entries = lookup(gaz, name)?.filter((e) => e.alias.text === e.alias.text.toLowerCase() && !e.alias.needsContext && e.alias.kind !== 'demonym');
      if (entries?.length) {
        out.push(gazetteerMatch(k, k + 1, entries, undefined, [at, at + name.length]));
        break;
      }
    }
  }
  return out;
}

/** Top-level domains a bare host name is recognized by ("vk.com", "pravda.ru"). */
const TOP_LEVEL_DOMAINS = new Set(['com', 'org', 'net', 'info', 'io', 'ru', 'su', 'ua', 'by', 'kz', 'uk', 'de', 'fr', 'it', 'es', 'pl', 'cz', 'rs', 'hr', 'cn', 'jp', 'us', 'eu', 'gov', 'edu']);

/** A token with its character span. */
export interface SpanMatchToken extends MatchToken {
  start: number;
  end: number;
}

/**
 * Web sites named by a bare host written without a scheme, "vk.com" (tokens "vk", ".", "com" written
 * together, a known top-level domain last): the host or its name part is looked up among the aliases as
 * in `matchWebAddresses` (lower-case aliases only). Returns matches over the host's tokens.
 */
export function matchBareHosts(gaz: Gazetteer, tokens: readonly SpanMatchToken[]): GazetteerMatch[] {
  const out: GazetteerMatch[] = [];
  for (let k = 0; k + 2 < tokens.length; k++) {
    const name = tokens[k]!;
    const dot = tokens[k + 1]!;
    const tld = tokens[k + 2]!;
    if (dot.text !== '.' || name.end !== dot.start || dot.end !== tld.start || !TOP_LEVEL_DOMAINS.has(tld.text.toLowerCase())) continue;
    if (!HOST_NAME.test(name.text)) continue;
    // not inside a longer address: "mail.vk.com", "vk.com.ua", "vk.com/id1" are left to other readers
    const prev = k > 0 ? tokens[k - 1] : undefined;
    const next = k + 3 < tokens.length ? tokens[k + 3] : undefined;
    if ((prev && prev.end === name.start) || (next && next.start === tld.end && next.text !== ',' && next.text !== ';')) continue;
    const host = `${name.text}.${tld.text}`.toLowerCase();
    for (const key of [host, name.text.toLowerCase()]) {
      const entries = lookup(gaz, key)?.filter((e) => e.alias.text === e.alias.text.toLowerCase() && !e.alias.needsContext && e.alias.kind !== 'demonym');
      if (entries?.length) {
        out.push(gazetteerMatch(k, k + 3, entries, undefined, undefined));
        break;
      }
    }
  }
  return out;
}
