import type { Annotation, Span } from '../../core/types.ts';
import { makeAnnotation } from '../../core/annotation.ts';
import { prepareDoc, splitLines } from './doc.ts';
import { detectRhetoric, loadRhetoricModel, type RhetoricModel } from './model.ts';

/** Stage name and version stamped on rhetoric annotations. */
export const RHETORIC_STAGE = { name: 'rhetoric', version: '1' } as const;

/**
 * Finds propaganda-technique spans in a text, given its sentence spans (default: its lines), and
 * returns `rhetoric` annotations: label = most probable of the 14 PTC techniques, `confidence` =
 * span probability × technique probability, `alternatives` = the next techniques with theirs.
 */
export function findRhetoric(sourceId: string, text: string, sentences: readonly Span[] = splitLines(text), model: RhetoricModel = loadRhetoricModel()): Annotation[] {
  const doc = prepareDoc(text, sentences);
  return detectRhetoric(doc, model).map((s) => {
    const top = s.techniques[0]!;
    const confidence = round(s.confidence * top.p);
    return makeAnnotation(sourceId, 'rhetoric', s.start, s.end, top.technique, { stage: RHETORIC_STAGE.name, version: `${RHETORIC_STAGE.version}+model${model.version}`, rule: 'linear-si-tc', confidence }, {
      confidence,
      spanConfidence: round(s.confidence),
      techniqueConfidence: round(top.p),
      alternatives: s.techniques.slice(1, 3).map((t) => ({ technique: t.technique, p: round(t.p) })),
    });
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
