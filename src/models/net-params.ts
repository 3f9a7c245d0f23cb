/**
 * Parameter plumbing shared by the small hand-written networks (`token-net.ts`, `span-net.ts`):
 * a flat-array layout allocator, Glorot-uniform initialisation, one AdamW step, and float32/base64
 * storage of a parameter vector.
 */

/** Hands out consecutive offsets in one flat parameter array; `size()` is the total taken so far. */
export function offsetAllocator(): { take: (n: number) => number; size: () => number } {
  let at = 0;
  return {
    take: (n: number) => {
      const o = at;
      at += n;
      return o;
    },
    size: () => at,
  };
}

/** Fills `params[at, at + n)` with Glorot-uniform draws from `rng`: uniform in ±sqrt(6 / (fanIn + fanOut)). */
export function fillGlorot(params: Float64Array, rng: () => number, at: number, n: number, fanIn: number, fanOut: number): void {
  const r = Math.sqrt(6 / (fanIn + fanOut));
  for (let k = 0; k < n; k++) params[at + k] = (2 * rng() - 1) * r;
}

/** The moment estimates of Adam for a parameter vector, and the number of steps taken. */
export interface AdamState {
  m1: Float64Array;
  m2: Float64Array;
  step: number;
}

/** Fresh Adam moments for `size` parameters. */
export function adamState(size: number): AdamState {
  return { m1: new Float64Array(size), m2: new Float64Array(size), step: 0 };
}

/**
 * One AdamW step (β1 0.9, β2 0.999, ε 1e-8) on `params` with the gradient `grad / divisor` (a summed
 * gradient and its count), learning rate `lr` and decoupled weight decay `decay` (times `lr`).
 */
export function adamStep(state: AdamState, params: Float64Array, grad: Float64Array, divisor: number, lr: number, decay: number): void {
  state.step++;
  const { m1, m2 } = state;
  const c1 = 1 - 0.9 ** state.step;
  const c2 = 1 - 0.999 ** state.step;
  for (let k = 0; k < params.length; k++) {
    const g = grad[k]! / divisor;
    m1[k] = 0.9 * m1[k]! + 0.1 * g;
    m2[k] = 0.999 * m2[k]! + 0.001 * g * g;
    params[k]! -= lr * ((m1[k]! / c1) / (Math.sqrt(m2[k]! / c2) + 1e-8) + decay * params[k]!);
  }
}

/** A parameter vector as float32 in base64 (for model files). */
export function packParams(params: Float64Array): string {
  return Buffer.from(Float32Array.from(params).buffer).toString('base64');
}

/** The parameter vector of `packParams`; throws when it does not hold `size` values (`what` names the network). */
export function unpackParams(packed: string, size: number, what: string): Float64Array {
  const buf = Buffer.from(packed, 'base64');
  const params = Float64Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
  if (params.length !== size) throw new Error(`${what}: parameter count does not match its shape`);
  return params;
}

/** Training settings shared by the hand-written networks' trainers (`trainTokenNet`, `trainSpanNet`). */
export interface NetTrainingBase {
  /** Most passes over the training examples. */
  epochs: number;
  /** Adam step size. */
  learningRate: number;
  /** Share of first-layer units kept in training (inverted dropout). */
  keep: number;
  /** Decoupled weight decay per step, times the learning rate (AdamW). */
  decay: number;
  /** Examples (sentences or spans) per update. */
  batch: number;
  seed: number;
  /** Epochs without a held-out gain before stopping (default 2). */
  patience?: number;
}
