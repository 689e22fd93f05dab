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
  /** Its topic label, when known (bank entries, labelled real questions, cases). */
  topic?: string | null;
  articles: ArticleTarget[];
  words: string[];
  bigrams: string[];
}

export interface ExampleHit { index: number; score: number; /** score ÷ the query's best possible score: 0–1. */ coverage: number }

const K1 = 1.2;
const B = 0.75;
const BIGRAM_WEIGHT = 0.35;
const EXPANSION_WEIGHT = 0.5;

/**
 * Tokens of a known question or a query. Synonym expansions carry a "~" so a query weighs them less than the
 * citizen's own words; the index matches them as plain words, so a query's 诉讼时效 (expanded from 多久起诉)
 * meets a phrasing that says 诉讼时效 outright.
 */
export function exampleTokens(a: AnalysedText): { words: string[]; bigrams: string[] } {
  return { words: [...a.content, ...a.expansions.map((t) => `~${t}`)], bigrams: charBigrams(a.content.join(' ')) };
}

const ASKING = /怎么|怎样|如何|哪|多久|多长|多少|几|吗|么|能不能|可不可以|可以|是否|什么|谁|要不要|有没有|点算|点样|咩|未/;
/** A citizen puts the question last, after the story: words of the last clause that asks weigh this much more. */
export const FOCUS_WEIGHT = 1.5;

/** Shorter questions are all point; only a story (this many characters or more) gets its asking clause weighted. */
export const FOCUS_MIN_CHARS = 40;

/** The words of the clause that asks (the last one with a question word), for weighting a long question's point. */
export function focusWords(a: AnalysedText): Set<string> {
  if (a.normalised.length < FOCUS_MIN_CHARS) return new Set();
  const clauses = a.normalised.split(/[，。？！；,.?!;]/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2) return new Set();
  const asking = [...clauses].reverse().find((c) => ASKING.test(c));
  if (!asking) return new Set();
  return new Set(a.content.filter((t) => asking.includes(t)));
}

class Field {
  private readonly postings = new Map<string, { ids: Int32Array; tfs: Uint16Array }>();
  private readonly lengths: Float64Array;
  private readonly avg: number;
  /** BM25's length normalisation per known question, computed once rather than per posting. */
  private readonly norms: Float64Array;
  constructor(docs: string[][]) {
    this.lengths = Float64Array.from(docs, (d) => d.length);
    this.avg = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length) || 1;
    this.norms = Float64Array.from(this.lengths, (l) => K1 * (1 - B + (B * l) / this.avg));
    const building = new Map<string, { ids: number[]; tfs: number[] }>();
    docs.forEach((tokens, id) => {
      const counts = new Map<string, number>();
      for (const raw of tokens) {
        const t = plain(raw);
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      for (const [t, n] of counts) {
        let p = building.get(t);
        if (!p) building.set(t, (p = { ids: [], tfs: [] }));
        p.ids.push(id);
        p.tfs.push(n);
      }
    });
    // Typed arrays: a tenth of the heap of number lists, and nothing for the collector to walk.
    for (const [t, p] of building) this.postings.set(t, { ids: Int32Array.from(p.ids), tfs: Uint16Array.from(p.tfs, (v) => Math.min(v, 65535)) });
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
      const w = weight * tw * idf * (K1 + 1);
      const { ids, tfs } = p;
      const norms = this.norms;
      for (let i = 0; i < ids.length; i += 1) {
        const d = ids[i]!;
        const tf = tfs[i]!;
        scores[d]! += (w * tf) / (tf + norms[d]!);
      }
    }
    return ceiling;
  }
}

const plain = (t: string) => (t.startsWith('~') ? t.slice(1) : t);

function weighted(tokens: string[], weightOf: (t: string) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(plain(t), Math.max(m.get(plain(t)) ?? 0, weightOf(t)));
  return m;
}

export class ExampleIndex {
  private readonly words: Field;
  private readonly bigrams: Field;

  private readonly buffer: Float64Array;

  constructor(readonly examples: KnownQuestion[], options: { keepTokens?: 'all' | 'words' | 'none' } = {}) {
    this.words = new Field(examples.map((e) => e.words));
    this.bigrams = new Field(examples.map((e) => e.bigrams));
    this.buffer = new Float64Array(examples.length);
    // The postings hold what search needs; dropping the token lists a serving process no longer reads keeps its
    // heap (and the collector's work) small.
    const keep = options.keepTokens ?? 'all';
    if (keep !== 'all') for (const e of examples) {
      e.bigrams = [];
      if (keep === 'none') e.words = [];
    }
  }

  get size(): number { return this.examples.length; }

  /**
   * The `limit` nearest known questions. `exclude` leaves some out (a question must not find itself when the
   * ranker learns from it).
   */
  search(query: { words: string[]; bigrams: string[]; focus?: Set<string> }, limit: number, exclude?: (example: KnownQuestion) => boolean): ExampleHit[] {
    // Searches are synchronous, so one score buffer per index serves them all.
    const scores = this.buffer;
    scores.fill(0);
    const weightOf = (t: string) => (t.startsWith('~') ? EXPANSION_WEIGHT : query.focus?.has(t) ? FOCUS_WEIGHT : 1);
    const ceiling =
      this.words.accumulate(weighted(query.words, weightOf), 1, scores) +
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
