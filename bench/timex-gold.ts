/**
 * Checks the timex stage against the hand-made event keys of the seeds (`../shared/gold/events.json`,
 * read at run time): recall of each event's `date_text` (some timex overlaps it) and, for `explicit`
 * and `relative` events, whether the date we give equals the key's EDTF date (qualifiers `~ ?` ignored;
 * a signal such as "since" opens the interval: "since 1944" → `1944/..`). Also counts dates that are
 * merely consistent (our interval inside the key's).
 * Usage: node --import tsx bench/timex-gold.ts [--verbose]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayNumber } from '../src/core/time.ts';
import type { Annotation } from '../src/core/types.ts';
import { readDocument } from '../src/ingest/read-document.ts';
import { loadKnowledgeBase } from '../src/kb/load-kb.ts';
import { runStages } from '../src/pipeline/run-stages.ts';
import { sentencesStage } from '../src/stages/sentences/index.ts';
import { timexStage } from '../src/stages/timex/index.ts';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared');
const verbose = process.argv.includes('--verbose');

interface GoldEvent { id: string; date: string; date_text: string | null; date_mode: string; line: number }

/** Day interval of an EDTF subset: YYYY, YYYY-MM, YYYY-MM-DD, 196X, 19XX, A/B, ../X, X/.. (null = open). */
function edtfInterval(s: string): [number | null, number | null] | null {
  const clean = s.replace(/[~?%]/g, '');
  if (clean.includes('/')) {
    const [a, b] = clean.split('/');
    const ia = a === '..' || a === '' ? null : edtfInterval(a!);
    const ib = b === '..' || b === '' ? null : edtfInterval(b!);
    return [ia ? ia[0] : null, ib ? ib[1] : null];
  }
  const m = /^(\d{2,4})(X{0,2})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(clean);
  if (!m) return null;
  if (m[2]) {
    const span = 10 ** m[2].length;
    const y = Number(m[1]) * span;
    return [dayNumber(y, 1, 1), dayNumber(y + span, 1, 1) - 1];
  }
  const y = Number(m[1]);
  if (m[4]) return [dayNumber(y, Number(m[3]), Number(m[4])), dayNumber(y, Number(m[3]), Number(m[4]))];
  if (m[3]) return [dayNumber(y, Number(m[3]), 1), dayNumber(y, Number(m[3]) + 1, 1) - 1];
  return [dayNumber(y, 1, 1), dayNumber(y + 1, 1, 1) - 1];
}

/** The date our annotation claims for the event: its EDTF, opened by an after/before signal. */
function ourDate(a: Annotation): string | null {
  const edtf = typeof a.attrs.edtf === 'string' ? a.attrs.edtf : null;
  if (!edtf) return null;
  const sig = a.attrs.signal as { relation?: string } | undefined;
  if (sig?.relation === 'after' && !edtf.includes('/')) return `${edtf}/..`;
  if (sig?.relation === 'before' && !edtf.includes('/') && /^by$/i.test(String((a.attrs.signal as { text?: string }).text))) return `../${edtf}`;
  return edtf;
}

/** Offset of the occurrence of `needle` whose line is nearest to `line` (1-based), or -1. */
function locate(text: string, needle: string, line: number): number {
  let best = -1;
  let bestDist = Infinity;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    let ln = 1;
    for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) ln++;
    const d = Math.abs(ln - line);
    if (d < bestDist) {
      best = i;
      bestDist = d;
    }
  }
  return best;
}

const gold = JSON.parse(readFileSync(join(SHARED, 'gold', 'events.json'), 'utf8')) as Record<string, GoldEvent[]>;
const kb = loadKnowledgeBase();
let texts = 0;
let found = 0;
let dated = 0;
let exact = 0;
let consistent = 0;
const byMode: Record<string, { n: number; found: number; dated: number; exact: number }> = {};
for (const [key, events] of Object.entries(gold)) {
  const bytes = readFileSync(join(SHARED, 'seeds', `${key}.txt`));
  const src = readDocument(bytes, { path: `${key}.txt` });
  const analyzed = runStages(src, [sentencesStage, timexStage], { resources: { kb } });
  const timexes = analyzed.annotations.filter((a) => a.layer === 'timex');
  if (verbose) console.log(`== ${key} (document date ${src.meta.published ?? 'unknown'}, ${timexes.length} timexes)`);
  for (const ev of events) {
    if (!ev.date_text) continue;
    const mode = (byMode[ev.date_mode] ??= { n: 0, found: 0, dated: 0, exact: 0 });
    mode.n++;
    texts++;
    const at = locate(src.text, ev.date_text, ev.line);
    const hit = at < 0 ? undefined : timexes.filter((t) => t.start < at + ev.date_text!.length && at < t.end).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    if (hit) {
      found++;
      mode.found++;
    }
    if (ev.date_mode !== 'explicit' && ev.date_mode !== 'relative') {
      if (verbose) console.log(`  ${hit ? 'found' : 'MISSED'} ${ev.date_mode} ${JSON.stringify(ev.date_text)}`);
      continue;
    }
    dated++;
    mode.dated++;
    const ours = hit ? ourDate(hit) : null;
    const g = edtfInterval(ev.date);
    const o = ours ? edtfInterval(ours) : null;
    const same = Boolean(g && o && g[0] === o[0] && g[1] === o[1]);
    const inside = Boolean(g && o && (g[0] === null || (o[0] !== null && o[0] >= g[0])) && (g[1] === null || (o[1] !== null && o[1] <= g[1])));
    if (same) {
      exact++;
      mode.exact++;
    }
    if (inside) consistent++;
    if (verbose) console.log(`  ${same ? 'ok    ' : inside ? 'inside' : hit ? 'WRONG ' : 'MISSED'} ${ev.date_mode.padEnd(8)} ${JSON.stringify(ev.date_text)} gold ${ev.date} ours ${ours ?? '-'}${hit ? ` [${JSON.stringify(src.text.slice(hit.start, hit.end))}]` : ''}`);
  }
}
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)}% (${a}/${b})`;
console.log(`date_text recall: ${pct(found, texts)}`);
console.log(`date accuracy (explicit + relative): exact ${pct(exact, dated)}, consistent ${pct(consistent, dated)}`);
for (const [m, c] of Object.entries(byMode)) console.log(`  ${m.padEnd(9)} n=${c.n} found ${pct(c.found, c.n)}${c.dated ? `, exact date ${pct(c.exact, c.dated)}` : ''}`);
