import type { SentenceView, TokenView } from '../events/read-layers.ts';
import { matchAt, type SeqIndex } from './cues.ts';
import type { QuoteSpan } from './find-quotes.ts';
import { resolveSpeaker, speakerOfMention, type SpeakerContext, type SpeakerRef } from './resolve-speaker.ts';

/** A claim before ids and scores: kind, spans and speaker (possibly still pending). */
export interface ClaimDraft {
  kind: 'quote' | 'reported' | 'author-assertion';
  start: number;
  end: number;
  content: { start: number; end: number };
  cue?: { start: number; end: number };
  ref: SpeakerRef;
  rule: string;
  sentence: SentenceView;
}

/** Nouns that make "the statements of X" X's speech. */
const SPEECH_NOUNS = new Set(['statements', 'statement', 'words', 'remarks', 'warnings', 'warning', 'testament', 'letter', 'appeal', 'speech', 'thesis', 'theses', 'assessment']);
/** Auxiliaries of "it was announced that": the source is then a place or body named before. */
const PASSIVE_AUX = new Set(['was', 'is', 'has', 'had', 'were']);
/** Conjunctions that open a new clause after a quote ("…", but X said …), so the clause's verb is not the quote's attribution. */
const CLAUSE_CONJUNCTIONS = new Set(['but', 'and', 'while', 'whereas', 'although', 'though', 'yet', 'because', 'so', 'when', 'after', 'before', 'if']);
/** Attribution tails are short: "…,” the expert noted." */
const MAX_TAIL = 30;

/** Index of the first token of a speech verb in `tokens`, with its length, or undefined. */
function findVerb(tokens: readonly TokenView[], seqs: SeqIndex, from = 0, to = tokens.length): { i: number; n: number } | undefined {
  const norms = tokens.map((t) => t.norm);
  for (let i = from; i < to; i++) {
    const n = matchAt(norms, i, seqs);
    if (n) return { i, n };
  }
  return undefined;
}

/**
 * The tokens between the last comma before a verb and the verb ("police" in "…, and exchanged fire with
 * Smith, police said") when they hold a person mention or a group word; empty otherwise.
 */
function subjectBefore(tokens: readonly TokenView[], verb: { i: number; n: number }, c: SpeakerContext): TokenView[] {
  let from = verb.i;
  while (from > 0 && tokens[from - 1]!.norm !== ',' && tokens[from - 1]!.norm !== ';') from--;
  const part = tokens.slice(from, verb.i);
  if (!part.length) return [];
  const start = part[0]!.start;
  const end = part[part.length - 1]!.end;
  const person = c.mentions.some((m) => m.label === 'PER' && m.start >= start && m.end <= end);
  return person || part.some((t) => c.cues.groups.has(t.norm)) ? part : [];
}

/** "the statements of Vladimir Lenin": the mention after a speech noun + "of" in a window. */
function speechNounOwner(window: readonly TokenView[], ctx: SpeakerContext): SpeakerRef | undefined {
  for (let i = 0; i + 2 < window.length; i++) {
    if (SPEECH_NOUNS.has(window[i]!.norm) && window[i + 1]!.norm === 'of') {
      const m = ctx.mentions.find((x) => x.start >= window[i + 2]!.start && x.start <= (window[i + 3] ?? window[i + 2]!).start && (x.label === 'PER' || x.label === 'ORG'));
      if (m) return speakerOfMention(m, ctx.source.text);
    }
  }
  return undefined;
}

/**
 * Attributes quotations: the attribution after the closing mark ("…,” the expert noted" /
 * "…, "Name, title, told RT") or before the opening mark in the same sentence ("Name urged those
 * present to "…""). Quotes in one sentence that share an attribution before them become one claim.
 * Unattributed quotes (titles, scare quotes) are not claims.
 */
