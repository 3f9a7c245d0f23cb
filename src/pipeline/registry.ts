import type { Stage } from './stage.ts';
import { checkRegistry } from './check-registry.ts';
import { sentencesStage } from '../stages/sentences/index.ts';
import { tokensStage } from '../stages/tokens/index.ts';
import { timexStage } from '../stages/timex/index.ts';
import { mentionsStage } from '../stages/mentions/index.ts';
import { linkStage } from '../stages/link/index.ts';
import { claimsStage } from '../stages/claims/index.ts';
import { eventsStage } from '../stages/events/index.ts';
import { rhetoricStage } from '../stages/rhetoric/index.ts';
import { stanceStage } from '../stages/stance/index.ts';

/**
 * The ordered list of document stages. Each later issue appends its stage here.
 * Order matters: a stage may only require layers assigned above it.
 */
export const STAGES: Stage[] = [
  sentencesStage,
  tokensStage,
  timexStage,
  mentionsStage,
  linkStage,
  claimsStage,
  eventsStage,
  rhetoricStage,
  stanceStage,
];

checkRegistry(STAGES);
