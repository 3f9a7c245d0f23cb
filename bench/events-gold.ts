/**
 * Events on the seeds against `../shared/gold/events.json`, scored as `../shared/gold/score.mjs`
 * scores them: an event annotation overlapping the gold evidence (found), and one of those with
 * the gold EDTF date, ignoring `~`/`?` (date exact). Explicit and relative gold events only.
 * Date precision: of the dated annotations overlapping a gold event, the share with its date. Actors:
 * recall of the gold actors among the participants of the overlapping annotations (a participant
 * matches by KB name or by the actor's last word in its text or KB names), and precision of the
 * agents and patients of the best-matching annotation. Also classes seen, share of events not asserted, and speed of
 * the events + claims stages alone (re-run on the stored layers) beside the whole pipeline.
 *   node --import tsx bench/events-gold.ts [--verbose]
 */
import type { Annotation } from '../src/core/types.ts';
import { claimsStage } from '../src/stages/claims/index.ts';
import { eventsStage } from '../src/stages/events/index.ts';
import { fixtureInput } from '../src/stages/events/fixture-layers.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { analyzeSeeds, benchStages, loadGold, norm, throughput } from './claims-events-common.ts';

interface GoldEvent {
  id: string;
  what: string;
  date: string;
  date_mode: string;
  actors: string[];
  evidence: string;
}

const verbose = process.argv.includes('--verbose');
const { stages, notes } = benchStages();
for (const n of notes) console.log(`note: ${n}`);
const seeds = analyzeSeeds(stages);
const gold = loadGold<Record<string, GoldEvent[]>>('events.json');

