/**
 * Loads a language's timex vocabularies and patterns from `data/timex/<lang>.json` and compiles
 * each pattern into a RegExp, expanding `{vocab}` / `{vocab:group}` placeholders.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnnalistError } from '../../core/errors.ts';

/** Folder of the timex rule files. */
export const TIMEX_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'timex');

/** Raw shape of a rule file. */
export interface TimexRuleFile {
  lang: string;
  caseSensitive?: string[];
  triggers?: { vocab: string[]; words?: Record<string, string> };
  vocab: Record<string, Record<string, number | string> | string[]>;
  macros: Record<string, string>;
  rules: Array<{ id: string; kind: string; pattern: string; caseSensitive?: boolean; needs?: string[]; extension?: boolean }>;
}

/** A compiled rule. */
export interface CompiledRule {
  id: string;
  kind: string;
  re: RegExp;
  priority: number;
  /** Trigger categories near which the rule can match; absent = anywhere. */
  needs?: string[];
  /** Finds expressions TimeML does not tag (event-anchored, discourse anaphora). */
  extension?: boolean;
  /**
   * For a rule whose every match ends with one of a long list of names: where to look. A match can
   * only start at most `before` characters that are neither whitespace nor ASCII digits before a
   * place where `anchor` matches, so only those stretches are tried, with `sticky` (the rule with
   * flag `y`). Same matches as scanning the whole text, at a fraction of the cost.
   */
  scan?: { anchor: RegExp; before: number; sticky: RegExp };
}

/** Compiled rules plus the lower-cased vocabularies the normalizers read. */
export interface TimexRules {
  lang: string;
  rules: CompiledRule[];
  vocab: Record<string, Map<string, number | string>>;
  lists: Record<string, Set<string>>;
  caseSensitive: Map<string, string>;
  /** Whether the rule file defines triggers; without them every rule runs over the whole text. */
  trigger: boolean;
  /** Categories of each trigger word (lower-cased, one word). */
  triggerCats: Map<string, string[]>;
}

/** Escapes text for use inside a RegExp, letting spaces match any whitespace run. */
export function escapeForRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** Alternation of keys, longest first so "the mid-" wins over "the mid". In a case-sensitive rule the first letter may be either case. */
function alternation(keys: Iterable<string>, anyFirstCase = false): string {
  return [...keys]
    .sort((a, b) => b.length - a.length)
    .map((k) => {
      const e = escapeForRegExp(k);
      if (!anyFirstCase || !/^\p{L}/u.test(k)) return e;
      return `[${k[0]!.toUpperCase()}${k[0]!.toLowerCase()}]${e.slice(1)}`;
    })
    .join('|');
}

/** Compiles a parsed rule file. */
export function compileRules(file: TimexRuleFile): TimexRules {
  const vocab: Record<string, Map<string, number | string>> = {};
  const lists: Record<string, Set<string>> = {};
  for (const [name, v] of Object.entries(file.vocab)) {
    if (Array.isArray(v)) lists[name] = new Set(v.map((x) => x.toLowerCase()));
    else vocab[name] = new Map(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
  }
  const expand = (pattern: string, ruleId: string, cased = false): string =>
    pattern.replace(/(?<!\\p)\{([A-Za-z]\w*)(?::(\w+))?\}/g, (_m, name: string, group?: string) => {
      const g = group ?? name;
      if (file.macros[name] !== undefined) return group ? `(?<${g}>${file.macros[name]})` : `(?:${file.macros[name]})`;
      const keys = vocab[name] ? vocab[name].keys() : lists[name];
      if (!keys) throw new AnnalistError('BAD_ARGUMENT', `timex rule ${ruleId}: unknown placeholder {${name}}`);
      return `(?<${g}>${alternation(keys, cased)})`;
    });
  const rules = file.rules.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    // word edges: no letter or digit right before or after the match
    // the left word edge is checked by the matcher (a leading look-behind slows every scan step)
    re: new RegExp(`(?:${expand(r.pattern, r.id, r.caseSensitive)})(?![\\p{L}\\p{N}])`, r.caseSensitive ? 'gu' : 'giu'),
    priority: file.rules.length - i,
    needs: r.needs,
    extension: r.extension,
  }));
  const caseSensitive = new Map((file.caseSensitive ?? []).map((w) => [w.toLowerCase(), w]));
  const trig = file.triggers;
  const triggerCats = new Map<string, string[]>();
  const addWord = (w: string, cat: string): void => {
    const list = triggerCats.get(w) ?? [];
    if (!list.includes(cat)) list.push(cat);
    triggerCats.set(w, list);
  };
  for (const v of trig?.vocab ?? []) {
    for (const k of vocab[v]?.keys() ?? lists[v] ?? []) {
      // a multi-word entry ("the day before yesterday") is found by its longest word
      const words = k.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const longest = words.sort((x, y) => y.length - x.length)[0];
      if (longest) addWord(longest, v);
    }
  }
  for (const [w, cat] of Object.entries(trig?.words ?? {})) addWord(w.toLowerCase(), cat);
  const trigger = trig !== undefined;
  return { lang: file.lang, rules, vocab, lists, caseSensitive, trigger, triggerCats };
}

const cache = new Map<string, TimexRules>();

/** Loads and compiles `data/timex/<lang>.json` (cached per process). */
export function loadTimexRules(lang = 'en'): TimexRules {
  let r = cache.get(lang);
  if (!r) {
    const file = JSON.parse(readFileSync(join(TIMEX_DATA_DIR, `${lang}.json`), 'utf8')) as TimexRuleFile;
    r = compileRules(file);
    cache.set(lang, r);
  }
  return r;
}

/**
 * The rule-file language for a language tag (`ru`, `ru-RU`, `RUS`…): its primary subtag when
 * `data/timex/<subtag>.json` exists, else `en`.
 */
export function timexLanguage(tag: string | undefined): string {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return 'en';
  return cache.has(primary) || existsSync(join(TIMEX_DATA_DIR, `${primary}.json`)) ? primary : 'en';
}
