import type { Annotation, Json, Provenance } from './types.ts';
import { hashContent } from './hash.ts';

/**
 * Builds an annotation record with a deterministic id derived from source id, layer, span and label,
 * so re-running a stage yields the same ids.
 */
export function makeAnnotation(
  sourceId: string,
  layer: string,
  start: number,
  end: number,
  label: string,
  provenance: Provenance,
  attrs: Record<string, Json | undefined> = {},
): Annotation {
  const id = `${layer}:${hashContent(`${sourceId}|${layer}|${start}|${end}|${label}`, 12)}`;
  return { id, layer, start, end, label, attrs, provenance };
}
