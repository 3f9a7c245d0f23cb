/**
 * Exact second-order Viterbi decoding over the IOB2 tags of `NER_TAGS` for the tagger's history
 * features (previous tag, previous two tags): a search over whole tag sequences instead of greedy
 * left-to-right choices, so that a name's boundary is chosen with the words after it in view
 * ("30 Seconds to Mars", "Army of the Potomac"). Deterministic: ties keep the first candidate in a
 * fixed order.
 */

/** Number of tags (`NER_TAGS.length`); the sentence start is tag index `TAGS` in the history. */
const TAGS = 9;
/** History values: the tags and the sentence start. */
const H = TAGS + 1;
const START = TAGS;

/** ALLOWED[prev * TAGS + tag] for IOB2 (an I- tag continues its own type), prev = START at the sentence start. */
const ALLOWED = new Uint8Array(H * TAGS);
for (let p = 0; p < H; p++) {
  for (let t = 0; t < TAGS; t++) {
    const inside = t > 0 && t % 2 === 0;
    ALLOWED[p * TAGS + t] = !inside || (p !== START && p !== 0 && (p === t || p === t - 1)) ? 1 : 0;
  }
}

/**
 * The tags allowed after each history value, in tag order: `NEXT_TAGS[prev * TAGS + j]` for
 * `j < NEXT_COUNT[prev]` (so the search visits only allowed tags, in the order the ties need).
 */
const NEXT_TAGS = new Uint8Array(H * TAGS);
const NEXT_COUNT = new Uint8Array(H);
for (let p = 0; p < H; p++) for (let t = 0; t < TAGS; t++) if (ALLOWED[p * TAGS + t]) NEXT_TAGS[p * TAGS + NEXT_COUNT[p]!++] = t;

/**
 * The two history values of each search state (`t2 * H + t1`) and where its row of tag-pair scores
 * starts (`(t1 * H + t2) * TAGS`), looked up instead of divided out at every step.
 */
const T1_OF = new Uint8Array(H * H);
const T2_OF = new Uint8Array(H * H);
const PAIR_AT = new Int32Array(H * H);
for (let t2 = 0; t2 < H; t2++) {
  for (let t1 = 0; t1 < H; t1++) {
    T1_OF[t2 * H + t1] = t1;
    T2_OF[t2 * H + t1] = t2;
    PAIR_AT[t2 * H + t1] = (t1 * H + t2) * TAGS;
  }
}

/** Whether tag index `t` may follow history value `prev` (a tag index, or `START`). */
export function allowedTag(prev: number, t: number): boolean {
  return ALLOWED[prev * TAGS + t] === 1;
}

/** Scores of one sentence for `decodeViterbi`. */
export interface ViterbiScores {
  /** Number of tokens. */
  n: number;
  /** Per token, scores of each tag from the features that ignore the history (`n × 9`). */
  local: Float64Array;
  /**
   * Per token, a row of scores of each tag after each previous tag t1 (0–9, 9 the sentence start) from
   * the t1 × word features (`10 × 9`, index `t1 × 9 + t`); a row may be shared by tokens of one word.
   */
  prev: Float64Array[];
  /** Per (t1, t2) history pair, scores of each tag from the tag-pair features (`10 × 10 × 9`, index `(t1 × 10 + t2) × 9 + t`). */
  pair: Float64Array;
  /** Tokens forced to `O` (their scores are not read; they add nothing to any path). */
  forced: Uint8Array;
}

/**
 * An incremental Viterbi search over one sentence: `begin`, then `step` once per token (after its
 * scores are in `x` at that token), then `end`. Between steps, `entityGap` tells how far the best
 * history ending in a name tag is behind the best one, so that a caller can skip scoring tokens that
 * could only continue a name no path still wants (the tagger's fast path).
 */
export class ViterbiSearch {
  private delta = new Float64Array(H * H).fill(-Infinity);
  private next = new Float64Array(H * H).fill(-Infinity);
  /** The live (finite) states of `delta` and of `next`, in the order they were reached. */
  private live = new Int32Array(H * H);
  private liveN = 0;
  private nextLive = new Int32Array(H * H);
  private nextN = 0;
  private back = new Uint8Array(0);
  /** Bit t1 set when a live state (of `delta`) ends in history value t1 (see `liveTags`). */
  private liveMask = 0;
  /** The best score of the live states, and the best of those whose last tag is a name tag (kept by `step`). */
  private best = 0;
  private bestEntity = -Infinity;

