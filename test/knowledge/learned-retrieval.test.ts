/**
 * The parts of the learned retrieval: known questions searched in memory, article profiles, leaving a source out
 * (cross-fitting), and the logistic model.
 */
import { describe, expect, it } from 'vitest';
import { ExampleIndex, type KnownQuestion } from '../../src/knowledge/example-index.js';
import { indexKnown, innerFoldOf, sourceOf, type KnownMaterial } from '../../src/knowledge/known-questions.js';
import { LogisticModel } from '../../src/knowledge/logistic-model.js';

const q = (group: string, words: string[], article: number, entry: string | null = null): KnownQuestion => ({
  group, entry, articles: [{ law: '民法典', article }], words, bigrams: [],
});

describe('ExampleIndex', () => {
  const index = new ExampleIndex([
    q('bank:dog#0', ['狗', '咬', '赔'], 1245, 'dog'),
    q('bank:wall#0', ['装修', '墙', '裂'], 1193, 'wall'),
    q('real:1', ['邻居', '狗', '咬伤'], 1245),
  ]);

  it('finds the known questions sharing the most informative words, with coverage in [0, 1]', () => {
    const hits = index.search({ words: ['狗', '咬'], bigrams: [] }, 5);
    expect(hits.map((h) => index.examples[h.index]!.group)).toEqual(['bank:dog#0', 'real:1']);
    for (const h of hits) expect(h.coverage).toBeGreaterThan(0);
    for (const h of hits) expect(h.coverage).toBeLessThanOrEqual(1);
  });

  it('leaves out what it is told to (a question must not find itself while the ranker learns)', () => {
    const hits = index.search({ words: ['狗', '咬'], bigrams: [] }, 5, (e) => e.group === 'bank:dog#0');
    expect(hits.map((h) => index.examples[h.index]!.group)).toEqual(['real:1']);
  });
});

describe('known questions', () => {
  const material: KnownMaterial = {
    questions: [q('bank:dog#0', ['狗', '咬'], 1245, 'dog'), q('real:7', ['墙', '裂'], 1193)],
    answers: [q('bank:dog', ['饲养人', '赔偿'], 1245, 'dog'), q('real:7', ['施工人', '承揽'], 1193)],
  };

  it('builds one profile per article from the questions and answers resting on it', () => {
    const known = indexKnown(material, []);
    // An answer's words reach the article's profile: 饲养人 appears in no question.
    const hits = known.profiles.search({ words: ['饲养人'], bigrams: [] }, 5);
    expect(hits.map((h) => known.profiles.examples[h.index]!.articles[0]!.article)).toEqual([1245]);
    expect(known.stats.articleCount.get('民法典#1245')).toBe(1);
  });

  it('leaving a source out removes its questions, its answers and its share of the profiles', () => {
    const known = indexKnown(material, [], (x) => sourceOf(x.group) !== 'real:7');
    expect(known.index.examples.map((e) => e.group)).toEqual(['bank:dog#0']);
    expect(known.profiles.examples.map((p) => p.articles[0]!.article)).toEqual([1245]);
  });

  it('puts every phrasing of a source in the same inner fold', () => {
    expect(sourceOf('bank:dog#3')).toBe('bank:dog');
    expect(innerFoldOf(sourceOf('bank:dog#0'), 5)).toBe(innerFoldOf(sourceOf('bank:dog#4'), 5));
  });
});

describe('LogisticModel', () => {
  it('learns which feature predicts the label and gives calibrated-looking probabilities', () => {
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      const signal = (i % 10) / 10;
      const noise = ((i * 7919) % 13) / 13;
      rows.push(Float64Array.from([signal, noise]));
      labels.push(signal > 0.5 ? 1 : 0);
    }
    const model = LogisticModel.train(['signal', 'noise'], rows, Uint8Array.from(labels));
    expect(model.predict([0.9, 0.5])).toBeGreaterThan(0.8);
    expect(model.predict([0.1, 0.5])).toBeLessThan(0.2);
    const json = model.toJSON();
    expect(Math.abs(json.weights[0]!)).toBeGreaterThan(Math.abs(json.weights[1]!) * 5);
    expect(LogisticModel.fromJSON(json).predict([0.9, 0.5])).toBe(model.predict([0.9, 0.5]));
  });
});
