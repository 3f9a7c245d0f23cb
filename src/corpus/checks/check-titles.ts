import type { DayInterval } from '../../core/time.ts';
import type { KbRole } from '../../kb/types.ts';
import { describeInterval } from '../edtf-interval.ts';
import { periodInterval, type KbIndex } from '../kb-index.ts';
import { dateNear, sentenceSpan, type SourceView, type ViewMention } from '../source-view.ts';
import type { Conflict } from '../types.ts';
import { escapeRegex, phraseRegex, type CheckVocabulary } from '../vocabulary.ts';
import { makeConflict, overlap, sentenceEvidence, type CheckContext } from './common.ts';

/** A person mention preceded (or followed, in apposition) by an office title, with the date of its sentence. */
export interface TitledMention {
  view: SourceView;
  mention: ViewMention;
  entity: string;
  /** The title as written ("US President", "General Secretary"). */
  titleText: string;
  /** Canonical title (first of its equivalence class, lower case). */
  title: string;
  /** The "of …" or qualifier words around the title ("of the Central Committee", "US"). */
  qualifier: string;
  start: number;
  end: number;
  interval: DayInterval;
  dateText: string;
}

/** Lower-cased canonical form of a title, through the vocabulary's equivalence classes. */
export function canonicalTitle(title: string, vocab: CheckVocabulary): string {
  const t = title.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const cls of vocab.titleEquivalents) if (cls.some((x) => x.toLowerCase() === t)) return cls[0]!.toLowerCase();
  return t;
}

