// Ingest benchmark: generates a ~100 MB corpus of mixed-format invented documents (plain-text
// scrapes with chrome, headings and comment threads, HTML, Markdown, wikitext, PDF) in a temp
// folder, then ingests it in child processes and prints, side by side:
//   annalist read + store (no stages) · annalist read + stages + store (on a subset) ·
//   a naive peer (fs.readFile + TextDecoder + one INSERT per file)
// with MB/s, peak RSS, and layout quality against the generator's own truth (comments, headings,
// chrome lines, captions recovered). Usage: npm run bench:ingest [-- --mb 100 --analyze-mb 2 --keep DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

/** Seeded PRNG (mulberry32) so every run builds the same corpus. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'committee delegation ministry plenum harvest factory railway archive report decree border treaty congress republic council minister secretary workers harbour dam winter spring reform census newspaper editor speech river garrison'.split(' ');
const VERBS = 'opened closed discussed rejected approved postponed visited announced criticized praised delayed signed'.split(' ');
const NAMES = ['Anton Vale', 'Dora Finch', 'Ivan Petrovsky', 'Lena Hart', 'Mary Olsen', 'John Reyes'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Truth {
  comments: number;
  headings: number;
  chrome: number;
  captions: number;
}

function generate(dir: string, targetMb: number): { files: number; bytes: number; truth: Truth } {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  const sentence = () => `${cap(`the ${pick(WORDS)}`)} ${pick(VERBS)} the ${pick(WORDS)} of the ${pick(WORDS)} in ${1950 + Math.floor(r() * 40)}.`;
  const paragraph = () => Array.from({ length: 3 + Math.floor(r() * 5) }, sentence).join(' ');
  const heading = () => `${cap(pick(WORDS))} and ${pick(WORDS)}`;
  const truth: Truth = { comments: 0, headings: 0, chrome: 0, captions: 0 };
  let bytes = 0;
  let files = 0;
  const target = targetMb * 1024 * 1024;
  for (let n = 0; bytes < target; n++) {
    const kind = n % 10 < 5 ? 'txt' : n % 10 < 7 ? 'html' : n % 10 < 8 ? 'md' : n % 10 < 9 ? 'wiki' : n % 50 === 49 ? 'pdf' : 'txt';
    const sections = 4 + Math.floor(r() * 30);
    let body = '';
    if (kind === 'txt') {
      const lines = ['Header Ads', '', `${cap(pick(WORDS))} of the ${pick(WORDS)}: what happened in ${1950 + (n % 40)}?`, ''];
      truth.chrome++;
      for (let s = 0; s < sections; s++) {
        if (s > 0) {
          lines.push(heading(), '');
          truth.headings++;
        }
        lines.push(paragraph(), '', paragraph(), '');
        if (s === 1) {
          lines.push(`  \u2022  The ${pick(WORDS)} in session`, '', '  \u2022  City Archive', '');
          truth.captions++;
        }
      }
      const comments = Math.floor(r() * 8);
      for (let c = 0; c < comments; c++) {
        const user = `user${Math.floor(r() * 1000)}`;
        lines.push(`  ${c + 1}. ${user} Offline ${user}`, `    ${user} ${1 + (c % 28)} ${pick(MONTHS)} 2020 1${c % 10}: 0${c % 10}`, `    ${sentence()}`);
      }
      truth.comments += comments;
      lines.push('Powered by Blogger.');
      truth.chrome++;
      body = lines.join('\n');
    } else if (kind === 'html') {
      const parts = [`<!doctype html><html lang="en"><head><title>${heading()}</title><meta name="author" content="${pick(NAMES)}"></head><body><nav><a href="/">Home</a></nav><article>`];
      for (let s = 0; s < sections; s++) parts.push(`<h2>${heading()}</h2><p>${paragraph()}</p><p>${paragraph()} <a href="https://example.org/${n}/${s}">source</a></p>`);
      parts.push('</article><div class="cookie-banner">We use cookies</div><script>var t=1</script></body></html>');
      body = parts.join('\n');
    } else if (kind === 'md') {
      const parts = [`# ${heading()}`, ''];
      for (let s = 0; s < sections; s++) parts.push(`## ${heading()}`, '', paragraph(), '', `> ${sentence()}`, '', `See [the report](https://example.org/${n}).`, '');
      body = parts.join('\n');
    } else if (kind === 'wiki') {
      const parts = [`{{Infobox event | name = ${heading()} }}`, `'''${heading()}''' was a [[${pick(WORDS)}|${pick(WORDS)}]] of the [[${pick(WORDS)}]].<ref>${heading()} - https://example.org/${n}</ref>`];
      for (let s = 0; s < sections; s++) parts.push('', `== ${heading()} ==`, paragraph(), `* ${sentence()}`);
      body = parts.join('\n');
    } else {
      body = '';
    }
    const name = join(dir, `d${Math.floor(n / 500)}`, `doc${n}.${kind}`);
    if (n % 500 === 0) mkdirSync(join(dir, `d${Math.floor(n / 500)}`), { recursive: true });
    if (kind === 'pdf') {
      // plain ASCII lines in a minimal PDF (built by the same helper the tests use)
      const buf = makePdfSync(Array.from({ length: 3 }, () => Array.from({ length: 30 }, () => sentence().slice(0, 90))));
      writeFileSync(name, buf);
      bytes += buf.length;
    } else {
      writeFileSync(name, body);
      bytes += Buffer.byteLength(body);
    }
    files++;
  }
  return { files, bytes, truth };
}

let makePdfSync: (pages: string[][]) => Buffer;

interface PhaseResult {
  seconds: number;
  /** User + system CPU seconds of the phase (wall time suffers when the machine is shared). */
  cpu: number;
  bytes: number;
  files: number;
  failed: number;
  maxRssMb: number;
  quality?: Truth;
}