  /** Starts a sentence of `n` tokens. */
  begin(n: number): void {
    if (this.back.length < n * H * H) this.back = new Uint8Array(Math.max(n * H * H, 2 * this.back.length));
    for (let k = 0; k < this.liveN; k++) this.delta[this.live[k]!] = -Infinity;
    for (let k = 0; k < this.nextN; k++) this.next[this.nextLive[k]!] = -Infinity;
    this.nextN = 0;
    // state index: t2 * H + t1 (the two previous history values)
    this.delta[START * H + START] = 0;
    this.live[0] = START * H + START;
    this.liveN = 1;
    this.liveMask = 1 << START;
    this.best = 0;
    this.bestEntity = -Infinity;
  }

  /**
   * Bit mask of the last history values (tag indices, `START` = bit 9) of the live histories: a
   * superset of the previous tags whose rows of `ViterbiScores.prev` the next `step` reads.
   */
  liveTags(): number {
    return this.liveMask;
  }

  /** Best score of a history whose last tag is a name tag, below the best score of any history (Infinity when none is live). */
  entityGap(): number {
    return this.best - this.bestEntity;
  }

  /**
   * Extends every history by token `i` (`forced`: the token is `O` and adds nothing). Histories more
   * than `beam` below the best one are dropped (Infinity: exact search).
   */
  step(x: ViterbiScores, i: number, forced: boolean, beam = Infinity): void {
    const delta = this.delta;
    const live = this.live;
    const liveN = this.liveN;
    const floor = beam !== Infinity ? this.best - beam : -Infinity;
    // the best new scores, overall and ending in a name tag (every final score is one written below)
    let best = -Infinity;
    let bestEntity = -Infinity;
    const next = this.next;
    const back = this.back;
    const nextLive = this.nextLive;
    for (let k = 0; k < this.nextN; k++) next[nextLive[k]!] = -Infinity;
    let nn = 0;
    let mask = 0;
    const bi = i * H * H;
    if (forced) {
      // every history continues with O: the new state is (t1, O), the score unchanged
      for (let k = 0; k < liveN; k++) {
        const state = live[k]!;
        const d = delta[state]!;
        if (d < floor) continue;
        const t1 = T1_OF[state]!;
        const to = t1 * H;
        mask = 1;
        const cur = next[to]!;
        if (cur === -Infinity) nextLive[nn++] = to;
        if (d > cur) {
          next[to] = d;
          back[bi + to] = T2_OF[state]!;
          if (d > best) best = d;
        }
      }
    } else {
      const lo = i * TAGS;
      const local = x.local;
      const pair = x.pair;
      const row = x.prev[i]!;
      for (let k = 0; k < liveN; k++) {
        const state = live[k]!;
        const d = delta[state]!;
        if (d < floor) continue;
        const t1 = T1_OF[state]!;
        const t2 = T2_OF[state]!;
        const pv = t1 * TAGS;
        const pr = PAIR_AT[state]!;
        const count = NEXT_COUNT[t1]!;
        for (let j = 0; j < count; j++) {
          const t = NEXT_TAGS[pv + j]!;
          const v = d + local[lo + t]! + row[pv + t]! + pair[pr + t]!;
          const to = t1 * H + t;
          mask |= 1 << t;
          const cur = next[to]!;
          if (cur === -Infinity) nextLive[nn++] = to;
          if (v > cur) {
            next[to] = v;
            back[bi + to] = t2;
            if (v > best) best = v;
            if (t !== 0 && v > bestEntity) bestEntity = v;
          }
        }
      }
    }
    // swap: the old states become the buffer of the next step
    this.nextN = this.liveN;
    this.nextLive = this.live;
    this.live = nextLive;
    this.liveN = nn;
    this.liveMask = mask;
    this.best = best;
    this.bestEntity = bestEntity;
    this.delta = next;
    this.next = delta;
  }

  /** Backtracks the best history of the `n` tokens into `out` (tag indices). */
  end(n: number, out: Uint8Array): void {
    if (n === 0) return;
    let best = -1;
    let bestV = -Infinity;
    for (let k = 0; k < this.liveN; k++) {
      const s = this.live[k]!;
      if (this.delta[s]! > bestV || (this.delta[s] === bestV && s < best)) {
        bestV = this.delta[s]!;
        best = s;
      }
    }
    // the final state is (t_{n-2}, t_{n-1})
    let t1 = best % H;
    let t0 = (best / H) | 0;
    for (let i = n - 1; i >= 0; i--) {
      out[i] = t1;
      const t2 = this.back[i * H * H + t0 * H + t1]!;
      t1 = t0;
      t0 = t2;
    }
  }
}

const search = new ViterbiSearch();

/**
 * The best IOB2 tag sequence under the summed scores (local + previous-tag + tag-pair), into `out`
 * (tag indices). Exact over the second-order history.
 */
export function decodeViterbi(x: ViterbiScores, out: Uint8Array): void {
  search.begin(x.n);
  for (let i = 0; i < x.n; i++) search.step(x, i, x.forced[i] === 1);
  search.end(x.n, out);
}
