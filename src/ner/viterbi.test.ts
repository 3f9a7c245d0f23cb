import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedTag, decodeViterbi, ViterbiSearch, type ViterbiScores } from './viterbi.ts';
import { allowedAfter, NER_TAGS } from './tagger.ts';
import { makeRng } from '../models/rng.ts';

const H = 10;
const START = 9;

/** Score of a whole tag sequence under `x` (forced tokens add nothing). */
function pathScore(x: ViterbiScores, tags: number[]): number {
  let v = 0;
  for (let i = 0; i < tags.length; i++) {
    if (x.forced[i]) continue;
    const t = tags[i]!;
    const t1 = i > 0 ? tags[i - 1]! : START;
    const t2 = i > 1 ? tags[i - 2]! : START;
    v += x.local[i * 9 + t]! + x.prev[i]![t1 * 9 + t]! + x.pair[(t1 * H + t2) * 9 + t]!;
  }
  return v;
}

/** Every IOB2-valid tag sequence of length n with forced tokens `O`. */
function* sequences(n: number, forced: Uint8Array, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === n) {
    yield prefix;
    return;
  }
  const prev = prefix.length ? prefix[prefix.length - 1]! : START;
  for (let t = 0; t < 9; t++) {
    if (!allowedTag(prev, t) || (forced[prefix.length] && t !== 0)) continue;
    yield* sequences(n, forced, [...prefix, t]);
  }
}

test('the IOB2 constraint matches the tagger', () => {
  for (let p = 0; p <= START; p++) for (let t = 0; t < 9; t++) assert.equal(allowedTag(p, t), allowedAfter(p === START ? '<s>' : NER_TAGS[p]!, NER_TAGS[t]!));
});

test('Viterbi finds the best-scoring valid sequence (brute force over short sentences)', () => {
  const rnd = makeRng(3);
  for (let trial = 0; trial < 20; trial++) {
    const n = 1 + (trial % 4);
    const x: ViterbiScores = {
      n,
      local: Float64Array.from({ length: n * 9 }, () => rnd() * 10 - 5),
      prev: Array.from({ length: n }, () => Float64Array.from({ length: H * 9 }, () => rnd() * 10 - 5)),
      pair: Float64Array.from({ length: H * H * 9 }, () => rnd() * 10 - 5),
      forced: Uint8Array.from({ length: n }, (_, i) => (trial % 3 === 0 && i === 1 ? 1 : 0)),
    };
    let best = -Infinity;
    for (const s of sequences(n, x.forced)) best = Math.max(best, pathScore(x, s));
    const out = new Uint8Array(n);
    decodeViterbi(x, out);
    const tags = [...out];
    assert.ok([...sequences(n, x.forced)].some((s) => s.join() === tags.join()), `valid sequence ${tags.join()}`);
    assert.ok(Math.abs(pathScore(x, tags) - best) < 1e-9, `trial ${trial}: ${pathScore(x, tags)} vs ${best}`);
  }
});

