import type { AnalyzedSource, Annotation, Json, Message, Source } from '../core/types.ts';
import { checkRegistry } from './check-registry.ts';
import type { Stage, StageInput, StageResources } from './stage.ts';

/** Options for `runStages`. */
export interface RunOptions {
  resources?: StageResources;
  /** Per-stage options, keyed by stage name. */
  options?: Record<string, Record<string, Json | undefined>>;
  /** When given, milliseconds spent in each stage are added here (for benchmarks and `--profile`). */
  timings?: Record<string, number>;
}

/** Layer order: by start, the longer span first. */
const byStartThenLongest = (a: Annotation, b: Annotation): number => a.start - b.start || b.end - a.end;

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
      const t0 = opts.timings ? performance.now() : 0;
      const out = stage.run(input);
      if (opts.timings) opts.timings[stage.name] = (opts.timings[stage.name] ?? 0) + performance.now() - t0;
      // only the layers this stage added to need sorting again (the others are sorted already)
      const changed = new Set<Annotation[]>();
      for (const a of out.annotations) {
        annotations.push(a);
        let list = byLayer.get(a.layer);
        if (!list) byLayer.set(a.layer, (list = []));
        list.push(a);
        changed.add(list);
      }
      for (const list of changed) list.sort(byStartThenLongest);
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
