import type { Annotation } from '../../core/types.ts';
import { makeAnnotation } from '../../core/annotation.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import type { Stage } from '../../pipeline/stage.ts';
import type { EntityCandidate, MentionLabel } from '../mentions/find-mentions.ts';
import { linkMentions, type LinkInput } from './link-mentions.ts';

const NAME = 'link';
const VERSION = '1.0.0';

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

/** Builds the linker's input from candidate annotations and the token layer (two words of context each side). */
export function linkInputs(text: string, candidates: readonly Annotation[], tokens: readonly Annotation[]): LinkInput[] {
  const word = (t: Annotation | undefined) => (t ? String(t.attrs.norm ?? text.slice(t.start, t.end).toLowerCase()) : undefined);
  return candidates.map((a) => {
    const first = firstTokenAtOrAfter(tokens, a.start);
    const after = firstTokenAtOrAfter(tokens, a.end);
    return {
      start: a.start,
      end: a.end,
      label: a.label as MentionLabel,
      text: text.slice(a.start, a.end),
      candidates: (a.attrs.candidates ?? []) as unknown as EntityCandidate[],
      ...(typeof a.attrs.modelLabel === 'string' ? { modelLabel: a.attrs.modelLabel as MentionLabel } : {}),
      before: [word(tokens[first - 2]), word(tokens[first - 1])].filter((x): x is string => x !== undefined),
      after: [word(tokens[after]), word(tokens[after + 1])].filter((x): x is string => x !== undefined),
    };
  });
}

/**
 * Stage `link`: turns `mention-candidate` annotations into the final `mention` layer, one annotation per
 * span, each with `entity` (KB id or `local:<slug>`; absent when unresolved), `name`, `form`, `linkRule`,
 * `linkScore`, and for metonyms `standsFor` and `via` (the place whose name was used).
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
    const tokens = layer('token').map((t) => ({ start: t.start, end: t.end, norm: String(t.attrs.norm ?? source.text.slice(t.start, t.end).toLowerCase()) }));
    const results = linkMentions(kb, inputs, { text: source.text, tokens });
    const annotations = results.map((r, k) =>
      makeAnnotation(source.id, 'mention', r.start, r.end, r.label, { stage: NAME, version: VERSION, rule: r.linkRule, confidence: r.linkScore }, {
        ...(r.entity ? { entity: r.entity } : {}),
        ...(r.name ? { name: r.name } : {}),
        form: r.form,
        linkRule: r.linkRule,
        linkScore: r.linkScore,
        ...(r.standsFor ? { standsFor: r.standsFor } : {}),
        ...(r.via ? { via: r.via } : {}),
        ...(r.candidates ? { candidates: r.candidates } : {}),
        found: candidates[k]?.attrs.found ?? 'title-coref',
      }),
    );
    return { annotations };
  },
};
