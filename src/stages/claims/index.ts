import { makeAnnotation } from '../../core/annotation.ts';
import { lastStartingAtOrBefore } from '../../core/spans.ts';
import type { Annotation, Json, Section } from '../../core/types.ts';
import { scoreCheckWorthiness } from '../../models/checkworthy.ts';
import type { Stage, StageInput, StageOutput } from '../../pipeline/stage.ts';
import { readSentences, type SentenceView } from '../events/read-layers.ts';
import { loadCues, type Cues } from './cues.ts';
import { checkReasons, isAssertive } from './find-assertions.ts';
import { attributeQuotes, findReported, findRunOnReported, type ClaimDraft } from './find-attributed.ts';
import { findQuotes } from './find-quotes.ts';
import { findCitedClaims } from './find-cited.ts';
import { identifyAuthor } from './identify-author.ts';
import { narratorOf, personBefore, relaySpeaker, type SpeakerContext } from './resolve-speaker.ts';

const NAME = 'claims';
const VERSION = '1.4.0';

let cues: Cues | undefined;

/** Sections whose text is nobody's claim (site chrome, credits, references, headings, captions). */
const SKIP_SECTIONS = new Set(['chrome', 'credit', 'reference', 'heading', 'title', 'caption']);
/** Below this model score, an author sentence needs a named date, number, office or cause. */
const MODEL_THRESHOLD = 0.5;

/** Share of a sentence's characters covered by some spans. */
function coveredShare(s: { start: number; end: number }, spans: ReadonlyArray<{ start: number; end: number }>): number {
  let covered = 0;
  for (const x of spans) covered += Math.max(0, Math.min(s.end, x.end) - Math.max(s.start, x.start));
  return covered / Math.max(1, s.end - s.start);
}

/**
 * The first sentence containing a position, by binary search: sentence views are sorted by start
 * and do not overlap (the sentence layer is exclusive).
 */
function sentenceAt(sentences: readonly SentenceView[], pos: number): SentenceView | undefined {
  const s = sentences[lastStartingAtOrBefore(sentences, pos)];
  return s && pos < s.end ? s : undefined;
}

/**
 * Resolves "the expert noted"-style speakers in document order: each takes the last person
 * speaker of an earlier claim that does not contain it, else the last person mentioned before.
 */
function resolvePending(drafts: ClaimDraft[], ctx: (pos: number) => SpeakerContext): ClaimDraft[] {
  const sorted = [...drafts].sort((a, b) => a.start - b.start || b.end - a.end);
  const resolved: ClaimDraft[] = [];
  for (const d of sorted) {
    if (d.ref.pending) {
      const prior = [...resolved].reverse().find((p) => p.ref.person && p.end <= d.content.start + 1 && !(p.start <= d.start && d.end <= p.end));
      const ref = prior ? { ...prior.ref } : personBefore(ctx(d.start), d.content.start);
      if (!ref?.speaker) continue;
      d.ref = ref;
    }
    resolved.push(d);
  }
  return resolved;
}

/**
 * Renames the speaker of a claim made inside someone else's quotation to a relayed voice:
 * "According to X, P" inside Y's quote is X per Y. Only top-level quotes relay.
 */
function relayNested(drafts: ClaimDraft[]): void {
  const quotes = drafts.filter((q) => q.kind === 'quote' && q.ref.speaker);
  for (const d of drafts) {
    if (d.kind === 'author-assertion' || !d.ref.speaker || d.ref.via) continue;
    const outer = quotes.find((q) => q !== d && q.ref.speaker !== d.ref.speaker && !q.ref.via && q.content.start <= d.start && d.start < q.content.end && d.end - d.start < q.content.end - q.content.start);
    if (outer) d.ref = relaySpeaker(d.ref, outer.ref);
  }
}

/**
 * Reads claims: attributed quotations (across paragraphs, attribution before or after), reported
 * speech ("according to", "X noted that", "as experts note", "he said"), and check-worthy author
 * assertions. Speakers are entity ids from the mention layer, the author voice (`author:<slug>`,
 * see `identifyAuthor`), unnamed groups ("historians (unnamed)"), relayed voices (`via:…`, "X (per
 * Y)"), cited references (`ref:<host>`), or `commenter:<user>` inside comment sections; each claim
 * carries `speakerType` and a check-worthiness score.
 */