export function attributeQuotes(quotes: readonly QuoteSpan[], sentences: readonly SentenceView[], ctx: (pos: number) => SpeakerContext): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const sentenceAt = (pos: number) => sentences.find((s) => s.start <= pos && pos < s.end) ?? [...sentences].reverse().find((s) => s.start <= pos);
  const used = new Set<QuoteSpan>();
  for (const q of quotes) {
    if (q.depth > 0 || used.has(q)) continue;
    const c = ctx(q.open);
    // after the closing mark, to the end of its sentence
    const tailSentence = sentenceAt(q.close + 1);
    const tail = tailSentence ? tailSentence.tokens.filter((t) => t.start > q.close).slice(0, MAX_TAIL + 1) : [];
    const nextOpen = quotes.find((o) => o.open > q.close && o.depth === 0);
    const tailTokens = tail.filter((t) => !nextOpen || t.start < nextOpen.open);
    // "…", but the union leader said …: a conjunction opens a clause of its own, whose verb is no attribution of the
    // quote, unless the verb closes the sentence as a parenthetical ("…", and fired at Smith, police said.)
    const newClause = CLAUSE_CONJUNCTIONS.has((tailTokens[0]?.norm === ',' ? tailTokens[1] : tailTokens[0])?.norm ?? '');
    const found = tailTokens.length && tailTokens.length <= MAX_TAIL && !/\n/.test(c.source.text.slice(q.close, tailTokens[0]!.start)) ? findVerb(tailTokens, c.cues.speech) : undefined;
    const tailVerb = found && (!newClause || tailTokens.slice(found.i + found.n).every((t) => !/[\p{L}\p{N}]/u.test(t.norm))) ? found : undefined;
    if (tailVerb) {
      // a person or group right before the verb in its own clause is the speaker ("…, and exchanged fire with Smith, police
      // said"); else the whole tail decides ("…,” Ada Brisk, a keeper, told the Gazette")
      const subject = subjectBefore(tailTokens, tailVerb, c);
      const ref = (subject.length ? resolveSpeaker(subject, c) : undefined) ?? resolveSpeaker(tailTokens, c);
      if (ref) {
        const end = tailTokens[tailTokens.length - 1]!.end;
        out.push({
          kind: 'quote',
          start: q.open,
          end,
          content: { start: q.contentStart, end: q.contentEnd },
          cue: { start: tailTokens[0]!.start, end },
          ref,
          rule: 'quote:attribution-after',
          sentence: tailSentence!,
        });
        continue;
      }
    }
    // before the opening mark, in the same sentence
    const s = sentenceAt(q.open);
    if (!s) continue;
    const prefix = s.tokens.filter((t) => t.end <= q.open);
    // the speech verb nearest the quote whose subject resolves ("Summing up …, Name urged …")
    const verbs: Array<{ i: number; n: number }> = [];
    for (let from = 0; ; ) {
      const v = findVerb(prefix, c.cues.anySpeech, from);
      if (!v) break;
      verbs.push(v);
      from = v.i + v.n;
    }
    let verb: { i: number; n: number } | undefined;
    let ref: SpeakerRef | undefined;
    let paraphrase = false;
    for (const v of verbs.reverse()) {
      const owner = speechNounOwner(prefix.slice(v.i), c);
      ref = owner ?? resolveSpeaker(prefix.slice(Math.max(0, v.i - 8), v.i), c);
      // "recalled the statements of X about "…"": the author paraphrases X, quoting a few words
      paraphrase = owner !== undefined;
      if (ref) {
        verb = v;
        break;
      }
    }
    if (!verb || !ref) continue;
    const same = quotes.filter((o) => o.depth === 0 && o.open >= q.open && o.close < s.end);
    for (const o of same) used.add(o);
    const last = same[same.length - 1] ?? q;
    const cueStart = prefix[Math.max(0, verb.i - 8)]!.start;
    out.push({
      kind: paraphrase ? 'reported' : 'quote',
      start: Math.min(cueStart, s.start),
      end: Math.max(last.close + 1, s.end),
      content: { start: q.contentStart, end: last.contentEnd },
      cue: { start: prefix[verb.i]!.start, end: prefix[verb.i + verb.n - 1]!.end },
      ref,
      rule: 'quote:attribution-before',
      sentence: s,
    });
  }
  return out;
}

/** Trims a token range to a content span (no leading "that", no trailing comma or period spaces). */
function contentOf(tokens: readonly TokenView[], from: number, to: number, minWords = 4): { start: number; end: number } | undefined {
  while (from < to && [',', 'that', ':', '-', '—', '–'].includes(tokens[from]!.norm)) from++;
  while (to > from && [',', '-', '—', '–'].includes(tokens[to - 1]!.norm)) to--;
  if (tokens.slice(from, to).filter((t) => /\p{L}/u.test(t.norm)).length < minWords) return undefined;
  return { start: tokens[from]!.start, end: tokens[to - 1]!.end };
}

