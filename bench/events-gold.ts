/**
 * Events on the seeds against `../shared/gold/events.json`, scored as `../shared/gold/score.mjs`
 * scores them: an event annotation overlapping the gold evidence (found), and one of those with
 * the gold EDTF date, ignoring `~`/`?` (date exact). Explicit and relative gold events only.
 * Also: participants naming a gold actor, classes seen, share of events not asserted, and speed of
 * the events + claims stages alone (re-run on the stored layers) beside the whole pipeline.
 *   node --import tsx bench/events-gold.ts [--verbose]
 */
import type { Annotation } from '../src/core/types.ts';
import { claimsStage } from '../src/stages/claims/index.ts';
import { eventsStage } from '../src/stages/events/index.ts';
import { fixtureInput } from '../src/stages/events/fixture-layers.ts';
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

const t = { all: 0, found: 0, dated: 0, actor: 0, actorAll: 0 };
for (const [key, evs] of Object.entries(gold)) {
  const seed = seeds.find((s) => s.key === key);
  if (!seed) continue;
  const text = seed.doc.text;
  const anns = seed.doc.annotations.filter((a) => a.layer === 'event');
  for (const ev of evs) {
    if (!['explicit', 'relative'].includes(ev.date_mode)) continue;
    const p = text.indexOf(ev.evidence.slice(0, 60));
    const found = p < 0 ? [] : anns.filter((a) => a.start < p + ev.evidence.length && p < a.end);
    const edtf = (a: Annotation) => String((a.attrs.time as { edtf?: string } | undefined)?.edtf ?? '').replace(/[~?]/g, '');
    const want = ev.date.replace(/[~?]/g, '');
    t.all++;
    if (found.length) t.found++;
    const dated = found.some((a) => edtf(a) === want);
    if (dated) t.dated++;
    if (ev.actors.length) {
      t.actorAll++;
      const lastWords = ev.actors.map((x) => norm(x).split(' ').pop()!);
      const hasActor = found.some((a) => ((a.attrs.participants as Array<{ text: string; entity?: string }>) ?? []).some((pt) => lastWords.some((w) => norm(pt.text).includes(w))));
      if (hasActor) t.actor++;
    }
    if (verbose && !dated) console.log(`  miss ${ev.id} ${found.length ? `found, date ${found.map(edtf).join('|') || 'none'} ≠ ${ev.date}` : 'not found'}: ${ev.what}`);
  }
}
const pct = (a: number, b: number) => `${a}/${b}  ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
const all = seeds.flatMap((s) => s.doc.annotations.filter((a) => a.layer === 'event'));
const classes = new Map<string, number>();
for (const a of all) classes.set(a.label, (classes.get(a.label) ?? 0) + 1);
const notAsserted = all.filter((a) => a.attrs.polarity === 'negative' || a.attrs.modality !== 'asserted').length;
const inherited = all.filter((a) => (a.attrs.time as { inherited?: boolean } | undefined)?.inherited).length;
console.log('events on the seeds (gold: ../shared/gold/events.json, explicit + relative dates)');
console.log(`  events found (recall)          ${pct(t.found, t.all)}`);
console.log(`  date exact (EDTF)              ${pct(t.dated, t.all)}   precision of date among found: ${pct(t.dated, t.found)}`);
console.log(`  a gold actor among participants ${pct(t.actor, t.actorAll)}`);
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