/** One measured phase, run in this process (called in a child so peak RSS is the phase's own). */
async function phase(which: string, dir: string, db: string, limitFiles: number): Promise<PhaseResult> {
  const files = listFiles(dir).slice(0, limitFiles);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let bytes = 0;
  let failed = 0;
  let quality: Truth | undefined;
  if (which === 'naive') {
    const { default: Database } = await import('better-sqlite3');
    const sql = new Database(db);
    sql.pragma('journal_mode = WAL');
    sql.exec('CREATE TABLE IF NOT EXISTS docs (path TEXT PRIMARY KEY, text TEXT)');
    const ins = sql.prepare('INSERT OR REPLACE INTO docs (path, text) VALUES (?, ?)');
    for (const f of files) {
      const buf = readFileSync(f);
      bytes += buf.length;
      sql.transaction(() => ins.run(f, new TextDecoder().decode(buf)))();
    }
    sql.close();
    quality = { comments: 0, headings: 0, chrome: 0, captions: 0 };
  } else {
    const { Store } = await import('../src/store/store.ts');
    const { ingestPaths } = await import('../src/cli/commands/ingest-paths.ts');
    const { loadKnowledgeBase } = await import('../src/kb/load-kb.ts');
    const store = new Store(db);
    const sum = await ingestPaths(store, files, { kb: loadKnowledgeBase(), maxBytes: 1 << 30, analyze: which === 'analyze' });
    bytes = sum.bytes;
    failed = sum.failed;
    const stats = store.stats();
    const chromeLines = store.db.prepare("SELECT COUNT(*) AS n FROM sections WHERE kind = 'chrome' AND attrs NOT LIKE '%comment-%' AND source_id IN (SELECT id FROM sources WHERE json_extract(meta, '$.format') = 'text')").get() as { n: number };
    const textHeadings = store.db.prepare("SELECT COUNT(*) AS n FROM sections WHERE kind = 'heading' AND source_id IN (SELECT id FROM sources WHERE json_extract(meta, '$.format') = 'text')").get() as { n: number };
    const textCaptions = store.db.prepare("SELECT COUNT(*) AS n FROM sections WHERE kind = 'caption' AND source_id IN (SELECT id FROM sources WHERE json_extract(meta, '$.format') = 'text')").get() as { n: number };
    quality = { comments: stats.sections.comment ?? 0, headings: textHeadings.n, chrome: chromeLines.n, captions: textCaptions.n };
    store.close();
  }
  const c1 = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c1.user + c1.system) / 1e6, bytes, files: files.length, failed, maxRssMb: process.resourceUsage().maxRSS / 1024, quality };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

