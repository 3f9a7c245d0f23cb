import type { Stage } from '../../pipeline/stage.ts';
import { findStances, STANCE_STAGE } from './find-stance.ts';
import { loadStanceLexicon } from './lexicon.ts';

/**
 * The `stance` stage: for each section and each entity it mentions, a polarity (`positive`,
 * `negative`, `neutral`) with its evidence spans. Reads `sentence`, `mention` (linked entities
 * in `attrs.entity`) and `rhetoric`; writes `stance`.
 */
export const stanceStage: Stage = {
  name: STANCE_STAGE.name,
  version: STANCE_STAGE.version,
  requires: ['mention', 'rhetoric', 'sentence'],
  assigns: ['stance'],
  run(input) {
    const annotations = findStances(
      {
        sourceId: input.source.id,
        text: input.source.text,
        sections: input.source.sections,
        sentences: input.layer('sentence'),
        mentions: input.layer('mention'),
        rhetoric: input.layer('rhetoric'),
      },
      loadStanceLexicon(),
    );
    return { annotations };
  },
};

export default stanceStage;
