import type { Annotation, Section, Source } from '../../core/types.ts';
import type { TokenView } from '../events/read-layers.ts';
import type { Cues } from './cues.ts';
import type { AuthorVoice } from './identify-author.ts';

/** A resolved speaker, or a description still to resolve against earlier claims. */
export interface SpeakerRef {
  speaker?: string;
  speakerName?: string;
  /** `nominal` ("the expert"): the last named person speaking before; set when speaker is unknown. */
  pending?: 'nominal';
  /** True when the speaker is a person named by a mention (an antecedent for later nominals). */
  person?: boolean;
  mention?: string;
  /** Entity type of the speaker: `person`, `organization`, `group`, `place`, `author`, `work`, `commenter`. */
  type?: string;
  /** Why the speaker is who it is, when not read from a mention (the author rule and its confidence). */
  basis?: { rule: string; confidence: number; attribution?: string };
  /** A voice relayed by another speaker ("according to eyewitnesses" inside a historian's quote). */
  via?: { speaker: string; speakerName: string };
  /** The relayed voice itself, before the relay renamed the speaker. */
  origin?: { speaker: string; speakerName: string };
}

/** What the resolver may look at around an attribution. */
export interface SpeakerContext {
  source: Source;
  /** All mentions of the document, sorted by start. */
  mentions: readonly Annotation[];
  cues: Cues;
  section?: Section;
  /** The document's author voice (`identifyAuthor`); without it the narrator is plain `author`. */
  author?: AuthorVoice;
}

/** A local entity id for a name with no KB entity. */
export function localId(name: string): string {
  return `local:${name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}`;
}

/** Speaker fields from a mention: its entity (or a local id) and its name. */
export function speakerOfMention(m: Annotation, text: string): SpeakerRef {
  const surface = text.slice(m.start, m.end);
  const name = typeof m.attrs.name === 'string' ? m.attrs.name : surface;
  const entity = typeof m.attrs.entity === 'string' ? m.attrs.entity : localId(name);
  return { speaker: entity, speakerName: name, person: m.label === 'PER', mention: m.id, type: LABEL_TYPE[m.label] ?? 'other' };
}

/** Entity type of a mention label. */
const LABEL_TYPE: Record<string, string> = { PER: 'person', ORG: 'organization', GRP: 'group', LOC: 'place', MISC: 'other' };

/**
 * An unnamed collective speaker: "historians" → `local:historians`, named "historians (unnamed)"
 * so that lists of speakers tell it apart from a named group.
 */
export function groupSpeaker(word: string): SpeakerRef {
  return { speaker: localId(word), speakerName: `${word} (unnamed)`, type: 'group' };
}

/**
 * A voice relayed by another speaker: "according to eyewitnesses" inside Spitsyn's quote is
 * "eyewitnesses (per Yevgeny Spitsyn)", a speaker of its own (`via:<relay id>:<voice id>`) that
 * keeps both ids. A group loses its "(unnamed)" mark: the relay says who reports it.
 */
export function relaySpeaker(voice: SpeakerRef, relay: SpeakerRef): SpeakerRef {
  const name = (voice.speakerName ?? voice.speaker ?? '').replace(/ \(unnamed\)$/, '');
  const relayName = relay.speakerName ?? relay.speaker ?? '';
  return {
    speaker: `via:${relay.speaker}:${voice.speaker}`,
    speakerName: `${name} (per ${relayName})`,
    type: voice.type,
    via: { speaker: relay.speaker!, speakerName: relayName },
    origin: { speaker: voice.speaker!, speakerName: voice.speakerName ?? voice.speaker! },
  };
}

/**
 * The narrator of a position: `commenter:<user>` inside a comment, else the document's author
 * voice (`author:<slug>`, "author (RT)"), or plain `author` when the context has none.
 */
export function narratorOf(ctx: SpeakerContext): SpeakerRef {
  if (ctx.section?.kind === 'comment' && ctx.section.author) {
    return { speaker: `commenter:${ctx.section.author}`, speakerName: ctx.section.displayName ?? ctx.section.author, type: 'commenter' };
  }
  const a = ctx.author;
  if (a) return { speaker: a.id, speakerName: a.name, type: 'author', basis: { rule: a.rule, confidence: a.confidence, ...(a.attribution ? { attribution: a.attribution } : {}) } };
  return { speaker: 'author', speakerName: typeof ctx.source.meta.author === 'string' ? ctx.source.meta.author : 'author', type: 'author' };
}

/** The last person mention ending before `pos` (for "he said"), outside `[skipStart, skipEnd)`. */
function lastPersonBefore(ctx: SpeakerContext, pos: number, skipStart = -1, skipEnd = -1): Annotation | undefined {
  let best: Annotation | undefined;
  for (const m of ctx.mentions) {
    if (m.start >= pos) break;
    if (m.label === 'PER' && m.end <= pos && !(m.start >= skipStart && m.end <= skipEnd)) best = m;
  }
  return best;
}

