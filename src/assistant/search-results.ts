/**
 * @module assistant/search-results
 * Document search as every interface answers it (`POST /api/v1/search`, `lawline search`): the question is
 * recognised first so its topic scores steer the ranking, and each hit is shown in one shape.
 */
import type { Retriever } from '../knowledge/retrieval.js';
import type { SearchDoc } from '../knowledge/search-documents.js';
import type { Recognizer } from '../understanding/recognizer.js';
import type { SearchRequest } from './requests.js';

/** One ranked document. `law` and `article` are set for statute articles. */
export type SearchResult = Pick<SearchDoc, 'kind' | 'ref' | 'title' | 'law' | 'article' | 'text'> & { score: number };

/** Hits shown when the request names no limit. */
const DEFAULT_LIMIT = 10;

/** What searching needs of the assistant. */
export interface SearchDeps { recognise: Recognizer; retriever: Pick<Retriever, 'searchAnalysed'> }

export function searchResults({ recognise, retriever }: SearchDeps, { text, kind, limit }: SearchRequest): { results: SearchResult[] } {
  const r = recognise(text);
  const hits = retriever.searchAnalysed(r.analysed, { kind, limit: limit ?? DEFAULT_LIMIT, topics: r.domainScores });
  return {
    results: hits.map((h) => ({
      kind: h.doc.kind, ref: h.doc.ref, title: h.doc.title, law: h.doc.law, article: h.doc.article,
      text: h.doc.text, score: Math.round(h.score * 1000) / 1000,
    })),
  };
}
