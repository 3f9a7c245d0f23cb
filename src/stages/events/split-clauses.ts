import type { Annotation } from '../../core/types.ts';
import type { TokenView } from './read-layers.ts';

/** One clause of a sentence as the events stage sees it. */
export interface ClauseInfo {
  /** Clause number of each token. */
  ids: number[];
  /** True for clause numbers that are relative or subordinate clauses ("X, who died in 1953, …"). */
  subordinate: Set<number>;
}

/** Tokens that end a clause and start a new main clause. */
const MAIN_BREAK = new Set([';', ':', 'but', 'while', 'whereas', 'although', 'though']);
/** Tokens that open a relative clause; it lasts to the next comma, dash, bracket or clause break. */
const RELATIVE = new Set(['who', 'whom', 'whose', 'which', 'where']);
/** Tokens that close a relative clause. */
const RELATIVE_END = new Set([',', ';', ':', ')', '—', '–']);
/** Subject pronouns: "…, and he became …" starts a new coordinate clause. */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it']);
/** Prepositions that may stand before a date opening a coordinate clause: "…, in 1929 he entered …". */
const DATE_PREPS = new Set(['in', 'on', 'by', 'since', 'from', 'until', 'during', 'after', 'before', 'at']);

/**
 * Splits a sentence's tokens into clauses: main clauses break at `;`, `:` and contrastive
 * conjunctions, and at a comma or "and" followed by a new subject pronoun or a date ("…, in 1929 he
 * entered …"), or opening a sequence expression itself ("…, and then he …": "and then" dates what follows); relative clauses ("who", "which", "whom", "whose", "where") run to the next comma
 * or dash and are marked subordinate. `timexes` are the sentence's time expressions.
 */
export function splitClauses(tokens: readonly TokenView[], timexes: readonly Annotation[]): ClauseInfo {
  const ids: number[] = [];
  const subordinate = new Set<number>();
  const startsTimex = (i: number) => {
    const t = tokens[i];
    return !!t && timexes.some((x) => x.start === t.start);
  };
  let fresh = 0;
  let main = 0;
  let cur = 0;
  let inRelative = false;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.norm;
    // "X, who died in 1953, was buried …": after the relative clause the main clause resumes
    if (inRelative && RELATIVE_END.has(w)) {
      inRelative = false;
      cur = main;
    }
    if (MAIN_BREAK.has(w)) {
      inRelative = false;
      main = cur = ++fresh;
    } else if (!inRelative && RELATIVE.has(w)) {
      inRelative = true;
      cur = ++fresh;
      subordinate.add(cur);
    } else if (!inRelative && (w === ',' || w === 'and') && i > 0) {
      let k = i + 1;
      if (w === ',' && tokens[k]?.norm === 'and') k++;
      const next = tokens[k]?.norm ?? '';
      // "…, and then he …", "… and then …": a sequence expression that starts at the "and" opens the clause it dates
      const opensDate = startsTimex(k) || (DATE_PREPS.has(next) && startsTimex(k + 1)) || startsTimex(i + 1) || (w === 'and' && startsTimex(i));
      if (SUBJECT_PRONOUNS.has(next) || opensDate) main = cur = ++fresh;
    }
    ids.push(cur);
  }
  return { ids, subordinate };
}
