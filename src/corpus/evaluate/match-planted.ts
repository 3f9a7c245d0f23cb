import type { Conflict, ConflictKind } from '../types.ts';

/** One planted slip of a demo corpus (`examples/planted.json`). */
export interface PlantedSlip {
  id: string;
  what: string;
  /** File name (relative to the corpus folder) holding the slip. */
  file: string;
  /** A fragment of the sentence the conflict must quote. */
  quote: string;
  /** Conflict kinds that count as finding it. */
  kinds: ConflictKind[];
}

/** Result of matching found conflicts against planted slips. */
export interface PlantedMatch {
  found: Array<{ slip: PlantedSlip; conflict: Conflict }>;
  missed: PlantedSlip[];
  /** Conflicts that match no planted slip: false alarms on a corpus whose slips are all known. */
  extra: Conflict[];
}

/** Collapses whitespace (evidence text is quoted with whitespace folded). */
function fold(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Matches conflicts to planted slips: a conflict finds a slip when its kind is one the slip allows
 * and one of its evidence spans, in a source whose path ends with the slip's file, quotes the slip.
 * `pathOf` maps a source id to its path.
 */
export function matchPlanted(planted: readonly PlantedSlip[], conflicts: readonly Conflict[], pathOf: (sourceId: string) => string | undefined): PlantedMatch {
  const used = new Set<string>();
  const found: PlantedMatch['found'] = [];
  const missed: PlantedSlip[] = [];
  for (const slip of planted) {
    const hit = conflicts.find(
      (c) => slip.kinds.includes(c.kind) && c.evidence.some((e) => (pathOf(e.source) ?? '').endsWith(slip.file) && fold(e.text).includes(fold(slip.quote))),
    );
    if (hit) {
      found.push({ slip, conflict: hit });
      used.add(hit.id);
    } else missed.push(slip);
  }
  return { found, missed, extra: conflicts.filter((c) => !used.has(c.id)) };
}
