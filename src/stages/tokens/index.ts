import type { Annotation } from '../../core/types.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { scanTokens, type TokenSink, type TokenSpan } from './tokenize.ts';

const NAME = 'tokens';
const VERSION = '1.0.0';
/** One provenance record shared by every token (frozen: no token may change it alone). */
const PROVENANCE = Object.freeze({ stage: NAME, version: VERSION });

/** Makes the token annotations of one document straight from the tokenizer (no `TokenSpan` list in between). */
class TokenAnnotations implements TokenSink {
  readonly annotations: Annotation[] = [];
  /** The sentence being tokenized, and the running token index. */
  sentence = 0;
  i = 0;

  token(start: number, end: number, kind: TokenSpan['kind'], norm: string): void {
    this.annotations.push({
      id: `t:${start}`,
      layer: 'token',
      start,
      end,
      label: kind,
      attrs: { norm, sentence: this.sentence, i: this.i++ },
      provenance: PROVENANCE,
    });
  }
}

/** Stage `tokens`: tokens inside each sentence (layer `token`, attrs `norm`, `sentence`, `i`). */
export const tokensStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['sentence'],
  assigns: ['token'],
  run({ source, layer }) {
    const sink = new TokenAnnotations();
    const sentences = layer('sentence');
    for (let si = 0; si < sentences.length; si++) {
      const sentence = sentences[si]!;
      sink.sentence = si;
      scanTokens(source.text.slice(sentence.start, sentence.end), sentence.start, sink);
    }
    return { annotations: sink.annotations };
  },
};
