/**
 * Core data model of Annalist: sources, sections, stand-off annotations and messages.
 * Every span is half-open `[start, end)` over `Source.text`, counted in UTF-16 code units
 * (what `String.prototype.slice` uses). Records are plain JSON: they survive `JSON.stringify`.
 */

/** A half-open character span over a source's normalized text. */
export interface Span {
  start: number;
  end: number;
}

/** Where an annotation or message came from. */
export interface Provenance {
  stage: string;
  version: string;
  rule?: string;
  confidence?: number;
}

/** JSON-compatible value for annotation attributes. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/**
 * One stand-off annotation: a labelled span on a named layer.
 * Links to other annotations or entities are ids inside `attrs`.
 */
export interface Annotation extends Span {
  id: string;
  layer: string;
  label: string;
  attrs: Record<string, Json | undefined>;
  provenance: Provenance;
}

/** Severity of a message attached to a source. */
export type Severity = 'info' | 'warning' | 'error' | 'fatal';

/** A vfile-style message: bad input or a stage problem, never a thrown error. */
export interface Message {
  reason: string;
  severity: Severity;
  /** Machine-readable rule id, e.g. `decode:guessed-encoding`. */
  rule: string;
  /** The stage or reader that produced it, e.g. `ingest`, `timex`. */
  source: string;
  place?: Span;
}

/** Kinds of section a reader can mark in a document. */
export type SectionKind =
  | 'title'
  | 'body'
  | 'heading'
  | 'caption'
  | 'credit'
  | 'comment'
  | 'reference'
  | 'quote'
  | 'chrome';

/** A stand-off section of a source: a structural region of its text. */
export interface Section extends Span {
  id: string;
  kind: SectionKind;
  /** Heading level (1–6) when kind is `heading`. */
  level?: number;
  /** Comment author (user name) when kind is `comment`. */
  author?: string;
  /** Display name shown beside the user name, when the page gives one. */
  displayName?: string;
  /** ISO 8601 local time of a comment, as precise as the page gives it. */
  time?: string;
  /** Index (into the comment sections, in order) of the comment this one replies to. */
  replyTo?: number | null;
  /** Nesting depth of a comment, 0 for top level. */
  depth?: number;
  /** Target URL of a reference or link. */
  url?: string;
  /** Free-form role: `author`, `translator`, `photo-credit`, `ad-slot`, `navigation`, … */
  role?: string;
  /** Section this one belongs to (e.g. a credit's caption, a comment body's comment). */
  parent?: string;
}

/** Descriptive metadata of a source. */
export interface SourceMeta {
  title?: string;
  author?: string;
  /** Publication date (ISO 8601) if stated in the document or its metadata. */
  published?: string;
  site?: string;
  language?: string;
  /** Detected input format: `text`, `html`, `markdown`, `mediawiki`, `pdf`, … */
  format: string;
  /** Detected encoding of the raw bytes. */
  encoding?: string;
  /** Path, URL or `-` for stdin. */
  path?: string;
  /** Byte length of the raw input. */
  rawLength?: number;
  [key: string]: Json | undefined;
}

/**
 * A mapping from normalized-text offsets back to raw-text offsets:
 * sorted pairs `[textOffset, rawOffset]`; between two anchors the mapping is linear.
 */
export type SourceMap = Array<[number, number]>;

/** An ingested document: immutable text plus stand-off structure. */
export interface Source {
  /** Content hash of the raw bytes (sha256, hex, first 16 chars). */
  id: string;
  /** Stable identity across versions: the path or URL, hashed. */
  key: string;
  meta: SourceMeta;
  text: string;
  sourceMap: SourceMap;
  sections: Section[];
  messages: Message[];
}

/** A source together with the annotations the pipeline assigned to it. */
export interface AnalyzedSource extends Source {
  annotations: Annotation[];
}