export function findClaims(input: StageInput): StageOutput {
  cues ??= loadCues();
  const { source } = input;
  const text = source.text;
  const sentences = readSentences(input).filter((s) => !(s.section && SKIP_SECTIONS.has(s.section.kind)));
  const mentions = [...input.layer('mention')].sort((a, b) => a.start - b.start);
  const sectionOf = (pos: number): Section | undefined => sentenceAt(sentences, pos)?.section ?? source.sections.find((x) => x.start <= pos && pos < x.end);
  // the model score of a text, computed once (an assertion's sentence is scored twice)
  const scores = new Map<string, number>();
  const checkWorthiness = (s: string): number => {
    let v = scores.get(s);
    if (v === undefined) scores.set(s, (v = scoreCheckWorthiness(s)));
    return v;
  };
  const author = identifyAuthor(source, mentions, cues);
  const ctx = (pos: number): SpeakerContext => ({ source, mentions, cues: cues!, section: sectionOf(pos), author });

  const quotes = findQuotes(text);
  const drafts: ClaimDraft[] = attributeQuotes(quotes, sentences, ctx);
  sentences.forEach((s, i) => {
    const d = findReported(s, ctx(s.start)) ?? findRunOnReported(s, sentences.slice(i + 1), ctx(s.start));
    if (!d) return;
    // the same words already attributed as a quote: keep the quote
    if (drafts.some((q) => q.rule === 'quote:attribution-before' && q.sentence === s)) return;
    drafts.push(d);
  });
  const attributed = resolvePending(drafts, ctx);
  relayNested(attributed);
  attributed.push(...findCitedClaims(source, sentences));
  // author assertions: check-worthy sentences not covered by someone else's words
  const otherWords = attributed.map((d) => d.content);
  const quoteSpans = quotes.filter((q) => q.depth === 0 && q.contentEnd - q.contentStart > 40).map((q) => ({ start: q.open, end: q.close + 1 }));
  const assertions: ClaimDraft[] = [];
  for (const s of sentences) {
    if (!isAssertive(s, text)) continue;
    if (coveredShare(s, otherWords) > 0.5 || coveredShare(s, quoteSpans) > 0.5) continue;
    const reasons = checkReasons(s, cues);
    const score = checkWorthiness(text.slice(s.start, s.end));
    if (reasons.length === 0 && score < MODEL_THRESHOLD) continue;
    assertions.push({ kind: 'author-assertion', start: s.start, end: s.end, content: { start: s.start, end: s.end }, ref: narratorOf(ctx(s.start)), rule: `assertion:${reasons.join('+') || 'model'}`, sentence: s });
  }
  const out = new Map<string, Annotation>();
  for (const d of [...attributed, ...assertions]) {
    const content = text.slice(d.content.start, d.content.end);
    const attrs: Record<string, Json | undefined> = {
      speaker: d.ref.speaker,
      speakerName: d.ref.speakerName ?? d.ref.speaker,
      content: d.content,
      checkworthiness: Math.round(checkWorthiness(content) * 1000) / 1000,
      sentence: d.sentence.index,
    };
    if (d.cue) attrs.cue = { ...d.cue, text: text.slice(d.cue.start, d.cue.end) };
    if (d.ref.mention) attrs.speakerMention = d.ref.mention;
    if (d.ref.type) attrs.speakerType = d.ref.type;
    if (d.ref.basis) attrs.speakerBasis = { ...d.ref.basis };
    if (d.ref.via) attrs.via = { ...d.ref.via };
    if (d.ref.origin) attrs.origin = { ...d.ref.origin };
    if (d.kind === 'author-assertion') attrs.checkReasons = d.rule.slice('assertion:'.length).split('+');
    const section = sectionOf(d.start);
    if (section) attrs.section = section.id;
    const a = makeAnnotation(source.id, 'claim', d.start, d.end, d.kind, { stage: NAME, version: VERSION, rule: d.rule }, attrs);
    if (!out.has(a.id)) out.set(a.id, a);
  }
  return { annotations: [...out.values()].sort((a, b) => a.start - b.start) };
}

/** The `claims` stage: quotes, reported speech and author assertions with speakers (layer `claim`). */
export const claimsStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['sentence', 'token', 'mention', 'timex'],
  assigns: ['claim'],
  run: findClaims,
};

export default claimsStage;
