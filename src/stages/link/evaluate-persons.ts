/**
 * Evaluative references to people: a determiner, optional adjectives and a person-denoting noun
 * ("this fool", "our old tyrant", "her former boss"), or a person noun in quotation marks
 * ('that "patriot"', 'the "great reformer" of the Republic'). Such a phrase refers to a person the
 * document names: the name it stands in apposition to ('the "loyal democrat" Jan Peeters',
 * '…, Jan Peeters'), else the most salient person before it. Salience decays by sentence and
 * favours the first person named in a sentence (a subject) and the persons the document names most;
 * a person named as an argument of the same sentence before the phrase is not its referent
 * ("Peeters criticised the former boss of …" is not Peeters), nor is the referent of a pronoun before
 * it ("She blamed her former boss"). When no person is named before it, the phrase stays a
 * visible unresolved mention. Word lists live in `data/lexicon/person-nouns.json`. Pure.
 */
import { readFileSync } from 'node:fs';
import { firstStartingFrom } from '../../core/spans.ts';
import { isAdjective, type DescribeToken } from './describe-persons.ts';

// regular expressions of the rules below, made once: a literal inside a function makes a new RegExp object each time it runs
const LOWER_INITIAL = /^[a-z]/;
const SUPERLATIVE = /^[a-z]{4,}est$/;
const UPPER_INITIAL = /^\p{Lu}/u;
const LOWER_LETTER_INITIAL = /^\p{Ll}/u;
const PAST_FORM = /^[a-z]{3,}ed$/;
const SPACES = /\s+/;
const EST_ENDING = /est$/;
const ING_FORM = /^[a-z]+ing$/;
const IST_FORM = /^[a-z]+ist$/;

/** The word lists of `data/lexicon/person-nouns.json`, as sets. */
export interface PersonLexicon {
  /** Evaluative person nouns, lower case ("fool", "tyrant"). */
  personNouns: ReadonlySet<string>;
  /** Person nouns that need a modifier, quotation marks or a non-article determiner ("leader"). */
  neutralNouns: ReadonlySet<string>;
  /** Adherents of a doctrine, any case ("marxist", "menshevik"). */
  memberNouns: ReadonlySet<string>;
  /** Adjectives that may modify a name without an article ("wise", "poor"). */
  adjectives: ReadonlySet<string>;
  /** Function words that may follow a whole noun phrase. */
  followers: ReadonlySet<string>;
}

let lexicon: PersonLexicon | undefined;

/** Loads `data/lexicon/person-nouns.json` once. */
export function loadPersonLexicon(): PersonLexicon {
  if (!lexicon) {
    const raw = JSON.parse(readFileSync(new URL('../../../data/lexicon/person-nouns.json', import.meta.url), 'utf8')) as Record<string, string[]>;
    const set = (k: string) => new Set((raw[k] ?? []).map((w) => w.toLowerCase()));
    lexicon = { personNouns: set('personNouns'), neutralNouns: set('neutralNouns'), memberNouns: set('memberNouns'), adjectives: set('adjectives'), followers: set('followers') };
  }
  return lexicon;
}

/** A mention already found, as far as this rule needs it. */
export interface EvaluatedMention {
  start: number;
  end: number;
  label: string;
  entity?: string;
  name?: string;
  /** The link rule; a `local-new` "name" that is one of the lexicon's nouns ("Bolshevik") is no person. */
  rule?: string;
}

/** A new mention made by an evaluative phrase; `entity` absent when unresolved. */
export interface EvaluationMention {
  start: number;
  end: number;
  entity?: string;
  name?: string;
  /** `evaluation-apposition`, `evaluation-salient` or `evaluation-unresolved`. */
  rule: string;
  score: number;
}

/** A placeholder that gives the result list of `findEvaluations` its array kind (never returned). */
const NO_EVALUATION: EvaluationMention = { start: 0, end: 0, entity: undefined, name: undefined, rule: '', score: 0 };

const DETERMINERS = new Set(['the', 'this', 'that', 'our', 'my', 'your', 'his', 'her', 'their']);
const OPEN_QUOTES = new Set(['"', '“', '«', '„', '‘']);
const CLOSE_QUOTES = new Set(['"', '”', '»', '“', '’']);
const PRONOUNS = new Set(['he', 'she', 'him', 'his', 'her']);
const PREDICATIVE = new Set(['a', 'an', 'as', 'is', 'was', 'be', 'been', 'being', 'become', 'became', 'called', 'named']);
const POSSESSIVE = new Set(["'s", '’s', "'", '’']);

/**
 * Whether a word is one of `DETERMINERS`: their first letters and lengths are tested first, so that most
 * words of a document are not hashed for the set just to be turned down.
 */
