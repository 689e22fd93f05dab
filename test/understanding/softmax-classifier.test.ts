import { describe, expect, it } from 'vitest';
import { SoftmaxClassifier, type Example } from '../../src/understanding/softmax-classifier.js';

/** Three classes, each marked by its own features plus shared noise; linearly separable. */
function toyExamples(perClass = 30): Example[] {
  const out: Example[] = [];
  const marks: Record<string, string[]> = { wage: ['w:工资', 'w:拖欠'], divorce: ['w:离婚', 'w:抚养'], loan: ['w:借钱', 'w:欠条'] };
  for (let i = 0; i < perClass; i++) {
    for (const [label, features] of Object.entries(marks)) {
      out.push({ label, features: [features[i % 2]!, `noise:${i % 5}`, 'len:s'] });
    }
  }
  return out;
}

const sum = (scores: Record<string, number>) => Object.values(scores).reduce((a, b) => a + b, 0);

describe('SoftmaxClassifier', () => {
  const model = SoftmaxClassifier.train(toyExamples());

  it('learns a separable toy problem', () => {
    expect(model.labels).toEqual(['divorce', 'loan', 'wage']);
    expect(model.predict(['w:工资']).label).toBe('wage');
    expect(model.predict(['w:抚养', 'noise:3']).label).toBe('divorce');
    expect(model.predict(['w:欠条', 'len:s']).label).toBe('loan');
    expect(model.predict(['w:拖欠']).confidence).toBeGreaterThan(0.6);
  });

  it('gives probabilities over every label that sum to 1, with confidence the best one', () => {
    for (const features of [['w:工资'], ['w:离婚', 'w:借钱'], [], ['never-seen']]) {
      const p = model.predict(features);
      expect(Object.keys(p.scores).sort()).toEqual(model.labels);
      expect(sum(p.scores)).toBeCloseTo(1, 10);
      for (const v of Object.values(p.scores)) expect(v).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBe(Math.max(...Object.values(p.scores)));
      expect(p.scores[p.label]).toBe(p.confidence);
    }
  });

  it('ignores features it never saw', () => {
    expect(model.predict(['w:工资', 'unknown:x']).scores).toEqual(model.predict(['w:工资']).scores);
  });

  it('survives a JSON round trip with identical predictions', () => {
    const copy = SoftmaxClassifier.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.labels).toEqual(model.labels);
    expect(copy.temperature).toBe(model.temperature);
    for (const features of [['w:工资'], ['w:抚养', 'noise:1'], ['w:借钱', 'w:离婚'], []]) {
      expect(copy.predict(features)).toEqual(model.predict(features));
    }
  });

  it('trains deterministically: the same data and seed give the same model', () => {
    const a = SoftmaxClassifier.train(toyExamples(), { seed: 11 });
    const b = SoftmaxClassifier.train(toyExamples(), { seed: 11 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.predict(['w:离婚', 'w:借钱'])).toEqual(b.predict(['w:离婚', 'w:借钱']));
  });

  it('fits a calibration temperature from held-out examples only when there are enough', () => {
    expect(model.temperature).toBeGreaterThanOrEqual(0.3);
    expect(model.temperature).toBeLessThanOrEqual(4);
    const small = SoftmaxClassifier.train(toyExamples(5));
    expect(small.temperature).toBe(1);
    const uncalibrated = SoftmaxClassifier.train(toyExamples(), { calibrationShare: 0 });
    expect(uncalibrated.temperature).toBe(1);
  });

  it('refuses to train with fewer than two labels', () => {
    expect(() => SoftmaxClassifier.train([{ label: 'a', features: ['x'] }, { label: 'a', features: ['y'] }])).toThrow(/two labels/);
  });

  it('lowers the loss on its own training data compared with chance', () => {
    const examples = toyExamples();
    expect(model.nll(examples, 1)).toBeLessThan(Math.log(3));
  });
});
