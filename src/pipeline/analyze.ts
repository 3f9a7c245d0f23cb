import type { AnalyzedSource, Source } from '../core/types.ts';
import { runStages, type RunOptions } from './run-stages.ts';
import { STAGES } from './registry.ts';
import type { Stage } from './stage.ts';

/** Runs the registered document stages (or the given ones) over a source. */
export function analyzeSource(source: Source, opts: RunOptions & { stages?: readonly Stage[] } = {}): AnalyzedSource {
  return runStages(source, opts.stages ?? STAGES, opts);
}

/** Stage name → version for the registered stages, as recorded beside stored analyses. */
export function stageVersions(stages: readonly Stage[] = STAGES): Record<string, string> {
  return Object.fromEntries(stages.map((s) => [s.name, s.version]));
}
