import type { Annotation, Json, Section, Span } from '../../core/types.ts';
import { hashContent } from '../../core/hash.ts';
import { tokenizeWords, type WordToken } from '../../models/tokenize.ts';
import { wordPolarity, type CompiledLexicon } from './lexicon.ts';

/** Stage name and version stamped on stance annotations. */
export const STANCE_STAGE = { name: 'stance', version: '1' } as const;

/** One piece of evidence for a stance: a span, what it is, its signed weight. */
export interface StanceEvidence extends Span {
  label: string;
  weight: number;
}

/** Inputs of `findStances`: the text, its sections and the layers it reads. */
export interface StanceInput {
  sourceId: string;
  text: string;
  sections: readonly Section[];
  sentences: readonly Annotation[];
  mentions: readonly Annotation[];
  rhetoric: readonly Annotation[];
}

interface Acc {
  section: Section | null;
  target: string;
  name: string;
  mentions: number;
  evidence: StanceEvidence[];
  techniques: Map<string, number>;
}

const NEAR = 6;
const CARRIED = 0.7;
const OBJECT_PRONOUN = new Set(['his', 'her', 'their', 'him', 'them']);
const PRONOUN = /\b(?:he|him|his|she|her|hers|they|them|their)\b/i;

/**
 * Stance of each section toward each entity it mentions. Evaluative words (praise and
 * condemnation lexicon, negation flips them) and rhetoric spans (name calling, loaded language, …)
 * in a sentence count toward the entity mentioned nearest to them, weighted by distance.
 * Score = (praise − condemnation) / (1 + praise + condemnation); polarity by ±0.15.
 * Reads the inputs; returns `stance` annotations spanning their section.
 */
export function findStances(input: StanceInput, lex: CompiledLexicon): Annotation[] {
  const acc = new Map<string, Acc>();
  const sectionById = new Map(input.sections.map((s) => [s.id, s]));
  const linked = input.mentions.filter((m) => typeof m.attrs.entity === 'string' && m.attrs.entity);
  let last: { section: Section | null; mention: Annotation } | null = null;
  for (const sent of input.sentences) {
    const section = sectionOf(sent, input.sections, sectionById);
    if (section?.kind === 'chrome') continue;
    let ms = linked.filter((m) => m.start >= sent.start && m.end <= sent.end);
    // "His critics called him a butcher.": a sentence without a name but with a third-person
    // pronoun speaks of the entity named last in the same section (at reduced weight).
    let factor = 1;
    const previous = last && last.section === section ? last.mention : null;
    if (!ms.length) {
      if (!last || last.section !== section || !PRONOUN.test(input.text.slice(sent.start, sent.end))) continue;
      ms = [last.mention];
      factor = CARRIED;
    } else last = { section, mention: ms[ms.length - 1]! };
    const get = (m: Annotation): Acc => {
      const target = m.attrs.entity as string;
      const key = `${section?.id ?? ''}\u0000${target}`;
      let a = acc.get(key);
      if (!a) acc.set(key, (a = { section, target, name: String(m.attrs.name ?? input.text.slice(m.start, m.end)), mentions: 0, evidence: [], techniques: new Map() }));
      return a;
    };
    if (factor === 1) for (const m of ms) get(m).mentions++;
    const tokens = tokenizeWords(input.text, sent.start, sent.end);
    const tokenAt = (offset: number) => {
      const i = tokens.findIndex((t) => t.end > offset);
      return i < 0 ? tokens.length - 1 : i;
    };
    const mentionTok = ms.map((m) => [tokenAt(m.start), tokenAt(m.end - 1)] as const);
    const nearest = (from: number, to: number): { m: Annotation; d: number } => {
      if (factor !== 1) return { m: ms[0]!, d: 0 };
      let best = { m: ms[0]!, d: Infinity };
      ms.forEach((m, k) => {
        const [a, b] = mentionTok[k]!;
        const d = b < from ? from - b : a > to ? a - to : 0;
        if (d < best.d) best = { m, d };
      });
      return best;
    };
    const inMention = (t: WordToken) => factor === 1 && ms.some((m) => t.start >= m.start && t.end <= m.end && m.attrs.form !== 'epithet');
    const rhet = input.rhetoric.filter((r) => r.start < sent.end && r.end > sent.start);
    const hits = evaluativeWords(tokens, lex).filter((h) => !inMention(tokens[h.i]!));
    for (const h of hits) {
      let { m, d } = nearest(h.i, h.j - 1);
      // "Historians praise her courage": the verb's evaluation falls on what follows it, a name
      // after it or else the entity named before this sentence; never on its subject.
      if (factor === 1 && lex.objectVerbs.some((v) => tokens[h.i]!.norm.startsWith(v))) {
        const after = ms.find((x) => x.start >= tokens[h.j - 1]!.end);
        if (after) [m, d] = [after, 0];
        else if (previous && !ms.some((x) => x.attrs.entity === previous.attrs.entity)) [m, d] = [previous, 0];
        else continue;
      } else if (factor === 1 && previous && h.i > 0 && OBJECT_PRONOUN.has(tokens[h.i - 1]!.norm) && !ms.some((x) => x.attrs.entity === previous.attrs.entity)) {
        // "… praised her courage": a word owned by a pronoun belongs to the entity named before.
        [m, d] = [previous, 0];
      }
      const inCharged = rhet.some((r) => lex.charged.has(r.label) && r.start <= tokens[h.i]!.start && r.end >= tokens[h.j - 1]!.end);
      const w = (factor * h.weight * (inCharged ? 1.5 : 1)) / (1 + d / NEAR);
      get(m).evidence.push({ start: tokens[h.i]!.start, end: tokens[h.j - 1]!.end, label: h.weight > 0 ? (h.negated ? 'negated-condemnation' : 'praise') : h.negated ? 'negated-praise' : 'condemnation', weight: round(w) });
    }
    for (const r of rhet) {
      const from = tokenAt(Math.max(r.start, sent.start));
      const to = tokenAt(Math.min(r.end, sent.end) - 1);
      const { m, d } = nearest(from, to);
      const a = get(m);
      a.techniques.set(r.label, (a.techniques.get(r.label) ?? 0) + 1);
      const inside = hits.filter((h) => h.i >= from && h.j - 1 <= to).reduce((s, h) => s + h.weight, 0);
      if (lex.negativeTechniques.has(r.label) && inside <= 0) {
        // weighed by how sure the rhetoric model is of the technique (1 when it does not say)
        const sure = typeof r.attrs.techniqueConfidence === 'number' ? Math.min(1, Math.max(0, r.attrs.techniqueConfidence)) : 1;
        a.evidence.push({ start: r.start, end: r.end, label: r.label, weight: round((-factor * sure) / (1 + d / NEAR)) });
      } else {
        a.evidence.push({ start: r.start, end: r.end, label: r.label, weight: 0 });
      }
    }
  }
  return [...acc.values()].map((a) => toAnnotation(input, a));
}

