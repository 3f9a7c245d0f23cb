import type { Annotation, Json } from '../../core/types.ts';
import { makeAnnotation } from '../../core/annotation.ts';
import { firstStartingFrom } from '../../core/spans.ts';
import { hashContent } from '../../core/hash.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import type { Stage } from '../../pipeline/stage.ts';
import type { EntityCandidate, MentionLabel } from '../mentions/find-mentions.ts';
import { asPartOfName, linkMentions, linkResult, type LinkInput, type LinkResult } from './link-mentions.ts';
import { findArticleAuthorReferences, findCommentAuthors } from './comment-authors.ts';
import { tokenRecords, type TokenRecord as SharedTokenRecord } from '../mentions/token-records.ts';

const NAME = 'link';
const VERSION = '1.7.0';

/** A token record shared by the input builder and every rule of the linker (made once per token layer, see `tokenRecords`). */
type TokenRecord = SharedTokenRecord;

/**
 * Builds the linker's input from candidate annotations and the token layer: two lower-cased words of
 * context each side, and a wider window of four tokens as written (inside the mention's sentence).
 */
export function linkInputs(text: string, candidates: readonly Annotation[], tokens: readonly Annotation[]): LinkInput[] {
  return inputsOfRecords(text, candidates, tokenRecords(text, tokens));
}

/**
 * Surfaces of tokens `[from, to)` that lie in sentence `s`, for a range of at most four tokens (the
 * callers' windows). Made as array literals of their exact length: an array grown by `push` from empty
 * gets room for 16.
 */
function surfaces(tokens: readonly TokenRecord[], from: number, to: number, s: number): string[] {
  let a = '';
  let b = '';
  let c = '';
  let d = '';
  let n = 0;
  for (let i = Math.max(from, 0); i < to && i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.sentence !== s) continue;
    if (n === 0) a = t.text;
    else if (n === 1) b = t.text;
    else if (n === 2) c = t.text;
    else d = t.text;
    n++;
  }
  if (n === 0) return [];
  if (n === 1) return [a];
  if (n === 2) return [a, b];
  if (n === 3) return [a, b, c];
  return [a, b, c, d];
}

/** The lower-cased forms of tokens `a` and `b`, those that exist, in that order (an array literal of its exact length). */
function words(tokens: readonly TokenRecord[], a: number, b: number): string[] {
  const hasA = a >= 0 && a < tokens.length;
  const hasB = b >= 0 && b < tokens.length;
  if (hasA && hasB) return [tokens[a]!.norm, tokens[b]!.norm];
  if (hasA) return [tokens[a]!.norm];
  if (hasB) return [tokens[b]!.norm];
  return [];
}

/** `linkInputs` over token records made once. */
function inputsOfRecords(text: string, candidates: readonly Annotation[], tokens: readonly TokenRecord[]): LinkInput[] {
  const inputs: LinkInput[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const a = candidates[k]!;
    const first = firstStartingFrom(tokens, a.start);
    const after = firstStartingFrom(tokens, a.end);
    const s = first < tokens.length ? tokens[first]!.sentence : -1;
    const window = {
      before: surfaces(tokens, first - 4, first, s),
      after: surfaces(tokens, after, after + 4, s),
      atSentenceStart: first === 0 || tokens[first - 1]!.sentence !== s,
    };
    // every field present (the optional ones undefined), so that all inputs share one object shape
    const input: LinkInput = {
      window,
      start: a.start,
      end: a.end,
      label: a.label as MentionLabel,
      text: text.slice(a.start, a.end),
      candidates: (a.attrs.candidates ?? []) as unknown as EntityCandidate[],
      before: words(tokens, first - 2, first - 1),
      after: words(tokens, after, after + 1),
      modelLabel: typeof a.attrs.modelLabel === 'string' ? (a.attrs.modelLabel as MentionLabel) : undefined,
      nested: a.attrs.nested === true ? true : undefined,
    };
    inputs.push(input);
  }
  return inputs;
}

