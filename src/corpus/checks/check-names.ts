import type { DayInterval } from '../../core/time.ts';
import { describeInterval, edtfToInterval } from '../edtf-interval.ts';
import { periodInterval } from '../kb-index.ts';
import { dateNear, sentenceIndexAt, type SourceView } from '../source-view.ts';
import type { Conflict } from '../types.ts';
import { escapeRegex, phraseRegex } from '../vocabulary.ts';
import { makeConflict, overlap, sentenceEvidence, type CheckContext } from './common.ts';

/** A time-bound name of an entity. */
interface BoundName {
  name: string;
  period: DayInterval;
  from?: string;
  to?: string;
  source?: string;
}

/** Time-bound names of an entity from KB `names` and aliases with `from`/`to`. */
function boundNames(ctx: CheckContext, entity: string): BoundName[] {
  const out: BoundName[] = [];
  for (const n of ctx.index.namesByEntity.get(entity) ?? []) {
    if (n.from || n.to) out.push({ name: n.name, period: periodInterval(n.from, n.to), from: n.from, to: n.to, source: n.source });
  }
  for (const a of ctx.index.kb.byId.get(entity)?.aliases ?? []) {
    if (a.from || a.to) out.push({ name: a.text, period: periodInterval(a.from, a.to), from: a.from, to: a.to });
  }
  return out;
}

/**
 * Folds a name for comparison: lower case, no leading "the", no possessive, typographic apostrophes
 * folded, no space before a bracket ("CPSU (b)" = "CPSU(b)").
 */
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/\s+(?=\()/g, '')
    .replace(/[’']s$/, '')
    .replace(/^the\s+/, '')
    .replace(/[’]/g, "'")
    .trim();
}

/** True when a longer mention holds the name as whole words ("the Special Meeting of the NKVD" holds "NKVD"). */
function containsName(surface: string, name: string): boolean {
  if (surface.length <= name.length || (name.length < 4 && !/^\p{Lu}+$/u.test(name))) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(name)}(?![\\p{L}\\p{N}])`, 'u').test(surface);
}

/** Initials of a multi-word name, function words left out ("Federal People's Republic of Yugoslavia" → "FPRY"). */
export function initials(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 2 ? words.map((w) => w[0]).join('') : '';
}

/**
 * The date an event in the sentence inherits from the narrative, when the sentence states none
 * ("In September 1960 … . Moscow delayed, which soon resulted in a coup in …"): only a narrow one
 * (a year or less), since a wide inherited span says little.
 */
function narrativeDate(view: SourceView, pos: number): { interval: DayInterval; text: string } | undefined {
  const i = sentenceIndexAt(view.sentences, pos);
  const ev = view.events.find((e) => e.sentence === i && e.inherited === true && e.interval && e.positive && e.interval.latest - e.interval.earliest <= 366);
  return ev?.interval ? { interval: ev.interval, text: `${ev.edtf ?? describeInterval(ev.interval)}, from the narrative` } : undefined;
}

/**
 * A date as the text gives it: an approximate one ("the mid-1970s", "a few months after …") is
 * checked over a widened interval, but shown as "about" its own dates, not the widened ones.
 */
export function describeDate(date: { interval: DayInterval; edtf?: string; approximate?: boolean }): string {
  if (date.approximate && date.edtf) {
    const own = edtfToInterval(date.edtf.replace(/[~?%]/g, ''));
    if (own) return `about ${describeInterval(own)}`;
  }
  return describeInterval(date.interval);
}

/**
 * Names out of time: a body, place or country called by a name the KB says was not in use at the
 * date of the sentence (a city by its later or former name). Sentences that mark the name as
 * retrospective ("now", "then called", "renamed", "the Battle of …") are left out.
 */
export function checkNamesOutOfTime(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  const retro = phraseRegex(ctx.vocab.retrospectiveCues, 'iu');
  for (const view of ctx.views) {
    for (const m of view.mentions) {
      if (!m.entity) continue;
      const names = boundNames(ctx, m.entity);
      if (names.length === 0) continue;
      // "the city committee of the ULP (r)": a bracketed qualifier right after the mention is part of the name used
      const qualifier = /^\s?\([\p{L}.]{1,4}\)/u.exec(view.text.slice(m.end, m.end + 10));
      const text = qualifier ? m.text + qualifier[0] : m.text;
      const surface = fold(text);
      const used = names.filter((n) => fold(n.name) === surface || (/^\p{Lu}{3,}$/u.test(m.text) && initials(n.name) === m.text) || containsName(text, n.name));
      if (used.length === 0) continue;
      const date = dateNear(view, m.start, m.end) ?? narrativeDate(view, m.start);
      if (!date) continue;
      if (used.some((n) => overlap(n.period, date.interval))) continue;
      const window = view.text.slice(Math.max(0, m.start - 40), Math.min(view.text.length, m.end + 40));
      if (retro.test(window)) continue;
      const inUse = names.filter((n) => overlap(n.period, date.interval));
      const later = used.some((n) => n.period.earliest > date.interval.latest);
      out.push(
        makeConflict(
          'name-out-of-time',
          later ? 'low' : 'medium',
          `"${m.text}" is used for ${describeDate(date)} ("${date.text}"), but that name was in use ${[...new Set(used.map((n) => `${n.from ?? '…'}–${n.to ?? 'present'}`))].join(', ')}${inUse.length ? `; at that date it was called ${[...new Set(inUse.map((n) => n.name))].join(' / ')}` : ''}.`,
          [sentenceEvidence(view, m.start, m.end)],
          [...used, ...inUse].map((n) => ({ type: 'name', ref: m.entity, text: `${n.name}: ${n.from ?? '…'}–${n.to ?? 'present'}`, source: n.source })),
          { entity: m.entity },
        ),
      );
    }
  }
  return out;
}