function toAnnotation(input: StanceInput, a: Acc): Annotation {
  let pos = 0;
  let neg = 0;
  for (const e of a.evidence) {
    if (e.weight > 0) pos += e.weight;
    else neg -= e.weight;
  }
  const score = round((pos - neg) / (1 + pos + neg));
  const label = score >= 0.15 ? 'positive' : score <= -0.15 ? 'negative' : 'neutral';
  const span = a.section ? { start: a.section.start, end: a.section.end } : { start: 0, end: input.text.length };
  const confidence = round(Math.min(1, (pos + neg) / 3));
  const attrs: Record<string, Json | undefined> = {
    target: a.target,
    name: a.name,
    section: a.section?.id,
    sectionKind: a.section?.kind,
    author: a.section?.kind === 'comment' ? a.section.author : undefined,
    score,
    mentions: a.mentions,
    evidence: a.evidence.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || x.start - y.start).map((e) => ({ ...e })),
    techniques: Object.fromEntries([...a.techniques].sort()),
  };
  return {
    id: `stance:${hashContent(`${input.sourceId}|stance|${a.section?.id ?? ''}|${a.target}`, 12)}`,
    layer: 'stance',
    start: span.start,
    end: span.end,
    label,
    attrs,
    provenance: { stage: STANCE_STAGE.name, version: STANCE_STAGE.version, rule: 'lexicon+rhetoric', confidence },
  };
}

/** The innermost section holding a sentence: its `section` attr, else the smallest containing one. */
function sectionOf(sent: Annotation, sections: readonly Section[], byId: Map<string, Section>): Section | null {
  const named = typeof sent.attrs.section === 'string' ? byId.get(sent.attrs.section) : undefined;
  if (named) return named;
  let best: Section | null = null;
  for (const s of sections) {
    if (s.start <= sent.start && sent.end <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

interface Hit {
  i: number;
  j: number;
  weight: number;
  negated: boolean;
}

/** Evaluative words and phrases among tokens, with negation (a negator up to 3 tokens before). */
function evaluativeWords(tokens: readonly WordToken[], lex: CompiledLexicon): Hit[] {
  const out: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let weight = 0;
    let j = i + 1;
    for (const [words, v] of lex.phrases) {
      if (words.every((w, k) => tokens[i + k]?.norm === w)) {
        weight = v;
        j = i + words.length;
        break;
      }
    }
    if (!weight) weight = wordPolarity(lex, tokens[i]!.norm);
    if (!weight) continue;
    let negated = false;
    for (let k = Math.max(0, i - 3); k < i; k++) if (lex.negators.has(tokens[k]!.norm) || tokens[k]!.norm.endsWith("n't")) negated = true;
    out.push({ i, j, weight: negated ? -weight / 2 : weight, negated });
    i = j - 1;
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
