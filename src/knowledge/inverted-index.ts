/**
 * @module knowledge/inverted-index
 * BM25 over one field of the knowledge index. Postings are read lazily term by term from the stored index
 * (storage/knowledge-index-store.ts), so start-up costs nothing and a query touches only its own postings.
 */
import type { Postings, PostingsSource } from '../storage/knowledge-index-store.js';

/** One query term with its weight (a citizen's own word 1.0, a synonym expansion less). */
export interface WeightedTerm { term: string; weight: number }

const K1 = 1.2;
const B = 0.75;

/** Read side of one field: BM25 scores for weighted terms. */
export class FieldScorer {
  private readonly lengths: Uint32Array;
  private readonly avgLength: number;
  /** BM25's length normalisation per document, computed once rather than per posting. */
  private readonly norms: Float64Array;
  private readonly cache = new Map<string, (Postings & { idf: number }) | null>();

  constructor(private readonly source: PostingsSource) {
    this.lengths = source.lengths;
    let total = 0;
    for (const l of this.lengths) total += l;
    this.avgLength = total / Math.max(1, this.lengths.length) || 1;
    this.norms = Float64Array.from(this.lengths, (l) => K1 * (1 - B + (B * l) / this.avgLength));
  }

  get docCount(): number { return this.lengths.length; }

  /** Document frequency of a term (0 if unseen). */
  df(term: string): number { return this.postings(term)?.docs.length ?? 0; }

  /** Adds weight × BM25 of each term into `scores` (indexed by doc id), restricted to docs where `allow` is 1. */
  accumulate(terms: WeightedTerm[], weight: number, scores: Float64Array, allow?: Uint8Array): void {
    for (const { term, weight: tw } of terms) {
      const p = this.postings(term);
      if (!p) continue;
      const w = weight * tw * p.idf * (K1 + 1);
      const { docs, tfs } = p;
      const norms = this.norms;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (allow && !allow[d]) continue;
        const tf = tfs[i]!;
        scores[d]! += (w * tf) / (tf + norms[d]!);
      }
    }
  }

  private postings(term: string): (Postings & { idf: number }) | null {
    const hit = this.cache.get(term);
    if (hit !== undefined) return hit;
    const read = this.source.read(term);
    const n = this.lengths.length;
    const value = read && { ...read, idf: Math.log(1 + (n - read.docs.length + 0.5) / (read.docs.length + 0.5)) };
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(term, value);
    return value;
  }
}
