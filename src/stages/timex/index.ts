import { makeAnnotation } from '../../core/annotation.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { Annotation, Json, Message } from '../../core/types.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { checkEdtf } from './check-edtf.ts';
import { findDateline } from './find-dateline.ts';
import { findTimexes } from './find-timexes.ts';
import { timexLanguage } from './load-rules.ts';
import type { DctRegion, Timex } from './types.ts';

const NAME = 'timex';
const VERSION = '1.3.0';

/** The `timex` layer attributes of one expression (see docs/layers.md). */
export function timexAttrs(t: Timex): Record<string, Json | undefined> {
  return {
    value: t.value,
    edtf: t.edtf,
    interval: t.interval ? { earliest: t.interval.earliest, latest: t.interval.latest } : null,
    granularity: t.granularity,
    anchor: t.anchor.ref === undefined ? { kind: t.anchor.kind } : { kind: t.anchor.kind, ref: t.anchor.ref },
    confidence: t.confidence,
    mod: t.mod,
    signal: t.signal ? { text: t.signal.text, relation: t.signal.relation } : undefined,
    note: t.note,
    extension: t.extension,
    scope: t.scope,
    parts: t.parts?.map((p) => ({ start: p.start, end: p.end, text: p.text, type: p.type, value: p.value, edtf: p.edtf })),
  };
}

/**
 * Stage `timex`: temporal expressions (layer `timex`, label = TIMEX3 type). The document date is
 * `meta.published`, else a dateline; text inside a `comment` section uses that comment's `time`.
 * Sentence spans keep matches inside one sentence; `resources.kb` (else the bundled knowledge base)
 * dates event-anchored expressions. The rule file is `data/timex/<lang>.json` for the source's
 * language (`meta.language`, or `options.lang`), English when there is none for it.
 * Expressions left unresolved for want of a date become warnings.
 */
export const timexStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['sentence'],
  assigns: ['timex'],
  run({ source, layer, resources, options }) {
    const messages: Message[] = [];
    let dct = typeof options.dct === 'string' ? options.dct : source.meta.published;
    if (!dct) {
      const line = findDateline(source.text);
      if (line) {
        dct = line.date;
        messages.push({ reason: `document date ${line.date} taken from the dateline`, severity: 'info', rule: 'timex:dct-from-dateline', source: NAME, place: { start: line.start, end: line.end } });
      }
    }
    const regions: DctRegion[] = source.sections
      .filter((s) => s.kind === 'comment')
      .map((s) => ({ start: s.start, end: s.end, dct: s.time }));
    const sentences = layer('sentence').map((s) => ({ start: s.start, end: s.end }));
    let kb: KnowledgeBase | undefined = resources.kb;
    if (!kb) {
      // like the mentions and link stages: the bundled knowledge base when none is passed
      try {
        kb = loadKnowledgeBase();
      } catch (err) {
        messages.push({ reason: `knowledge base not loaded, event-anchored dates stay unresolved: ${err instanceof Error ? err.message : String(err)}`, severity: 'warning', rule: 'timex:no-kb', source: NAME });
      }
    }
    // the rule file of the declared or detected language (options.lang overrides), English when none fits
    const lang = timexLanguage(typeof options.lang === 'string' ? options.lang : source.meta.language);
    const found = findTimexes(source.text, { dct, sentences, kb, regions, lang });
    const annotations: Annotation[] = found.map((t) =>
      makeAnnotation(source.id, 'timex', t.start, t.end, t.type, { stage: NAME, version: VERSION, rule: t.rule, confidence: t.confidence }, timexAttrs(t)),
    );
    for (const t of found) {
      if (t.edtf && !checkEdtf(t.edtf)) {
        messages.push({ reason: `"${t.text}": EDTF ${t.edtf} does not parse`, severity: 'warning', rule: 'timex:bad-edtf', source: NAME, place: { start: t.start, end: t.end } });
      }
      if (t.anchor.kind === 'none' && t.note) {
        messages.push({ reason: `"${t.text}" left unresolved: ${t.note}`, severity: 'warning', rule: 'timex:unresolved', source: NAME, place: { start: t.start, end: t.end } });
      }
    }
    return { annotations, messages };
  },
};
