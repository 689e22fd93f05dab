/**
 * @module knowledge/retrieval
 * Finds the articles, guides and cases for a citizen's question: BM25 over segmented words (with synonym
 * expansions at a lower weight), character bigrams and headings, multiplied by priors for the kind of instrument
 * and for the laws the question's legal topic leans on; optionally fused with an embedding ranking.
 */
import type { TextPipeline, AnalysedText } from '../text/text-pipeline.js';
import { charBigrams } from '../text/segment.js';
import type { WeightedTerm } from './inverted-index.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import type { DocKind, SearchDoc } from './search-documents.js';
import type { TopicPriors } from './topic-priors.js';

/** A ranked document. `doc` is read from the index on first use (most hits are only counted, not shown). */
export interface SearchHit { id: number; score: number; readonly doc: SearchDoc }

/**
 * Raw field scores of every document, and the ids that scored at all (usually a few thousand of ~63,000),
 * grouped by kind so ranking guides or cases never walks the articles.
 */
export interface ScoredDocs { raw: Float64Array; touched: Int32Array; byKind: Map<DocKind, Int32Array> }

export interface SearchOptions {
  kind?: DocKind;
  limit?: number;
  /** Topic label → probability, from the topic classifier; steers toward that topic's laws. */
  topics?: Record<string, number>;
  /** Laws to favour regardless of topic (e.g. the basis of the guide a service question maps to). */
  boostLaws?: string[];
}

/** Re-ranks lexical candidates (e.g. by embeddings); returns doc ids best first. */
export type Reranker = (query: string, candidates: SearchHit[]) => Promise<number[]>;

/** Weights of the ranking; exported so the evaluation can show what each part contributes. */
export const RANKING = {
  fields: { words: 1.0, bigrams: 0.35, heading: 0.5 },
  expansionWeight: 0.5,
  kindFactor: {
    law: 1.0, judicial_interpretation: 0.85, administrative_regulation: 0.55, departmental_rule: 0.5,
    local_regulation: 0.45, constitution: 0.3,
  } as Record<string, number>,
  topicBoost: 1.5,
  /** Articles the curated guides and cases cite are the ones questions most often turn on. */
  curatedBoost: 0.3,
  /** Laws no topic names (e.g. central-bank or diplomatic-service statutes) rarely answer a citizen. */
  nonCoreFactor: 0.35,
};

export interface Retriever {
  search(text: string, options?: SearchOptions): SearchHit[];
  /** The raw field scores (BM25 over words, bigrams and headings) of every document, before priors: computed once
   * per question and ranked for each kind with {@link rankKind}, so an answer's articles, guides and cases cost
   * one pass over the postings. */
  scoreAll(analysed: AnalysedText): ScoredDocs;  // reuses one buffer: use the result before the next call (no await in between)
  /** Ranks one kind from raw scores, with the kind, topic and law priors of `options` applied. */
  rankKind(scored: ScoredDocs, options: SearchOptions & { kind: DocKind }): SearchHit[];
  /** Same as search, with the analysed text supplied (avoids analysing twice). */
  searchAnalysed(analysed: AnalysedText, options?: SearchOptions): SearchHit[];
  /** Plain character-bigram BM25 over the statutes: the baseline `npm run eval` compares against. */
  baseline(text: string, limit?: number): SearchHit[];
  /** searchAnalysed, then the top `RERANK_DEPTH` lexical hits re-ordered by `reranker` (embeddings). */
  searchFused(analysed: AnalysedText, options: SearchOptions, reranker: Reranker): Promise<SearchHit[]>;
}

/** Lexical candidates handed to the reranker: deep enough to rescue a synonym match, cheap enough to embed. */
export const RERANK_DEPTH = 50;

function uniqueTerms(list: Array<[string, number]>): WeightedTerm[] {
  const map = new Map<string, number>();
  for (const [term, weight] of list) map.set(term, Math.max(map.get(term) ?? 0, weight));
  return [...map].map(([term, weight]) => ({ term, weight }));
}

/** Indexes of the `limit` largest positive scores, best first. */
export function topK(scores: Float64Array, limit: number): number[] {
  const best: number[] = [];
  let floor = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s <= floor && best.length >= limit) continue;
    if (s <= 0) continue;
    best.push(i);
    if (best.length > limit * 4) {
      best.sort((a, b) => scores[b]! - scores[a]!);
      best.length = limit;
      floor = scores[best[limit - 1]!]!;
    }
  }
  best.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return best.slice(0, limit);
}