/** Auxiliaries and modals that follow a relative "that" ("the report that was published"), not a "that"-clause's subject. */
const RELATIVE_FOLLOWERS = new Set(['was', 'were', 'is', 'are', 'had', 'has', 'have', 'would', 'will', 'could', 'can', 'may', 'might', 'should', 'did', 'does', 'do']);
/** Words that open an adjunct between a speech verb and its "that" (prepositions, days, time adverbs). */
const ADJUNCT_OPENERS = new Set([
  'at', 'in', 'on', 'during', 'after', 'before', 'to', 'with', 'from', 'last', 'this', 'yesterday', 'today', 'earlier', 'later', 'again', 'also',
  'repeatedly', 'publicly', 'privately', 'recently', 'then', 'now', 'previously', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
/** Words before a verb form that make it a noun or a non-finite form ("the report", "is believed", "by claiming", "to state"). */
const NOT_A_SPEAKER_VERB = new Set(['the', 'a', 'an', 'this', 'his', 'her', 'their', 'its', 'our', 'is', 'was', 'are', 'were', 'be', 'been', 'being', 'by', 'for', 'of', 'without', 'to', 'that', 'which']);
/** Subjects and auxiliaries that make a base form ("state", "report") a verb: "I think", "we believe", "they say", "will claim". */
const BASE_FORM_SUBJECTS = new Set(['i', 'we', 'you', 'they', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'do', 'did', 'does']);

/**
 * True when a speech-verb form at `i` reads as a speaker's verb in a statement: not a question, not
 * after a determiner, a passive auxiliary, a preposition or a relative "that"; a base form ("state",
 * "report", "claim", which are nouns too) only after a personal pronoun or an auxiliary.
 */
function reportsHere(norms: readonly string[], i: number, form: string, n: number): boolean {
  const prev = norms[i - 1] ?? '';
  if (norms[n - 1] === '?' || NOT_A_SPEAKER_VERB.has(prev)) return false;
  const inflected = /(?:s|ed|d|ing)$/.test(form) || ['told', 'thought', 'wrote', 'written'].includes(form);
  return inflected || BASE_FORM_SUBJECTS.has(prev);
}

/** Copulas and auxiliaries that make the words after a speech verb a clause rather than adjuncts. */
const CLAUSE_VERBS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had']);
/** Most words of adjuncts between a speech verb and its "that" ("said at a news conference on Monday that"). */
const MAX_ADJUNCT = 7;
/** Words that may open a clause reported without "that" ("said a witness told …", "said officer Ada Brisk died …"). */
const CLAUSE_OPENERS = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'there', 'officer', 'officers', 'police']);

/**
 * The index of the "that" opening a speech verb's clause after a few adjunct words ("said at a news
 * conference Saturday that"), -1 when there is none, -2 when the "that" opens a relative clause (the
 * word after it is an auxiliary: "the report that was"), so that no clause is read there at all. The
 * adjuncts hold no punctuation. "that" right after the verb is left to the plain pattern.
 */
