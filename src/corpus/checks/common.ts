import { hashContent } from '../../core/hash.ts';
import type { DayInterval } from '../../core/time.ts';
import type { AssembledEvents } from '../cluster-events.ts';
import type { KbIndex } from '../kb-index.ts';
import { dateNear, sentenceSpan, type SourceView, type ViewMention } from '../source-view.ts';
import type { Conflict, ConflictFact, ConflictKind, CorpusEvent, EvidenceSpan } from '../types.ts';
import { phraseRegex, type CheckVocabulary } from '../vocabulary.ts';

/** What every check reads: the source views, the KB lookups, the vocabulary and the clustered events. */
export interface CheckContext {
  views: SourceView[];
  index: KbIndex;
  vocab: CheckVocabulary;
  /** Real-world events with their supporting mentions (from `assembleEvents`). */
  events: CorpusEvent[];
  /** Per event id, the mentions agreeing with and dissenting from its merged date. */
  dissent: AssembledEvents['dissent'];
}

/** Builds a conflict record with an id derived from its kind and evidence (stable across runs). */
export function makeConflict(
  kind: ConflictKind,
  severity: Conflict['severity'],
  explanation: string,
  evidence: EvidenceSpan[],
  facts: ConflictFact[],
  extra: { event?: string; entity?: string } = {},
): Conflict {
  const key = `${kind}|${evidence.map((e) => `${e.source}:${e.start}-${e.end}`).join(',')}|${extra.entity ?? ''}|${extra.event ?? ''}`;
  return { id: `conflict:${hashContent(key, 12)}`, kind, severity, explanation, evidence, facts, ...extra };
}

/** The sentence around a span, as an evidence record (long sentences cut to 400 characters around the span). */
export function sentenceEvidence(view: SourceView, start: number, end = start): EvidenceSpan {
  const s = sentenceSpan(view, start);
  let a = s.start;
  let b = Math.max(s.end, end);
  if (b - a > 400) {
    a = Math.max(a, start - 200);
    b = Math.min(b, end + 200);
  }
  return { source: view.id, start: a, end: b, text: view.text.slice(a, b).replace(/\s+/g, ' ').trim() };
}

/** True when two day intervals share a day. */
export function overlap(a: DayInterval, b: DayInterval): boolean {
  return a.earliest <= b.latest && b.earliest <= a.latest;
}

/** Keeps one conflict per id. */
export function uniqueConflicts(list: Conflict[]): Conflict[] {
  const seen = new Map<string, Conflict>();
  for (const c of list) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

/** An entity acting in a sentence, with the date the sentence gives. */
export interface Agent {
  view: SourceView;
  entity: string;
  /** Span of the agent's mention or of the event mention. */
  start: number;
  end: number;
  /** The event class when known (from the event layer), else `other`. */
  cls: string;
  interval?: DayInterval;
  dateText?: string;
  eventId?: string;
}

const verbRegexCache = new WeakMap<CheckVocabulary, RegExp>();

/**
 * Entities acting in each source: agents of asserted, positive event mentions dated in their own
 * sentence (event layer), or, where a source has no event layer, an entity mention followed in
 * the same clause by an action verb ("Khrushchev signed…", "Stalin, at the plenum, said…").
 */
export function findAgents(ctx: CheckContext, dateOf: (view: SourceView, start: number, end: number) => { interval: DayInterval; text: string } | undefined): Agent[] {
  const out: Agent[] = [];
  let verbs = verbRegexCache.get(ctx.vocab);
  if (!verbs) {
    verbs = phraseRegex(ctx.vocab.actionVerbs, 'iu');
    verbRegexCache.set(ctx.vocab, verbs);
  }
  for (const view of ctx.views) {
    if (!view.fallbacks.includes('event')) {
      for (const ev of view.events) {
        if (ev.id.startsWith('kb-alias:') || !ev.positive || !ev.asserted || ev.inherited || !ev.interval) continue;
        // The date must be stated close to the trigger, not in another clause of a long sentence.
        const date = dateNear(view, ev.start, ev.end, 60);
        if (!date) continue;
        for (const p of ev.participants) {
          if (p.role !== 'agent' || !p.entity) continue;
          // Confirm the agent in the text: its mention is the subject right before the trigger.
          const subject = view.mentions.find((m) => m.entity === p.entity && m.end <= ev.start && isSubjectOf(view, m, ev.start));
          if (!subject) continue;
          out.push({ view, entity: p.entity, start: subject.start, end: ev.end, cls: ev.cls, interval: ev.interval, dateText: date.text, eventId: ev.id });
        }
      }
      continue;
    }
    for (const m of view.mentions) {
      if (!m.entity || !actsNext(view, m, verbs)) continue;
      const d = dateOf(view, m.start, m.end);
      if (!d) continue;
      out.push({ view, entity: m.entity, start: m.start, end: m.end, cls: 'other', interval: d.interval, dateText: d.text });
    }
  }
  return out;
}

/**
 * True when a mention reads as the subject of a trigger a little further on: no more than 40
 * characters apart, no clause break, preposition, possessive or relative pronoun in between
 * ("criticism of Stalin", "Stalin's", "the group that attempted").
 */
export function isSubjectOf(view: SourceView, m: ViewMention, trigger: number): boolean {
  if (trigger - m.end > 40) return false;
  const between = view.text.slice(m.end, trigger);
  if (/^['’]s?\b/.test(between)) return false;
  // "X, ordered": one comma between subject and verb means X belongs to another phrase (two make an appositive).
  if ((between.match(/,/g) ?? []).length === 1) return false;
  if (/[;:.!?]|\b(?:of|about|at|to|for|with|against|by|from|on|in|into|and|or|that|which|who|whom|than)\b/i.test(between)) return false;
  const before = view.text.slice(Math.max(0, m.start - 12), m.start);
  return !/\b(?:of|about|against|by|with|to|for|on|at)\s+(?:the\s+)?$/i.test(before);
}

/** True when an action verb follows the mention in the same clause (optionally after an appositive). */
function actsNext(view: SourceView, m: ViewMention, verbs: RegExp): boolean {
  const after = view.text.slice(m.end, m.end + 80);
  // "Stalin's …": a possessive is not the subject.
  if (/^['’]s?\b/.test(after)) return false;
  const direct = /^\s+(?:(?:had|has|also|then|personally|himself|herself|itself|again|once|finally|even)\s+)*(\p{L}+)/u.exec(after);
  const appositive = /^\s*,[^,.;:!?]{1,60},\s+(?:(?:had|also|then|personally)\s+)*(\p{L}+)/u.exec(after);
  for (const hit of [direct, appositive]) {
    if (hit && new RegExp(`^(?:${verbs.source})$`, 'iu').test(hit[1]!)) return true;
  }
  return false;
}
