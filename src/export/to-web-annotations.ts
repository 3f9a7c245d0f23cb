/**
 * W3C Web Annotation Data Model (JSON-LD) export of one analyzed source: an `AnnotationCollection`
 * whose first `AnnotationPage` holds one annotation per exported record, targeting the source with a
 * `TextPositionSelector` (code points, per the W3C spec) and a `TextQuoteSelector` (exact + context).
 */
import type { AnalyzedSource, Annotation, Json } from '../core/types.ts';
import { makeCodePointCounter, snapToCodePoint } from './code-points.ts';
import { entityUri } from './entity-uri.ts';

/** Options of `toWebAnnotations`. */
export interface WebAnnotationOptions {
  /** IRI of the annotated source (target `source`); default `urn:annalist:source:<id>`. */
  sourceUri?: string;
  /** Base IRI of the collection and annotation ids; default `urn:annalist:annotations:<id>`. */
  baseUri?: string;
  /** Layers to export; default mention, timex, event, claim, rhetoric, stance. */
  layers?: readonly string[];
  /** Characters of prefix/suffix context in the TextQuoteSelector (UTF-16 units, not splitting pairs); default 32. */
  context?: number;
}

/** Layers exported unless `layers` says otherwise. */
export const DEFAULT_WA_LAYERS: readonly string[] = ['mention', 'timex', 'event', 'claim', 'rhetoric', 'stance'];

/** Namespace of Annalist's own terms in the JSON-LD context. */
export const ANNALIST_NS = 'https://w3id.org/annalist/ns#';

/** The Library of Congress EDTF datatype IRI. */
const EDTF_DATATYPE = 'http://id.loc.gov/datatypes/edtf/EDTF';

type Body = Record<string, unknown>;

/** A W3C Web Annotation as plain JSON. */
export interface WebAnnotation {
  id: string;
  type: 'Annotation';
  motivation: string;
  body: Body[];
  target: {
    source: string;
    selector: [{ type: 'TextPositionSelector'; start: number; end: number }, { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }];
  };
  [key: string]: unknown;
}

