import type { Stage } from './stage.ts';
import { checkRegistry } from './check-registry.ts';
import { sentencesStage } from '../stages/sentences/index.ts';
import { tokensStage } from '../stages/tokens/index.ts';

/**
 * The ordered list of document stages. Each later issue appends its stage here.
 * Order matters: a stage may only require layers assigned above it.
 */
export const STAGES: Stage[] = [
  sentencesStage,
  tokensStage,
];

checkRegistry(STAGES);