function isDeterminer(norm: string): boolean {
  if (norm.length < 2 || norm.length > 5) return false;
  const c = norm.charCodeAt(0);
  return (c === 116 /* t */ || c === 111 /* o */ || c === 109 /* m */ || c === 121 /* y */ || c === 104) /* h */ && DETERMINERS.has(norm);
}

/** Whether a mention is a new local "name" that is one token, one of the lexicon's person nouns. */
export function isNounTakenForName(m: EvaluatedMention, tokens: readonly DescribeToken[], lex: PersonLexicon): boolean {
  if (m.rule !== 'local-new') return false;
  const i = firstStartingFrom(tokens, m.start);
  const t = i < tokens.length && tokens[i]!.start === m.start && tokens[i]!.end === m.end ? tokens[i] : undefined;
  return !!t && (lex.memberNouns.has(t.norm) || lex.personNouns.has(t.norm) || lex.neutralNouns.has(t.norm));
}

/**
 * Index of the token that starts at `pos` (the last one, should several start there), or undefined: a
 * binary search of the tokens (sorted by start), instead of a map of every token per document.
 */
function tokenStartingAt(tokens: readonly DescribeToken[], pos: number): number | undefined {
  let i = firstStartingFrom(tokens, pos);
  if (i >= tokens.length || tokens[i]!.start !== pos) return undefined;
  while (i + 1 < tokens.length && tokens[i + 1]!.start === pos) i++;
  return i;
}

/** A person named before a phrase: the mention, its sentence, and whether a possessive follows it. */
interface NamedPerson {
  m: EvaluatedMention;
  sentence: number;
  possessive: boolean;
}

/** The mention starting at `pos`, if any. */
function mentionAt(linked: readonly EvaluatedMention[], pos: number): EvaluatedMention | undefined {
  return linked.find((m) => m.start === pos);
}

/** The person's mention starting at `pos`, if any. */
function personAt(people: readonly NamedPerson[], pos: number): EvaluatedMention | undefined {
  return people.find((p) => p.m.start === pos)?.m;
}

/** The person's mention ending at `pos`, if any (none when `pos` is undefined). */
function personEndingAt(people: readonly NamedPerson[], pos: number | undefined): EvaluatedMention | undefined {
  return people.find((p) => p.m.end === pos)?.m;
}

/** The persons' salience scores by entity, best first, without the co-arguments of the phrase. */
function rankedScores(scores: ReadonlyMap<string, { score: number; name?: string }>, coArguments: ReadonlySet<string>): Array<[string, { score: number; name?: string }]> {
  return [...scores.entries()].filter(([id]) => !coArguments.has(id)).sort((a, b) => b[1].score - a[1].score);
}

/** Whether a span overlaps a mention (or a phrase found before). */
function overlapsAny(linked: readonly { start: number; end: number }[], s: number, e: number): boolean {
  return linked.some((m) => m.start < e && s < m.end);
}

/** Whether a token can head an evaluative phrase: an adherent noun, or a lower-case person noun. */
function isHead(lex: PersonLexicon, t: DescribeToken): boolean {
  return lex.memberNouns.has(t.norm) || (LOWER_INITIAL.test(t.text) && (lex.personNouns.has(t.norm) || lex.neutralNouns.has(t.norm)));
}

/** Whether a token can modify the head: "former", an adjective, a superlative. */
function isModifier(lex: PersonLexicon, t: DescribeToken): boolean {
  return t.norm === 'former' || lex.adjectives.has(t.text) || isAdjective(t) || (SUPERLATIVE.test(t.text) && t.text !== 'interest');
}

/** Whether the noun phrase of a sentence ends before token `x` (absent at the end of the text). */
function endsPhrase(x: DescribeToken | undefined, sentence: number, people: readonly NamedPerson[], lex: PersonLexicon, verbs: ReadonlySet<string>): boolean {
  return !x || x.sentence !== sentence || POSSESSIVE.has(x.norm) || (UPPER_INITIAL.test(x.text) ? !!personAt(people, x.start) : !LOWER_LETTER_INITIAL.test(x.text) || lex.followers.has(x.norm) || verbs.has(x.norm) || PAST_FORM.test(x.norm));
}

/** Whether an adherent noun head is named after the person ("Marxist" and Marx). */
function isEponym(lex: PersonLexicon, head: DescribeToken, name: string | undefined): boolean {
  return lex.memberNouns.has(head.norm) && (name ?? '').toLowerCase().split(SPACES).some((w) => w.length >= 4 && head.norm.startsWith(w));
}

