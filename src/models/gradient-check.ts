/**
 * Checks an analytic gradient against central finite differences, parameter by parameter: each
 * `params[k]` is moved by ±`eps`, `loss()` read at both points and the parameter put back. Returns
 * the largest relative error |numeric − analytic| / max(1e-3, |numeric| + |analytic|) and how many
 * parameters were checked. For the tests of the hand-written networks.
 */
export function checkGradient(params: Float64Array, grad: ArrayLike<number>, loss: () => number, eps = 1e-6): { worst: number; checked: number } {
  let worst = 0;
  let checked = 0;
  for (let k = 0; k < params.length; k++) {
    const keep = params[k]!;
    params[k] = keep + eps;
    const up = loss();
    params[k] = keep - eps;
    const down = loss();
    params[k] = keep;
    const numeric = (up - down) / (2 * eps);
    worst = Math.max(worst, Math.abs(numeric - grad[k]!) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[k]!)));
    checked++;
  }
  return { worst, checked };
}
