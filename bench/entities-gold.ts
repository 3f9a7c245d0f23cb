/**
 * Gold check of recognition + linking on the seed documents:
 *
 *   node --import tsx bench/entities-gold.ts [--verbose]
 *
 * Reads `../shared/seeds/*.txt` and `../shared/gold/entities.json` at run time, runs
 * sentences+tokens+mentions+link over each seed, and reports:
 * - recall: gold surface forms (people, organizations, places) found as a mention linked to the right
 *   entity (same name or Wikidata id), matching text ignoring a leading "the" and possessive endings;
 * - link precision: of our mentions whose text is one of the document's gold surface forms, the share
 *   linked to an entity the gold gives for that form; plus how many mentions have no gold counterpart;
 * - the misses by kind (not found / unresolved / linked elsewhere, and how many name an entity the KB
 *   has under neither the gold's name nor its id), and how many mentions each link rule made;
 * - link precision per link rule (which rules make the wrong links);
 * - lenient recall and precision, where a link is also right when the entity is known (name or alias)
 *   by the gold's name without its bracketed qualifier ("Sumgait (Sumqayit)" → "Sumgait").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../src/ingest/read-document.ts';
import { runStages } from '../src/pipeline/run-stages.ts';
import { STAGES } from '../src/pipeline/registry.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { SHARED } from './ner-eval.ts';

interface GoldEntity {
  name: string;
  type: string;
  qid: string | null;
  surface_forms: string[];
}

const verbose = process.argv.includes('--verbose');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const bare = (s: string) => norm(s).replace(/^the /, '').replace(/['’]s$/, '');
const gold = JSON.parse(readFileSync(join(SHARED, 'gold', 'entities.json'), 'utf8')) as Record<string, GoldEntity[]>;
const kb = loadKnowledgeBase();
const stages = STAGES.filter((s) => ['sentences', 'tokens', 'mentions', 'link'].includes(s.name));
const TYPES = ['person', 'organization', 'place'];

let goldForms = 0;
let found = 0;
let spanOnly = 0;
let judged = 0;
let right = 0;
let unmatched = 0;
let mentionsAll = 0;
let lenientFound = 0;
let lenientRight = 0;
/** Misses by kind: no mention with that text; found but linked elsewhere; of those, how many have no KB entity under the gold's name or Wikidata id. */
const missKinds = { notFound: 0, linkedElsewhere: 0, unresolved: 0, noKbEntity: 0 };
const kbNames = new Set(kb.entities.flatMap((e) => [norm(e.name), norm(e.qid ?? e.id)]));
const rules: Record<string, number> = {};
/** Per link rule: mentions whose text is a gold form, and how many of them are linked right. */
const ruleRight: Record<string, { ok: number; all: number }> = {};
const byType: Record<string, { ok: number; all: number }> = {};
const seeds = readdirSync(join(SHARED, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
for (const file of seeds) {
  const key = file.replace(/\.txt$/, '');
  const ents = (gold[key] ?? []).filter((e) => TYPES.includes(e.type));
  const source = readDocument(readFileSync(join(SHARED, 'seeds', file)), { path: file });
  const doc = runStages(source, stages, { resources: { kb } });
  const ms = doc.annotations
    .filter((a) => a.layer === 'mention')
    .map((a) => {
      const id = typeof a.attrs.entity === 'string' ? a.attrs.entity : undefined;
      const e = id ? kb.byId.get(id) ?? kb.eventById.get(id) : undefined;
      // lenient: every name the entity is known by (the gold's names often add a qualifier in brackets);
      // a new local entity is known by the name the link stage gave it
      const known = e ? [e.name, ...(e.aliases ?? []).map((x) => (typeof x === 'string' ? x : x.text))].map(bare) : id && typeof a.attrs.name === 'string' ? [bare(a.attrs.name)] : [];
      return { text: bare(doc.text.slice(a.start, a.end)), id, names: [norm(e?.name ?? String(a.attrs.name ?? '')), norm(e?.qid ?? id ?? '')], known, rule: String(a.attrs.linkRule) };
    });
  mentionsAll += ms.length;
  for (const m of ms) rules[m.rule] = (rules[m.rule] ?? 0) + 1;
  const isRight = (m: (typeof ms)[number], g: GoldEntity) => m.names.some((n) => n && (n === norm(g.name) || (g.qid !== null && n === norm(g.qid))));
  /** Right, or linked to an entity known by the gold's name without its bracketed qualifier ("Sumgait (Sumqayit)"). */
  const isRightLenient = (m: (typeof ms)[number], g: GoldEntity) => isRight(m, g) || (m.id !== undefined && m.known.includes(bare(g.name.replace(/\s*\(.*\)\s*$/, ''))));
  for (const g of ents) {
    byType[g.type] ??= { ok: 0, all: 0 };
    for (const sf of g.surface_forms) {
      goldForms++;
      byType[g.type]!.all++;
      const same = ms.filter((m) => m.text === bare(sf));
      const lenient = same.some((m) => isRightLenient(m, g));
      if (lenient) lenientFound++;
      if (same.some((m) => isRight(m, g))) {
        found++;
        byType[g.type]!.ok++;
      } else {
        if (same.length) spanOnly++;
        if (same.length === 0) missKinds.notFound++;
        else if (same.every((m) => !m.id)) missKinds.unresolved++;
        else missKinds.linkedElsewhere++;
        if (!kbNames.has(norm(g.name)) && !(g.qid && kbNames.has(norm(g.qid)))) missKinds.noKbEntity++;
        if (verbose) console.log(`  miss ${key.slice(0, 3)}: "${sf}" → ${g.name}${same.length ? `  (found, linked to ${same.map((m) => `${m.id ?? 'nothing'}/${m.rule}`).join(', ')})` : ''}${lenient ? ' [lenient ok]' : ''}`);
      }
    }
  }
  const formsInDoc = new Map<string, GoldEntity[]>();
  for (const g of ents) for (const sf of g.surface_forms) formsInDoc.set(bare(sf), [...(formsInDoc.get(bare(sf)) ?? []), g]);
  for (const m of ms) {
    const gs = formsInDoc.get(m.text);
    if (!gs) {
      unmatched++;
      continue;
    }
    judged++;
    ruleRight[m.rule] ??= { ok: 0, all: 0 };
    ruleRight[m.rule]!.all++;
    if (gs.some((g) => isRightLenient(m, g))) lenientRight++;
    if (gs.some((g) => isRight(m, g))) {
      right++;
      ruleRight[m.rule]!.ok++;
    }
    else if (verbose) console.log(`  wrong ${key.slice(0, 3)}: "${m.text}" → ${m.id ?? 'unresolved'} (${m.rule}); gold ${gs.map((g) => g.name).join(' | ')}`);
  }
}
const pct = (a: number, b: number) => `${a}/${b}  ${(100 * a / Math.max(b, 1)).toFixed(1)}%`;
console.log(`seeds: ${seeds.length} documents, ${mentionsAll} mentions, KB ${kb.entities.length} entities`);
console.log(`recall (gold surface forms found and linked right): ${pct(found, goldForms)}   (+${spanOnly} found but linked elsewhere)`);
for (const [t, v] of Object.entries(byType)) console.log(`  ${t.padEnd(13)} ${pct(v.ok, v.all)}`);
console.log(`link precision (mentions whose text is a gold form, linked right): ${pct(right, judged)}`);
console.log(`mentions with no gold surface form: ${unmatched} (gold is not exhaustive: not all are errors)`);
console.log(`lenient (entity also right when known by the gold's name without its bracketed qualifier): recall ${pct(lenientFound, goldForms)}, precision ${pct(lenientRight, judged)}`);
console.log(
  `misses: ${missKinds.notFound} not found, ${missKinds.unresolved} found but unresolved, ${missKinds.linkedElsewhere} found and linked elsewhere; ` +
    `${missKinds.noKbEntity} of all misses have no KB entity under the gold's name or id (a right link cannot score)`,
);
console.log(`link precision by rule: ${Object.entries(ruleRight).sort((a, b) => b[1].all - a[1].all).map(([r, v]) => `${r} ${v.ok}/${v.all}`).join(', ')}`);
console.log(`link rules: ${Object.entries(rules).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')}`);