/** What `evaluationAt` reads and where it writes: one document's tokens, the mentions and people before, and the phrases found. */
interface EvaluationScan {
  tokens: readonly DescribeToken[];
  linked: readonly EvaluatedMention[];
  people: readonly NamedPerson[];
  firstInSentence: ReadonlySet<number>;
  counts: ReadonlyMap<string, number>;
  out: EvaluationMention[];
  lex: PersonLexicon;
  verbs: ReadonlySet<string>;
}

/**
 * The evaluative phrase whose determiner or opening quotation mark is token `i` and whose modifiers end
 * before token `k` (`mods` of them, `superlative` when one is), in `sentence`: added to `scan.out` when its head
 * and ending fit; returns the index of the phrase's last token once the phrase is read (the scan of
 * `findEvaluations` goes on after it), else -1. (A function of its own, not part of the token loop: the
 * loop stays small, and this rarely taken path, when first taken, makes only itself be compiled again.)
 */
function evaluationAt(scan: EvaluationScan, i: number, k: number, det: string | undefined, quoted: boolean, mods: number, superlative: boolean, sentence: number): number {
  const { tokens, linked, people, firstInSentence, counts, out, lex, verbs } = scan;
  const head = tokens[k];
  if (!head || head.sentence !== sentence || !isHead(lex, head)) return -1;
  // "the leader", "this leader" alone are common nouns, "the communist country" an adjective; "our old
  // leader", 'the "leader"', "her former boss", "the bravest Menshevik" refer
  if (((lex.neutralNouns.has(head.norm) && !quoted) || lex.memberNouns.has(head.norm)) && mods === 0) return -1;
  let e = k + 1;
  if (quoted) {
    if (!tokens[e] || !CLOSE_QUOTES.has(tokens[e]!.text)) return -1;
    e++;
  }
  const headEnd = tokens[e - 1]!.end;
  let end = headEnd;
  let next = tokens[e];
  // complements: "of (the) <body or place>", and after a superlative "after <person>"
  if (next && next.norm === 'of') {
    const at = tokens[e + 1]?.norm === 'the' && !mentionAt(linked, tokens[e + 1]!.start) ? e + 2 : e + 1;
    const body = tokens[at] && mentionAt(linked, tokens[at]!.start);
    if (body?.entity && (body.label === 'ORG' || body.label === 'LOC')) {
      end = body.end;
      while (tokens[e] && tokens[e]!.start < end) e++;
      next = tokens[e];
    } else if (!ING_FORM.test(tokens[e + 1]?.norm ?? '')) return -1; // "suspected X of lying" is the verb's
  } else if (next && superlative && ['after', 'since', 'before'].includes(next.norm)) {
    const p = tokens[e + 1] && personAt(people, tokens[e + 1]!.start);
    if (p) {
      end = p.end;
      while (tokens[e] && tokens[e]!.start < end) e++;
      next = tokens[e];
    }
  }
  // the noun phrase ends here: "the opportunist policy", "the reformist and revisionist plan" are no persons
  if (!endsPhrase(next, sentence, people, lex, verbs)) return -1;
  // "the fool's errand": a bare noun as a possessor is the idiom's, not a person's
  if (det === 'the' && mods === 0 && !quoted && next && POSSESSIVE.has(next.norm)) return -1;
  const conjunct = tokens[e + 1];
  if (next && (next.norm === 'and' || next.norm === 'or') && conjunct && (isHead(lex, conjunct) || isModifier(lex, conjunct) || IST_FORM.test(conjunct.text)) && !endsPhrase(tokens[e + 2], sentence, people, lex, verbs)) return -1;
  const start = tokens[i]!.start;
  if (overlapsAny(linked, start, headEnd) || overlapsAny(out, start, end)) return -1;

  // apposition: '"the loyal democrat" Jan Peeters', "the idiot, Jan Peeters," and "Jan Peeters, this idiot"
  const right = next && (personAt(people, next.start) ?? (next.text === ',' && tokens[e + 1] ? personAt(people, tokens[e + 1]!.start) : undefined));
  const at = tokenStartingAt(tokens, start)!;
  const beforeComma = tokens[at - 1];
  const left = beforeComma?.text === ',' ? personEndingAt(people, tokens[at - 2]?.end) : undefined;
  const appositive = right?.entity ? right : left;
  if (appositive) {
    out.push({ start, end, entity: appositive.entity, name: appositive.name, rule: 'evaluation-apposition', score: 0.6 });
    return e - 1;
  }
  // salience of the persons named before
  const scores = new Map<string, { score: number; name?: string }>();
  const coArguments = new Set<string>();
  // a name in the same clause is another argument ("X criticised the former boss", "… our old leader, said X")
  for (const p of people) if (p.sentence === sentence && !p.possessive && (p.m.end <= start || p.m.start >= end)) coArguments.add(p.m.entity!);
  for (const p of people) {
    if (p.m.start >= start) break;
    // "the loyal Marxist" is not Marx: an adherent noun is not its eponym
    if (isEponym(lex, head, p.m.name)) continue;
    const distance = sentence - p.sentence;
    const weight = (p.possessive ? 0.5 : firstInSentence.has(p.m.start) ? 2 : 1) * 0.5 ** distance;
    const s = scores.get(p.m.entity!) ?? { score: 0.05 * (counts.get(p.m.entity!) ?? 0), name: p.m.name };
    s.score += weight;
    scores.set(p.m.entity!, s);
  }
  let ranked = rankedScores(scores, coArguments);
  // a pronoun before the phrase in its sentence ("She blamed her former boss") is the most salient person
  let pronoun = false;
  for (let x = at; x >= 0 && tokens[x]!.sentence === sentence && !pronoun; x--) pronoun = PRONOUNS.has(tokens[x]!.norm);
  if (pronoun && coArguments.size === 0) ranked = ranked.slice(1);
  const [best, second] = ranked;
  if (best && (!second || best[1].score > second[1].score)) out.push({ start, end, entity: best[0], name: best[1].name, rule: 'evaluation-salient', score: 0.35 });
  else out.push({ start, end, rule: 'evaluation-unresolved', score: 0 });
  return e - 1;
}

