/**
 * @module understanding/softmax-classifier
 * Multinomial logistic regression over sparse binary features, trained with AdaGrad, with a temperature fitted
 * on held-out examples so its probabilities are calibrated. Small, deterministic, and fast to train (~1 s).
 */

export interface Example { features: string[]; label: string; weight?: number }

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Share of examples held out to fit the temperature (0 disables calibration). */
  calibrationShare?: number;
}

export interface Prediction { label: string; confidence: number; scores: Record<string, number> }

/** A trained model; `toJSON`/`fromJSON` let the caller cache it. */
export class SoftmaxClassifier {
  private constructor(
    readonly labels: string[],
    private readonly vocab: Map<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly temperature: number,
  ) {}

  /** Probabilities for every label, best first in `label`. */
  predict(features: string[]): Prediction {
    const probs = this.probabilities(features, this.temperature);
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[best]!) best = c;
    const scores: Record<string, number> = {};
    this.labels.forEach((l, c) => { scores[l] = probs[c]!; });
    return { label: this.labels[best]!, confidence: probs[best]!, scores };
  }

  private probabilities(features: string[], temperature: number): Float64Array {
    const C = this.labels.length;
    const z = Float64Array.from(this.bias);
    const ids = featureIds(features, this.vocab);
    const v = ids.length ? 1 / Math.sqrt(ids.length) : 0;
    for (const f of ids) {
      const row = f * C;
      for (let c = 0; c < C; c++) z[c]! += this.weights[row + c]! * v;
    }
    return softmax(z, temperature);
  }

  static train(examples: Example[], options: TrainOptions = {}): SoftmaxClassifier {
    const { calibrationShare = 0.15, seed = 7 } = options;
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) throw new Error('a classifier needs at least two labels');
    const shuffled = shuffle([...examples], mulberry32(seed));
    let temperature = 1;
    if (calibrationShare > 0 && examples.length >= 50) {
      const cut = Math.floor(shuffled.length * calibrationShare);
      const held = shuffled.slice(0, cut);
      const trial = fit(shuffled.slice(cut), labels, options, 1);
      temperature = fitTemperature(trial, held);
    }
    return fit(shuffled, labels, options, temperature);
  }

  toJSON(): object {
    return {
      labels: this.labels,
      vocab: [...this.vocab.keys()],
      weights: Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength).toString('base64'),
      bias: [...this.bias],
      temperature: this.temperature,
    };
  }

  static fromJSON(json: { labels: string[]; vocab: string[]; weights: string; bias: number[]; temperature: number }): SoftmaxClassifier {
    const buf = Buffer.from(json.weights, 'base64');
    const weights = new Float32Array(buf.byteLength / 4);
    new Uint8Array(weights.buffer).set(buf);
    return new SoftmaxClassifier(json.labels, new Map(json.vocab.map((f, i) => [f, i])), weights, Float32Array.from(json.bias), json.temperature);
  }

  /** Mean negative log-likelihood of `examples` at a temperature (used to fit it). */
  nll(examples: Example[], temperature: number): number {
    let total = 0;
    for (const e of examples) {
      const p = this.probabilities(e.features, temperature)[this.labels.indexOf(e.label)] ?? 1e-9;
      total -= Math.log(Math.max(p, 1e-9));
    }
    return total / Math.max(1, examples.length);
  }

  /** @internal used by fit */
  static create(labels: string[], vocab: Map<string, number>, weights: Float32Array, bias: Float32Array, t: number): SoftmaxClassifier {
    return new SoftmaxClassifier(labels, vocab, weights, bias, t);
  }
}

function fit(examples: Example[], labels: string[], options: TrainOptions, temperature: number): SoftmaxClassifier {
  const { epochs = 20, learningRate = 0.4, l2 = 1e-6, seed = 7 } = options;
  const vocab = new Map<string, number>();
  for (const e of examples) for (const f of e.features) if (!vocab.has(f)) vocab.set(f, vocab.size);
  const C = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const W = new Float32Array(vocab.size * C);
  const G = new Float32Array(vocab.size * C);
  const bias = new Float32Array(C);
  const gBias = new Float32Array(C);
  const encoded = examples.map((e) => ({ ids: featureIds(e.features, vocab), y: labelIndex.get(e.label)!, w: e.weight ?? 1 }));
  const rand = mulberry32(seed);
  const z = new Float64Array(C);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(encoded, rand);
    for (const { ids, y, w } of encoded) {
      const v = ids.length ? 1 / Math.sqrt(ids.length) : 0;
      z.set(bias);
      for (const f of ids) for (let c = 0; c < C; c++) z[c]! += W[f * C + c]! * v;
      const p = softmax(z, 1);
      for (let c = 0; c < C; c++) {
        const g = w * (p[c]! - (c === y ? 1 : 0));
        gBias[c]! += g * g;
        bias[c]! -= (learningRate * g) / Math.sqrt(gBias[c]! + 1e-8);
        for (const f of ids) {
          const k = f * C + c;
          const gk = g * v + l2 * W[k]!;
          G[k]! += gk * gk;
          W[k]! -= (learningRate * gk) / Math.sqrt(G[k]! + 1e-8);
        }
      }
    }
  }
  return SoftmaxClassifier.create(labels, vocab, W, bias, temperature);
}

function fitTemperature(model: SoftmaxClassifier, held: Example[]): number {
  let best = 1;
  let bestNll = Infinity;
  for (let t = 0.3; t <= 4.01; t += 0.1) {
    const nll = model.nll(held, t);
    if (nll < bestNll) { bestNll = nll; best = Math.round(t * 10) / 10; }
  }
  return best;
}

function featureIds(features: string[], vocab: Map<string, number>): number[] {
  const ids: number[] = [];
  for (const f of features) {
    const id = vocab.get(f);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

function softmax(z: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const out = new Float64Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) { out[i] = Math.exp((z[i]! - max) / temperature); sum += out[i]!; }
  for (let i = 0; i < z.length; i++) out[i]! /= sum;
  return out;
}

/** Deterministic PRNG so training is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