export function thatAfterAdjuncts(norms: readonly string[], from: number, speech?: SeqIndex, addressee = false): number {
  // the words after the verb open with a preposition or time word ("at a news conference", "on Monday"), or name the person told
  if (!addressee && !ADJUNCT_OPENERS.has(norms[from] ?? '')) return -1;
  for (let j = from + 1; j < norms.length && j - from <= MAX_ADJUNCT; j++) {
    const w = norms[j]!;
    if (w === 'that') {
      const next = norms[j + 1] ?? '';
      // "the report that was …" is a relative clause; "… think for that." a pronoun
      return RELATIVE_FOLLOWERS.has(next) ? -2 : /^\p{L}/u.test(next) ? j : -1;
    }
    // adjuncts are phrases, not a clause of their own ("there is a way to say that")
    if (!/^[\p{L}\p{N}'’.-]+$/u.test(w) || CLAUSE_VERBS.has(w) || (speech && matchAt(norms, j, speech))) return -1;
  }
  return -1;
}

/** True when the words after a speech verb open a clause of their own ("said the plant had closed"), judged by its first word. */
function startsBareClause(tokens: readonly TokenView[], at: number, text: string): boolean {
  const w = tokens[at];
  if (!w || w.norm === 'that') return false;
  return CLAUSE_OPENERS.has(w.norm) || /^\p{Lu}/u.test(text.slice(w.start, w.end)) || /^\d/.test(w.norm);
}

/**
 * Finds reported speech in one sentence, first pattern that fits:
 * "According to X, P" / "P, according to X"; "As X noted, P" / "P, as X said";
 * "X noted that P" / "X said: P" / "X said at a news conference that P" / "X said P" (a bare clause
 * opening with a determiner, pronoun, name or number, of four words or more); "In X, it was announced that P" (X a place or body); "P, X said,
 * P" / "P, X said"; "X accused Y of P" (verbs whose
 * object is the reported content). Returns at most one claim.
 */
export function findReported(s: SentenceView, c: SpeakerContext): ClaimDraft | undefined {
  const t = s.tokens;
  const norms = t.map((x) => x.norm);
  const n = t.length;
  const draft = (content: { start: number; end: number } | undefined, cueFrom: number, cueTo: number, ref: SpeakerRef | undefined, rule: string): ClaimDraft | undefined => {
    if (!content || !ref || cueTo <= cueFrom) return undefined;
    const cue = { start: t[cueFrom]!.start, end: t[cueTo - 1]!.end };
    return { kind: 'reported', start: Math.min(cue.start, content.start), end: Math.max(cue.end, content.end), content, cue, ref, rule, sentence: s };
  };
  const nextComma = (from: number) => {
    for (let i = from; i < n; i++) if (norms[i] === ',' || norms[i] === ';') return i;
    return n;
  };
  // according to X, P  |  P, according to X
  for (let i = 0; i < n; i++) {
    const k = matchAt(norms, i, c.cues.sourcePrepositions);
    if (!k) continue;
    const comma = nextComma(i + k);
    const ref = resolveSpeaker(t.slice(i + k, comma), c);
    if (comma < n - 2) return draft(contentOf(t, comma + 1, n), i, comma, ref, 'reported:according-to');
    if (i > 0) return draft(contentOf(t, 0, i), i, n, ref, 'reported:according-to-after');
    return undefined;
  }
  // as X noted, P  |  P, as X said
  for (let i = 0; i < n; i++) {
    if (norms[i] !== 'as' || (i > 0 && norms[i - 1] !== ',')) continue;
    const comma = nextComma(i + 1);
    const v = findVerb(t, c.cues.speech, i + 1, comma);
    if (!v || comma - i > 10 || v.i + v.n !== comma) continue;
    const ref = resolveSpeaker(t.slice(i + 1, v.i), c);
    if (comma < n - 2) return draft(contentOf(t, comma + 1, n), i, comma, ref, 'reported:as-x-said');
    if (i > 0) return draft(contentOf(t, 0, i), i, n, ref, 'reported:as-x-said-after');
  }
  // X noted that P  |  X said: P  |  X said at a news conference on Monday that P  |  X said P
  for (let i = 1; i < n; i++) {
    const k = matchAt(norms, i, c.cues.speech);
    if (!k || !c.cues.content.has(norms.slice(i, i + k).join(' '))) continue;
    const after = norms[i + k];
    const plain = after === 'that' || after === ':';
    const form = norms.slice(i, i + k).join(' ');
    const that = plain || !reportsHere(norms, i, form, n) ? -1 : thatAfterAdjuncts(norms, i + k, c.cues.speech, c.cues.addressee.has(form));
    // a clause without "that" only after verbs that take one ("said a witness saw …", not "maintained the ban"), with the
    // speaker before the verb ("the advisor said …", not the inverted "… ,” said the advisor") and not an infinitive
    const bareVerb = c.cues.bareClause.has(form) && /\p{L}/u.test(norms[i - 1]!) && reportsHere(norms, i, form, n);
    const bare = plain || that !== -1 || !bareVerb || !startsBareClause(t, i + k, c.source.text) ? -1 : i + k;
    if (plain || that >= 0 || bare >= 0) {
      // the cue runs to "that" (over "at a news conference", "on Monday"), or just the verb before a bare clause
      const cueEnd = that >= 0 ? that + 1 : bare >= 0 ? bare : i + k + 1;
      let from = i - 1;
      while (from > 0 && i - from < 12 && ![',', ';', ':'].includes(norms[from - 1]!)) from--;
      // "Name, title of X, noted that": reach back over one apposition
      if (from > 1 && norms[from - 1] === ',' && i - from < 10) {
        let f2 = from - 1;
        while (f2 > 0 && from - f2 < 8 && norms[f2 - 1] !== ',' && norms[f2 - 1] !== ';') f2--;
        if (c.mentions.some((m) => m.label === 'PER' && m.start >= t[f2]!.start && m.end <= t[from - 1]!.start)) from = f2;
      }
      const ref = resolveSpeaker(t.slice(from, i), c);
      const rule = that >= 0 ? 'reported:verb-adjunct-that' : bare >= 0 ? 'reported:verb-bare-clause' : 'reported:verb-that';
      const r = draft(contentOf(t, cueEnd, n), from, that >= 0 ? cueEnd : i + k, ref, rule);
      if (r) return r;
    }
  }
  // impersonal passive with a place or body as the source: "In X, it was announced that P"
  for (let i = 0; i + 3 < n; i++) {
    if (norms[i] !== 'it' || !PASSIVE_AUX.has(norms[i + 1]!)) continue;
    const at = norms[i + 2] === 'been' ? i + 3 : i + 2;
    const k = matchAt(norms, at, c.cues.speech);
    if (!k || norms[at + k] !== 'that' || !c.cues.content.has(norms.slice(at, at + k).join(' '))) continue;
    const prefixEnd = t[i]!.start;
    const body = [...c.mentions].reverse().find((m) => m.start >= s.start && m.end <= prefixEnd && ['ORG', 'LOC', 'GRP'].includes(m.label));
    if (!body) break;
    const r = draft(contentOf(t, at + k, n), i, at + k, speakerOfMention(body, c.source.text), 'reported:impersonal-passive');
    if (r) return r;
  }
  // parenthetical: P, X said, P  |  P, X said.
  for (let i = 1; i + 1 < n; i++) {
    if (norms[i] !== ',') continue;
    let j = i + 1;
    while (j < n && j - i <= 6 && norms[j] !== ',' && !/^["'\-—–]$/.test(norms[j]!) && !matchAt(norms, j, c.cues.speech)) j++;
    const k = j < n ? matchAt(norms, j, c.cues.speech) : 0;
    if (!k || j === i + 1 || !c.cues.content.has(norms.slice(j, j + k).join(' '))) continue;
    const endCue = j + k;
    const closing = norms[endCue];
    if (closing !== ',' && closing !== '.' && endCue !== n) continue;
    const ref = resolveSpeaker(t.slice(i + 1, j), c);
    if (!ref) continue;
    const rest = closing === ',' ? contentOf(t, endCue + 1, n) : undefined;
    const head = contentOf(t, 0, i, rest ? 1 : 4);
    if (!head) continue;
    const content = { start: head.start, end: rest ? rest.end : head.end };
    return draft(content, i + 1, endCue, ref, 'reported:parenthetical');
  }
  // X accused Y of P, X denounced P, X urged Y to P
  for (let i = 1; i < n; i++) {
    const k = matchAt(norms, i, c.cues.objectVerbs);
    if (!k) continue;
    let from = i - 1;
    while (from > 0 && i - from < 3 && /ly$/.test(norms[from]!)) from--; // "effectively denounced"
    const subj = t.slice(Math.max(0, from - 3), from + 1);
    const owner = speechNounOwner(t.slice(i), c);
    const ref = owner ?? resolveSpeaker(subj.filter((x) => c.mentions.some((m) => m.start <= x.start && x.end <= m.end) || c.cues.pronouns.has(x.norm)), c);
    if (!ref) continue;
    // the content runs to the end of the clause: "what he referred to as X that attempted …" → X
    let to = i + k;
    while (to < n && ![';', 'that', 'which', 'who'].includes(norms[to]!)) to++;
    return draft(contentOf(t, i + k, to, 2), Math.max(0, from - 3), i + k, ref, 'reported:object-verb');
  }
  return undefined;
}

/** Longest stray fragment ("M.V." is up to four tokens) a broken attribution may run across. */
const MAX_FRAGMENT = 4;

/**
 * "According to the professor of X, Y University. | M.V. | Lomonosov Ann Lee, P": an attribution
 * that extraction broke into sentences (an initial read as a sentence end). When sentence `s` opens
 * with a source preposition and holds no content, the attribution runs on through stray fragments
 * to the first sentence with a person named before its first comma; P after the comma is the
 * content. Returns undefined when the next sentences do not fit.
 */
export function findRunOnReported(s: SentenceView, following: readonly SentenceView[], c: SpeakerContext): ClaimDraft | undefined {
  const norms = s.tokens.map((x) => x.norm);
  if (!matchAt(norms, 0, c.cues.sourcePrepositions)) return undefined;
  for (const next of following.slice(0, 3)) {
    const t = next.tokens;
    const comma = t.findIndex((x) => x.norm === ',');
    if (comma < 0) {
      if (t.length > MAX_FRAGMENT) return undefined;
      continue;
    }
    const head = t.slice(0, comma);
    // the name nearest the comma: "Lomonosov Ann Lee," is Ann Lee
    const person = [...c.mentions].reverse().find((m) => m.label === 'PER' && head.length > 0 && m.start >= head[0]!.start && m.end <= head[head.length - 1]!.end);
    const content = contentOf(t, comma + 1, t.length);
    if (!person || !content || comma > 8) return undefined;
    return {
      kind: 'reported',
      start: s.start,
      end: content.end,
      content,
      cue: { start: s.start, end: t[comma - 1]!.end },
      ref: speakerOfMention(person, c.source.text),
      rule: 'reported:according-to-run-on',
      sentence: next,
    };
  }
  return undefined;
}
