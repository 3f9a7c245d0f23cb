import type { Stage } from './stage.ts';
import { checkRegistry } from './check-registry.ts';

/**
 * The ordered list of document stages. Each later issue appends its stage here.
 * Order matters: a stage may only require layers assigned above it.
 */
export const STAGES: Stage[] = [];

checkRegistry(STAGES);
