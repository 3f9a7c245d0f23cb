import { describeInterval } from '../edtf-interval.ts';
import type { Conflict } from '../types.ts';
import { voiceOf } from '../source-view.ts';
import { makeConflict, sentenceEvidence, type CheckContext } from './common.ts';

/**
 * Cross-source date mismatch: sources dating the same real-world event with intervals that cannot
 * overlap (uncertain and approximate dates are widened first, so they conflict only when they
 * cannot meet). Events the KB dates are left to `checkEventDatesAgainstKb`, which can say who is right.
 */
export function checkDateMismatch(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  for (const ev of ctx.events) {
    const d = ctx.dissent.get(ev.id);
    if (!d || d.kbInterval || d.dissenting.length === 0 || d.agreeing.length === 0) continue;
    const agreeingSources = new Set(d.agreeing.map((i) => i.view.id));
    for (const bad of d.dissenting) {
      if (agreeingSources.has(bad.view.id)) continue;
      const good = d.agreeing.find((i) => i.view.id !== bad.view.id)!;
      const iv = bad.event.interval!;
      const gi = good.event.interval!;
      const years = Math.abs(iv.earliest - gi.earliest) / 365.25;
      out.push(
        makeConflict(
          'date-mismatch',
          years > 1 ? 'high' : 'medium',
          `Two sources date the same event (${ev.label}) differently: ${voiceOf(bad.view, bad.event.start)} says ${describeInterval(iv)}, ${voiceOf(good.view, good.event.start)} says ${describeInterval(
            gi,
          )}. The dates cannot both be right.`,
          [sentenceEvidence(bad.view, bad.event.start, bad.event.end), sentenceEvidence(good.view, good.event.start, good.event.end)],
          [{ type: 'source', source: good.view.id, text: `${good.view.title}: ${good.event.edtf ?? describeInterval(gi)}` }],
          { event: ev.id },
        ),
      );
    }
  }
  return out;
}

/** "X also says", "X, Y also say": the distinct voices that agree, with the verb in the right number. */
export function alsoSay(voices: readonly string[]): string {
  const distinct = [...new Set(voices)];
  return `${distinct.join(', ')} also say${distinct.length === 1 ? 's' : ''}`;
}

/**
 * Event dated against the KB: a source dates a KB event (named, or clustered with one) at an
 * interval that cannot overlap the KB date.
 */
export function checkEventDatesAgainstKb(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  for (const ev of ctx.events) {
    const d = ctx.dissent.get(ev.id);
    if (!d?.kbInterval || !ev.kbEvent) continue;
    const kbEv = ctx.index.kb.eventById.get(ev.kbEvent)!;
    for (const bad of d.dissenting) {
      const agreeing = d.agreeing.filter((i) => i.view.id !== bad.view.id);
      out.push(
        makeConflict(
          'kb-contradiction',
          'high',
          `${voiceOf(bad.view, bad.event.start)} dates ${kbEv.name} to ${describeInterval(bad.event.interval!)}${bad.event.edtf ? ` ("${bad.event.edtf}")` : ''}, but it took place ${describeInterval(
            d.kbInterval,
          )}${agreeing.length ? `, as ${alsoSay(agreeing.map((a) => voiceOf(a.view, a.event.start)))}` : ''}.`,
          [sentenceEvidence(bad.view, bad.event.start, bad.event.end), ...agreeing.slice(0, 2).map((a) => sentenceEvidence(a.view, a.event.start, a.event.end))],
          [{ type: 'event', ref: kbEv.id, text: `${kbEv.name}: ${kbEv.date}`, source: kbEv.source }],
          { event: ev.id },
        ),
      );
    }
  }
  return out;
}
