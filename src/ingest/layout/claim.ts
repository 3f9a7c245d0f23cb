import type { SectionKind } from '../../core/types.ts';
import type { SectionAttrs } from '../text-builder.ts';

/**
 * A layout rule's finding: a section to mark over `[start, end)` and the lines it uses up, so
 * later rules skip them. `key` lets another claim name it as its `parent` before ids exist.
 */
export interface Claim {
  kind: SectionKind;
  start: number;
  end: number;
  lines: number[];
  attrs: SectionAttrs & { rule: string };
  key?: string;
  parentKey?: string;
}
