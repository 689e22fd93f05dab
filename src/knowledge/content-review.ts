/**
 * @module knowledge/content-review
 * Review that cannot go stale: curated content (guides, cases, question-bank entries) records the version of
 * each law it cites as read. When a newer version of a cited law is in force, the content is stale until a
 * person re-reads it: the problem names the content, the law, both versions and what became of each cited
 * article (renumbered, reworded, removed), so the reviewer knows where to look.
 */
import { changeOfOld, diffArticles, type ArticleChange } from './law-diff.js';
import type { LawBook } from './law-book.js';
import { versionId } from './law-versions.js';
import type { ReviewRecord } from './schemas/review.js';

/** A piece of content and what it cites, as read from its file. */
export interface ReviewedContent {
  /** Repository-relative file, e.g. knowledge/guides/commercial-arbitration.yaml. */
  file: string;
  reviewed: ReviewRecord | null;
  cites: Array<{ law: string; article: number }>;
}

export interface StaleFinding { file: string; law: string; message: string }

const CHANGE_ZH: Record<ArticleChange['kind'], string> = {
  unchanged: 'unchanged', renumbered: 'renumbered', reworded: 'reworded', 'renumbered-reworded': 'renumbered and reworded',
  added: 'added', removed: 'removed',
};

function describeCited(change: ArticleChange | undefined, article: number): string {
  if (!change) return `article ${article}: not found in the version reviewed`;
  if (change.kind === 'removed') return `article ${article}: removed`;
  const to = change.to!.number;
  if (change.kind === 'unchanged') return `article ${article}: unchanged`;
  return `article ${article} → ${to}: ${CHANGE_ZH[change.kind]}`;
}

/** Every way the content's review lags the law in force. Empty when all of it was read against today's law. */
export function reviewFindings(items: ReviewedContent[], book: LawBook): StaleFinding[] {
  const out: StaleFinding[] = [];
  const diffs = new Map<string, ArticleChange[]>();
  for (const item of items) {
    if (!item.reviewed) {
      out.push({ file: item.file, law: '', message: 'never reviewed: read it against the law in force, then run `lawline laws reviewed <file>`' });
      continue;
    }
    const laws = [...new Set(item.cites.map((c) => c.law))];
    for (const law of laws) {
      const current = book.current(law);
      if (!current) continue; // reported by the citation checks
      const now = versionId(current);
      const read = item.reviewed.laws[law];
      if (read === undefined) {
        out.push({ file: item.file, law, message: `reviewed.laws has no version of ${law}: read the content against ${law} ${now}, then run \`lawline laws reviewed <file>\`` });
        continue;
      }
      if (read === now) continue;
      const old = book.version(law, read);
      const since = current.effectiveFrom ? `in force since ${current.effectiveFrom}` : 'in force';
      if (!old) {
        out.push({ file: item.file, law, message: `reviewed against ${law} ${read}, a version knowledge/laws does not hold; ${now} is ${since}: re-read and mark reviewed` });
        continue;
      }
      const key = `${law}|${read}|${now}`;
      if (!diffs.has(key)) diffs.set(key, diffArticles(old.articles, current.articles));
      const changes = diffs.get(key)!;
      const cited = [...new Set(item.cites.filter((c) => c.law === law).map((c) => c.article))].sort((a, b) => a - b);
      const detail = cited.map((n) => describeCited(changeOfOld(changes, n), n)).join('; ');
      out.push({
        file: item.file,
        law,
        message: `cites ${law} as reviewed against ${read}, superseded by ${now} (${since}): ${detail}. ` +
          'Article numbers in the content are those of the version reviewed; re-read, update the citations, then mark reviewed',
      });
    }
  }
  return out;
}

/** The review record a reviewer's mark writes: today, and the version in force of each cited law. */
export function freshReview(cites: Array<{ law: string }>, book: LawBook, today: string): ReviewRecord {
  const laws: Record<string, string> = {};
  for (const law of [...new Set(cites.map((c) => c.law))].sort()) {
    const current = book.current(law);
    if (current) laws[law] = versionId(current);
  }
  return { on: today, laws };
}
