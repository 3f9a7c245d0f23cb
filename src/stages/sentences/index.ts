import type { Annotation, Section, Span } from '../../core/types.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { splitSentences } from './split-sentences.ts';

const NAME = 'sentences';
const VERSION = '1.0.0';

/**
 * Cuts the text into regions at every section boundary, leaving out chrome, and names each region
 * by the innermost section covering it. Sentences never cross a section edge.
 */
export function regionsOf(textLength: number, sections: readonly Section[]): Array<Span & { section?: string }> {
  if (sections.length === 0) return [{ start: 0, end: textLength }];
  const cuts = new Set<number>([0, textLength]);
  for (const s of sections) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<Span & { section?: string }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const span = { start: points[i]!, end: points[i + 1]! };
    const covering = sections.filter((s) => s.start <= span.start && span.end <= s.end);
    if (covering.some((s) => s.kind === 'chrome')) continue;
    const inner = covering.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    out.push(inner ? { ...span, section: inner.id } : span);
  }
  return out;
}

/** Stage `sentences`: sentence spans over every non-chrome section (layer `sentence`). */
export const sentencesStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: [],
  assigns: ['sentence'],
  run({ source }) {
    const annotations: Annotation[] = [];
    for (const region of regionsOf(source.text.length, source.sections)) {
      for (const s of splitSentences(source.text, region)) {
        annotations.push({
          id: `s:${s.start}`,
          layer: 'sentence',
          start: s.start,
          end: s.end,
          label: 'S',
          attrs: { section: region.section, paragraph: s.paragraph },
          provenance: { stage: NAME, version: VERSION },
        });
      }
    }
    return { annotations };
  },
};
