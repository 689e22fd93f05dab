/**
 * @module assistant/cite
 * Turns the learned ranking into what the answer cites: a confident bank entry's own basis first (with the
 * paragraphs it names), then ranked articles the model thinks bear on the question — never those it does not —
 * each quoted at the paragraph that carries the rule, with the revision date when a recent revision changed it.
 */
import type { Citation } from '../knowledge/answer-composer.js';
import { chooseParagraphs } from '../knowledge/paragraph-choice.js';
import type { EntryMatch, RankedArticle } from '../knowledge/learned-retrieval.js';
import { noteStillMatters } from '../knowledge/revision-notes.js';
import type { KnowledgeIndex } from '../knowledge/knowledge-index.js';
import type { TextPipeline } from '../text/text-pipeline.js';

/** What citing needs of the assistant: the statutes (articles, word statistics, revisions) and the word splitter. */
export interface CiteDeps {
  index: Pick<KnowledgeIndex, 'fields' | 'findArticle' | 'revisionNote' | 'upcoming'>;
  pipeline: Pick<TextPipeline, 'segment' | 'isStopword'>;
}

/** Articles cited per answer (best first). */
export const CITATION_COUNT = 5;
/**
 * Below this probability an article is not cited: on held-out real questions almost no gold article ranks
 * under it, and what does rank there is mostly unrelated law (融资租赁 for a cracked wall).
 */
export const CITE_MIN = 0.04;

/** A bank entry whose answer is given as the direct answer when the entry-match model is at least this sure. */
export const ENTRY_MIN = 0.6;

/** Provisions that lead the citations: a confident entry's basis, or the cited provisions of the guide item that answers. */
export type LeadBasis = Array<{ law: string; article: number; paragraphs?: number[]; items?: number[] }>;

/** What an answer cites, in order: the lead basis, then ranked articles that bear on the question. */
export function citationOrder(articles: RankedArticle[], lead: EntryMatch | LeadBasis | null, citeMin = CITE_MIN): Array<{ law: string; article: number; fixed?: { paragraphs?: number[]; items?: number[] } }> {
  const picked: Array<{ law: string; article: number; fixed?: { paragraphs?: number[]; items?: number[] } }> = [];
  const seen = new Set<string>();
  const add = (law: string, article: number, fixed?: { paragraphs?: number[]; items?: number[] }) => {
    const key = `${law}#${article}`;
    if (seen.has(key) || picked.length >= CITATION_COUNT) return;
    seen.add(key);
    picked.push({ law, article, fixed });
  };
  // The entry's basis comes first, the provision the ranker finds most relevant leading it.
  const probability = new Map(articles.map((a) => [`${a.law}#${a.article}`, a.probability]));
  const leadBasis = Array.isArray(lead) ? lead : lead?.entry.basis ?? [];
  const basis = [...leadBasis].sort((a, b) => (probability.get(`${b.law}#${b.article}`) ?? 0) - (probability.get(`${a.law}#${a.article}`) ?? 0));
  for (const b of basis) add(b.law, b.article, b);
  for (const a of articles) if (a.probability >= citeMin) add(a.law, a.article);
  return picked;
}

/** Below ENTRY_MIN but at least this sure, the entry's answer is offered as a reading ("如果您问的是…"), not as the answer. */
export const ENTRY_TENTATIVE = 0.35;

/** The top entry when the entry-match model is at least `entryMin` sure (ENTRY_MIN: it leads; ENTRY_TENTATIVE: a reading). */
export function leadingEntry(entries: EntryMatch[], entryMin = ENTRY_MIN): EntryMatch | null {
  const top = entries[0];
  return top && top.probability >= entryMin ? top : null;
}

/** Word splitting and informativeness (idf over the statutes) for matching a question to paragraphs and guide items. */
export function wordWeights({ index, pipeline }: CiteDeps): { segment: (t: string) => string[]; weightOf: (w: string) => number } {
  const fields = index.fields.words;
  const n = fields.docCount;
  return {
    weightOf: (t) => Math.log(1 + (n - fields.df(t) + 0.5) / (fields.df(t) + 0.5)),
    segment: (t) => cachedWords(pipeline, t),
  };
}

/**
 * Statute paragraphs and guide items come back in answer after answer; their words are split once (splitting
 * normalises the text first, which costs more than the rest of choosing a paragraph).
 */
const WORDS = new WeakMap<CiteDeps['pipeline'], Map<string, string[]>>();
const WORDS_KEPT = 20_000;
function cachedWords(pipeline: CiteDeps['pipeline'], text: string): string[] {
  let cache = WORDS.get(pipeline);
  if (!cache) WORDS.set(pipeline, (cache = new Map()));
  let words = cache.get(text);
  if (!words) {
    words = pipeline.segment(text).filter((w) => !pipeline.isStopword(w));
    if (cache.size >= WORDS_KEPT) cache.clear();
    cache.set(text, words);
  }
  return words;
}

export function citationsFor(
  deps: CiteDeps,
  question: string,
  articles: RankedArticle[],
  lead: { entry: EntryMatch | null; basis: LeadBasis | null; answer: string | null },
  today: string,
): Citation[] {
  const { segment, weightOf } = wordWeights(deps);
  const queryText = lead.answer ? `${question}\n${lead.answer}` : question;
  return citationOrder(articles, lead.entry ?? lead.basis).flatMap(({ law, article, fixed }) => {
    const doc = deps.index.findArticle(law, article);
    if (!doc) return [];
    const choice = chooseParagraphs(doc.text, queryText, segment, weightOf, fixed);
    const note = deps.index.revisionNote(law, article);
    const upcoming = deps.index.upcoming(law);
    return [{
      law, article, label: doc.label!, paragraphs: choice.paragraphs, text: choice.text, version: doc.version, effectiveFrom: doc.effectiveFrom,
      ...(note && noteStillMatters(note.effectiveFrom, today) ? { revisedOn: note.effectiveFrom } : {}),
      ...(upcoming && upcoming.effectiveFrom > today ? { changesOn: upcoming.effectiveFrom } : {}),
    }];
  });
}
