import type { Annotation, Json } from '../../core/types.ts';
import { makeAnnotation } from '../../core/annotation.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import type { Stage } from '../../pipeline/stage.ts';
import type { EntityCandidate, MentionLabel } from '../mentions/find-mentions.ts';
import { linkMentions, type LinkInput, type LinkResult } from './link-mentions.ts';
import { findCommentAuthors } from './comment-authors.ts';

const NAME = 'link';
const VERSION = '1.1.0';

/** Index of the first token whose start is ≥ `pos` (tokens sorted by start). */
function firstTokenAtOrAfter(tokens: readonly Annotation[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds the linker's input from candidate annotations and the token layer: two lower-cased words of
 * context each side, and a wider window of four tokens as written (inside the mention's sentence).
 */
export function linkInputs(text: string, candidates: readonly Annotation[], tokens: readonly Annotation[]): LinkInput[] {
  const word = (t: Annotation | undefined) => (t ? String(t.attrs.norm ?? text.slice(t.start, t.end).toLowerCase()) : undefined);
  const sentenceOf = (t: Annotation | undefined) => (t ? Number(t.attrs.sentence ?? 0) : -1);
  /** Surfaces of tokens `[from, to)` that lie in sentence `s`. */
  const surfaces = (from: number, to: number, s: number): string[] => {
    const out: string[] = [];
    for (let i = from; i < to; i++) {
      const t = tokens[i];
      if (t && sentenceOf(t) === s) out.push(text.slice(t.start, t.end));
    }
    return out;
  };
  return candidates.map((a) => {
    const first = firstTokenAtOrAfter(tokens, a.start);
    const after = firstTokenAtOrAfter(tokens, a.end);
    const s = sentenceOf(tokens[first]);
    const window = {
      before: surfaces(first - 4, first, s),
      after: surfaces(after, after + 4, s),
      atSentenceStart: first === 0 || sentenceOf(tokens[first - 1]) !== s,
    };
    const input: LinkInput = {
      window,
      start: a.start,
      end: a.end,
      label: a.label as MentionLabel,
      text: text.slice(a.start, a.end),
      candidates: (a.attrs.candidates ?? []) as unknown as EntityCandidate[],
      before: [word(tokens[first - 2]), word(tokens[first - 1])].filter((x): x is string => x !== undefined),
      after: [word(tokens[after]), word(tokens[after + 1])].filter((x): x is string => x !== undefined),
    };
    if (typeof a.attrs.modelLabel === 'string') input.modelLabel = a.attrs.modelLabel as MentionLabel;
    if (a.attrs.nested === true) input.nested = true;
    return input;
  });
}

/**
 * Stage `link`: turns `mention-candidate` annotations into the final `mention` layer, one annotation per
 * span, each with `entity` (KB id or `local:<slug>`; absent when unresolved), `name`, `form`, `linkRule`,
 * `linkScore`, and for metonyms `standsFor` and `via` (the place whose name was used). Adds mentions
 * the recognizer cannot see: titles and descriptions of people, coordinated names, and the user names
 * of comment authors in comment headers (`local:user-<name>`, rule `comment-author`).
 */
export const linkStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['mention-candidate', 'token'],
  assigns: ['mention'],
  run({ source, layer, resources }) {
    const kb = resources.kb ?? loadKnowledgeBase();
    const candidates = layer('mention-candidate');
    const inputs = linkInputs(source.text, candidates, layer('token'));
    // one token record per token, with its surface text, shared by every rule of the linker
    const tokens = layer('token').map((t) => {
      const text = source.text.slice(t.start, t.end);
      return { start: t.start, end: t.end, norm: String(t.attrs.norm ?? text.toLowerCase()), sentence: Number(t.attrs.sentence ?? 0), text };
    });
    const linked = linkMentions(kb, inputs, { text: source.text, tokens });
    // comment authors' user names in comment headers replace whatever the recognizer made of them
    const authors: LinkResult[] = findCommentAuthors(source.text, source.sections).map((a) => ({
      start: a.start,
      end: a.end,
      label: 'PER',
      entity: a.entity,
      name: a.name,
      form: 'user name',
      linkRule: 'comment-author',
      linkScore: 0.95,
    }));
    const results = authors.length === 0 ? linked : [...linked.map((r) => (authors.some((a) => a.start < r.end && r.start < a.end) ? { ...r, partOfName: true } : r)), ...authors];
    const annotations: Annotation[] = [];
    results.forEach((r, k) => {
      if (r.partOfName) return;
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
      attrs.found = candidates[k]?.attrs.found ?? (r.linkRule === 'title-coref' || r.linkRule === 'comment-author' ? r.linkRule : 'description');
      annotations.push(makeAnnotation(source.id, 'mention', r.start, r.end, r.label, { stage: NAME, version: VERSION, rule: r.linkRule, confidence: r.linkScore }, attrs));
    });
    // in text order: the mentions the linker adds itself (titles, descriptions, authors) among the others
    annotations.sort((a, b) => a.start - b.start || b.end - a.end);
    return { annotations };
  },
};
