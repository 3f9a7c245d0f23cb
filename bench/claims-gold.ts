/**
 * Claims on the seeds against `../shared/gold/claims.json`: for each gold claim, is there a claim
 * overlapping its text with the right speaker, and with the right kind too. Speakers match as the
 * gold scorer does (last word of the gold name inside the claim's speaker id or name), with gold
 * names' parentheses read as qualifiers: "author (RT)" is our `author`, "historians (unnamed)" a
 * group named "historians", "Name (per X)" is Name. A strict line applies the scorer's own rule to
 * the speaker's name (the gold label's last word, brackets included: "author (RT)" needs "(rt)").
 * Also prints speed.
 *   node --import tsx bench/claims-gold.ts [--verbose]
 */
import type { Annotation } from '../src/core/types.ts';
import { analyzeSeeds, benchStages, loadGold, norm, throughput } from './claims-events-common.ts';

interface GoldClaim {
  id: string;
  speaker: string;
  speaker_type: string;
  text: string;
  kind: string;
}

const verbose = process.argv.includes('--verbose');
const { stages, notes } = benchStages();
for (const n of notes) console.log(`note: ${n}`);
const seeds = analyzeSeeds(stages);
const gold = loadGold<Record<string, GoldClaim[]>>('claims.json');

/** The word a claim's speaker must contain to match a gold speaker. */
function speakerKey(g: GoldClaim): string {
  if (g.speaker_type === 'author') return 'author';
  const base = norm(g.speaker.replace(/\(.*?\)/g, ''));
  return base.split(' ').pop() ?? base;
}

const tally = { all: 0, speaker: 0, kind: 0, strict: 0, byKind: {} as Record<string, { all: number; ok: number }> };
for (const [key, claims] of Object.entries(gold)) {
  const seed = seeds.find((s) => s.key === key);
  if (!seed) continue;
  const text = seed.doc.text;
  const anns = seed.doc.annotations.filter((a) => a.layer === 'claim');
  for (const g of claims) {
    const p = text.indexOf(g.text.slice(0, 60));
    const span = { start: p, end: p + g.text.length };
    const over = (a: Annotation) => p >= 0 && a.start < span.end && span.start < a.end;
    const want = speakerKey(g);
    const who = (a: Annotation) => `${a.attrs.speaker ?? ''} ${a.attrs.speakerName ?? ''}`.toLowerCase();
    const withSpeaker = anns.filter((a) => over(a) && who(a).includes(want));
    const withKind = withSpeaker.filter((a) => a.label === g.kind);
    tally.all++;
    const k = (tally.byKind[g.kind] ??= { all: 0, ok: 0 });
    k.all++;
    if (withSpeaker.length) tally.speaker++;
    const last = norm(g.speaker).split(' ').pop() ?? '';
    if (anns.some((a) => over(a) && who(a).includes(last))) tally.strict++;
    if (withKind.length) {
      tally.kind++;
      k.ok++;
    }
    if (verbose && !withKind.length) {
      const got = anns.filter(over).map((a) => `${a.label}:${a.attrs.speaker}`).join(', ') || 'nothing';
      console.log(`  miss ${g.id} [${g.kind}] ${g.speaker} — got ${got}`);
    }
  }
}
const pct = (a: number, b: number) => `${a}/${b}  ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log('claims on the seeds (gold: ../shared/gold/claims.json)');
console.log(`  found with right speaker        ${pct(tally.speaker, tally.all)}`);
console.log(`  found with right speaker + kind ${pct(tally.kind, tally.all)}`);
console.log(`  strict speaker name (scorer)    ${pct(tally.strict, tally.all)}`);
for (const [kind, v] of Object.entries(tally.byKind)) console.log(`    ${kind.padEnd(18)} ${pct(v.ok, v.all)}`);
const total = seeds.reduce((n, s) => n + s.doc.annotations.filter((a) => a.layer === 'claim').length, 0);
console.log(`  claims emitted on all seeds: ${total}`);
console.log(`  speed: ${throughput(seeds)}`);
