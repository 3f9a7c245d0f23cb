import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation, Json, Section, Source } from '../../core/types.ts';
import type { StageInput } from '../../pipeline/stage.ts';
import { foldToken } from './read-layers.ts';

/**
 * Stand-in layers for tests and for benchmarks run before the real stages exist: a plain
 * sentence splitter and tokenizer, plus mentions and timexes placed by the caller on given strings.
 * Not a substitute for the `sentences`, `tokens`, `mentions` and `timex` stages.
 */

const PROV = { stage: 'fixture', version: '0' };

/** Splits text into sentences at line breaks and at `.!?` (with closing quotes) before a capital or quote. */
export function fixtureSentences(text: string, sourceId = 'fixture'): Annotation[] {
  const out: Annotation[] = [];
  let paragraph = 0;
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = re.exec(text))) {
    if (/\n\s*\n/.test(text.slice(lastEnd, m.index))) paragraph++;
    lastEnd = m.index + m[0].length;
    const line = m[0];
    const cut = /[.!?…]+["”’»]?(?=\s+["“«‘(]?[\p{Lu}\d])/gu;
    let from = 0;
    let c: RegExpExecArray | null;
    const pieces: Array<[number, number]> = [];
    while ((c = cut.exec(line))) {
      pieces.push([from, c.index + c[0].length]);
      from = c.index + c[0].length;
    }
    pieces.push([from, line.length]);
    for (const [a, b] of pieces) {
      const seg = line.slice(a, b);
      const lead = seg.length - seg.trimStart().length;
      const trail = seg.length - seg.trimEnd().length;
      if (seg.trim() === '') continue;
      const start = m.index + a + lead;
      const end = m.index + b - trail;
      out.push(makeAnnotation(sourceId, 'sentence', start, end, 'S', PROV, { paragraph }));
    }
  }
  return out;
}

/** Tokenizes text into words (with inner apostrophes and hyphens), numbers and single symbols. */
export function fixtureTokens(text: string, sentences: readonly Annotation[], sourceId = 'fixture'): Annotation[] {
  const out: Annotation[] = [];
  sentences.forEach((s, si) => {
    const re = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\S/gu;
    const part = text.slice(s.start, s.end);
    let m: RegExpExecArray | null;
    let i = 0;
    while ((m = re.exec(part))) {
      let tok = m[0];
      let start = s.start + m.index;
      // "didn't" → "did" + "n't", as the token layer splits clitics
      const neg = /^(.+)(n['’]t)$/i.exec(tok);
      const pieces: Array<[number, string]> = neg ? [[start, neg[1]!], [start + neg[1]!.length, neg[2]!]] : [[start, tok]];
      for ([start, tok] of pieces) {
        const label = /^\p{N}+$/u.test(tok) ? 'NUM' : /^[\p{L}\p{N}]/u.test(tok) ? 'WORD' : 'PUNCT';
        out.push(makeAnnotation(sourceId, 'token', start, start + tok.length, label, PROV, { norm: foldToken(tok), sentence: si, i: i++ }));
      }
    }
  });
  return out;
}

/** A mention to place on the `nth` occurrence (0-based) of `text`. */
export interface FixtureMention {
  text: string;
  entity?: string;
  label?: string;
  name?: string;
  nth?: number;
}

/** A timex to place on the `nth` occurrence of `text`. */
export interface FixtureTimex {
  text: string;
  edtf: string;
  type?: string;
  nth?: number;
}

/** Start offset of the `nth` occurrence of `needle`; throws when absent (a broken fixture). */
export function nthIndex(text: string, needle: string, nth = 0): number {
  let p = -1;
  for (let k = 0; k <= nth; k++) {
    p = text.indexOf(needle, p + 1);
    if (p < 0) throw new Error(`fixture: "${needle}" #${nth} not in text`);
  }
  return p;
}

/** What `fixtureInput` needs: text, optional sections, mentions, timexes and extra layers. */
export interface FixtureSpec {
  text: string;
  sections?: Section[];
  mentions?: FixtureMention[];
  timexes?: FixtureTimex[];
  /** Extra annotations (e.g. a claim layer) to expose to the stage. */
  extra?: Annotation[];
  /** Real layers to use instead of the stand-ins (e.g. from the registered stages). */
  layers?: Annotation[];
}

/** Builds a source and a StageInput whose sentence, token, mention and timex layers are stand-ins. */
export function fixtureInput(spec: FixtureSpec, sourceId = 'fixture'): StageInput {
  const { text } = spec;
  const source: Source = {
    id: sourceId,
    key: sourceId,
    meta: { format: 'text' },
    text,
    sourceMap: [[0, 0]],
    sections: spec.sections ?? [{ id: 'sec-0', kind: 'body', start: 0, end: text.length }],
    messages: [],
  };
  const given = spec.layers ?? [];
  const has = (layer: string) => given.some((a) => a.layer === layer);
  const sentences = has('sentence') ? given.filter((a) => a.layer === 'sentence') : fixtureSentences(text, sourceId);
  const tokens = has('token') ? given.filter((a) => a.layer === 'token') : fixtureTokens(text, sentences, sourceId);
  const mentions = has('mention')
    ? given.filter((a) => a.layer === 'mention')
    : (spec.mentions ?? []).map((m) => {
        const p = nthIndex(text, m.text, m.nth);
        const attrs: Record<string, Json | undefined> = { name: m.name ?? m.text };
        if (m.entity) attrs.entity = m.entity;
        return makeAnnotation(sourceId, 'mention', p, p + m.text.length, m.label ?? 'PER', PROV, attrs);
      });
  const timexes = has('timex')
    ? given.filter((a) => a.layer === 'timex')
    : (spec.timexes ?? []).map((x) => {
        const p = nthIndex(text, x.text, x.nth);
        return makeAnnotation(sourceId, 'timex', p, p + x.text.length, x.type ?? 'DATE', PROV, { edtf: x.edtf, value: x.edtf });
      });
  const annotations = [...sentences, ...tokens, ...mentions, ...timexes, ...(spec.extra ?? [])];
  const byLayer = new Map<string, Annotation[]>();
  for (const a of annotations) {
    let l = byLayer.get(a.layer);
    if (!l) byLayer.set(a.layer, (l = []));
    l.push(a);
  }
  for (const l of byLayer.values()) l.sort((a, b) => a.start - b.start || b.end - a.end);
  return { source, annotations, layer: (name) => byLayer.get(name) ?? [], resources: {}, options: {} };
}