export function createRetriever(index: KnowledgeIndex, pipeline: TextPipeline, priors: TopicPriors): Retriever {
  const { docs, fields } = index;
  const kindMasks = new Map<DocKind, Uint8Array>();
  for (const kind of ['article', 'guide', 'case'] as DocKind[]) {
    const mask = new Uint8Array(docs.count);
    docs.kind.forEach((k, i) => { if (k === kind) mask[i] = 1; });
    kindMasks.set(kind, mask);
  }
  const lawIdByTitle = new Map(docs.laws.map((l, i) => [l.title, i]));
  const lawKindFactor = Float64Array.from(docs.laws, (l, id) => (RANKING.kindFactor[l.kind] ?? 0.5) * (priors.isCore(id) ? 1 : RANKING.nonCoreFactor));

  function accumulate(analysed: AnalysedText, scores: Float64Array, allow?: Uint8Array): void {
    const wordTerms = uniqueTerms([
      ...analysed.content.map((t) => [t, 1] as [string, number]),
      ...analysed.expansions.map((t) => [t, RANKING.expansionWeight] as [string, number]),
    ]);
    const bigramTerms = uniqueTerms(charBigrams(analysed.content.join(' ')).map((t) => [t, 1]));
    fields.words.accumulate(wordTerms, RANKING.fields.words, scores, allow);
    fields.bigrams.accumulate(bigramTerms, RANKING.fields.bigrams, scores, allow);
    fields.heading.accumulate(wordTerms, RANKING.fields.heading, scores, allow);
  }

  const shared = new Float64Array(docs.count);

  function hit(id: number, score: number): SearchHit {
    let doc: SearchDoc | undefined;
    return { id, score, get doc() { return (doc ??= index.getDoc(id)); } };
  }

  // Ranking reuses these buffers: it runs synchronously and returns fresh hits, so nothing outlives a call.
  const candidateIds = new Int32Array(docs.count);
  const candidateScores = new Float64Array(docs.count);

  function rankKind(scoredDocs: ScoredDocs, options: SearchOptions & { kind?: DocKind }): SearchHit[] {
    const limit = options.limit ?? 10;
    const { raw } = scoredDocs;
    const touched = options.kind ? scoredDocs.byKind.get(options.kind) ?? new Int32Array(0) : scoredDocs.touched;
    const lawBoost = priors.lawWeights(options.topics ?? {}, docs.laws.length);
    for (const title of options.boostLaws ?? []) {
      const id = lawIdByTitle.get(title);
      if (id !== undefined) lawBoost[id] = Math.max(lawBoost[id]!, 1);
    }
    const n = touched.length;
    for (let k = 0; k < n; k++) {
      const i = touched[k]!;
      let s = raw[i]!;
      const law = docs.lawId[i]!;
      if (law >= 0) s *= lawKindFactor[law]! * (1 + RANKING.topicBoost * lawBoost[law]!);
      if (docs.curated[i]) s *= 1 + RANKING.curatedBoost;
      candidateIds[k] = i;
      candidateScores[k] = s;
    }
    const order = topK(candidateScores.subarray(0, n), limit);
    return order.map((k) => hit(candidateIds[k]!, candidateScores[k]!));
  }

  const KINDS: DocKind[] = ['article', 'guide', 'case'];
  const kindCode = Uint8Array.from(docs.kind, (k) => { const c = KINDS.indexOf(k); return c < 0 ? KINDS.length : c; });
  const sharedTouched = new Int32Array(docs.count);
  const sharedByKind = KINDS.map(() => new Int32Array(docs.count));

  /** The ids with a score, overall and per kind; `reuse` writes into the shared buffers (scoreAll's contract). */
  function scored(raw: Float64Array, reuse = false): ScoredDocs {
    const counts = new Int32Array(KINDS.length + 1);
    let total = 0;
    if (!reuse) for (let i = 0; i < raw.length; i++) if (raw[i] !== 0) { total++; counts[kindCode[i]!]!++; }
    const all = reuse ? sharedTouched : new Int32Array(total);
    const perKind = reuse ? sharedByKind : KINDS.map((_, c) => new Int32Array(counts[c]!));
    counts.fill(0);
    let n = 0;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0) continue;
      all[n++] = i;
      const c = kindCode[i]!;
      if (c < KINDS.length) perKind[c]![counts[c]!++] = i;
    }
    return {
      raw, touched: all.subarray(0, n),
      byKind: new Map(KINDS.map((kind, c) => [kind, perKind[c]!.subarray(0, counts[c])])),
    };
  }

  function searchAnalysed(analysed: AnalysedText, options: SearchOptions = {}): SearchHit[] {
    const allow = options.kind ? kindMasks.get(options.kind) : undefined;
    const raw = new Float64Array(docs.count);
    accumulate(analysed, raw, allow);
    return rankKind(scored(raw), options);
  }

  return {
    searchAnalysed,
    scoreAll(analysed) {
      // One buffer for every question (half a megabyte each time otherwise, and the collector's pauses with it).
      shared.fill(0);
      accumulate(analysed, shared);
      return scored(shared, true);
    },
    rankKind,
    search: (text, options) => searchAnalysed(pipeline.analyse(text), options),
    async searchFused(analysed, options, reranker) {
      const limit = options.limit ?? 10;
      const candidates = searchAnalysed(analysed, { ...options, limit: Math.max(limit, RERANK_DEPTH) });
      const byId = new Map(candidates.map((h) => [h.id, h]));
      const order = [...new Set([...(await reranker(analysed.normalised, candidates)), ...byId.keys()])];
      return order.flatMap((id) => byId.get(id) ?? []).slice(0, limit);
    },
    baseline(text, limit = 10) {
      const terms = uniqueTerms(charBigrams(pipeline.analyse(text).normalised).map((t) => [t, 1]));
      const scores = new Float64Array(docs.count);
      fields.bigrams.accumulate(terms, 1, scores, kindMasks.get('article'));
      return topK(scores, limit).map((id) => ({ id, score: scores[id]!, doc: index.getDoc(id) }));
    },
  };
}