test('a model trained with the Viterbi decoder records it, and the tagger decodes with it', async () => {
  const { trainNerModel } = await import('./train-perceptron.ts');
  const { parseNerModel, prepareNerModel, serializeNerModel } = await import('./model.ts');
  const { tagDocument } = await import('./tagger.ts');
  const people = ['Arno Velt', 'Bira Sonn', 'Cato Marr', 'Dina Wulf', 'Egon Pratt', 'Fena Holm'];
  const places = ['Lorvik', 'Tamsby', 'Quarro', 'Ostrel', 'Vennac', 'Yldra'];
  const sentences = people.map((p, i) => ({ tokens: ['Then', 'we', 'met', ...p.split(' '), 'in', places[i]!, '.'], tags: ['O', 'O', 'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'O'] }));
  const model = trainNerModel([{ sentences }], { epochs: 5, bits: 16, minUpdates: 1, minWeight: 0, decoder: 'viterbi' });
  assert.equal(model.decoder, 'viterbi');
  const loaded = prepareNerModel(parseNerModel(serializeNerModel(model)));
  assert.equal(loaded.decoder, 'viterbi');
  assert.deepEqual(tagDocument(loaded, [['Then', 'we', 'met', 'Ivo', 'Kessel', 'in', 'Brandholm', '.']])[0], ['O', 'O', 'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'O']);
});

test('the incremental search keeps the best scores and the live previous tags of the exact search', async () => {
  const { ViterbiSearch } = await import('./viterbi.ts');
  const rnd = makeRng(11);
  for (let trial = 0; trial < 12; trial++) {
    const n = 1 + (trial % 4);
    const x: ViterbiScores = {
      n,
      local: Float64Array.from({ length: n * 9 }, () => Math.round(rnd() * 20 - 10)),
      prev: Array.from({ length: n }, () => Float64Array.from({ length: H * 9 }, () => Math.round(rnd() * 20 - 10))),
      pair: Float64Array.from({ length: H * H * 9 }, () => Math.round(rnd() * 20 - 10)),
      forced: Uint8Array.from({ length: n }, (_, i) => (trial % 3 === 1 && i === 0 ? 1 : 0)),
    };
    const search = new ViterbiSearch();
    search.begin(n);
    assert.equal(search.liveTags(), 1 << START);
    assert.equal(search.entityGap(), Infinity);
    for (let i = 0; i < n; i++) {
      search.step(x, i, x.forced[i] === 1);
      // brute force over the valid prefixes of i + 1 tokens
      let best = -Infinity;
      let bestEntity = -Infinity;
      let mask = 0;
      for (const s of sequences(i + 1, x.forced)) {
        const v = pathScore({ ...x, n: i + 1 }, s);
        const last = s[i]!;
        mask |= 1 << last;
        best = Math.max(best, v);
        if (last !== 0) bestEntity = Math.max(bestEntity, v);
      }
      assert.equal(search.liveTags(), mask, `trial ${trial}, token ${i}: live tags`);
      assert.equal(search.entityGap(), best - bestEntity, `trial ${trial}, token ${i}: gap`);
    }
  }
});

/**
 * The search state by state, as first written: every live history (t2, t1), in the order it was reached,
 * extended by every allowed tag; a new state keeps the first history with the strictly best score, and
 * histories more than `beam` below the best are dropped. Returns the tags of the best final state.
 */
function referenceDecode(x: ViterbiScores, beam: number): number[] {
  let live: Array<[number, number, number]> = [[START, START, 0]]; // t2, t1, score
  const back: Array<Map<number, number>> = [];
  for (let i = 0; i < x.n; i++) {
    const best = Math.max(...live.map((s) => s[2]));
    const next = new Map<number, [number, number, number]>();
    const from = new Map<number, number>();
    for (const [t2, t1, d] of live) {
      if (d < best - beam) continue;
      for (let t = 0; t < 9; t++) {
        if (!allowedTag(t1, t) || (x.forced[i] && t !== 0)) continue;
        const v = x.forced[i] ? d : d + x.local[i * 9 + t]! + x.prev[i]![t1 * 9 + t]! + x.pair[(t1 * H + t2) * 9 + t]!;
        const key = t1 * H + t;
        const cur = next.get(key);
        if (!cur || v > cur[2]) {
          next.set(key, [t1, t, v]);
          from.set(key, t2);
        }
      }
    }
    live = [...next.values()];
    back.push(from);
  }
  let end = live[0]!;
  for (const s of live) if (s[2] > end[2] || (s[2] === end[2] && s[0] * H + s[1] < end[0] * H + end[1])) end = s;
  const tags: number[] = new Array(x.n);
  let [t0, t1] = [end[0], end[1]];
  for (let i = x.n - 1; i >= 0; i--) {
    tags[i] = t1;
    const t2 = back[i]!.get(t0 * H + t1)!;
    [t0, t1] = [t2, t0];
  }
  return tags;
}

test('the grouped search breaks ties as the state-by-state search (integer scores, many ties, with and without a beam)', () => {
  const rnd = makeRng(11);
  const int = (k: number) => Math.floor(rnd() * k) - (k >> 1);
  const search = new ViterbiSearch();
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + (trial % 9);
    // small integer ranges: equal path scores are common, so the choice among them is tested
    const range = trial % 2 ? 3 : 40;
    const x: ViterbiScores = {
      n,
      local: Float64Array.from({ length: n * 9 }, () => int(range)),
      prev: Array.from({ length: n }, () => Float64Array.from({ length: H * 9 }, () => int(range))),
      pair: Float64Array.from({ length: H * H * 9 }, () => int(range)),
      forced: Uint8Array.from({ length: n }, () => (rnd() < 0.2 ? 1 : 0)),
    };
    const beam = trial % 3 === 0 ? 6 : Infinity;
    const out = new Uint8Array(n);
    search.begin(n);
    for (let i = 0; i < n; i++) search.step(x, i, x.forced[i] === 1, beam);
    search.end(n, out);
    assert.deepEqual([...out], referenceDecode(x, beam), `trial ${trial}`);
  }
});
