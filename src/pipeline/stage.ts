import type { Annotation, Json, Message, Source } from '../core/types.ts';
import type { KnowledgeBase } from '../kb/types.ts';

/** Shared read-only resources a stage may consult. */
export interface StageResources {
  kb?: KnowledgeBase;
}

/** What a stage reads: the source and the annotations earlier stages assigned. */
export interface StageInput {
  source: Source;
  /** All annotations assigned so far, in stage order. */
  annotations: readonly Annotation[];
  /** Annotations of one layer, sorted by start. */
  layer(name: string): readonly Annotation[];
  resources: StageResources;
  options: Record<string, Json | undefined>;
}

/** What a stage returns: new annotations and messages. It never mutates its input. */
export interface StageOutput {
  annotations: Annotation[];
  messages?: Message[];
}

/** A document stage: a pure function from a document to annotations. */
export interface Stage {
  name: string;
  version: string;
  /** Layers this stage reads (must be assigned by an earlier stage). */
  requires: string[];
  /** Layers this stage writes. */
  assigns: string[];
  run(input: StageInput): StageOutput;
}