const here = fileURLToPath(import.meta.url);
if (process.argv[2] === '--phase') {
  const [, , , which, dir, db, limit] = process.argv;
  const res = await phase(which!, dir!, db!, Number(limit));
  process.stdout.write(JSON.stringify(res));
} else {
  makePdfSync = (await import('../src/ingest/testing/make-pdf.ts')).makePdf;
  const mb = arg('mb', 100);
  const analyzeMb = arg('analyze-mb', 2);
  const keep = process.argv.indexOf('--keep');
  const work = keep > 0 ? process.argv[keep + 1]! : mkdtempSync(join(tmpdir(), 'annalist-bench-ingest-'));
  mkdirSync(work, { recursive: true });
  try {
    const dir = join(work, 'corpus');
    mkdirSync(dir);
    const t0 = performance.now();
    const gen = generate(dir, mb);
    console.log(`generated ${gen.files} files, ${(gen.bytes / 1048576).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const all = listFiles(dir);
    // the analysis subset: the first files up to analyzeMb (the same mix of formats)
    let subset = 0;
    for (let acc = 0; subset < all.length && acc < analyzeMb * 1048576; subset++) acc += statSync(all[subset]!).size;
    const run = (which: string, limit: number): PhaseResult => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--phase', which, dir, join(work, `${which}.db`), String(limit)], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`${which} phase failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as PhaseResult;
    };
    const rows: Array<[string, PhaseResult]> = [
      ['annalist read+store (no stages)', run('read', all.length)],
      [`annalist read+stages+store (${analyzeMb} MB subset)`, run('analyze', subset)],
      ['naive peer readFile+TextDecoder+INSERT', run('naive', all.length)],
    ];
    console.log('\nrun                                          files     MB  wall s    MB/s   CPU s  MB/CPU-s  peak RSS MB  failed');
    for (const [name, r] of rows) {
      console.log(`${name.padEnd(44)} ${String(r.files).padStart(5)} ${(r.bytes / 1048576).toFixed(1).padStart(6)} ${r.seconds.toFixed(1).padStart(7)} ${(r.bytes / 1048576 / r.seconds).toFixed(2).padStart(7)} ${r.cpu.toFixed(1).padStart(7)} ${(r.bytes / 1048576 / r.cpu).toFixed(2).padStart(9)} ${r.maxRssMb.toFixed(0).padStart(12)} ${String(r.failed).padStart(7)}`);
    }
    const q = rows[0]![1].quality!;
    const pct = (a: number, b: number) => (b ? `${((100 * Math.min(a, b)) / b).toFixed(1)}%` : '-');
    console.log('\nlayout quality on the generated text scrapes (found / generated; the naive peer finds none):');
    console.log(`  comments  ${q.comments}/${gen.truth.comments} ${pct(q.comments, gen.truth.comments)}   headings ${q.headings}/${gen.truth.headings} ${pct(q.headings, gen.truth.headings)}   chrome lines ${q.chrome}/${gen.truth.chrome} ${pct(q.chrome, gen.truth.chrome)}   captions ${q.captions}/${gen.truth.captions} ${pct(q.captions, gen.truth.captions)}`);
    if (q.headings > gen.truth.headings || q.comments > gen.truth.comments) console.log('  (more found than generated: false positives)');
  } finally {
    if (keep < 0) rmSync(work, { recursive: true, force: true });
  }
}