/**
 * The antecedent of "he"/"she": the last person mention before `pos` that is the first person
 * named in its clause-initial stretch (a subject, roughly), looking back at most 600 characters.
 */
function subjectPersonBefore(ctx: SpeakerContext, pos: number): Annotation | undefined {
  const text = ctx.source.text;
  let best: Annotation | undefined;
  for (const m of ctx.mentions) {
    if (m.start >= pos) break;
    if (m.label !== 'PER' || m.start < pos - 600) continue;
    // first person mention after a sentence start or a comma: "In 1950, Name did …" / "Name did …"
    const before = text.slice(Math.max(0, m.start - 80), m.start);
    const clauseStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf(', '));
    const between = before.slice(clauseStart + 1);
    if (!ctx.mentions.some((o) => o !== m && o.label === 'PER' && o.start >= m.start - between.length && o.end <= m.start) && !/\b(of|to|by|with|for|about|criticizing|against)\s+$/i.test(between)) best = m;
  }
  return best;
}

/**
 * Resolves the speaker named in a token window (the words of an attribution): a person mention,
 * else an organization or group mention, else a collective word ("historians" → `local:historians`),
 * a pronoun (he/she → the last person mentioned before; I/we → the narrator), a description ("the
 * expert" → pending, resolved later against the last named speaker), or a capitalized name matched
 * to an earlier mention by its last word.
 */
export function resolveSpeaker(window: readonly TokenView[], ctx: SpeakerContext): SpeakerRef | undefined {
  if (window.length === 0) return undefined;
  const start = window[0]!.start;
  const end = window[window.length - 1]!.end;
  const text = ctx.source.text;
  // "the historian" linked by description: the claims stage's own rule (the last named speaker) knows better
  const inside = ctx.mentions.filter((m) => m.start >= start && m.end <= end && m.attrs.form !== 'description');
  const per = inside.find((m) => m.label === 'PER');
  if (per) return speakerOfMention(per, text);
  const norms = window.map((t) => t.norm);
  const group = norms.find((w) => ctx.cues.groups.has(w));
  const org = inside.find((m) => m.label === 'ORG' || m.label === 'GRP');
  if (org && !group) return speakerOfMention(org, text);
  if (group) return groupSpeaker(group);
  const pron = norms.find((w) => ctx.cues.pronouns.has(w) || w === 'i' || w === 'we');
  if (pron === 'i' || pron === 'we') return narratorOf(ctx);
  if (pron === 'he' || pron === 'she' || pron === 'him' || pron === 'her') {
    const m = subjectPersonBefore(ctx, start) ?? lastPersonBefore(ctx, start);
    return m ? speakerOfMention(m, text) : undefined;
  }
  // a capitalized surname that is not a mention: an earlier person mention with the same last word
  const isCap = (t: TokenView) => /^\p{Lu}\p{Ll}+/u.test(text.slice(t.start, t.end)) && !ctx.cues.nominals.has(t.norm) && t.norm !== 'the';
  const inOther = (t: TokenView) => ctx.mentions.some((m) => m.label !== 'PER' && m.start <= t.start && t.end <= m.end);
  const caps = window.filter((t) => isCap(t) && !inOther(t));
  for (const c of [...caps].reverse()) {
    const earlier = [...ctx.mentions].reverse().find((m) => m.end <= start && m.label === 'PER' && text.slice(m.start, m.end).toLowerCase().split(/\s+/).pop() === c.norm);
    if (earlier) return speakerOfMention(earlier, text);
  }
  // a run of two or three capitalized words the mention layer missed: a new name
  const runs: TokenView[][] = [];
  window.forEach((t, i) => {
    if (!caps.includes(t)) return;
    const last = runs[runs.length - 1];
    if (last && window[i - 1] === last[last.length - 1]) last.push(t);
    else runs.push([t]);
  });
  const nameRun = [...runs].reverse().find((r) => r.length >= 2 && r.length <= 3);
  if (nameRun) {
    const name = nameRun.map((t) => text.slice(t.start, t.end)).join(' ');
    return { speaker: localId(name), speakerName: name, person: true, type: 'person' };
  }
  if (norms.some((w) => ctx.cues.nominals.has(w))) return { pending: 'nominal' };
  return undefined;
}

/** Resolves pronouns against the last person mention before a position (exported for reuse). */
export function personBefore(ctx: SpeakerContext, pos: number): SpeakerRef | undefined {
  const m = lastPersonBefore(ctx, pos);
  return m ? speakerOfMention(m, ctx.source.text) : undefined;
}
