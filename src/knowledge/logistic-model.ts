/**
 * @module knowledge/logistic-model
 * A small binary logistic regression over dense features (standardised, L2-regularised, full-batch gradient
 * descent with momentum). The article ranker and the bank-match check each learn one from real questions at
 * build time; its JSON is part of the learned artifact. Written here because the rows are a few hundred thousand
 * dense vectors of ~15 features: natural's LogisticRegressionClassifier is built for sparse text and takes minutes.
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
   * Fits the model. `rows` are feature vectors, `labels` 0/1. Positives are weighted up to balance the classes
   * only partly (`positiveWeight`), so probabilities stay roughly calibrated.
   */
  static train(names: string[], rows: Float64Array[], labels: Uint8Array, options: { l2?: number; iterations?: number; positiveWeight?: number } = {}): LogisticModel {
    const d = names.length;
    const n = rows.length;
    const l2 = options.l2 ?? 1e-3;
    const iterations = options.iterations ?? 300;
    const pw = options.positiveWeight ?? 1;
    const mean = new Array<number>(d).fill(0);
    const scale = new Array<number>(d).fill(0);
    for (const r of rows) for (let i = 0; i < d; i += 1) mean[i]! += r[i]! / Math.max(1, n);
    for (const r of rows) for (let i = 0; i < d; i += 1) scale[i]! += (r[i]! - mean[i]!) ** 2 / Math.max(1, n);
    for (let i = 0; i < d; i += 1) scale[i] = Math.sqrt(scale[i]!) || 1;
    const xs = rows.map((r) => Float64Array.from(r, (v, i) => (v - mean[i]!) / scale[i]!));
    const w = new Float64Array(d);
    const vw = new Float64Array(d);
    let b = 0;
    let vb = 0;
    const rate = 0.5;
    const beta = 0.9;
    let totalWeight = 0;
    for (let k = 0; k < n; k += 1) totalWeight += labels[k] ? pw : 1;
    for (let it = 0; it < iterations; it += 1) {
      const gw = new Float64Array(d);
      let gb = 0;
      for (let k = 0; k < n; k += 1) {
        const x = xs[k]!;
        let z = b;
        for (let i = 0; i < d; i += 1) z += w[i]! * x[i]!;
        const p = 1 / (1 + Math.exp(-z));
        const weight = labels[k] ? pw : 1;
        const g = weight * (p - labels[k]!);
        for (let i = 0; i < d; i += 1) gw[i]! += g * x[i]!;
        gb += g;
      }
      for (let i = 0; i < d; i += 1) {
        vw[i] = beta * vw[i]! + (gw[i]! / totalWeight + l2 * w[i]!);
        w[i]! -= rate * vw[i]!;
      }
      vb = beta * vb + gb / totalWeight;
      b -= rate * vb;
    }
    return new LogisticModel({ names, weights: [...w], bias: b, mean, scale });
  }
}
