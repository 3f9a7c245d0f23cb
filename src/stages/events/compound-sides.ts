import type { Annotation } from '../../core/types.ts';
import type { KnowledgeBase } from '../../kb/types.ts';
import type { Participant } from './find-participants.ts';
import type { SentenceView } from './read-layers.ts';
import { participantWords } from './resolve-pronoun.ts';

const demonymCache = new WeakMap<KnowledgeBase, Map<string, string[]>>();

/** Places (states) by lower-cased demonym ("soviet", "chinese"; a leading "the " dropped), from the KB's `demonym` aliases. */
function demonyms(kb: KnowledgeBase): Map<string, string[]> {
  let map = demonymCache.get(kb);
  if (map) return map;
  map = new Map();
  for (const e of kb.entities) {
    // the sides are states or other places, not peoples ("the Chinese" also names the people)
    if (e.type !== 'place') continue;
    for (const a of e.aliases) {
      if (a.kind !== 'demonym') continue;
      const key = a.text.toLowerCase().replace(/^the\s+/, '');
      const list = map.get(key) ?? [];
      if (!list.includes(e.id)) list.push(e.id);
      map.set(key, list);
    }
  }
  demonymCache.set(kb, map);
  return map;
}

/**
 * The two sides a compound adjective names ("Sino-Soviet", "Soviet-Chinese", "Franco-Spanish"):
 * each part, read through `combiningForms` where it is one, must be the demonym of exactly one KB
 * place, and the two places must differ. Undefined otherwise.
 */
export function compoundSides(word: string, kb: KnowledgeBase, forms: Readonly<Record<string, string>> = participantWords().combiningForms ?? {}): [string, string] | undefined {
  const parts = word.toLowerCase().split(/[-‐–]/);
  if (parts.length !== 2) return undefined;
  const map = demonyms(kb);
  const ids = parts.map((p) => map.get(forms[p] ?? p) ?? []);
  if (ids.some((l) => l.length !== 1) || ids[0]![0] === ids[1]![0]) return undefined;
  return [ids[0]![0]!, ids[1]![0]!];
}

/**
 * Adds the sides of a compound adjective to an event's participants, as `other`: the compound may
 * be a participant's first word ("on the Soviet-Chinese border"), or the first word of a name
 * holding the trigger ("the Sino-Soviet Split"). Sides already among the participants are skipped.
 * Returns a new list.
 */
export function withCompoundSides(ps: readonly Participant[], s: SentenceView, trigger: { start: number; end: number }, text: string, kb: KnowledgeBase | undefined): Participant[] {
  if (!kb) return [...ps];
  const out = [...ps];
  const named = s.mentions.filter((m) => ps.some((p) => p.mention === m.id) || (m.start <= trigger.start && trigger.end <= m.end));
  const seen = new Set<Annotation>();
  for (const m of named) {
    if (seen.has(m)) continue;
    seen.add(m);
    const first = /^[\p{L}]+[-‐–][\p{L}]+/u.exec(text.slice(m.start, m.end))?.[0];
    const sides = first ? compoundSides(first, kb) : undefined;
    for (const id of sides ?? []) {
      if (out.some((p) => p.entity === id)) continue;
      out.push({ role: 'other', entity: id, mention: m.id, text: kb.byId.get(id)?.name ?? id, start: m.start, end: m.end });
    }
  }
  return out;
}
