/**
 * Full-batch weighted binary logistic regression with L2, trained by L-BFGS over CSR rows: the
 * learner of the check-worthiness experiments in `scripts/cv-checkworthy-linear.ts` (not used by the
 * shipped model, which `scripts/train-checkworthy.ts` trains by AdaGrad).
 */

/** A sparse matrix in compressed-row form: row i's columns idx[ptr[i]..ptr[i+1]) with values val. */
export interface Csr { ptr: Int32Array; idx: Int32Array; val: Float64Array; n: number; d: number }
/** Packs sparse rows (column indices and values) into a CSR matrix of d columns. */
export function buildCsr(rows: { idx: number[]; val: number[] }[], d: number): Csr {
  const ptr = new Int32Array(rows.length + 1);
  let nnz = 0;
  rows.forEach((r, i) => { nnz += r.idx.length; ptr[i + 1] = nnz; });
  const idx = new Int32Array(nnz), val = new Float64Array(nnz);
  let k = 0;
  for (const r of rows) for (let j = 0; j < r.idx.length; j++) { idx[k] = r.idx[j]!; val[k++] = r.val[j]!; }
  return { ptr, idx, val, n: rows.length, d };
}
// w[0..d-1] weights, w[d] bias
/** Fits weights (d of them, then the bias) on the selected rows with labels y, row weights sw and L2 strength l2, by L-BFGS (history m, at most iters steps). */
export function fitLR(X: Csr, rowsSel: Int32Array, y: Float64Array, sw: Float64Array, l2: number, iters = 200, m = 10): Float64Array {
  const D = X.d + 1;
  const f = (w: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (const i of rowsSel) {
      let z = w[X.d]!;
      for (let k = X.ptr[i]!; k < X.ptr[i + 1]!; k++) z += w[X.idx[k]!]! * X.val[k]!;
      const yi = y[i]!, s = sw[i]!;
      // log(1+exp(-yz)) with y in {0,1}
      const zz = yi ? z : -z;
      loss += s * (zz > 0 ? Math.log1p(Math.exp(-zz)) : -zz + Math.log1p(Math.exp(zz)));
      const p = 1 / (1 + Math.exp(-z));
      const r = s * (p - yi);
      g[X.d]! += r;
      for (let k = X.ptr[i]!; k < X.ptr[i + 1]!; k++) g[X.idx[k]!]! += r * X.val[k]!;
    }
    for (let j = 0; j < X.d; j++) { loss += 0.5 * l2 * w[j]! * w[j]!; g[j]! += l2 * w[j]!; }
    return loss;
  };
  let w = new Float64Array(D), g = new Float64Array(D);
  let fx = f(w, g);
  const S: Float64Array[] = [], Y: Float64Array[] = [], rho: number[] = [];
  const dir = new Float64Array(D), alpha = new Float64Array(m);
  for (let it = 0; it < iters; it++) {
    // two-loop recursion
    for (let j = 0; j < D; j++) dir[j] = -g[j]!;
    for (let h = S.length - 1; h >= 0; h--) { let a = 0; for (let j = 0; j < D; j++) a += S[h]![j]! * dir[j]!; a *= rho[h]!; alpha[h] = a; for (let j = 0; j < D; j++) dir[j]! -= a * Y[h]![j]!; }
    if (S.length) { const l = S.length - 1; let sy = 0, yy = 0; for (let j = 0; j < D; j++) { sy += S[l]![j]! * Y[l]![j]!; yy += Y[l]![j]! * Y[l]![j]!; } const gam = sy / yy; for (let j = 0; j < D; j++) dir[j]! *= gam; }
    else { let gn = 0; for (let j = 0; j < D; j++) gn += g[j]! * g[j]!; const sc = 1 / Math.max(1, Math.sqrt(gn)); for (let j = 0; j < D; j++) dir[j]! *= sc; }
    for (let h = 0; h < S.length; h++) { let b = 0; for (let j = 0; j < D; j++) b += Y[h]![j]! * dir[j]!; b *= rho[h]!; for (let j = 0; j < D; j++) dir[j]! += S[h]![j]! * (alpha[h]! - b); }
    let gd = 0; for (let j = 0; j < D; j++) gd += g[j]! * dir[j]!;
    if (gd >= 0) { for (let j = 0; j < D; j++) dir[j] = -g[j]!; gd = 0; for (let j = 0; j < D; j++) gd -= g[j]! * g[j]!; S.length = 0; Y.length = 0; rho.length = 0; }
    let step = 1; const wn = new Float64Array(D), gn2 = new Float64Array(D); let fn = 0;
    for (let ls = 0; ls < 30; ls++) {
      for (let j = 0; j < D; j++) wn[j] = w[j]! + step * dir[j]!;
      fn = f(wn, gn2);
      if (fn <= fx + 1e-4 * step * gd) break;
      step *= 0.5;
    }
    const s = new Float64Array(D), yv = new Float64Array(D); let sy = 0;
    for (let j = 0; j < D; j++) { s[j] = wn[j]! - w[j]!; yv[j] = gn2[j]! - g[j]!; sy += s[j]! * yv[j]!; }
    const rel = (fx - fn) / Math.max(1, Math.abs(fx));
    w = wn; g = gn2; fx = fn;
    if (sy > 1e-12) { S.push(s); Y.push(yv); rho.push(1 / sy); if (S.length > m) { S.shift(); Y.shift(); rho.shift(); } }
    if (rel < 1e-7) break;
  }
  return w;
}
/** The logit of row i under weights w (bias last). */
export function predict(X: Csr, w: Float64Array, i: number): number {
  let z = w[X.d]!;
  for (let k = X.ptr[i]!; k < X.ptr[i + 1]!; k++) z += w[X.idx[k]!]! * X.val[k]!;
  return z;
}
