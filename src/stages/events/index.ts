import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation, Json } from '../../core/types.ts';
import type { Stage, StageInput, StageOutput } from '../../pipeline/stage.ts';
import { assessModality, assessPredicate, type ModalityCues } from './assess-modality.ts';
import { findParticipants, participantsJson, withKbEventParticipants } from './find-participants.ts';
import { buildTriggerLexicon, findTriggers, readDataJson, type TriggerLexicon, type TriggerMatch } from './lexicon.ts';
import { dateOwner } from './date-owner.ts';
import { afterTime, beforeTime, coarsenInherited, inheritedConfidence, isDating, isPastPerfect, narrativeDistance, opensWithParticiple, pickNarrativeTime, pickPostModifierTime, pickSentenceTime, datesInView, timeFromTimex, timeOfAnchor, timexesByParagraph, yearLevelKbTime } from './pick-time.ts';
import { bracketedMention, findDateList } from './find-date-list.ts';
import { findAspectual } from './find-aspectual.ts';
import { closeOnceOnly } from './close-once-only.ts';
import { sameYearFallback } from './kb-fallback-time.ts';
import { shareOfficeDate } from './share-office-date.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import { isDemonstrativeNoun, keepNounTrigger } from './keep-noun-trigger.ts';
import { hasOfficeComplement } from './office-complement.ts';
import { demoteNonActors } from './bind-roles.ts';
import { resolveEventAnaphora, resolveParticipleAgents } from './event-anaphora.ts';
import { withCause, withInstigator } from './find-instigator.ts';
import { restateEvents } from './restate-events.ts';
import { shareAnaphorDate } from './share-anaphor-date.ts';
import { withCompoundSides } from './compound-sides.ts';
import { readSentences, type SentenceView } from './read-layers.ts';
import { resolvePronoun } from './resolve-pronoun.ts';

const NAME = 'events';
const VERSION = '1.9.0';

let lexicon: TriggerLexicon | undefined;
let modalityCues: ModalityCues | undefined;

/** Determiners before a trigger that make it a noun ("a visit", "the arrest"). */
const NOUN_DETERMINERS = new Set(['a', 'an', 'the', 'this', 'these', 'those', 'his', 'her', 'its', 'their', 'our']);

/** Section kinds whose text is not narrative (no events are read there). */
const SKIP_SECTIONS = new Set(['chrome', 'credit', 'reference', 'caption']);

/** The innermost attributed claim (quote or reported speech) whose content contains a span. */
function reportingClaim(claims: readonly Annotation[], start: number, end: number): Annotation | undefined {
  let best: Annotation | undefined;
  for (const c of claims) {
    if (c.label === 'author-assertion') continue;
    const content = c.attrs.content as { start: number; end: number } | undefined;
    const span = content ?? c;
    if (span.start <= start && end <= span.end && (!best || span.end - span.start < ((best.attrs.content as { start: number; end: number } | undefined) ?? best).end - ((best.attrs.content as { start: number; end: number } | undefined) ?? best).start)) best = c;
  }
  return best;
}

/**
 * True when a date stated in a sentence dates only the report an event is told in: the event lies
 * in the content of an attributed claim ("the mayor said that the clerk stole the funds") and the
 * date lies before that content, outside it ("In 1931 the mayor said that …"). The reported event
 * came by then, not necessarily then.
 */
export function datesTheReportOnly(claim: Annotation | undefined, x: { start: number; end: number }, trigger: { start: number; end: number }): boolean {
  const content = claim?.attrs.content as { start: number; end: number } | undefined;
  if (!claim || !content || !(content.start <= trigger.start && trigger.end <= content.end)) return false;
  return x.end <= content.start;
}

/**
 * True when the trigger lies inside the name of a place, a person or a known organisation, the
 * longest name covering it ("naval bases in Split", "the Warsaw Pact"): no event. An event's name
 * ("the Sino-Soviet Split") keeps its trigger.
 */
export function insideNonEventName(s: SentenceView, m: TriggerMatch, kb?: KnowledgeBase): boolean {
  const start = s.tokens[m.from]!.start;
  const end = s.tokens[m.to - 1]!.end;
  const covering = s.mentions.filter((x) => x.start <= start && end <= x.end);
  // "the Sino-Soviet Split" holds the city name "Split": the longest name decides
  const outer = covering.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  if (!outer || outer.attrs.standsFor) return false;
  const entity = typeof outer.attrs.entity === 'string' ? kb?.byId.get(outer.attrs.entity) : undefined;
  return outer.label === 'LOC' || outer.label === 'PER' || (outer.label === 'ORG' && entity?.type === 'organization');
}

