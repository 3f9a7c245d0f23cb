import type { Annotation } from '../../core/types.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { tokenize } from './tokenize.ts';

/**
 * A minimal stand-in for the sentences and tokens stages, for tests of later stages: each line of
 * the text is one sentence, and its tokens come from `tokenize` with their `norm`, `sentence` and
 * running index `i`.
 */
export const lineTokenStage: Stage = {
  name: 'line-tokens',
  version: '0',
  requires: [],
  assigns: ['token'],
  run({ source }) {
    const annotations: Annotation[] = [];
    let offset = 0;
    let n = 0;
    source.text.split('\n').forEach((line, sentence) => {
      for (const t of tokenize(line, offset)) annotations.push({ id: `t${n}`, layer: 'token', start: t.start, end: t.end, label: t.kind, attrs: { norm: t.norm, sentence, i: n++ }, provenance: { stage: 'line-tokens', version: '0' } });
      offset += line.length + 1;
    });
    return { annotations };
  },
};