/**
 * Stage `link`: turns `mention-candidate` annotations into the final `mention` layer, one annotation per
 * span, each with `entity` (KB id or `local:<slug>`; absent when unresolved), `name`, `form`, `linkRule`,
 * `linkScore`, and for metonyms `standsFor` and `via` (the place whose name was used). A word taken for a name
 * that names no entity ("Vaskism", "anti-Ostrian", an adjective before a noun) stays a MISC mention without
 * entity (rule `not-an-entity`, form the reason) instead of a new local entity. Adds mentions
 * the recognizer cannot see: titles and descriptions of people, role descriptions of state leaders ("the
 * Rurlandian leader", rules `role-leader-*`), phrases naming a state or body ("the Rurlandian government",
 * "the Kremlin leaders", rules `demonym-state`, `demonym-body`, `person-body`, `body-members`, `modifier-group`), coordinated names, the user names of comment authors in
 * comment headers (`local:user-<name>`, rule `comment-author`), and "the author" in a comment (the page's
 * author, rule `article-author`; unresolved when the page names no author).
 */
export const linkStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['mention-candidate', 'token'],
  assigns: ['mention'],
  run({ source, layer, resources }) {
    const kb = resources.kb ?? loadKnowledgeBase();
    const candidates = layer('mention-candidate');
    // one token record per token, with its surface text, shared by the inputs and every rule of the linker
    const tokens = tokenRecords(source.text, layer('token'));
    const inputs = inputsOfRecords(source.text, candidates, tokens);
    const linked = linkMentions(kb, inputs, { text: source.text, tokens });
    // comment authors' user names in comment headers replace whatever the recognizer made of them
    const authors: LinkResult[] = findCommentAuthors(source.text, source.sections).map((a) =>
      linkResult(a.start, a.end, 'PER', 'user name', 'comment-author', 0.95, { entity: a.entity, name: a.name }),
    );
    // "the author" in a comment: the page's author (metadata or credit line), unresolved when the page names none
    for (const a of findArticleAuthorReferences(source.text, source.sections, source.meta.author)) {
      if (linked.some((r) => !r.partOfName && r.start < a.end && a.start < r.end)) continue;
      authors.push(linkResult(a.start, a.end, 'PER', 'description', a.entity ? 'article-author' : 'unresolved', a.entity ? 0.6 : 0, { entity: a.entity, name: a.name }));
    }
    const results = authors.length === 0 ? linked : [...linked.map((r) => (authors.some((a) => a.start < r.end && r.start < a.end) ? asPartOfName(r) : r)), ...authors];
    const annotations: Annotation[] = [];
    const ids = new Set<string>();
    for (let k = 0; k < results.length; k++) {
      const r = results[k]!;
      if (r.partOfName) continue;
      // attrs in a fixed key order, the optional ones only when set
      const attrs: Record<string, Json | undefined> = {};
      if (r.entity) attrs.entity = r.entity;
      if (r.name) attrs.name = r.name;
      attrs.form = r.form;
      attrs.linkRule = r.linkRule;
      attrs.linkScore = r.linkScore;
      if (r.standsFor) attrs.standsFor = r.standsFor;
      if (r.via) attrs.via = r.via;
      if (r.candidates) attrs.candidates = r.candidates;
      // (index checked: reading past the end of an array deoptimizes; the linker's own mentions come after the candidates)
      attrs.found = (k < candidates.length ? candidates[k]!.attrs.found : undefined) ?? (r.linkRule === 'title-coref' || r.linkRule === 'comment-author' || r.linkRule === 'article-author' ? r.linkRule : 'description');
      const a = makeAnnotation(source.id, 'mention', r.start, r.end, r.label, { stage: NAME, version: VERSION, rule: r.linkRule, confidence: r.linkScore }, attrs);
      // "the Communist Parties of China and Albania" is one span naming two parties: one annotation per
      // entity, so the later one's id also hashes its entity (ids are per span and label otherwise)
      if (ids.has(a.id)) a.id = `mention:${hashContent(`${source.id}|mention|${r.start}|${r.end}|${r.label}|${r.entity ?? ''}|${k}`, 12)}`;
      ids.add(a.id);
      annotations.push(a);
    }
    // in text order: the mentions the linker adds itself (titles, descriptions, authors) among the others
    annotations.sort((a, b) => a.start - b.start || b.end - a.end);
    return { annotations };
  },
};