/** The head title of an office ("First Secretary of the CPSU" → "first secretary"). */
export function officeTitle(office: string, vocab: CheckVocabulary): string {
  const whole = canonicalTitle(office, vocab);
  for (const cls of vocab.titleEquivalents) if (cls.some((x) => x.toLowerCase() === office.toLowerCase())) return whole;
  return canonicalTitle(office.split(/\s+of\s+|\s+to\s+|,|\(/)[0]!, vocab);
}

const titleRegexCache = new WeakMap<KbIndex, RegExp | null>();

/** Regex matching a title before a name, with optional modifier, qualifier and "of …" clause. */
function titleRegex(index: KbIndex, vocab: CheckVocabulary): RegExp | null {
  if (titleRegexCache.has(index)) return titleRegexCache.get(index)!;
  const heads = new Set<string>();
  for (const r of index.kb.roles) {
    const head = r.office.split(/\s+of\s+|\s+to\s+|,|\(/)[0]!.trim();
    if (head.length >= 4) heads.add(head);
    const canon = officeTitle(r.office, vocab);
    for (const cls of vocab.titleEquivalents) if (cls[0]!.toLowerCase() === canon) cls.forEach((x) => heads.add(x));
  }
  if (heads.size === 0) {
    titleRegexCache.set(index, null);
    return null;
  }
  const alts = [...heads].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
  const mods = vocab.titleModifiers.map(escapeRegex).join('|');
  const re = new RegExp(
    `(?:(?<![\\p{L}])(?<mod>${mods})[\\s-]+)?(?:(?:the|a|an)\\s+)?(?<qual>(?:[\\p{Lu}][\\p{L}.]*\\s+){0,2})(?<title>${alts})(?<of>\\s+of\\s+(?:the\\s+)?[^,;:.()]{1,60}?)?\\s*,?\\s*$`,
    'iu',
  );
  titleRegexCache.set(index, re);
  return re;
}

/**
 * Person mentions called by an office title in a dated sentence: "President X", "US President X",
 * "First Secretary of the Central Committee X". Titles with a time modifier ("future", "former",
 * "then-") are left out: they place the office in time themselves.
 */
export function findTitledMentions(ctx: CheckContext): TitledMention[] {
  const re = titleRegex(ctx.index, ctx.vocab);
  if (!re) return [];
  const out: TitledMention[] = [];
  for (const view of ctx.views) {
    for (const m of view.mentions) {
      if (!m.entity || !ctx.index.rolesByPerson.has(m.entity)) continue;
      const s = sentenceSpan(view, m.start);
      const before = view.text.slice(Math.max(s.start, m.start - 120), m.start);
      const hit = re.exec(before);
      if (!hit?.groups || hit.groups.mod) continue;
      // "the future President", "then-President": a time modifier just before the title.
      const titleAt = hit.index + hit[0].search(new RegExp(escapeRegex(hit.groups.title!), 'i'));
      const pre = before.slice(Math.max(0, hit.index - 20), titleAt);
      if (phraseRegex(ctx.vocab.titleModifiers, 'iu').test(pre)) continue;
      const date = dateNear(view, m.start, m.end);
      if (!date) continue;
      // the regex is case-insensitive, so its qualifier may hold lower-case words ("insults with President"): keep the capitalized tail
      const qual = capitalizedTail(hit.groups.qual ?? '');
      const titleText = `${qual}${hit.groups.title}`.trim();
      out.push({
        view,
        mention: m,
        entity: m.entity,
        titleText,
        title: canonicalTitle(hit.groups.title!, ctx.vocab),
        qualifier: `${qual} ${hit.groups.of ?? ''}`.trim(),
        start: Math.max(s.start, m.start - 120) + titleAt - qual.length,
        end: m.end,
        interval: date.interval,
        dateText: date.text,
      });
    }
  }
  return out;
}

/** The words at the end of a qualifier that start with a capital ("trading insults with US " → "US "), with their spacing. */
export function capitalizedTail(qual: string): string {
  const words = qual.match(/\S+\s+/gu) ?? [];
  let k = words.length;
  while (k > 0 && /^\p{Lu}/u.test(words[k - 1]!)) k--;
  return words.slice(k).join('');
}

/** Roles whose head title is the given canonical title. */
function rolesWithTitle(roles: readonly KbRole[], title: string, vocab: CheckVocabulary): KbRole[] {
  return roles.filter((r) => officeTitle(r.office, vocab) === title || canonicalTitle(r.office, vocab) === title);
}

/**
 * A person's roles matching a written title, and its qualifier when the qualifier names an
 * organization ("US President" is not "President of Yugoslavia").
 */
function qualifiedRoles(own: readonly KbRole[], t: TitledMention, ctx: CheckContext): KbRole[] {
  const titled = rolesWithTitle(own, t.title, ctx.vocab);
  if (!t.qualifier.trim()) return titled;
  const all = rolesWithTitle(ctx.index.kb.roles, t.title, ctx.vocab);
  const named = narrowByQualifier(all, t.qualifier, ctx.index);
  if (named.length === all.length) return titled;
  const keys = new Set(named.map((r) => r.officeKey));
  return titled.filter((r) => keys.has(r.officeKey));
}

/** Describes a role with its period. */
function roleFact(r: KbRole, index: KbIndex) {
  return { type: 'role', text: `${index.nameOf(r.person)}: ${r.office}, ${r.from}–${r.to ?? 'present'}`, ref: r.officeKey, source: r.source };
}

/**
 * Office anachronism: a person called by an office title at a date outside every term in which
 * the KB has them holding an office of that title (before the inauguration, after leaving, or
 * while the office bore another title).
 */
export function checkOfficeAnachronism(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  for (const t of findTitledMentions(ctx)) {
    const roles = qualifiedRoles(ctx.index.rolesByPerson.get(t.entity) ?? [], t, ctx);
    if (roles.length === 0) {
      const renamed = titleOfTheTime(t, ctx);
      if (renamed) out.push(renamed);
      continue;
    }
    if (roles.some((r) => overlap(periodInterval(r.from, r.to), t.interval))) continue;
    const first = roles.map((r) => periodInterval(r.from, r.to)).sort((a, b) => a.earliest - b.earliest)[0]!;
    const when = t.interval.latest < first.earliest ? 'before taking that office' : 'outside the term of that office';
    // Who did hold an office of that title then (the title may have been different, or someone else held it).
    const sameKey = new Set(roles.map((r) => r.officeKey));
    const holdersThen = ctx.index.kb.roles.filter((r) => sameKey.has(r.officeKey) && overlap(periodInterval(r.from, r.to), t.interval));
    const selfThen = (ctx.index.rolesByPerson.get(t.entity) ?? []).filter((r) => overlap(periodInterval(r.from, r.to), t.interval));
    let extra = '';
    if (selfThen.length) extra = ` At that date the KB has ${ctx.index.nameOf(t.entity)} as ${selfThen.map((r) => r.office).join('; ')}.`;
    else if (holdersThen.length) extra = ` At that date the office was held by ${holdersThen.map((r) => ctx.index.nameOf(r.person)).join(', ')}.`;
    out.push(
      makeConflict(
        'office-anachronism',
        'medium',
        `${ctx.index.nameOf(t.entity)} is called "${t.titleText}" for ${describeInterval(t.interval)} ("${t.dateText}"), ${when}: the KB gives ${roles
          .map((r) => `${r.office} ${r.from}–${r.to ?? 'present'}`)
          .join('; ')}.${extra}`,
        [sentenceEvidence(t.view, t.start, t.end)],
        [...roles, ...selfThen.filter((r) => !roles.includes(r)), ...holdersThen.filter((r) => !roles.includes(r))].map((r) => roleFact(r, ctx.index)),
        { entity: t.entity },
      ),
    );
  }
  return out;
}

/** The body an office belongs to, from its "of …" part ("of the CPSU Central Committee" → "cpsu central committee"). */
function bodyOf(office: string): string {
  const m = /\bof\s+(?:the\s+)?(.+)$/i.exec(office);
  return m ? m[1]!.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : '';
}

/**
 * Year periods joined where one starts by the year another ends, sorted and written "1922–1952",
 * "1966–present": the holders of one title one after another read as the title's one period.
 */
export function joinPeriods(periods: ReadonlyArray<{ from: number; to: number | null }>): string[] {
  const sorted = [...periods].filter((p) => Number.isFinite(p.from)).sort((a, b) => a.from - b.from);
  const out: Array<{ from: number; to: number | null }> = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && (last.to === null || p.from <= last.to)) {
      if (last.to !== null) last.to = p.to === null ? null : Math.max(last.to, p.to);
    } else out.push({ ...p });
  }
  return out.map((p) => `${p.from}–${p.to ?? 'present'}`);
}

