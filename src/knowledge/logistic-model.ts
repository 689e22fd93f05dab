/**
 * @module knowledge/logistic-model
 * A small binary logistic regression over dense features (standardised, L2-regularised, fitted by Newton's
 * method). The article ranker and the bank-match check each learn one from real questions at
 * build time; its JSON is part of the learned artifact. Written here because the rows are a few hundred thousand
 * dense vectors of ~20 features: natural's LogisticRegressionClassifier is built for sparse text and takes minutes.
 */

export interface LogisticJSON { names: string[]; weights: number[]; bias: number; mean: number[]; scale: number[] }

export class LogisticModel {
  constructor(private readonly json: LogisticJSON) {}

  get names(): string[] { return this.json.names; }

  /** P(positive | features). */
  predict(x: ArrayLike<number>): number {
    const { weights, bias, mean, scale } = this.json;
    let z = bias;
    for (let i = 0; i < weights.length; i += 1) z += weights[i]! * ((x[i]! - mean[i]!) / scale[i]!);
    return 1 / (1 + Math.exp(-z));
  }

  toJSON(): LogisticJSON { return this.json; }

  static fromJSON(json: LogisticJSON): LogisticModel { return new LogisticModel(json); }

  /**
   * Fits the model by Newton's method (iteratively reweighted least squares) on standardised features: with a
   * handful of features the Hessian is tiny, so it converges exactly in a few steps where gradient descent
   * would stop short. Positives can be weighted up (`positiveWeight`) to balance rare positives.
   */
  static train(names: string[], rows: Float64Array[], labels: Uint8Array, options: { l2?: number; iterations?: number; positiveWeight?: number } = {}): LogisticModel {
    const d = names.length;
    const n = rows.length;
    const l2 = options.l2 ?? 1e-2;
    const iterations = options.iterations ?? 25;
    const pw = options.positiveWeight ?? 1;
    const mean = new Array<number>(d).fill(0);
    const scale = new Array<number>(d).fill(0);
    for (const r of rows) for (let i = 0; i < d; i += 1) mean[i]! += r[i]! / Math.max(1, n);
    for (const r of rows) for (let i = 0; i < d; i += 1) scale[i]! += (r[i]! - mean[i]!) ** 2 / Math.max(1, n);
    for (let i = 0; i < d; i += 1) scale[i] = Math.sqrt(scale[i]!) || 1;
    // Column d is the intercept.
    const D = d + 1;
    const xs = rows.map((r) => {
      const x = new Float64Array(D);
      for (let i = 0; i < d; i += 1) x[i] = (r[i]! - mean[i]!) / scale[i]!;
      x[d] = 1;
      return x;
    });
    let total = 0;
    for (let k = 0; k < n; k += 1) total += labels[k] ? pw : 1;
    const w = new Float64Array(D);
    for (let it = 0; it < iterations && n > 0; it += 1) {
      const g = new Float64Array(D);
      const H = new Float64Array(D * D);
      for (let k = 0; k < n; k += 1) {
        const x = xs[k]!;
        let z = 0;
        for (let i = 0; i < D; i += 1) z += w[i]! * x[i]!;
        const p = 1 / (1 + Math.exp(-z));
        const sw = (labels[k] ? pw : 1) / total;
        const r = sw * (p - labels[k]!);
        const h = sw * p * (1 - p);
        for (let i = 0; i < D; i += 1) {
          g[i]! += r * x[i]!;
          const hx = h * x[i]!;
          for (let j = i; j < D; j += 1) H[i * D + j]! += hx * x[j]!;
        }
      }
      for (let i = 0; i < D; i += 1) {
        for (let j = 0; j < i; j += 1) H[i * D + j] = H[j * D + i]!;
        if (i < d) {
          g[i]! += l2 * w[i]! / Math.max(1, n);
          H[i * D + i]! += l2 / Math.max(1, n);
        }
        H[i * D + i]! += 1e-9;
      }
      const step = solve(H, g, D);
      let moved = 0;
      for (let i = 0; i < D; i += 1) {
        w[i]! -= step[i]!;
        moved = Math.max(moved, Math.abs(step[i]!));
      }
      if (moved < 1e-7) break;
    }
    return new LogisticModel({ names, weights: [...w.slice(0, d)], bias: w[d]!, mean, scale });
  }
}

/** Solves A x = b for a small symmetric positive-definite A (Gaussian elimination with partial pivoting). */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r * n + c]!) > Math.abs(m[pivot * n + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k += 1) [m[c * n + k], m[pivot * n + k]] = [m[pivot * n + k]!, m[c * n + k]!];
      [x[c], x[pivot]] = [x[pivot]!, x[c]!];
    }
    const diag = m[c * n + c]! || 1e-12;
    for (let r = c + 1; r < n; r += 1) {
      const f = m[r * n + c]! / diag;
      if (f === 0) continue;
      for (let k = c; k < n; k += 1) m[r * n + k]! -= f * m[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r -= 1) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k += 1) s -= m[r * n + k]! * x[k]!;
    x[r] = s / (m[r * n + r]! || 1e-12);
  }
  return x;
}
