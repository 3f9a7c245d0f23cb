import type { Annotation } from '../../core/types.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { tokenize } from './tokenize.ts';

const NAME = 'tokens';
const VERSION = '1.0.0';
/** One provenance record shared by every token (frozen: no token may change it alone). */
const PROVENANCE = Object.freeze({ stage: NAME, version: VERSION });

/** Stage `tokens`: tokens inside each sentence (layer `token`, attrs `norm`, `sentence`, `i`). */
export const tokensStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['sentence'],
  assigns: ['token'],
  run({ source, layer }) {
    const annotations: Annotation[] = [];
    const sentences = layer('sentence');
    let i = 0;
    for (let si = 0; si < sentences.length; si++) {
      const sentence = sentences[si]!;
      for (const t of tokenize(source.text.slice(sentence.start, sentence.end), sentence.start)) {
        annotations.push({
          id: `t:${t.start}`,
          layer: 'token',
          start: t.start,
          end: t.end,
          label: t.kind,
          attrs: { norm: t.norm, sentence: si, i: i++ },
          provenance: PROVENANCE,
        });
      }
    }
    return { annotations };
  },
};