/**
 * A person called by the title their office bore at another time: at the date they held an office
 * of one body ("First Secretary of the CPSU Central Committee") while the written title belongs to
 * the same body's office in other years ("General Secretary of the CPSU Central Committee").
 */
function titleOfTheTime(t: TitledMention, ctx: CheckContext): Conflict | undefined {
  const held = (ctx.index.rolesByPerson.get(t.entity) ?? []).filter((r) => overlap(periodInterval(r.from, r.to), t.interval) && bodyOf(r.office));
  for (const r of held) {
    const other = rolesWithTitle(ctx.index.kb.roles, t.title, ctx.vocab).filter((x) => bodyOf(x.office) === bodyOf(r.office));
    if (other.length === 0 || other.some((x) => overlap(periodInterval(x.from, x.to), t.interval))) continue;
    const periods = joinPeriods(other.map((x) => ({ from: Number(x.from.slice(0, 4)), to: x.to ? Number(x.to.slice(0, 4)) : null })));
    return makeConflict(
      'office-anachronism',
      'medium',
      `${ctx.index.nameOf(t.entity)} is called "${t.titleText}" for ${describeInterval(t.interval)} ("${t.dateText}"), but the office ${ctx.index.nameOf(t.entity)} then held was titled ${r.office} (${r.from}–${r.to ?? 'present'}); the title "${t.titleText}" was in use ${periods.join(', ')}.`,
      [sentenceEvidence(t.view, t.start, t.end)],
      [r, ...other].map((x) => roleFact(x, ctx.index)),
      { entity: t.entity },
    );
  }
  return undefined;
}

/**
 * Role confusion: a person called by an office title they never held (per the KB, which knows
 * some of their roles) while the KB has someone else holding that office at that date. Fires only
 * when the title and its qualifier ("US", "of the CPSU") single out one office.
 */
export function checkRoleConfusionByTitle(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  for (const t of findTitledMentions(ctx)) {
    const own = ctx.index.rolesByPerson.get(t.entity) ?? [];
    if (own.length === 0 || qualifiedRoles(own, t, ctx).length > 0) continue;
    let candidates = rolesWithTitle(ctx.index.kb.roles, t.title, ctx.vocab).filter((r) => overlap(periodInterval(r.from, r.to), t.interval));
    candidates = narrowByQualifier(candidates, t.qualifier, ctx.index);
    const keys = new Set(candidates.map((r) => r.officeKey));
    if (keys.size !== 1) continue;
    const holders = candidates.filter((r) => r.person !== t.entity);
    if (holders.length === 0) continue;
    out.push(
      makeConflict(
        'role-confusion',
        'high',
        `${ctx.index.nameOf(t.entity)} is called "${t.titleText}" for ${describeInterval(t.interval)} ("${t.dateText}"), but the KB has ${holders
          .map((r) => `${ctx.index.nameOf(r.person)} as ${r.office} (${r.from}–${r.to ?? 'present'})`)
          .join('; ')} then, and never ${ctx.index.nameOf(t.entity)}.`,
        [sentenceEvidence(t.view, t.start, t.end)],
        [...holders, ...own].map((r) => roleFact(r, ctx.index)),
        { entity: t.entity },
      ),
    );
  }
  return out;
}

/** Lower-case words that name a role's organization or office ("cpsu", "soviet", "united states"). */
function orgWords(r: KbRole, index: KbIndex): string[] {
  const words = new Set<string>();
  const of = /\bof\s+(?:the\s+)?(.+)$/i.exec(r.office);
  const ids = new Set<string>();
  if (r.org) ids.add(r.org);
  if (of) {
    words.add(of[1]!.toLowerCase());
    // "of the United States" → the KB entity so named, whose aliases ("US", "American") qualify too.
    const named = index.aliasToEntity.get(of[1]!) ?? index.kb.entities.find((e) => e.name.toLowerCase() === of[1]!.toLowerCase())?.id;
    if (named) ids.add(named);
  }
  for (const id of ids) {
    const e = index.kb.byId.get(id);
    if (e) for (const a of [e.name, ...e.aliases.map((x) => x.text)]) if (a.length >= 2) words.add(a.toLowerCase());
  }
  return [...words];
}

/** Narrows roles to those whose organization the qualifier names, when it names any. */
function narrowByQualifier(roles: KbRole[], qualifier: string, index: KbIndex): KbRole[] {
  const q = ` ${qualifier.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  if (!q.trim()) return roles;
  const narrowed = roles.filter((r) => orgWords(r, index).some((w) => q.includes(` ${w.replace(/[^\p{L}\p{N}]+/gu, ' ')} `)));
  return narrowed.length ? narrowed : roles;
}
