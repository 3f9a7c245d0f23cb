import { sentenceSpan, voiceOf } from '../source-view.ts';
import type { Conflict } from '../types.ts';
import { phraseRegex } from '../vocabulary.ts';
import { makeConflict, sentenceEvidence, type CheckContext } from './common.ts';

/** KB event classes performed by one person (the first person listed), where naming another performer is a confusion. */
const SINGLE_PERFORMER = new Set(['statement', 'decision', 'appointment', 'removal', 'visit', 'speech']);

/**
 * Role confusion in a named event: a source has a person perform a KB event ("X delivered the
 * <named speech>") that the KB credits to one other person (a successor, a relative, a rival).
 * Uses event-layer agents in the sentence of the named event, or "<person> <perform-verb> … <event>".
 */
export function checkEventAgents(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  const perform = phraseRegex(ctx.vocab.performVerbs, 'iu');
  for (const view of ctx.views) {
    for (const named of view.events.filter((e) => e.kbEvent)) {
      const kbEv = ctx.index.kb.eventById.get(named.kbEvent!)!;
      const performers = kbEv.participants.filter((p) => ctx.index.kb.byId.get(p)?.type === 'person');
      if (!SINGLE_PERFORMER.has(kbEv.class) || performers.length === 0) continue;
      const s = sentenceSpan(view, named.start);
      const agents = new Map<string, { start: number; end: number }>();
      for (const ev of view.events) {
        if (ev.kbEvent || ev.sentence !== named.sentence || ev.cls !== kbEv.class || !ev.positive) continue;
        for (const p of ev.participants) if (p.role === 'agent' && p.entity) agents.set(p.entity, { start: ev.start, end: ev.end });
      }
      for (const m of view.mentions) {
        if (!m.entity || m.start < s.start || m.end > named.start || named.start - m.end > 80) continue;
        const between = view.text.slice(m.end, named.start);
        // "<person> delivered the …", with no other name in between.
        if (!new RegExp(`^\\s+(?:\\p{L}+\\s+){0,2}?(?:${perform.source})\\s+(?:his|her|their|the|a|an|this|that)?\\s*$`, 'iu').test(between)) continue;
        if (view.mentions.some((o) => o !== m && o.start >= m.end && o.end <= named.start)) continue;
        agents.set(m.entity, { start: m.start, end: m.end });
      }
      for (const [agent, span] of agents) {
        if (performers.includes(agent) || ctx.index.kb.byId.get(agent)?.type !== 'person') continue;
        out.push(
          makeConflict(
            'role-confusion',
            'high',
            `${voiceOf(view, span.start)} has ${ctx.index.nameOf(agent)} perform ${kbEv.name}, which the KB credits to ${ctx.index.nameOf(performers[0]!)}.`,
            [sentenceEvidence(view, Math.min(span.start, named.start), Math.max(span.end, named.end))],
            [{ type: 'event', ref: kbEv.id, text: `${kbEv.name} (${kbEv.date}): ${kbEv.participants.map((p) => ctx.index.nameOf(p)).join(', ')}`, source: kbEv.source }],
            { entity: agent },
          ),
        );
      }
    }
  }
  return out;
}
