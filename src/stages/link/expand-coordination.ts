/**
 * Coordinated names that share a head: "the Communist Parties of France and Italy" names two
 * parties, "the Ministries of Defence and Finance" two ministries. Each conjunct is read as the
 * singular head plus its complement ("Communist Party of France") and looked up among the
 * knowledge base's aliases; when at least two resolve, the whole phrase is a mention of each.
 */
import { buildAliasIndex, normalizeAlias, type AliasIndex } from '../../kb/alias-index.ts';
import type { KnowledgeBase } from '../../kb/types.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const UPPER_INITIAL = /^\p{Lu}/u;
const IES_ENDING = /ies$/;
const PLURAL_S_ENDING = /[^s]s$/;

/** A token: span and surface text. */
export interface CoordToken {
  start: number;
  end: number;
  text: string;
  sentence: number;
}

/** One entity named by a coordinated phrase (the span is the whole phrase). */
export interface CoordinatedMention {
  start: number;
  end: number;
  entity: string;
  name: string;
  /** The singular name read for this conjunct ("Communist Party of France"). */
  reading: string;
}

const indexCache = new WeakMap<KnowledgeBase, AliasIndex>();
const isCap = (t: CoordToken | undefined) => !!t && UPPER_INITIAL.test(t.text);

/** "Parties" → "Party", "Ministries" → "Ministry", "Committees" → "Committee"; undefined when not plural. */
export function singularOf(word: string): string | undefined {
  if (IES_ENDING.test(word) && word.length > 4) return word.slice(0, -3) + 'y';
  if (PLURAL_S_ENDING.test(word) && word.length > 3) return word.slice(0, -1);
  return undefined;
}

/** Finds coordinated names in a document's tokens. */
export function expandCoordination(kb: KnowledgeBase, tokens: readonly CoordToken[]): CoordinatedMention[] {
  let index = indexCache.get(kb);
  if (!index) indexCache.set(kb, (index = buildAliasIndex(kb, { includeEvents: false })));
  const out: CoordinatedMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // a capitalized plural head followed by "of": "Parties of", "Ministries of"
    const head = tokens[i]!;
    if (tokens[i + 1]?.text !== 'of') continue;
    const singular = isCap(head) ? singularOf(head.text) : undefined;
    if (!singular) continue;
    let s = i;
    while (s > 0 && isCap(tokens[s - 1]) && tokens[s - 1]!.sentence === head.sentence && i - s < 3) s--;
    // conjuncts: single capitalized words separated by "," and a final "and"
    const conjuncts: CoordToken[] = [];
    let k = i + 2;
    if (tokens[k]?.text.toLowerCase() === 'the') k++;
    while (isCap(tokens[k]) && tokens[k]!.sentence === head.sentence) {
      conjuncts.push(tokens[k]!);
      const sep = tokens[k + 1]?.text;
      if (sep === ',' && isCap(tokens[k + 2])) k += 2;
      else if (sep === 'and' && isCap(tokens[k + 2])) k += 2;
      else break;
    }
    if (conjuncts.length < 2 || tokens[k - 1]?.text !== 'and') continue;
    const prefix = tokens.slice(s, i).map((t) => t.text);
    const found: CoordinatedMention[] = [];
    for (const c of conjuncts) {
      const reading = [...prefix, singular, 'of', c.text].join(' ');
      const entries = index.get(normalizeAlias(reading)) ?? [];
      const ids = [...new Set(entries.filter((e) => !e.alias.needsContext).map((e) => e.entity.id))];
      if (ids.length === 1) found.push({ start: tokens[s]!.start, end: tokens[k]!.end, entity: ids[0]!, name: entries[0]!.entity.name, reading });
    }
    if (found.length >= 2) out.push(...found);
    i = k;
  }
  return out;
}
