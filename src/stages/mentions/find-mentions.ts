/**
 * Finds name mentions in tokenized sentences: gazetteer hits over the knowledge base first, then
 * names the statistical recognizer finds that the knowledge base does not know.
 */
import type { AliasEntry } from '../../kb/alias-index.ts';
import type { KbAliasKind, KbEntityType } from '../../kb/types.ts';
import { tagDocumentTyped, type WeightLookup, type WordType } from '../../ner/tagger.ts';
import { readDataJson } from '../events/lexicon.ts';
import { truecaseSentenceStarts } from './truecase.ts';
import { isFoldedReading, matchGazetteer, matchWebAddresses, matchBareHosts, stepsOfTypes, type Gazetteer, type GazetteerMatch } from './gazetteer.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const UPPER_OR_DIGIT_INITIAL = /^[\p{Lu}\p{N}]/u;
const NAME_PARTICLE = /^(?:of|de|von|van|al|la|der|the|and|for|bin|ibn|y|del|du|le)$/i;

/** Mention labels of the `mention` layer. */
export type MentionLabel = 'PER' | 'ORG' | 'LOC' | 'GRP' | 'MISC';

/** A token with its character span. */
export interface SpanToken {
  start: number;
  end: number;
  text: string;
}

/** An entity the gazetteer proposes for a mention, with the kind of alias that matched. */
export interface EntityCandidate {
  entity: string;
  kind: KbAliasKind;
  needsContext?: boolean;
  /** EDTF bounds of a time-bound alias (a former name). */
  from?: string;
  to?: string;
  /** A capitalized epithet read in lower case ("the leader" for "the Leader"): weaker evidence. */
  folded?: boolean;
}

/** A recognized mention before linking. Token indices are inside its sentence. */
export interface MentionCandidate {
  start: number;
  end: number;
  sentence: number;
  from: number;
  to: number;
  label: MentionLabel;
  /** `gazetteer`, `model`, or `gazetteer+model` (the model's span around a gazetteer hit). */
  found: 'gazetteer' | 'model' | 'gazetteer+model';
  candidates: EntityCandidate[];
  /** The recognizer's type for exactly this span, when it found one (helps choose among candidates). */
  modelLabel?: MentionLabel;
  /** Inside a longer title-form mention. */
  nested?: boolean;
}

/** The mention label for each knowledge-base entity type. */
export const TYPE_LABEL: Record<KbEntityType, MentionLabel> = {
  person: 'PER',
  organization: 'ORG',
  place: 'LOC',
  group: 'GRP',
  event: 'MISC',
  work: 'MISC',
  concept: 'MISC',
};

/** The label a set of gazetteer entries implies: demonyms are groups, metonym aliases yield to literal senses. */
export function labelOfEntries(entries: readonly AliasEntry[]): MentionLabel {
  if (entries.every((e) => e.alias.kind === 'demonym')) return 'GRP';
  const literal = entries.find((e) => e.alias.kind !== 'metonym' && e.alias.kind !== 'demonym') ?? entries[0]!;
  return TYPE_LABEL[literal.entity.type];
}

/** The type of an IOB2 tag ("B-PER" → "PER"), from a table for the recognizer's tags (no new string per token). */
const TAG_TYPES = new Map<string, string>(['PER', 'ORG', 'LOC', 'MISC'].flatMap((t) => [[`B-${t}`, t], [`I-${t}`, t]] as Array<[string, string]>));
const typeOfTag = (t: string): string => TAG_TYPES.get(t) ?? t.slice(2);

/** Token spans of IOB2 tags: `[from, to, type]`. */
export function spansOfTags(tags: readonly string[]): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  let from = -1;
  let type = '';
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === 'O') {
      if (from >= 0) out.push([from, i, type]);
      from = -1;
      continue;
    }
    const ty = typeOfTag(t);
    if (from >= 0 && (t.startsWith('B-') || ty !== type)) {
      out.push([from, i, type]);
      from = -1;
    }
    if (from < 0) {
      from = i;
      type = ty;
    }
  }
  if (from >= 0) out.push([from, tags.length, type]);
  return out;
}