/**
 * Finds evaluative references to people in one document's tokens. `linked` are the mentions found so
 * far (none of them is overlapped, except a body or place inside an "of" complement); `verbs` are
 * verbs and auxiliaries that may follow a subject. Returns the new mentions in text order.
 */
export function findEvaluations(all: readonly EvaluatedMention[], tokens: readonly DescribeToken[], lex: PersonLexicon, verbs: ReadonlySet<string>): EvaluationMention[] {
  // a capitalized noun the recognizer took for a new name ("the bravest Menshevik") is the lexicon's noun
  // (plain loops into literal arrays: one packed array kind for every document, with or without mentions)
  const linked: EvaluatedMention[] = [];
  for (let k = 0; k < all.length; k++) if (!isNounTakenForName(all[k]!, tokens, lex)) linked.push(all[k]!);
  const people: NamedPerson[] = [];
  for (let k = 0; k < linked.length; k++) {
    const m = linked[k]!;
    if (m.label !== 'PER' || !m.entity) continue;
    const i = tokenStartingAt(tokens, m.start);
    const sentence = i === undefined ? -1 : tokens[i]!.sentence;
    if (!(sentence >= 0)) continue;
    const a = firstStartingFrom(tokens, m.end);
    const after = a < tokens.length ? tokens[a] : undefined;
    people.push({ m, sentence, possessive: !!after && after.start === m.end && POSSESSIVE.has(after.norm) });
  }
  people.sort((a, b) => a.m.start - b.m.start);
  const firstInSentence = new Set<number>();
  {
    let last = -1;
    for (const p of people) {
      if (p.sentence === last) continue;
      last = p.sentence;
      firstInSentence.add(p.m.start);
    }
  }
  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.m.entity!, (counts.get(p.m.entity!) ?? 0) + 1);

  // (begun as an array of objects, not an empty literal: one array kind whether a document has any or not —
  // a new kind met by optimized code that reads the result makes it bail out)
  const out: EvaluationMention[] = [NO_EVALUATION];
  out.pop();
  const scan: EvaluationScan = { tokens, linked, people, firstInSentence, counts, out, lex, verbs };
  // (the loop over every token stays small and has no closure over its variables, which would make the engine
  // allocate them anew for every token; a phrase is read by `evaluationAt`)
  for (let i = 0; i < tokens.length; i++) {
    let k = i;
    const det = isDeterminer(tokens[k]!.norm) ? tokens[k++]!.norm : undefined;
    const quoted = !!tokens[k] && tokens[k]!.text.length === 1 && OPEN_QUOTES.has(tokens[k]!.text);
    if (quoted) k++;
    if (!det && !quoted) continue;
    // a quoted phrase with a determiner is found from the determiner
    if (!det && i > 0 && DETERMINERS.has(tokens[i - 1]!.norm)) continue;
    // "honored him as an “opportunist”": a predicate, not a reference
    if (!det && i > 0 && PREDICATIVE.has(tokens[i - 1]!.norm)) continue;
    const sentence = tokens[i]!.sentence;
    let mods = 0;
    let superlative = false;
    while (tokens[k] && mods < 3 && tokens[k]!.sentence === sentence && !isHead(lex, tokens[k]!) && isModifier(lex, tokens[k]!)) {
      superlative ||= EST_ENDING.test(tokens[k]!.norm);
      k++;
      mods++;
    }
    const read = evaluationAt(scan, i, k, det, quoted, mods, superlative, sentence);
    if (read >= 0) i = read;
  }
  return out;
}
