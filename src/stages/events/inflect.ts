/**
 * English inflection by rule, for lexicons stored as base forms (`data/events/*.json`).
 * Irregular forms come from the lexicon's own `irregular` table.
 */

const VOWEL = /[aeiou]/;

/** Doubles a final consonant for one-syllable consonant-vowel-consonant verbs: "ban" → "bann" (not "open"). */
function doubled(base: string): string {
  const n = base.length;
  if (n >= 3 && (base.match(/[aeiou]/g) ?? []).length === 1 && !VOWEL.test(base[n - 1]!) && !/[wxy]/.test(base[n - 1]!) && VOWEL.test(base[n - 2]!) && !VOWEL.test(base[n - 3]!)) {
    return base + base[n - 1];
  }
  return base;
}

/** Regular forms of one verb word: base, 3rd person -s, past/participle -ed, -ing. */
function inflectWord(base: string): { present: string[]; past: string[] } {
  const third = /(s|sh|ch|x|z|o)$/.test(base) ? `${base}es` : /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ies` : `${base}s`;
  const past = base.endsWith('e') ? `${base}d` : /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ied` : `${doubled(base)}ed`;
  const ing = base.endsWith('ie') ? `${base.slice(0, -2)}ying` : /[^e]e$/.test(base) ? `${base.slice(0, -1)}ing` : `${doubled(base)}ing`;
  return { present: [base, third, ing], past: [past] };
}

/** Inflected forms of a (possibly multi-word) verb, split into present and past/participle forms. */
export function inflectVerb(base: string, irregular: Readonly<Record<string, string[]>> = {}): { present: string[]; past: string[] } {
  const words = base.split(' ');
  const head = words[0]!;
  const rest = words.slice(1).join(' ');
  const withRest = (f: string) => (rest ? `${f} ${rest}` : f);
  const irr = irregular[base] ?? (rest ? irregular[head]?.map(withRest) : undefined);
  if (irr) {
    const present = [base, ...irr.filter((f) => /(s|ing)( |$)/.test(f.split(' ')[0]!) && f !== withRest(head))];
    const past = irr.filter((f) => !present.includes(f));
    return { present: [...new Set(present)], past: [...new Set(past)] };
  }
  const f = inflectWord(head);
  return { present: f.present.map(withRest), past: f.past.map(withRest) };
}

/** Singular and plural of an event noun ("clash" → "clashes", "war" → "wars"). */
export function inflectNoun(noun: string): string[] {
  const words = noun.split(' ');
  const last = words[words.length - 1]!;
  const plural = /(s|sh|ch|x|z)$/.test(last) ? `${last}es` : /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`;
  return [noun, [...words.slice(0, -1), plural].join(' ')];
}