/**
 * Drops the speaker of the quote or report an event is told in from its participants when the
 * speaker is named outside the quoted content ("'… he personally initiated them,' the historian
 * emphasized": the historian is no participant of the initiating). A pronoun inside the content
 * that stands for the speaker stays ("X said he would resign").
 */
export function withoutQuotingSpeaker<P extends { mention?: string; start: number; end: number }>(ps: readonly P[], claim: Annotation | undefined): P[] {
  const speaker = claim?.attrs.speakerMention;
  const content = claim?.attrs.content as { start: number; end: number } | undefined;
  if (!claim || typeof speaker !== 'string') return [...ps];
  const span = content ?? claim;
  return ps.filter((p) => p.mention !== speaker || (span.start <= p.start && p.end <= span.end));
}

/**
 * Drops a noun trigger next to a verb trigger of the same class: "the congress opened" is one
 * meeting, triggered by the verb.
 */
export function mergeTriggers(triggers: readonly TriggerMatch[]): TriggerMatch[] {
  return triggers.filter(
    (t) => t.entry.pos !== 'noun' || !triggers.some((u) => u !== t && u.entry.pos !== 'noun' && u.entry.class === t.entry.class && Math.abs(u.from - t.from) <= 3),
  );
}

/**
 * Reads events: finds lexicon triggers in each sentence, classifies them, attaches participants
 * from the mention layer, a time from a timex in the sentence (a noun's post-modifying date first;
 * else the narrative's reference time, marked `inherited` and at most month-precise, and "from then
 * on" in a sentence opened by a result-state participle ("Reelected by a wide margin, she …"); a
 * past-perfect trigger is dated "by" its time; an interval anchored on a KB event the text only names
 * (no day of it stated in the paragraph or as the reference time: datesInView) is given at year precision (`coarsening: 'kb-year'`, the day kept in `coarsenedFrom` and
 * `interval`); an anniversary around the trigger dates it N years back; "later that year" with no
 * earlier date takes the year of a dated KB event the paragraph names), a place, polarity and
 * modality, and the claim that reports them. Subjects coordinated with the subject share its role,
 * and a trigger inside the name of a KB event brings that event's known participants (`basis:
 * 'kb-event'`). An aspectual verb dates its subject noun ("the thaw that began after …"). Across
 * events: a once-only event open to the future is closed by the dated one about the same entity
 * (close-once-only.ts), and a change of office told twice takes the stated date (share-office-date.ts).
 */
