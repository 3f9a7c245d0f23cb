/**
 * Load generator for the API, run as a second process on loopback by `bench/web.ts`:
 * `node --import tsx bench/api-load.ts <baseUrl> [seconds=8] [maxRequestsPerRoute=300] [concurrency=4]`.
 * Fires timeline and graph queries over random windows (seeded) and prints latency percentiles as JSON.
 */

const [base, secondsArg, maxArg, concArg] = process.argv.slice(2);
if (!base) {
  console.error('usage: api-load.ts <baseUrl> [seconds] [maxRequestsPerRoute] [concurrency]');
  process.exit(2);
}
const seconds = Number(secondsArg ?? 8);
const maxRequests = Number(maxArg ?? 300);
const concurrency = Number(concArg ?? 4);

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

/** A random query window of 1–30 years inside 1800–2000. */
function window(): string {
  const from = 1800 + Math.floor(rnd() * 190);
  const to = Math.min(2000, from + 1 + Math.floor(rnd() * 30));
  return `from=${from}&to=${to}`;
}

/** The p-th percentile of sorted numbers. */
function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs one route's load and returns its latency summary. */
async function load(name: string, makePath: () => string): Promise<Record<string, number | string>> {
  const deadline = Date.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  let issued = 0;
  const worker = async () => {
    while (issued < maxRequests && Date.now() < deadline) {
      issued++;
      const t0 = performance.now();
      const res = await fetch(`${base!.replace(/\/?(\?.*)?$/, '')}${makePath()}`);
      await res.arrayBuffer();
      if (!res.ok) errors++;
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { route: name, requests: times.length, errors, p50: r(pct(times, 50)), p95: r(pct(times, 95)), max: r(times.at(-1) ?? NaN) };
}

const results = [
  await load('timeline (window)', () => `/api/timeline?${window()}&limit=5000`),
  await load('timeline (all)', () => '/api/timeline?limit=20000'),
  await load('graph (window)', () => `/api/graph?${window()}`),
];
console.log(JSON.stringify(results));
