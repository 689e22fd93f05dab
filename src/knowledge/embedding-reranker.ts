/**
 * @module knowledge/embedding-reranker
 * The embedding stage of retrieval: re-orders the top lexical candidates by fusing their lexical rank with
 * their cosine rank against the query. Document vectors are computed lazily — only for candidates, once —
 * because embedding all ~63k articles on two cores would take hours.
 */
import type { Logger } from '../logging/logger.js';
import { openEmbeddingCache, type CachedDoc, type EmbeddingCache } from '../storage/embedding-cache.js';
import { createEmbedder, inspectModelFolder, modelFingerprint, type Embedder } from './embeddings.js';
import { fuseRanks, RRF_K } from './rank-fusion.js';
import type { Reranker, SearchHit } from './retrieval.js';

export interface FusionWeights { lexical: number; embedding: number }

export interface RerankerOptions {
  embed: Embedder;
  cache: EmbeddingCache;
  /** Defaults 1:1. */
  weights?: FusionWeights;
  /** Reciprocal-rank constant; default 60. */
  k?: number;
  /** Prepended to queries (bge-zh documents an optional retrieval instruction); default none. */
  queryPrefix?: string;
  /** Characters of a document that are embedded (a BERT model reads at most 512 tokens). */
  maxChars?: number;
  /** Documents per model call; sorted by length first so padding stays small. */
  batchSize?: number;
  log?: Logger;
}

/** What is embedded for a document: its title (law and article number, or guide/case title) and text. */
export function embeddingText(hit: SearchHit, maxChars: number): CachedDoc {
  return { ref: hit.doc.ref, text: [hit.doc.title, hit.doc.text].filter(Boolean).join('\n').slice(0, maxChars) };
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** A Reranker over `embed` with document vectors cached in `cache`. On a model error it keeps the lexical order. */
export function createEmbeddingReranker(options: RerankerOptions): Reranker {
  const { embed, cache, log } = options;
  const weights = options.weights ?? { lexical: 1, embedding: 1 };
  const maxChars = options.maxChars ?? 510;
  const batchSize = options.batchSize ?? 16;

  async function docVectors(docs: CachedDoc[]): Promise<Float32Array[]> {
    const vectors = cache.get(docs);
    const missing = docs.map((_doc, i) => i).filter((i) => !vectors[i]).sort((a, b) => docs[a]!.text.length - docs[b]!.text.length);
    for (let start = 0; start < missing.length; start += batchSize) {
      const batch = missing.slice(start, start + batchSize);
      const computed = await embed(batch.map((i) => docs[i]!.text));
      batch.forEach((i, j) => { vectors[i] = computed[j]; });
      cache.put(batch.map((i, j) => ({ ...docs[i]!, vector: computed[j]! })));
    }
    return vectors as Float32Array[];
  }

  return async (query, candidates) => {
    const lexical = candidates.map((h) => h.id);
    if (candidates.length < 2) return lexical;
    try {
      const [q] = await embed([(options.queryPrefix ?? '') + query]);
      const vectors = await docVectors(candidates.map((h) => embeddingText(h, maxChars)));
      const cosine = candidates.map((h, i) => ({ id: h.id, i, sim: dot(q!, vectors[i]!) }));
      cosine.sort((a, b) => b.sim - a.sim || a.i - b.i);
      return fuseRanks([
        { ids: lexical, weight: weights.lexical },
        { ids: cosine.map((c) => c.id), weight: weights.embedding },
      ], options.k ?? RRF_K);
    } catch (err) {
      log?.warn('embedding rerank failed; lexical order kept', { error: err as Error });
      return lexical;
    }
  };
}

/** A reranker whose model loads in the background; `rerank` waits for it, or keeps lexical order if loading failed. */
export interface LoadedReranker {
  rerank: Reranker;
  /** Resolves true once the model is usable, false if it could not be loaded (already logged). */
  ready: Promise<boolean>;
  close(): void;
}

export interface LoadRerankerOptions extends Omit<RerankerOptions, 'embed' | 'cache'> {
  modelDir: string;
  dataDir: string;
  log: Logger;
}

/** Starts loading the model in `modelDir` and opens its vector cache under `dataDir`. Never rejects. */
export function loadEmbeddingReranker(options: LoadRerankerOptions): LoadedReranker {
  const { modelDir, dataDir, log } = options;
  let cache: EmbeddingCache | undefined;
  let rerank: Reranker | undefined;
  let closed = false;
  const started = Date.now();
  const ready = (async () => {
    try {
      const { dir, quantized } = inspectModelFolder(modelDir);
      const fingerprint = modelFingerprint(dir);
      const embed = await createEmbedder(dir);
      if (closed) return false; // the assistant shut down while the model was loading
      cache = openEmbeddingCache(dataDir, fingerprint);
      rerank = createEmbeddingReranker({ ...options, embed, cache });
      log.info('embedding model loaded', { dir, quantized, fingerprint, cachedVectors: cache.count(), ms: Date.now() - started });
      return true;
    } catch (err) {
      log.error('embedding model unavailable; retrieval is lexical only', { modelDir, error: (err as Error).message });
      return false;
    }
  })();
  return {
    ready,
    rerank: async (query, candidates) => ((await ready) && rerank ? rerank(query, candidates) : candidates.map((h) => h.id)),
    close: () => {
      closed = true;
      cache?.close();
    },
  };
}