const kb = loadKnowledgeBase();
/** Names a participant goes by: its text and its KB entity's name and aliases, normalized. */
const namesOf = (pt: { text: string; entity?: string }): string[] => {
  const e = pt.entity ? kb.byId.get(pt.entity) : undefined;
  return [pt.text, ...(e ? [e.name, ...e.aliases.map((a) => a.text)] : [])].map(norm);
};
/** True when a participant stands for a gold actor: same KB name, or the actor's last word in one of its names. */
const isActor = (pt: { text: string; entity?: string }, actor: string): boolean => {
  const a = norm(actor);
  const last = a.split(' ').pop()!;
  return namesOf(pt).some((n) => n === a || n.split(/[\s-]+/).includes(last));
};
const edtf = (a: Annotation) => String((a.attrs.time as { edtf?: string } | undefined)?.edtf ?? '').replace(/[~?]/g, '');
const participantsOf = (a: Annotation) => (a.attrs.participants as Array<{ role: string; text: string; entity?: string }> | undefined) ?? [];
const t = { all: 0, found: 0, dated: 0, actor: 0, actorAll: 0, actorsGold: 0, actorsFound: 0, coreAll: 0, coreGold: 0, annDated: 0, annExact: 0, trigDated: 0, trigExact: 0 };
const actorMisses: string[] = [];
/** Dated annotations on a gold event whose date is not the gold one (listed with --verbose). */
const wrongDates: string[] = [];
/** The same, for annotations whose trigger lies in the gold evidence. */
const wrongByTrigger: string[] = [];
/** Agents/patients of the best-matching annotation that are no gold actor (listed with --verbose). */
const actorExtras: string[] = [];
for (const [key, evs] of Object.entries(gold)) {
  const seed = seeds.find((s) => s.key === key);
  if (!seed) continue;
  const text = seed.doc.text;
  const anns = seed.doc.annotations.filter((a) => a.layer === 'event');
  for (const ev of evs) {
    if (!['explicit', 'relative'].includes(ev.date_mode)) continue;
    const p = text.indexOf(ev.evidence.slice(0, 60));
    const found = p < 0 ? [] : anns.filter((a) => a.start < p + ev.evidence.length && p < a.end);
    const want = ev.date.replace(/[~?]/g, '');
    t.all++;
    if (found.length) t.found++;
    const dated = found.some((a) => edtf(a) === want);
    if (dated) t.dated++;
    // date precision: of the found annotations that carry a date, the share carrying the gold one
    for (const a of found) {
      if (!edtf(a)) continue;
      t.annDated++;
      if (edtf(a) === want) t.annExact++;
      else if (verbose) wrongDates.push(`${ev.id} ${a.label} ${edtf(a)}${(a.attrs.time as { inherited?: boolean }).inherited ? ' (inherited)' : ''} ≠ ${ev.date} "${text.slice(a.start, a.end).replace(/\s+/g, ' ').slice(0, 120)}"`);
    }
    // the same, matching an annotation by its trigger (the event is where its trigger is, not its participants' span)
    for (const a of found) {
      const tr = a.attrs.trigger as { start: number; end: number } | undefined;
      if (!edtf(a) || !tr || !(tr.start < p + ev.evidence.length && p < tr.end)) continue;
      t.trigDated++;
      if (edtf(a) === want) t.trigExact++;
      else if (verbose) wrongByTrigger.push(`${ev.id} ${a.label} ${edtf(a)}${(a.attrs.time as { inherited?: boolean }).inherited ? ' (inherited)' : ''} ≠ ${ev.date} "${text.slice(a.start, a.end).replace(/\s+/g, ' ').slice(0, 120)}"`);
    }
    if (ev.actors.length && found.length) {
      t.actorAll++;
      const all = found.flatMap(participantsOf);
      if (ev.actors.some((x) => all.some((pt) => isActor(pt, x)))) t.actor++;
      for (const x of ev.actors) {
        t.actorsGold++;
        if (all.some((pt) => isActor(pt, x))) t.actorsFound++;
        else actorMisses.push(`${ev.id} ${x} (have: ${[...new Set(all.map((pt) => pt.text))].join(', ') || 'none'})`);
      }
      // actor precision on the best-matching annotation (gold date first): its agents and patients
      const best = found.find((a) => edtf(a) === want) ?? found[0]!;
      const core = participantsOf(best).filter((pt) => pt.role === 'agent' || pt.role === 'patient');
      t.coreAll += core.length;
      t.coreGold += core.filter((pt) => ev.actors.some((x) => isActor(pt, x))).length;
      const extra = core.filter((pt) => !ev.actors.some((x) => isActor(pt, x)));
      if (extra.length) actorExtras.push(`${ev.id} ${best.label} "${text.slice(best.start, best.end).replace(/\s+/g, ' ').slice(0, 140)}" extra: ${extra.map((pt) => `${pt.role}=${pt.text}`).join(', ')} (gold: ${ev.actors.join(', ')})`);
    }
    if (verbose && !dated) console.log(`  miss ${ev.id} ${found.length ? `found, date ${found.map(edtf).join('|') || 'none'} ≠ ${ev.date}` : 'not found'}: ${ev.what}`);
  }
}
if (verbose) for (const m of wrongDates) console.log(`  wrong date ${m}`);
if (verbose) for (const m of wrongByTrigger) console.log(`  wrong date (by trigger) ${m}`);
if (verbose) for (const m of actorMisses) console.log(`  actor miss ${m}`);
if (verbose) for (const m of actorExtras) console.log(`  actor extra ${m}`);
const pct = (a: number, b: number) => `${a}/${b}  ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
const all = seeds.flatMap((s) => s.doc.annotations.filter((a) => a.layer === 'event'));
const classes = new Map<string, number>();
for (const a of all) classes.set(a.label, (classes.get(a.label) ?? 0) + 1);
const notAsserted = all.filter((a) => a.attrs.polarity === 'negative' || a.attrs.modality !== 'asserted').length;
const inherited = all.filter((a) => (a.attrs.time as { inherited?: boolean } | undefined)?.inherited).length;
console.log('events on the seeds (gold: ../shared/gold/events.json, explicit + relative dates)');
console.log(`  events found (recall)          ${pct(t.found, t.all)}`);
console.log(`  date exact (EDTF)              ${pct(t.dated, t.all)}   precision of date among found: ${pct(t.dated, t.found)}`);
console.log(`  dated annotations on gold events with the gold date (date precision) ${pct(t.annExact, t.annDated)}`);
console.log(`  the same, annotations matched by their trigger in the gold evidence ${pct(t.trigExact, t.trigDated)}`);
console.log(`  actors: a gold actor among participants ${pct(t.actor, t.actorAll)}; gold actors found (actor recall) ${pct(t.actorsFound, t.actorsGold)}`);
console.log(`  actor precision: agents/patients of the best-matching annotation that are gold actors ${pct(t.coreGold, t.coreAll)}`);
console.log(`  events emitted: ${all.length}; not asserted (negated/modal): ${notAsserted}; time inherited: ${inherited}`);
console.log(`  classes: ${[...classes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
// speed of our two stages alone, on the layers the pipeline produced
const t0 = performance.now();
let chars = 0;
for (let rep = 0; rep < 3; rep++) {
  for (const s of seeds) {
    const layers = s.doc.annotations.filter((a) => ['sentence', 'token', 'mention', 'timex'].includes(a.layer));
    const input = fixtureInput({ text: s.doc.text, sections: s.doc.sections, layers }, s.doc.id);
    const claims = claimsStage.run(input).annotations;
    eventsStage.run(fixtureInput({ text: s.doc.text, sections: s.doc.sections, layers, extra: claims }, s.doc.id));
    chars += s.doc.text.length;
  }
}
const ms = performance.now() - t0;
console.log(`  speed: claims+events stages ${(chars / 1e6 / (ms / 1000)).toFixed(2)} MB/s; ${throughput(seeds)}`);
