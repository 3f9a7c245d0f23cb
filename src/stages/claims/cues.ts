import { inflectVerb } from '../events/inflect.ts';
import { phraseTokens, readDataJson } from '../events/lexicon.ts';

interface CueFile {
  speechVerbs: string[];
  irregular: Record<string, string[]>;
  contentVerbs: string[];
  bareClauseVerbs: string[];
  addresseeVerbs: string[];
  quoteObjectVerbs: string[];
  sourcePrepositions: string[];
  nominals: string[];
  pronouns: string[];
  groups: string[];
  offices: string[];
  causes: string[];
  numberWords: string[];
  outletCues?: string[];
  comparatives?: string[];
}

/** Token sequences indexed by their first token, longest first within each bucket. */
export type SeqIndex = Map<string, string[][]>;

/** Indexes token sequences by first token. */
export function indexSeqs(seqs: readonly string[][]): SeqIndex {
  const m: SeqIndex = new Map();
  for (const s of [...seqs].sort((a, b) => b.length - a.length)) {
    let l = m.get(s[0]!);
    if (!l) m.set(s[0]!, (l = []));
    l.push(s);
  }
  return m;
}

/** Attribution cues, compiled for token matching (`data/events/cues.json`). */
export interface Cues {
  /** Every inflected form of a verb of saying, as token sequences, longest first. */
  speech: SeqIndex;
  /** Forms of verbs that take a `that`-clause or a following clause as content. */
  content: Set<string>;
  /** Forms of the content verbs that also report a clause without `that` ("said a witness saw …"). */
  bareClause: Set<string>;
  /** Forms of verbs whose object, before the `that`-clause, is the person told ("told reporters that"). */
  addressee: Set<string>;
  /** Speech verbs and object verbs together. */
  anySpeech: SeqIndex;
  /** Forms of verbs whose object is the reported content ("accused X of …", "urged …"). */
  objectVerbs: SeqIndex;
  sourcePrepositions: SeqIndex;
  nominals: Set<string>;
  pronouns: Set<string>;
  groups: Set<string>;
  offices: SeqIndex;
  causes: SeqIndex;
  numberWords: Set<string>;
  /** Phrases before the outlet an interviewee spoke to ("told", "shared with"), lower case. */
  outletCues: string[];
  /** Comparisons that make a sentence check-worthy ("greater", "superiority", "in contrast to"). */
  comparatives: SeqIndex;
}

/** All forms of some verbs, as token sequences. */
function forms(verbs: readonly string[], irregular: Record<string, string[]>): string[][] {
  const out = new Map<string, string[]>();
  for (const v of verbs) {
    const f = inflectVerb(v, irregular);
    for (const s of [...f.present, ...f.past]) out.set(s, phraseTokens(s));
  }
  return [...out.values()].sort((a, b) => b.length - a.length);
}

/** Loads and compiles the attribution cues. */
export function loadCues(file: CueFile = readDataJson<CueFile>('events/cues.json')): Cues {
  return {
    speech: indexSeqs(forms(file.speechVerbs, file.irregular)),
    anySpeech: indexSeqs([...forms(file.speechVerbs, file.irregular), ...forms(file.quoteObjectVerbs, file.irregular)]),
    content: new Set(forms(file.contentVerbs, file.irregular).map((t) => t.join(' '))),
    bareClause: new Set(forms(file.bareClauseVerbs, file.irregular).map((t) => t.join(' '))),
    addressee: new Set(forms(file.addresseeVerbs, file.irregular).map((t) => t.join(' '))),
    objectVerbs: indexSeqs(forms(file.quoteObjectVerbs, file.irregular)),
    sourcePrepositions: indexSeqs(file.sourcePrepositions.map(phraseTokens)),
    nominals: new Set(file.nominals),
    pronouns: new Set(file.pronouns),
    groups: new Set(file.groups),
    offices: indexSeqs(file.offices.map(phraseTokens)),
    causes: indexSeqs(file.causes.map(phraseTokens)),
    numberWords: new Set(file.numberWords),
    outletCues: file.outletCues ?? [],
    comparatives: indexSeqs((file.comparatives ?? []).map(phraseTokens)),
  };
}

/** Length of the first of `seqs` that matches `norms` at `i`, or 0. */
export function matchAt(norms: readonly string[], i: number, index: SeqIndex): number {
  for (const s of index.get(norms[i]!) ?? []) if (s.every((t, k) => norms[i + k] === t)) return s.length;
  return 0;
}