/**
 * The candidate of one gazetteer entry, with every field present (the absent ones undefined) so that all
 * candidates share one object shape; `firstWord` is the matched text's first word (for `folded`).
 */
function candidateOf(e: AliasEntry, firstWord: string | undefined): EntityCandidate {
  return {
    entity: e.entity.id,
    kind: e.alias.kind,
    needsContext: e.alias.needsContext ? true : undefined,
    from: e.alias.from || undefined,
    to: e.alias.to || undefined,
    folded: firstWord !== undefined && isFoldedReading(e.alias.text, firstWord) ? true : undefined,
  };
}

/** No gazetteer hits (shared: only read). */
const NO_HITS: readonly GazetteerMatch[] = [];

const isNameToken = (t: string) => UPPER_OR_DIGIT_INITIAL.test(t) || NAME_PARTICLE.test(t);

const NO_LETTER_OR_DIGIT = /^[^\p{L}\p{N}]+$/u;
const HAS_UPPER_OR_DIGIT = /[\p{Lu}\p{N}]/u;
const HAS_LETTER = /\p{L}/u;
/** A lower-case prefix joined by a hyphen ("anti-", "pro-", "post-"), not a name particle ("al-", "de-"). */
const LOWER_PREFIX = /^(\p{Ll}+)[-\u2010\u2011]\p{L}/u;
const PREFIX_PARTICLES = new Set(['al', 'el', 'ad', 'as', 'ash', 'de', 'des', 'du', 'la', 'le', 'les', 'von', 'van', 'der', 'di', 'da', 'bin', 'ibn', 'ben', 'abu']);
const isModifierToken = (t: string): boolean => {
  const m = LOWER_PREFIX.exec(t);
  return m !== null && !PREFIX_PARTICLES.has(m[1]!);
};

/**
 * A recognizer's token span `[from, to)` without punctuation tokens at its edges and without a prefixed
 * modifier word before a longer name ("anti-Rurlandian Workers Party"), or undefined when nothing is left
 * or no token left has a capital letter or a digit ("do ?" is no name).
 */
export function trimModelSpan(tokens: readonly SpanToken[], from: number, to: number): [number, number] | undefined {
  while (from < to && NO_LETTER_OR_DIGIT.test(tokens[from]!.text)) from++;
  while (to > from && NO_LETTER_OR_DIGIT.test(tokens[to - 1]!.text)) to--;
  // "anti-Rurlandian Workers Party": a prefixed modifier before a longer name is no part of it
  while (to - from > 1 && isModifierToken(tokens[from]!.text)) from++;
  if (from >= to) return undefined;
  for (let i = from; i < to; i++) if (HAS_UPPER_OR_DIGIT.test(tokens[i]!.text)) return [from, to];
  return undefined;
}

// The searches of `findMentions` are module functions given the values they compare, not closures inside its
// loops: a closure that reads a variable of a loop makes the engine allocate a context for the loop's
// variables on every pass (every sentence, every hit, every span).

/** The model span `[from, to)`, if the recognizer found exactly that span. */
function spanOf(spans: ReadonlyArray<[number, number, string]>, from: number, to: number): [number, number, string] | undefined {
  for (let k = 0; k < spans.length; k++) if (spans[k]![0] === from && spans[k]![1] === to) return spans[k];
  return undefined;
}

/** The candidates of a hit's gazetteer entries (see `candidateOf`), in their order. */
function candidatesOf(entries: readonly AliasEntry[], firstWord: string | undefined): EntityCandidate[] {
  const out: EntityCandidate[] = [];
  for (let k = 0; k < entries.length; k++) out.push(candidateOf(entries[k]!, firstWord));
  return out;
}