/** A W3C AnnotationCollection with its single page embedded. */
export interface WebAnnotationCollection {
  '@context': Array<string | Record<string, string>>;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

/** A tag body (`purpose: tagging`). */
function tag(value: string): Body {
  return { type: 'TextualBody', purpose: 'tagging', value, format: 'text/plain' };
}

/** An entity body: a `SpecificResource` identifying the entity's IRI. */
function identify(entity: string, extra: Body = {}): Body {
  return { type: 'SpecificResource', purpose: 'identifying', source: entityUri(entity), ...extra };
}

/** Reads a string attribute. */
function str(v: Json | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Reads an object attribute. */
function obj(v: Json | undefined): Record<string, Json | undefined> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** Motivation and bodies of one annotation record, by layer. */
function describe(a: Annotation): { motivation: string; body: Body[] } {
  const at = a.attrs;
  switch (a.layer) {
    case 'mention': {
      const entity = str(at.entity);
      const body = [tag(a.label)];
      if (!entity) return { motivation: 'tagging', body };
      return { motivation: 'identifying', body: [identify(entity, str(at.name) ? { 'annalist:name': str(at.name) } : {}), ...body] };
    }
    case 'timex': {
      const interval = obj(at.interval);
      const edtf = str(at.edtf) ?? str(at.value);
      const body: Body[] = [tag(a.label)];
      if (edtf) {
        body.push({
          type: 'TextualBody',
          purpose: 'describing',
          value: edtf,
          'annalist:edtf': { '@value': edtf, '@type': EDTF_DATATYPE },
          'annalist:timex3': str(at.value),
          'annalist:earliest': str(interval?.earliest),
          'annalist:latest': str(interval?.latest),
        });
      }
      return { motivation: 'tagging', body };
    }
    case 'event': {
      const time = obj(at.time);
      const body: Body[] = [{ type: 'TextualBody', purpose: 'classifying', value: a.label, format: 'text/plain' }];
      const participants = Array.isArray(at.participants) ? at.participants : [];
      for (const p of participants) {
        const part = obj(p);
        const entity = str(part?.entity);
        if (entity) body.push(identify(entity, { 'annalist:role': str(part?.role) }));
      }
      const edtf = str(time?.edtf);
      if (edtf) body.push({ type: 'TextualBody', purpose: 'describing', value: edtf, 'annalist:edtf': { '@value': edtf, '@type': EDTF_DATATYPE }, 'annalist:inherited': time?.inherited === true });
      return { motivation: 'classifying', body };
    }
    case 'claim': {
      const speaker = str(at.speaker);
      const name = str(at.speakerName) ?? speaker ?? 'unknown';
      const body: Body[] = [{ type: 'TextualBody', purpose: 'commenting', value: `${a.label} by ${name}`, format: 'text/plain', 'annalist:kind': a.label }];
      if (speaker) body.push(identify(speaker, { 'annalist:role': 'speaker', 'annalist:name': name }));
      if (typeof at.checkworthiness === 'number') body[0]!['annalist:checkworthiness'] = at.checkworthiness;
      return { motivation: 'commenting', body };
    }
    case 'stance': {
      const target = str(at.target);
      const body: Body[] = [{ type: 'TextualBody', purpose: 'assessing', value: a.label, format: 'text/plain' }];
      if (target) body.push(identify(target, { 'annalist:role': 'stance-target' }));
      return { motivation: 'assessing', body };
    }
    default:
      // rhetoric (SemEval-2020 Task 11 technique) and any other layer: a classification by label.
      return { motivation: 'classifying', body: [{ type: 'TextualBody', purpose: 'classifying', value: a.label, format: 'text/plain', 'annalist:layer': a.layer }] };
  }
}

/** Drops undefined values so the JSON is clean. */
function compact(b: Body): Body {
  return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
}

/**
 * Converts one analyzed source to a W3C Web Annotation `AnnotationCollection` (JSON-LD).
 * Reads the source's text and annotations of the chosen layers; ids are stable (`<base>/<annotation id>`);
 * no clock is read. Spans are clamped to the text and snapped off surrogate-pair middles.
 */
export function toWebAnnotations(doc: AnalyzedSource, opts: WebAnnotationOptions = {}): WebAnnotationCollection {
  const base = opts.baseUri ?? `urn:annalist:annotations:${doc.id}`;
  const sourceUri = opts.sourceUri ?? `urn:annalist:source:${doc.id}`;
  const layers = new Set(opts.layers ?? DEFAULT_WA_LAYERS);
  const ctx = opts.context ?? 32;
  const text = doc.text;
  const toCp = makeCodePointCounter(text);
  const items = doc.annotations
    .filter((a) => layers.has(a.layer))
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id))
    .map((a): WebAnnotation => {
      const start = snapToCodePoint(text, a.start);
      const end = Math.max(start, snapToCodePoint(text, a.end));
      const { motivation, body } = describe(a);
      return {
        id: `${base}/${encodeURIComponent(a.id)}`,
        type: 'Annotation',
        motivation,
        body: body.map(compact),
        target: {
          source: sourceUri,
          selector: [
            { type: 'TextPositionSelector', start: toCp(start), end: toCp(end) },
            { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(snapToCodePoint(text, start - ctx), start), suffix: text.slice(end, snapToCodePoint(text, end + ctx)) },
          ],
        },
        'annalist:layer': a.layer,
        'annalist:label': a.label,
        'annalist:stage': `${a.provenance.stage}@${a.provenance.version}`,
        ...(typeof a.provenance.confidence === 'number' ? { 'annalist:confidence': a.provenance.confidence } : {}),
      };
    });
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { annalist: ANNALIST_NS }],
    id: base,
    type: 'AnnotationCollection',
    label: doc.meta.title ?? doc.id,
    total: items.length,
    first: { id: `${base}/page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