export function findEvents(input: StageInput): StageOutput {
  lexicon ??= buildTriggerLexicon();
  modalityCues ??= readDataJson<ModalityCues>('events/modality.json');
  const { source } = input;
  const sentences = readSentences(input);
  const claims = input.layer('claim');
  const out = new Map<string, Annotation>();
  const byParagraph = timexesByParagraph(sentences);
  let kb: KnowledgeBase | undefined;
  const knowledge = () => (kb ??= input.resources.kb ?? loadKnowledgeBase());
  for (const s of sentences) {
    if (s.section && SKIP_SECTIONS.has(s.section.kind)) continue;
    const norms = s.tokens.map((t) => t.norm);
    // the days the reader has in view here: a named event they fall on keeps its day (yearLevelKbTime)
    const stated = datesInView(sentences, s.index, byParagraph);
    // "this decision": a demonstrative event noun is kept for now, and dropped below unless it finds its antecedent
    const anaphors = new Set<TriggerMatch>();
    const triggers = mergeTriggers(findTriggers(norms, lexicon)).filter((m) => {
      if (!hasOfficeComplement(s.tokens, m) || insideNonEventName(s, m, knowledge())) return false;
      if (keepNounTrigger(s, m)) return true;
      if (!isDemonstrativeNoun(s, m)) return false;
      anaphors.add(m);
      return true;
    });
    // words inside time expressions are not modal cues: "3 May 1899" is no "may"
    const masked = s.tokens.map((t) => (s.timexes.some((x) => x.start <= t.start && t.end <= x.end) ? { ...t, norm: '' } : t));
    for (const m of triggers) {
      const trigger = { start: s.tokens[m.from]!.start, end: s.tokens[m.to - 1]!.end };
      const resolver = (pos: number, pronoun: string) => resolvePronoun(sentences, s.index, pos, pronoun);
      // "at her suggestion, X was dismissed": who set the event in motion, when no agent is named
      // and "X delayed its answer, which led to a coup": the clause's subject caused the event noun
      const found = withCause(withInstigator(findParticipants(s, m, triggers, source.text, resolver), s, m, source.text, resolver), s, m, source.text);
      const enriched = withCompoundSides(withKbEventParticipants(demoteNonActors(found, s, source.text, knowledge(), lexicon), s, trigger, knowledge()), s, trigger, source.text, knowledge());
      const participants = withoutQuotingSpeaker(enriched, reportingClaim(claims, trigger.start, trigger.end));
      const aux = assessModality(masked, m.from, modalityCues);
      // "the meeting never happened", "the visit was called off": the noun's predicate decides
      // ("a (royal) visit … was called off": a verb form after a determiner is the noun it also is)
      const nounLike = m.entry.pos === 'noun' || NOUN_DETERMINERS.has(s.tokens[m.from - 1]?.norm ?? '') || NOUN_DETERMINERS.has(s.tokens[m.from - 2]?.norm ?? '');
      const next = triggers.find((t) => t.from >= m.to);
      const pred = nounLike ? assessPredicate(masked, m.to, modalityCues, next?.from) : undefined;
      const mod = pred ? { polarity: pred.polarity === 'negative' ? pred.polarity : aux.polarity, modality: aux.modality === 'asserted' ? pred.modality : aux.modality, cues: [...aux.cues, ...pred.cues] } : aux;
      // a noun's own post-modifying date beats a nearer one before it ("repressions … in the 1930s")
      const picked = (m.entry.pos === 'noun' ? pickPostModifierTime(s, trigger) : undefined) ?? pickSentenceTime(s, trigger, m.entry.pos === 'verb');
      // "the 100th anniversary of the Revolution": the expression around the trigger dates it
      const container = s.timexes.find((x) => x.start <= trigger.start && trigger.end <= x.end);
      const anchored = container ? timeOfAnchor(source.text, container, trigger, (id) => knowledge().eventById.get(id)?.date) : undefined;
      const perfect = isPastPerfect(s, trigger);
      const resultState = opensWithParticiple(s, source.text);
      // "the 1967 and 1973 wars", "into A (1956) and B (1968)": one event per enumerated date
      // (a clause-scoped interval is no member of a list: "On 9 June, less than two years after …")
      const dates = picked ? (picked.attrs.scope === 'clause' ? [picked] : findDateList(s, picked).filter((d) => d?.attrs.scope !== 'clause')) : [undefined];
      for (const local of dates) {
        let own = participants;
        const named = local ? bracketedMention(s, local) : undefined;
        if (local && local !== picked && dates.length > 1) {
          const others = new Set(dates.filter((d) => d !== local).map((d) => d && bracketedMention(s, d)?.id));
          own = participants.filter((p) => !others.has(p.mention));
        }
        if (named && dates.length > 1 && !own.some((p) => p.mention === named.id)) {
          own = [...own, { role: named.label === 'LOC' ? 'place' : 'other', mention: named.id, text: source.text.slice(named.start, named.end), start: named.start, end: named.end, ...(typeof named.attrs.entity === 'string' ? { entity: named.attrs.entity } : {}) }];
        }
        const timex = local ?? pickNarrativeTime(sentences, s.index);
        let start = trigger.start;
        let end = trigger.end;
        for (const p of own) {
          start = Math.min(start, p.start);
          end = Math.max(end, p.end);
        }
        if (local) {
          start = Math.min(start, local.start);
          end = Math.max(end, local.end);
        }
        const attrs: Record<string, Json | undefined> = {
          trigger,
          participants: participantsJson(own),
          polarity: mod.polarity,
          modality: mod.modality,
          sentence: s.index,
        };
        if (anchored) attrs.time = container ? yearLevelKbTime(anchored, container, stated) : anchored;
        else if (timex) {
          // "after Stalin's death" with no day in the text: the year-level convention (yearLevelKbTime)
          let time = yearLevelKbTime(timeFromTimex(timex, !local), timex, stated);
          // an inherited date is worth less the further back it was stated
          if (!local) time = { ...coarsenInherited(time), confidence: inheritedConfidence(narrativeDistance(sentences, s.index, timex)) };
          // "Reelected by a wide margin, she …": what the sentence tells runs from the reference time on
          if (!local && resultState) time = afterTime(time);
          // "had already been removed" by the mid-1960s: before the reference time
          // (not for a clause-scoped interval: "less than two years after X had retired" already places X before)
          if (perfect && timex.attrs.scope !== 'clause') time = beforeTime(time);
          // "In 1931 the mayor said that the clerk stole the funds": a date outside the reported content dates the report; what it reports came by then
          // (not a future or modal content: "… said that the council would dissolve" comes after)
          else if (local && mod.modality === 'asserted' && datesTheReportOnly(reportingClaim(claims, trigger.start, trigger.end), local, trigger)) time = { ...beforeTime(time), reported: true };
          attrs.time = time;
        } else {
          // "later that year" in a fragment with no earlier date: the year of a KB event the paragraph names
          const fallback = sameYearFallback(s, sentences, source.text, knowledge());
          if (fallback) attrs.time = fallback;
        }
        const place = own.find((p) => p.role === 'place' && p.entity);
        if (place) attrs.place = place.entity;
        if (mod.cues.length) attrs.modalityCues = mod.cues;
        const claim = reportingClaim(claims, trigger.start, trigger.end);
        if (claim) attrs.reportedBy = claim.id;
        const confidence = m.entry.pos === 'noun' ? 0.5 : 0.7;
        const rule = `trigger:${m.entry.pos}${dates.length > 1 ? '+date-list' : ''}${anaphors.has(m) ? '+anaphor' : ''}`;
        const a = makeAnnotation(source.id, 'event', start, end, m.entry.class, { stage: NAME, version: VERSION, rule, confidence }, attrs);
        if (!out.has(a.id)) out.set(a.id, a);
      }
    }
    // "the thesis of 1948": a date hung on a noun no trigger covers makes that noun a dated event
    for (const x of s.timexes) {
      if (!isDating(x)) continue;
      const owner = dateOwner(s, x);
      if (!owner || triggers.some((m) => s.tokens[m.from]!.start < owner.end && owner.start < s.tokens[m.to - 1]!.end)) continue;
      const attrs: Record<string, Json | undefined> = { trigger: owner, participants: [], polarity: 'positive', modality: 'asserted', sentence: s.index, time: timeFromTimex(x, false) };
      const claim = reportingClaim(claims, owner.start, owner.end);
      if (claim) attrs.reportedBy = claim.id;
      const a = makeAnnotation(source.id, 'event', owner.start, x.end, 'other', { stage: NAME, version: VERSION, rule: 'owned-date', confidence: 0.4 }, attrs);
      if (!out.has(a.id)) out.set(a.id, a);
    }
    // "the thaw that began after the Congress": an aspectual verb dates its subject noun
    for (const { noun, verb, timex } of findAspectual(s, triggers, source.text)) {
      const time = { ...yearLevelKbTime(timeFromTimex(timex, false), timex, stated), aspect: verb.norm };
      const attrs: Record<string, Json | undefined> = { trigger: { start: noun.start, end: noun.end }, participants: [], polarity: 'positive', modality: 'asserted', sentence: s.index, time };
      const claim = reportingClaim(claims, noun.start, noun.end);
      if (claim) attrs.reportedBy = claim.id;
      const a = makeAnnotation(source.id, 'event', noun.start, timex.end, 'other', { stage: NAME, version: VERSION, rule: 'aspectual-subject', confidence: 0.4 }, attrs);
      if (!out.has(a.id)) out.set(a.id, a);
    }
  }
  const paragraphOf = (i: number) => sentences.find((x) => x.index === i)?.paragraph ?? -1;
  // a demonstrative noun kept only to point back is dropped when it found nothing to point to
  const anaphoric = resolveEventAnaphora([...out.values()], sentences).filter((a) => !String(a.provenance.rule).endsWith('+anaphor') || a.attrs.anaphorOf);
  // "… a congress in 1921. Organized by X and Y, it …": the participle clause names who made the event "it" is
  const agented = resolveParticipleAgents(anaphoric, sentences, source.text);
  // "This happened during the A crisis (1956) and the B war (1967)": the event before, told again in each frame
  // "Lee made a report on 3 May. … Lee's report is lost": the event told again takes the told event's date, not the narrative's
  const redated = shareAnaphorDate(agented, sentences);
  const resolved = restateEvents(redated, sentences, source.id, { stage: NAME, version: VERSION, rule: 'restated', confidence: 0.4 });
  return { annotations: closeOnceOnly(shareOfficeDate(resolved, source.text, paragraphOf)) };
}

/** The `events` stage: dated, classified events with participants (docs/layers.md, layer `event`). */
export const eventsStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['sentence', 'token', 'mention', 'timex', 'claim'],
  assigns: ['event'],
  run: findEvents,
};

export default eventsStage;