/** The gazetteer hits (not nested in a title form) that overlap tokens `[from, to)`, in their order. */
function hitsInside(hits: readonly GazetteerMatch[], from: number, to: number): GazetteerMatch[] {
  const out: GazetteerMatch[] = [];
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k]!;
    if (!h.nested && h.from < to && from < h.to) out.push(h);
  }
  return out;
}

/** Whether every token of `[from, to)` outside the hit `h` may be part of a name (`isNameToken`). */
function namesAround(tokens: readonly SpanToken[], from: number, to: number, h: GazetteerMatch): boolean {
  for (let i = from; i < to; i++) if ((i < h.from || i >= h.to) && !isNameToken(tokens[i]!.text)) return false;
  return true;
}

/** Whether a mention found so far in sentence `si` overlaps `[start, end)`. */
function overlapsInSentence(out: readonly MentionCandidate[], si: number, start: number, end: number): boolean {
  for (let k = 0; k < out.length; k++) {
    const c = out[k]!;
    if (c.sentence === si && c.start < end && start < c.end) return true;
  }
  return false;
}

/**
 * A mention candidate with every field present, the optional ones undefined: one object shape for all of
 * them (candidates of several shapes make the engine's optimized code of their readers bail out, and
 * recompile, each time it meets a new one).
 */
export function mentionCandidate(start: number, end: number, sentence: number, from: number, to: number, label: MentionLabel, found: MentionCandidate['found'], candidates: EntityCandidate[], modelLabel: MentionLabel | undefined, nested: boolean | undefined): MentionCandidate {
  return { start, end, sentence, from, to, label, found, candidates, modelLabel, nested };
}

/** An empty list of token texts of the same array kind as a full one (an empty literal has another). */
const NO_TEXTS: string[] = [''];
NO_TEXTS.pop();

/**
 * The token texts of each sentence, as lists of one array kind whether empty or not, pushed (a `map` result
 * may be of another kind): the tagger reads them, and a new kind makes its optimized code bail out.
 */
function textListsOf(sentences: readonly (readonly SpanToken[])[]): string[][] {
  const lists: string[][] = [NO_TEXTS];
  lists.pop();
  for (let k = 0; k < sentences.length; k++) {
    const tokens = sentences[k]!;
    if (tokens.length === 0) {
      lists.push(NO_TEXTS);
      continue;
    }
    const texts: string[] = [];
    for (let i = 0; i < tokens.length; i++) texts.push(tokens[i]!.text);
    lists.push(texts);
  }
  return lists;
}

/** Options of `findMentions`. */
export interface FindMentionsOptions {
  gazetteer?: Gazetteer;
  model?: WeightLookup | null;
  /** Use the recognizer's fast path (skip lower-case tokens outside names). Default true. */
  fast?: boolean;
}

let eventNouns: Set<string> | undefined;

/** True when a word is one of the event-trigger nouns of `data/events/triggers.json` ("strike", "war", "uprising"). */
export function isEventNoun(word: string): boolean {
  eventNouns ??= new Set(readDataJson<{ entries: Array<{ nouns?: string[] }> }>('events/triggers.json').entries.flatMap((e) => e.nouns ?? []));
  return eventNouns.has(word.toLowerCase());
}

/** The running text of a document (its sentences that are not title-case headlines), indexed by token text. */
export interface RunningText {
  sentences: readonly (readonly SpanToken[])[];
  /** Token text → [sentence, index] of each occurrence. */
  at: Map<string, Array<[number, number]>>;
}

/** Indexes the sentences that are not headlines (`headline[k]` false) by token text. */
export function runningTextOf(sentences: readonly (readonly SpanToken[])[], headline: readonly boolean[]): RunningText {
  const at = new Map<string, Array<[number, number]>>();
  for (let k = 0; k < sentences.length; k++) {
    if (headline[k]) continue;
    const s = sentences[k]!;
    for (let i = 0; i < s.length; i++) {
      const list = at.get(s[i]!.text);
      if (list) list.push([k, i]);
      else at.set(s[i]!.text, [[k, i]]);
    }
  }
  return { sentences, at };
}

