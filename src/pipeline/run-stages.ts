import type { AnalyzedSource, Annotation, Json, Message, Source } from '../core/types.ts';
import { checkRegistry } from './check-registry.ts';
import type { Stage, StageInput, StageResources } from './stage.ts';

/** Options for `runStages`. */
export interface RunOptions {
  resources?: StageResources;
  /** Per-stage options, keyed by stage name. */
  options?: Record<string, Record<string, Json | undefined>>;
}

/**
 * Runs stages in order over one source and returns the analyzed source.
 * A stage that throws becomes a fatal message; stages that require its layers are skipped
 * with a message; the others go on. The input source is not mutated.
 */
export function runStages(source: Source, stages: readonly Stage[], opts: RunOptions = {}): AnalyzedSource {
  checkRegistry(stages);
  const annotations: Annotation[] = [];
  const messages: Message[] = [...source.messages];
  const failedLayers = new Set<string>();
  const byLayer = new Map<string, Annotation[]>();
  for (const stage of stages) {
    const missing = stage.requires.filter((l) => failedLayers.has(l));
    if (missing.length > 0) {
      messages.push({
        reason: `stage ${stage.name} skipped: layer ${missing.join(', ')} failed`,
        severity: 'error',
        rule: 'pipeline:skipped',
        source: stage.name,
      });
      for (const l of stage.assigns) failedLayers.add(l);
      continue;
    }
    const input: StageInput = {
      source,
      annotations,
      layer: (name) => byLayer.get(name) ?? [],
      resources: opts.resources ?? {},
      options: opts.options?.[stage.name] ?? {},
    };
    try {
      const out = stage.run(input);
      for (const a of out.annotations) {
        annotations.push(a);
        let list = byLayer.get(a.layer);
        if (!list) byLayer.set(a.layer, (list = []));
        list.push(a);
      }
      for (const list of byLayer.values()) list.sort((a, b) => a.start - b.start || b.end - a.end);
      if (out.messages) messages.push(...out.messages);
    } catch (err) {
      messages.push({
        reason: `stage ${stage.name} failed: ${err instanceof Error ? err.message : String(err)}`,
        severity: 'fatal',
        rule: 'pipeline:stage-threw',
        source: stage.name,
      });
      for (const l of stage.assigns) failedLayers.add(l);
    }
  }
  return { ...source, messages, annotations };
}
