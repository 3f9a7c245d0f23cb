/**
 * Words the recognizer marks as names that do not name an entity of their own: derivatives of a name
 * ("Vaskism", "a Vaskist", "Vaskshchina"), hyphenated modifiers ("anti-Rurlandian", "Vask-era"),
 * capitalised adjectives before a noun ("the Northern provinces") and Roman numerals alone ("XIV").
 * The link stage keeps such a mention but creates no new local entity for it.
 */

/** A single word: letters and digits, joined by hyphens or apostrophes, no space. */
const ONE_WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’\u2010\u2011-]*$/u;
/** Hyphens inside a word. */
const WORD_HYPHEN = /[\u2010\u2011-]/;
/**
 * The endings of doctrines, adherents and eras derived from a name, singular only: a plural adherent
 * noun ("the Vaskists") names a group and may stay an entity. `-ite` is read apart (given names end so).
 */
const DOCTRINE_ENDING = /\p{L}{3}(?:ism|ist|ization|isation|shchina|shchyna)$/u;
const ADHERENT_ITE = /\p{L}{4}ite$/u;
/** Adjective endings of a capitalised word ("Northern", "Caspian", "Ostrian", "Vaskist"). */
const ADJECTIVE_ENDING = /\p{L}{2}(?:ian|ean|ese|ish|ic|ical|ist|ern|ied)$/u;
/** The last part of an adjectival compound ("Rurland-Ostrian", "Arab-Vaskish", "Ostro-Azeri"). */
const COMPOUND_ADJECTIVE_ENDING = /\p{L}{2}(?:ian|ean|an|ese|ish|ic|ist|ern|i)$/u;
/** Lower-case parts of hyphenated place and personal names ("Stratford-upon-Avon", "al-Rashid"). */
const NAME_PARTICLES = new Set(['al', 'el', 'ad', 'as', 'ash', 'de', 'des', 'du', 'la', 'le', 'les', 'sur', 'sous', 'en', 'upon', 'on', 'under', 'von', 'van', 'der', 'di', 'da', 'dos', 'y', 'bin', 'ibn', 'ben', 'bint', 'abu']);
/** A Roman numeral of I, V and X alone, two letters or more ("XX", "XIV"): an ordinal, no name. */
const ROMAN_NUMERAL = /^(?:X{1,3}(?:IX|IV|V?I{0,3})|IX|IV|VI{0,3}|I{2,3})$/;
const LOWER_INITIAL = /^\p{Ll}/u;
const UPPER_INITIAL = /^\p{Lu}/u;
/** A lower-case word right after the mention, on the same line ("Northern provinces"). */
const NEXT_LOWER_WORD = /^[ \t\u00a0]+(\p{Ll}[\p{L}'’-]*)/u;
/**
 * Words after which a capitalised word is no modifier: articles, prepositions, conjunctions, pronouns and
 * common verbs ("Vaskia and Ostria", "Ostria was").
 */
const NOT_NOUNS = new Set(
  (
    'a an the and or but nor of in on at to for from by with as into onto than then that which who whom whose this these those ' +
    'is are was were be been being has have had do does did will would shall should can could may might must ' +
    'it its he she they we you i his her their our my your him them us me not no so if also too only even still ' +
    'said says say told asked wrote declared called became remained made took gave went came left led signed'
  ).split(' '),
);

/** Why a mention's word names no entity of its own, or undefined when it may. */
export type EntityWordReason = 'name-derivative' | 'hyphenated-modifier' | 'adjective-before-noun' | 'roman-numeral';

/** What `entityWordReason` reads about a mention. */
export interface EntityWordInput {
  /** The mention's text. */
  text: string;
  /** Its label. */
  label: string;
  /** The document text after the mention (a few dozen characters suffice). */
  after: string;
  /** Found by the statistical recognizer alone (no knowledge-base candidate). */
  modelOnly: boolean;
  /** More verbs to read as "not a noun" after the mention (lower case). */
  verbs?: ReadonlySet<string>;
}

/** The lower-case word right after a mention, if it follows on the same line after spaces only. */
export function nextLowerWord(after: string): string | undefined {
  const m = NEXT_LOWER_WORD.exec(after);
  return m ? m[1]! : undefined;
}

/** Whether a hyphenated word has a lower-case part that is not a name particle ("anti-X", "X-era"). */
export function hasLowerPart(word: string): boolean {
  if (!WORD_HYPHEN.test(word)) return false;
  const parts = word.split(WORD_HYPHEN);
  return parts.some((p) => p.length > 0 && LOWER_INITIAL.test(p) && !NAME_PARTICLES.has(p.toLowerCase()));
}

/** Whether a word is a doctrine, adherent or era word derived from a name ("Vaskism", "Vaskist", "Vaskite"). */
export function isNameDerivative(word: string, label: string): boolean {
  const last = word.split(WORD_HYPHEN).pop() ?? word;
  if (DOCTRINE_ENDING.test(last)) return true;
  // a person's given name may end in -ite ("Marguerite"): an adherent word only when not typed a person
  return label !== 'PER' && ADHERENT_ITE.test(last);
}

/**
 * Why a mention names no entity of its own (so no new local entity is made for it), or undefined.
 * Only single words are judged; the caller applies this to names the knowledge base does not know.
 */
export function entityWordReason(m: EntityWordInput): EntityWordReason | undefined {
  const text = m.text.trim();
  if (!ONE_WORD.test(text)) return undefined;
  if (ROMAN_NUMERAL.test(text)) return 'roman-numeral';
  if (isNameDerivative(text, m.label)) return 'name-derivative';
  if (hasLowerPart(text)) return 'hyphenated-modifier';
  if (!m.modelOnly || !UPPER_INITIAL.test(text)) return undefined;
  const next = nextLowerWord(m.after);
  if (next === undefined || NOT_NOUNS.has(next.toLowerCase()) || m.verbs?.has(next.toLowerCase())) return undefined;
  const compound = WORD_HYPHEN.test(text);
  const last = text.split(WORD_HYPHEN).pop() ?? text;
  // the recognizer's MISC before a noun is an adjective of nationality or creed ("the Ostrian border");
  // a capitalised word with an adjective ending before a noun too, unless typed a person (surnames end
  // in "-ic" and "-ish": "the Tomic government")
  if (m.label === 'MISC') return 'adjective-before-noun';
  if (m.label !== 'PER' && (compound ? COMPOUND_ADJECTIVE_ENDING.test(last) : ADJECTIVE_ENDING.test(last))) return 'adjective-before-noun';
  return undefined;
}