/** Index of the first token with a letter in a sentence (the sentence's first word, after opening quotes). */
function firstLetterAt(tokens: readonly SpanToken[]): number {
  for (let i = 0; i < tokens.length; i++) if (HAS_LETTER.test(tokens[i]!.text)) return i;
  return tokens.length;
}

/**
 * Whether the token texts of `[from, to)` occur, in that order, in the running text with a capital that
 * is not at a sentence's start ("After" and "The" at the start of every other sentence attest nothing).
 */
function occursIn(running: RunningText, tokens: readonly SpanToken[], from: number, to: number): boolean {
  for (const [k, i] of running.at.get(tokens[from]!.text) ?? []) {
    const s = running.sentences[k]!;
    let j = 1;
    while (j < to - from && i + j < s.length && s[i + j]!.text === tokens[from + j]!.text) j++;
    if (j < to - from) continue;
    const first = firstLetterAt(s);
    for (let x = Math.max(i, first + 1); x < i + j; x++) if (HAS_UPPER_OR_DIGIT.test(s[x]!.text)) return true;
  }
  return false;
}

/**
 * The longest part of a recognizer span in a title-case headline that the running text writes too, with a
 * capital in it ("Pit Bull Journalist Hounds Keith Ellison" → "Keith Ellison" when the article names
 * him), leftmost among equals; undefined when none is: a headline capitalizes every word, so a name
 * found only there ("Trump Vows") is most likely none.
 */
export function attestedSpan(tokens: readonly SpanToken[], from: number, to: number, running: RunningText): [number, number] | undefined {
  for (let n = to - from; n > 0; n--) {
    for (let a = from; a + n <= to; a++) {
      let capital = false;
      for (let i = a; i < a + n && !capital; i++) capital = HAS_UPPER_OR_DIGIT.test(tokens[i]!.text);
      if (capital && occursIn(running, tokens, a, a + n)) return [a, a + n];
    }
  }
  return undefined;
}

/**
 * The author a bibliographic reference opens with, written surname first ("<ref>Taubman, William.
 * Khrushchev: …", "Peeters, J. K., The Archive …"): the span of "Surname, Given" in `text` (offsets
 * from `offset`), or undefined. The given part is capitalized words and initials, ended by a full stop
 * or comma.
 */
