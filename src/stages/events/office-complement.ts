import type { TriggerMatch } from './lexicon.ts';
import { readDataJson } from './lexicon.ts';
import type { TokenView } from './read-layers.ts';

/** The office vocabularies of `data/events/offices.json` the appointment check needs. */
export interface OfficeWords {
  groups: string[][];
  copulaVerbs: string[];
  ordinals: string[];
  officeWords: string[];
}

let cached: { copula: Set<string>; skip: Set<string>; heads: Set<string> } | undefined;

/** Determiners and possessives that may open an office complement ("the", "a", "his"). */
const DETERMINERS = ['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our'];

/** Builds the word sets once: copula verbs, words skipped before the office, office head words. */
function officeSets(file?: OfficeWords): { copula: Set<string>; skip: Set<string>; heads: Set<string> } {
  if (!file && cached) return cached;
  const f = file ?? readDataJson<OfficeWords>('events/offices.json');
  const heads = new Set(f.officeWords);
  for (const g of f.groups) for (const name of g) heads.add(name.split(/\s+/)[0]!);
  const sets = { copula: new Set(f.copulaVerbs), skip: new Set([...DETERMINERS, ...f.ordinals]), heads };
  if (!file) cached = sets;
  return sets;
}

/** True when the trigger is an appointment copula ("became"): its complement is the office, no participant. */
export function isOfficeCopula(m: TriggerMatch): boolean {
  return m.entry.class === 'appointment' && officeSets().copula.has(m.entry.tokens[0]!);
}

/**
 * True unless the trigger is a copula ("become", "became") whose complement names no office: an
 * appointment is told by "became premier", "became the 1st secretary", "becoming a member", not by
 * "became their own war", "became weaker" or "became the owner of an arsenal". The complement's
 * first word after determiners and ordinals must be an office word (`officeWords`, or the first
 * word of an office name in `groups`). Other appointment triggers are kept.
 */
export function hasOfficeComplement(tokens: readonly TokenView[], m: TriggerMatch, file?: OfficeWords): boolean {
  const { copula, skip, heads } = officeSets(file);
  if (m.entry.class !== 'appointment' || !copula.has(m.entry.tokens[0]!)) return true;
  let i = m.to;
  while (i < tokens.length && skip.has(tokens[i]!.norm)) i++;
  const w = tokens[i]?.norm ?? '';
  return heads.has(w) || heads.has(w.replace(/s$/, ''));
}
