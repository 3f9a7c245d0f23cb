import type { AnalyzedSource } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import { makeConflict, overlap, sentenceEvidence } from '../checks/common.ts';
import { indexKnowledgeBase, periodInterval } from '../kb-index.ts';
import { buildSourceView } from '../source-view.ts';
import type { Conflict } from '../types.ts';

/**
 * A naive peer for the corpus checks, for benchmarks only: flags every sentence where a KB entity
 * co-occurs with a date outside its life span, a time-bound name co-occurs with a date outside its
 * period, or a member co-occurs with an organization it never belonged to next to "member"/"join".
 * No agent roles, no retrospective cues, no relative-date or reference-point guards.
 */
export function naiveConflicts(docs: readonly AnalyzedSource[], kb: KnowledgeBase): Conflict[] {
  const index = indexKnowledgeBase(kb);
  const out: Conflict[] = [];
  for (const doc of docs) {
    const view = buildSourceView(doc, index);
    for (const s of view.sentences) {
      const dates = view.timexes.filter((t) => t.start >= s.start && t.end <= s.end);
      const ms = view.mentions.filter((m) => m.entity && m.start >= s.start && m.end <= s.end);
      const text = view.text.slice(s.start, s.end);
      for (const m of ms) {
        const life = index.lifeOf(m.entity!);
        const names = index.namesByEntity.get(m.entity!)?.filter((n) => n.name.toLowerCase() === m.text.toLowerCase()) ?? [];
        for (const d of dates) {
          if ((life.start && d.interval.latest < life.start.earliest) || (life.end && d.interval.earliest > life.end.latest)) {
            out.push(makeConflict('actor-out-of-life', 'low', `${m.text} with ${d.text}`, [sentenceEvidence(view, m.start, m.end)], [], { entity: m.entity }));
          }
          if (names.length && !names.some((n) => overlap(periodInterval(n.from, n.to), d.interval))) {
            out.push(makeConflict('name-out-of-time', 'low', `${m.text} with ${d.text}`, [sentenceEvidence(view, m.start, m.end)], [], { entity: m.entity }));
          }
        }
        if (/member|join/i.test(text)) {
          for (const o of ms) {
            if (o.entity !== m.entity && index.membershipsByOrg.has(o.entity!) && !(index.membershipsByMember.get(m.entity!) ?? []).some((x) => x.org === o.entity) && kb.byId.get(m.entity!)?.type !== 'person') {
              out.push(makeConflict('kb-contradiction', 'low', `${m.text} in ${o.text}`, [sentenceEvidence(view, m.start, m.end)], [], { entity: m.entity }));
            }
          }
        }
      }
    }
  }
  return [...new Map(out.map((c) => [c.id, c])).values()];
}