export function referenceAuthor(text: string, offset = 0): { start: number; end: number } | undefined {
  const m = /^(\s*(?:<ref[^>]*>)?\s*)(\p{Lu}[\p{L}'’-]+,\s+\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?)?)\s*[.,]/u.exec(text);
  if (!m) return undefined;
  const start = offset + m[1]!.length;
  let span = m[2]!;
  if (span.endsWith('.') && !/\s\p{Lu}\.$|,\s+\p{Lu}\.$/u.test(span)) span = span.slice(0, -1); // "William." loses its stop, an initial keeps it
  return { start, end: start + span.length };
}

/**
 * Finds mentions in a document given as sentences of tokens. Gazetteer matches win over overlapping
 * model spans, except that a longer model span of capitalized words around a hit keeps the hit's
 * entities ("Nikos Zachariadis" around a known "Zachariadis"). In a title-case headline a model span keeps only
 * the part the running text also writes (`attestedSpan`). Returns candidates in text order.
 */
export function findMentions(sentences: readonly (readonly SpanToken[])[], opts: FindMentionsOptions = {}): MentionCandidate[] {
  const out: MentionCandidate[] = [];
  // the recognizer reads sentence starts and contractions in lower case; title-case headlines are noted
  const lists = opts.model ? textListsOf(sentences) : undefined;
  const headlines = lists ? truecaseSentenceStarts(lists) : undefined;
  const run = opts.model ? tagDocumentTyped(opts.model, lists!, { fast: opts.fast ?? true }) : undefined;
  // in a headline a recognizer span is kept only as far as the running text writes it too
  let running: RunningText | undefined;
  const tagged = run ? run.tags : [];
  // the recognizer's word types carry the gazetteer's steps: each token text is looked up once for both
  const types: readonly (readonly WordType[])[] | undefined = run?.types;
  for (let si = 0; si < sentences.length; si++) {
    const tokens = sentences[si]!;
    const hits = opts.gazetteer ? matchGazetteer(opts.gazetteer, tokens, Infinity, undefined, types ? stepsOfTypes(opts.gazetteer, tokens, types[si]!) : undefined) : [];
    // a web address names its site ("britannica" in http://www.britannica.com/…): a span inside the token
    const sites = opts.gazetteer ? matchWebAddresses(opts.gazetteer, tokens) : [];
    // and so does a bare host ("vk.com"), where no other name was found over it
    const hosts = opts.gazetteer ? matchBareHosts(opts.gazetteer, tokens) : [];
    // (no map for a sentence without hits, most of them)
    const byFrom = hits.length === 0 ? undefined : new Map<number, MentionCandidate>();
    const modelSpans = spansOfTags(tagged[si] ?? []);
    for (const h of hits) {
      const same = spanOf(modelSpans, h.from, h.to);
      const c = mentionCandidate(tokens[h.from]!.start, tokens[h.to - 1]!.end, si, h.from, h.to, labelOfEntries(h.entries), 'gazetteer', candidatesOf(h.entries, tokens[h.from]!.text), same ? (same[2] as MentionLabel) : undefined, h.nested ? true : undefined);
      if (h.nested) out.push(c);
      else byFrom!.set(h.from, c);
    }
    for (const span of modelSpans) {
      // "Rurland!" and "!!" at a span's edge: punctuation is no part of a name; a span left with no capital is none
      let trimmed = trimModelSpan(tokens, span[0], span[1]);
      if (!trimmed) continue;
      if (headlines?.[si]) {
        trimmed = attestedSpan(tokens, trimmed[0], trimmed[1], (running ??= runningTextOf(sentences, headlines)));
        if (!trimmed) continue;
      }
      const [from, to] = trimmed;
      // "the Harbour Strike": a name whose head is an event noun names an event, never a person
      const type = span[2] === 'PER' && isEventNoun(tokens[to - 1]!.text) ? 'MISC' : span[2];
      // (most sentences have no gazetteer hit: no filtering then)
      const inside = hits.length === 0 ? NO_HITS : hitsInside(hits, from, to);
      if (inside.length === 0) {
        out.push(mentionCandidate(tokens[from]!.start, tokens[to - 1]!.end, si, from, to, type as MentionLabel, 'model', [], undefined, undefined));
        continue;
      }
      // a longer model name around exactly one person hit: keep the longer span with the hit's entities
      const h = inside[0]!;
      const c = byFrom!.get(h.from)!;
      if (inside.length === 1 && type === 'PER' && c.label === 'PER' && from <= h.from && h.to <= to && to - from > h.to - h.from && namesAround(tokens, from, to, h)) {
        byFrom!.delete(h.from);
        out.push(mentionCandidate(tokens[from]!.start, tokens[to - 1]!.end, c.sentence, from, to, c.label, 'gazetteer+model', c.candidates, c.modelLabel, c.nested));
      }
    }
    if (byFrom !== undefined && byFrom.size > 0) out.push(...byFrom.values());
    for (const h of hosts) {
      const start = tokens[h.from]!.start;
      const end = tokens[h.to - 1]!.end;
      if (overlapsInSentence(out, si, start, end)) continue;
      out.push(mentionCandidate(start, end, si, h.from, h.to, labelOfEntries(h.entries), 'gazetteer', candidatesOf(h.entries, undefined), undefined, undefined));
    }
    for (const h of sites) {
      const t = tokens[h.from]!;
      const candidates = candidatesOf(h.entries, undefined);
      out.push(mentionCandidate(t.start + h.within![0], t.start + h.within![1], si, h.from, h.to, labelOfEntries(h.entries), 'gazetteer', candidates, undefined, undefined));
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
