/**
 * Collects the corpus `entity` records from the `mention` layer of analyzed sources: one record per
 * entity id (KB or `local:`), with its canonical name, type, Wikidata id and every mention by source.
 */
import type { AnalyzedSource } from '../core/types.ts';
import type { KnowledgeBase } from '../kb/types.ts';
import type { CorpusEntity } from './types.ts';

/** The corpus entity record (docs/layers.md, "Corpus records"). */
export type EntityRecord = CorpusEntity;

const LABEL_TYPE: Record<string, string> = { PER: 'person', ORG: 'organization', LOC: 'place', GRP: 'group', MISC: 'other' };

/** Most frequent value, ties broken by length (longest first) then alphabetically. */
function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))[0]![0];
}

/**
 * Groups every linked `mention` annotation of the given sources by `attrs.entity`. KB entities take
 * name, type, subtype and qid from the knowledge base; local ones take the most frequent linked name
 * and the most frequent mention label. Also lists the distinct surface `forms`. Sorted by id.
 * Unresolved mentions (no `entity`) are not records. Claim speakers no mention names (the author
 * voice, unnamed groups) are added as speaker records. Reads only its arguments.
 */
export function collectEntities(docs: readonly AnalyzedSource[], kb: KnowledgeBase): EntityRecord[] {
  const groups = new Map<string, { names: string[]; texts: string[]; labels: string[]; forms: Set<string>; mentions: Array<{ source: string; annotation: string }> }>();
  for (const doc of docs) {
    for (const a of doc.annotations) {
      if (a.layer !== 'mention' || typeof a.attrs.entity !== 'string') continue;
      const id = a.attrs.entity;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { names: [], texts: [], labels: [], forms: new Set(), mentions: [] }));
      if (typeof a.attrs.name === 'string') g.names.push(a.attrs.name);
      g.labels.push(a.label);
      g.forms.add(doc.text.slice(a.start, a.end));
      g.texts.push(doc.text.slice(a.start, a.end).replace(/\s+/g, ' ').trim());
      g.mentions.push({ source: doc.id, annotation: a.id });
    }
  }
  const records = [...groups.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([id, g]) => {
      const e = kb.byId.get(id);
      const ev = e ? undefined : kb.eventById.get(id);
      const qid = e?.qid ?? ev?.qid ?? (/^Q\d+$/.test(id) ? id : undefined);
      const rec: EntityRecord = {
        id,
        ...(qid ? { qid } : {}),
        name: e?.name ?? ev?.name ?? mostCommon(g.names.length ? g.names : g.texts.some(Boolean) ? g.texts.filter(Boolean) : [id]),
        type: e?.type ?? (ev ? 'event' : LABEL_TYPE[mostCommon(g.labels)] ?? 'other'),
        ...(e?.subtype ? { subtype: e.subtype } : {}),
        local: !e && !ev,
        forms: [...g.forms].sort(),
        mentions: g.mentions,
      };
      return rec;
    });
  records.push(...collectSpeakers(docs, new Set(groups.keys())));
  return records.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Speakers of claims that no mention names (the author voice `author:…`, unnamed groups, relayed
 * voices `via:…`, cited references `ref:…`): one record each, named by the claim's `speakerName`,
 * typed by its `speakerType`, with the rule that named it (`basis`, for the author voice) and no
 * mentions. Commenters are sections, not entities.
 */
function collectSpeakers(docs: readonly AnalyzedSource[], known: ReadonlySet<string>): EntityRecord[] {
  const out = new Map<string, EntityRecord>();
  for (const doc of docs) {
    for (const a of doc.annotations) {
      const id = a.attrs.speaker;
      const name = a.attrs.speakerName;
      if (a.layer !== 'claim' || typeof id !== 'string' || typeof name !== 'string' || known.has(id) || out.has(id) || id === 'author' || id.startsWith('commenter:')) continue;
      const basis = a.attrs.speakerBasis;
      out.set(id, { id, name, type: typeof a.attrs.speakerType === 'string' ? a.attrs.speakerType : 'other', local: true, speaker: true, ...(basis && typeof basis === 'object' && !Array.isArray(basis) ? { basis } : {}), forms: [], mentions: [] });
    }
  }
  return [...out.values()];
}
