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
import type { Lawline } from './lawline.js';

/** Articles cited per answer (best first). */
export const CITATION_COUNT = 5;
/**
 * Below this probability an article is not cited: on held-out real questions almost no gold article ranks
 * under it, and what does rank there is mostly unrelated law (融资租赁 for a cracked wall).
 */
export const CITE_MIN = 0.04;

export function citationsFor(
  lawline: Lawline,
  question: string,
  articles: RankedArticle[],
  entry: EntryMatch | null,
  today: string,
): Citation[] {
  const fields = lawline.index.fields.words;
  const n = fields.docCount;
  const weightOf = (t: string) => Math.log(1 + (n - fields.df(t) + 0.5) / (fields.df(t) + 0.5));
  const segment = (t: string) => lawline.pipeline.segment(t).filter((w) => !lawline.pipeline.isStopword(w));
  const queryText = entry ? `${question}\n${entry.entry.answer}` : question;
  const picked: Array<{ law: string; article: number; fixed?: { paragraphs?: number[]; items?: number[] } }> = [];
  const seen = new Set<string>();
  const add = (law: string, article: number, fixed?: { paragraphs?: number[]; items?: number[] }) => {
    const key = `${law}#${article}`;
    if (seen.has(key) || picked.length >= CITATION_COUNT) return;
    seen.add(key);
    picked.push({ law, article, fixed });
  };
  for (const b of entry?.entry.basis ?? []) add(b.law, b.article, b);
  for (const a of articles) if (a.probability >= CITE_MIN) add(a.law, a.article);
  return picked.flatMap(({ law, article, fixed }) => {
    const doc = lawline.index.findArticle(law, article);
    if (!doc) return [];
    const choice = chooseParagraphs(doc.text, queryText, segment, weightOf, fixed);
    const note = lawline.index.revisionNote(law, article);
    return [{
      law, article, label: doc.label!, paragraphs: choice.paragraphs, text: choice.text, version: doc.version, effectiveFrom: doc.effectiveFrom,
      ...(note && noteStillMatters(note.effectiveFrom, today) ? { revisedOn: note.effectiveFrom } : {}),
    }];
  });
}
