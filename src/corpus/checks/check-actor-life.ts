import { dayNumber, dayToIso } from '../../core/time.ts';
import { describeInterval } from '../edtf-interval.ts';
import { dateNear, sentenceSpan } from '../source-view.ts';
import type { Conflict } from '../types.ts';
import { phraseRegex } from '../vocabulary.ts';
import { findAgents, makeConflict, sentenceEvidence, type CheckContext } from './common.ts';

/** Event classes that need no living actor (a death, a birth, a founding, a renaming). */
const EXEMPT = new Set(['death', 'birth', 'founding', 'renaming', 'execution']);

/**
 * Actor out of life: a person acting before birth, as a child (younger than the vocabulary's
 * `childAge`) or after death; a state or body acting before it existed or after it was dissolved.
 * Sentences speaking of a death, funeral or legacy are left out: the dead are talked about, not acting.
 */
export function checkActorOutOfLife(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  const deathCue = phraseRegex(ctx.vocab.deathCues, 'iu');
  const agents = findAgents(ctx, (view, s, e) => {
    const d = dateNear(view, s, e);
    return d && { interval: d.interval, text: d.text };
  });
  for (const a of agents) {
    if (!a.interval || EXEMPT.has(a.cls)) continue;
    const entity = ctx.index.kb.byId.get(a.entity);
    if (!entity || !['person', 'organization', 'place', 'group'].includes(entity.type)) continue;
    const life = ctx.index.lifeOf(a.entity);
    const s = sentenceSpan(a.view, a.start);
    const sentence = a.view.text.slice(s.start, s.end);
    const name = entity.name;
    const when = `${describeInterval(a.interval)}${a.dateText ? ` ("${a.dateText}")` : ''}`;
    const isPerson = entity.type === 'person';
    let problem: string | undefined;
    let severity: Conflict['severity'] = 'high';
    if (life.start && a.interval.latest < life.start.earliest) {
      problem = isPerson ? `before ${name} was born (${entity.start})` : `before ${name} existed (founded ${entity.start})`;
    } else if (life.end && a.interval.earliest > life.end.latest) {
      if (isPerson && deathCue.test(sentence)) continue;
      problem = isPerson ? `after ${name} died (${entity.end})` : `after ${name} was dissolved (${entity.end})`;
    } else if (isPerson && life.start) {
      const birth = new Date(`${dayToIso(life.start.latest)}T00:00:00Z`);
      const adult = dayNumber(birth.getUTCFullYear() + ctx.vocab.childAge, birth.getUTCMonth() + 1, birth.getUTCDate());
      if (a.interval.latest < adult) {
        problem = `when ${name} was a child (born ${entity.start})`;
        severity = 'medium';
      }
    }
    if (!problem) continue;
    out.push(
      makeConflict(
        'actor-out-of-life',
        severity,
        `${name} is said to act in ${when}, ${problem}.`,
        [sentenceEvidence(a.view, a.start, a.end)],
        [{ type: 'entity', ref: entity.id, text: `${name}: ${isPerson ? 'born' : 'from'} ${entity.start ?? '?'}, ${isPerson ? 'died' : 'until'} ${entity.end ?? '—'}`, source: entity.source }],
        { entity: entity.id },
      ),
    );
  }
  return out;
}
