import type { Annotation, Json } from '../../core/types.ts';
import { makeAnnotation } from '../../core/annotation.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import { loadNerModel } from '../../ner/model.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { findMentions, type SpanToken } from './find-mentions.ts';
import { buildGazetteer } from './gazetteer.ts';

const NAME = 'mentions';
const VERSION = '1.2.0';

/** Groups the `token` layer into sentences of tokens with their surface text. */
export function sentencesOfTokens(text: string, tokens: readonly Annotation[]): SpanToken[][] {
  const out: SpanToken[][] = [];
  const index = new Map<number, SpanToken[]>();
  // the tokens come sentence by sentence: the previous token's list is looked up only when the sentence changes
  let lastSentence = NaN;
  let list: SpanToken[] | undefined;
  for (const t of tokens) {
    const s = Number(t.attrs.sentence ?? 0);
    if (s !== lastSentence || !list) {
      list = index.get(s);
      if (!list) {
        index.set(s, (list = []));
        out.push(list);
      }
      lastSentence = s;
    }
    // a lower-case word is its own norm: share the string instead of cutting a copy
    const norm = t.attrs.norm;
    const surface = typeof norm === 'string' && norm.length === t.end - t.start && text.startsWith(norm, t.start) ? norm : text.slice(t.start, t.end);
    list.push({ start: t.start, end: t.end, text: surface });
  }
  return out;
}

/**
 * Stage `mentions`: recognizes names (gazetteer over the knowledge base + statistical recognizer) and
 * writes them as `mention-candidate` annotations (label PER/ORG/LOC/GRP/MISC; attrs `found`,
 * `candidates` [{entity, kind, needsContext?}], `sentence`, `from`, `to`, `modelLabel?` (the
 * recognizer's type for the same span), `nested?` (inside a title form such as "Marshal Tito")). The `link` stage turns them
 * into the final `mention` layer. Options: `model: false` disables the recognizer.
 */
export const mentionsStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['token'],
  assigns: ['mention-candidate'],
  run({ source, layer, resources, options }) {
    const kb = resources.kb ?? loadKnowledgeBase();
    const model = options.model === false ? null : loadNerModel();
    const sentences = sentencesOfTokens(source.text, layer('token'));
    const found = findMentions(sentences, { gazetteer: buildGazetteer(kb), model });
    const annotations = found.map((m) =>
      makeAnnotation(source.id, 'mention-candidate', m.start, m.end, m.label, { stage: NAME, version: VERSION, rule: m.found }, {
        found: m.found,
        sentence: m.sentence,
        from: m.from,
        to: m.to,
        candidates: m.candidates as unknown as Json,
        ...(m.modelLabel ? { modelLabel: m.modelLabel } : {}),
        ...(m.nested ? { nested: true } : {}),
      }),
    );
    return { annotations };
  },
};
