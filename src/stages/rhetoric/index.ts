import type { Stage } from '../../pipeline/stage.ts';
import { findRhetoric, RHETORIC_STAGE } from './find-rhetoric.ts';

/**
 * The `rhetoric` stage: propaganda techniques (SemEval-2020 Task 11 labels) as spans with a
 * confidence, from the shipped linear model `data/models/rhetoric.json`. Reads the `sentence`
 * layer (the model's unit) and relies on `token` having run; writes the `rhetoric` layer.
 * Sentences of chrome sections are skipped.
 */
export const rhetoricStage: Stage = {
  name: RHETORIC_STAGE.name,
  version: RHETORIC_STAGE.version,
  requires: ['sentence', 'token'],
  assigns: ['rhetoric'],
  run(input) {
    const chrome = new Set(input.source.sections.filter((s) => s.kind === 'chrome').map((s) => s.id));
    const sentences = input
      .layer('sentence')
      .filter((s) => !chrome.has(String(s.attrs.section ?? '')))
      .map((s) => ({ start: s.start, end: s.end }));
    return { annotations: findRhetoric(input.source.id, input.source.text, sentences) };
  },
};

export default rhetoricStage;
