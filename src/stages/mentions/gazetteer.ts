/**
 * Gazetteer matching over token sequences: a trie keyed by normalized alias units, built once per
 * knowledge base from every alias (`buildAliasIndex`), matched longest-first at token boundaries.
 * Case-, possessive- and diacritic-tolerant through `aliasTokens`; case is then checked per alias
 * so that "US" does not match the pronoun "us" and "Split" does not match the verb.
 */
import { aliasTokens, buildAliasIndex, type AliasEntry } from '../../kb/alias-index.ts';
import type { KnowledgeBase } from '../../kb/types.ts';

/** A trie node: children by unit, and the alias entries that end here. */
interface TrieNode {
  next: Map<string, TrieNode>;
  entries?: AliasEntry[];
}

/** The gazetteer of one knowledge base. */
export interface Gazetteer {
  root: TrieNode;
  /** Number of distinct alias keys. */
  size: number;
}

const cache = new WeakMap<KnowledgeBase, Gazetteer>();

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
    node.entries = entries;
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
}

const hasLower = (s: string) => s !== s.toUpperCase();
const isUpperInitial = (s: string) => {
  const c = s.charAt(0);
  return c !== c.toLowerCase();
};

/** Whether the surface tokens may stand for this alias given case and a required leading "the". */
export function caseFits(alias: string, surface: readonly string[], before: string | undefined): boolean {
  const startsWithThe = /^the\s/i.test(alias);
  const bareAlias = alias.replace(/^the\s+/i, '');
  const letters = bareAlias.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return false;
  const surfaceText = surface.join(' ');
  // "US", "CPSU", "PRC": an all-caps abbreviation only matches all-caps text
  if (letters.length <= 6 && !hasLower(letters)) return !hasLower(surfaceText.replace(/[^\p{L}]/gu, ''));
  // "the marshal": a lower-case epithet written with an article needs the article in the text too
  if (startsWithThe && !isUpperInitial(bareAlias) && (before ?? '').toLowerCase() !== 'the') return false;
  // a capitalized alias needs a capitalized first word: "Split" the city, not "split" the verb
  if (isUpperInitial(bareAlias)) return isUpperInitial(surface[0] ?? '');
  return true;
}

const unitCache = new Map<string, string[]>();

/** `aliasTokens` of one token, memoized (bounded): plain lower-case ASCII words skip the folding. */
export function tokenUnits(text: string): string[] {
  let u = unitCache.get(text);
  if (!u) {
    if (unitCache.size > 100_000) unitCache.clear();
    u = /^[a-z0-9]+$/.test(text) ? (text === 'the' ? ['the'] : [text]) : aliasTokens(text);
    unitCache.set(text, u);
  }
  return u;
}

/**
 * Finds longest, non-overlapping gazetteer matches in one sentence of tokens, left to right.
 * Tokens that normalize to nothing (punctuation) end a match, except a possessive inside a name
 * ("People's Republic") and brackets inside one ("CPSU (b)", whose closing bracket is kept). Inside a longer match, the names of other entities it contains are reported
 * too, marked `nested` (demonyms and context-dependent aliases excepted).
 */
export function matchGazetteer(gaz: Gazetteer, tokens: readonly MatchToken[], maxLength = Infinity): GazetteerMatch[] {
  const units = tokens.map((t) => tokenUnits(t.text));
  const out: GazetteerMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    let best: GazetteerMatch | null = null;
    let node: TrieNode | undefined = gaz.root;
    for (let j = i; j < tokens.length && j - i < maxLength && node; j++) {
      const us = units[j]!;
      if (us.length === 0) {
        // "People's Republic": a possessive inside a name is skipped; anything else ends the match
        if (j > i && /^['’]s?$/.test(tokens[j]!.text)) continue;
        // "CPSU (b)", "VKP(b)": a bracket inside a name is skipped while the name may go on
        if (j > i && /^[()]$/.test(tokens[j]!.text)) continue;
        break;
      }
      for (const u of us) {
        node = node.next.get(u);
        if (!node) break;
      }
      if (!node?.entries) continue;
      const surface = tokens.slice(i, j + 1).map((t) => t.text);
      const before = i > 0 ? tokens[i - 1]!.text : undefined;
      const fits = node.entries.filter((e) => caseFits(e.alias.text, surface, before));
      // a name that opened a bracket takes its closing one: "(b)", not "(b"
      const open = surface.includes('(') && !surface.includes(')');
      const closes = open && tokens[j + 1]?.text === ')' && j + 2 - i <= maxLength;
      if (fits.length > 0 && (!open || closes)) best = { from: i, to: j + (closes ? 2 : 1), entries: fits };
    }
    if (best) {
      out.push(best);
      // "US President John F. Kennedy", "war with Japan": a longer name also names what it contains
      if (best.to - best.from > 1) {
        const outer = new Set(best.entries.map((e) => e.entity.id));
        // a title form ("Marshal Tito") also yields the bare name of the same person
        const title = best.entries.some((e) => e.alias.kind === 'title');
        // "East Germany", "North Korea": a place's name does not also name the place it contains
        const outerIsPlace = best.entries.every((e) => e.entity.type === 'place');
        for (const inner of matchGazetteer(gaz, tokens.slice(best.from, best.to), best.to - best.from - 1)) {
          const entries = inner.entries.filter(
            (e) => (title || !outer.has(e.entity.id)) && e.alias.kind !== 'demonym' && !e.alias.needsContext && !(outerIsPlace && e.entity.type === 'place'),
          );
          if (entries.length > 0) out.push({ from: inner.from + best.from, to: inner.to + best.from, entries, nested: true });
        }
      }
      i = best.to;
    } else i++;
  }
  return out;
}
