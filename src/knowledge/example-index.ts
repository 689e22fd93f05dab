/**
 * @module knowledge/example-index
 * Questions we already know the answer to — question-bank phrasings and real questions a lawyer answered — kept
 * in memory and searched like documents (BM25 over words, synonym expansions and character bigrams). A citizen's
 * words rarely match the statute's, but they often match how someone else asked: the nearest known questions
 * carry the bank entry and the articles that answered them. This is what closes the vocabulary gap.
 */
import type { AnalysedText } from '../text/text-pipeline.js';
import { charBigrams } from '../text/segment.js';

/** A provision a known question was answered with. */
export interface ArticleTarget { law: string; article: number }

/** One known question. `group` ties the phrasings of one entry (or one real question) for leave-out. */
export interface KnownQuestion {
  group: string;
  /** Bank entry id, when the question is a bank phrasing. */
  entry: string | null;
  articles: ArticleTarget[];
  words: string[];
  bigrams: string[];
}

export interface ExampleHit { index: number; score: number; /** score ÷ the query's best possible score: 0–1. */ coverage: number }

const K1 = 1.2;
const B = 0.75;
const BIGRAM_WEIGHT = 0.35;
const EXPANSION_WEIGHT = 0.5;

/** Tokens of a known question or a query, as the index compares them. */
export function exampleTokens(a: AnalysedText): { words: string[]; bigrams: string[] } {
  return { words: [...a.content, ...a.expansions.map((t) => `~${t}`)], bigrams: charBigrams(a.content.join(' ')) };
}

class Field {
  private readonly postings = new Map<string, { ids: number[]; tfs: number[] }>();
  private readonly lengths: Float64Array;
  private readonly avg: number;
  constructor(docs: string[][]) {
    this.lengths = Float64Array.from(docs, (d) => d.length);
    this.avg = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length) || 1;
    docs.forEach((tokens, id) => {
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, n] of counts) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { ids: [], tfs: [] }));
        p.ids.push(id);
        p.tfs.push(n);
      }
    });
  }
  idf(term: string): number {
    const df = this.postings.get(term)?.ids.length ?? 0;
    const n = this.lengths.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  /** Adds weight × BM25 into scores; returns the best score any document could reach for these terms. */
  accumulate(terms: Map<string, number>, weight: number, scores: Float64Array): number {
    let ceiling = 0;
    for (const [term, tw] of terms) {
      const p = this.postings.get(term);
      const idf = this.idf(term);
      ceiling += weight * tw * idf * (K1 + 1) / (1 + K1 * (1 - B + B * 0.5));
      if (!p) continue;
      const w = weight * tw * idf;
      for (let i = 0; i < p.ids.length; i += 1) {
        const d = p.ids[i]!;
        const tf = p.tfs[i]!;
        scores[d]! += (w * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[d]!) / this.avg));
      }
    }
    return ceiling;
  }
}

function weighted(tokens: string[], weightOf: (t: string) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, Math.max(m.get(t) ?? 0, weightOf(t)));
  return m;
}

export class ExampleIndex {
  private readonly words: Field;
  private readonly bigrams: Field;

  constructor(readonly examples: KnownQuestion[]) {
    this.words = new Field(examples.map((e) => e.words));
    this.bigrams = new Field(examples.map((e) => e.bigrams));
  }

  get size(): number { return this.examples.length; }

  /**
   * The `limit` nearest known questions. `exclude` leaves some out (a question must not find itself when the
   * ranker learns from it).
   */
  search(query: { words: string[]; bigrams: string[] }, limit: number, exclude?: (example: KnownQuestion) => boolean): ExampleHit[] {
    const scores = new Float64Array(this.examples.length);
    const ceiling =
      this.words.accumulate(weighted(query.words, (t) => (t.startsWith('~') ? EXPANSION_WEIGHT : 1)), 1, scores) +
      this.bigrams.accumulate(weighted(query.bigrams, () => 1), BIGRAM_WEIGHT, scores);
    const hits: ExampleHit[] = [];
    let floor = 0;
    for (let i = 0; i < scores.length; i += 1) {
      const s = scores[i]!;
      if (s <= 0 || (hits.length >= limit && s <= floor)) continue;
      if (exclude?.(this.examples[i]!)) continue;
      hits.push({ index: i, score: s, coverage: ceiling > 0 ? s / ceiling : 0 });
      if (hits.length > limit * 4) {
        hits.sort((a, b) => b.score - a.score);
        hits.length = limit;
        floor = hits[limit - 1]!.score;
      }
    }
    return hits.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
  }
}
