/**
 * @module knowledge/law-book
 * Look-ups over the loaded statutes for validation and review: the version in force of a title, an article of
 * it, its paragraphs, and every version of a title (oldest first) for diffs.
 */
import { articleParagraphs } from './article-structure.js';
import { versionId } from './law-versions.js';
import type { Article, LawFile } from './schemas/law.js';

export interface LawBook {
  /** The version in force of a title, if any. */
  current(title: string): LawFile | undefined;
  /** An article of the version in force (the first with that number). */
  article(title: string, number: number): Article | undefined;
  /** Every version of a title, oldest first, one per version id. */
  versions(title: string): LawFile[];
  /** A version of a title by its id (versionId). */
  version(title: string, id: string): LawFile | undefined;
  /** Why a citation does not resolve, or null when it does (law in force, article, paragraphs, items). */
  citationProblem(ref: { law: string; article: number; paragraphs?: number[]; items?: number[] }): string | null;
}

export function createLawBook(laws: LawFile[]): LawBook {
  const byTitle = new Map<string, LawFile[]>();
  for (const l of laws) byTitle.set(l.title, [...(byTitle.get(l.title) ?? []), l]);
  const current = new Map<string, LawFile>();
  for (const l of laws) if (l.status === 'current' && !current.has(l.title)) current.set(l.title, l);
  const article = (title: string, n: number) => current.get(title)?.articles.find((a) => a.number === n);
  const versions = (title: string) => {
    const seen = new Set<string>();
    return [...(byTitle.get(title) ?? [])]
      .sort((a, b) => ((a.effectiveFrom ?? a.versionDate ?? '') < (b.effectiveFrom ?? b.versionDate ?? '') ? -1 : 1))
      .filter((l) => (seen.has(versionId(l)) ? false : (seen.add(versionId(l)), true)));
  };
  return {
    current: (title) => current.get(title),
    article,
    versions,
    version: (title, id) => versions(title).find((v) => versionId(v) === id),
    citationProblem(ref) {
      const law = current.get(ref.law);
      if (!law) {
        const known = byTitle.get(ref.law);
        if (!known) return `${ref.law} is not a statute in knowledge/laws (check the title, without 中华人民共和国)`;
        return `${ref.law} has no version in force (${known.map((k) => `${versionId(k)} ${k.status}`).join(', ')})`;
      }
      const a = article(ref.law, ref.article);
      if (!a) return `${ref.law} (${versionId(law)}) has no article ${ref.article}`;
      if (!ref.paragraphs) return null;
      const paras = articleParagraphs(a.text);
      for (const p of ref.paragraphs) {
        if (!paras[p - 1]) return `${ref.law} article ${ref.article} has ${paras.length} paragraph(s), not ${p}`;
      }
      for (const i of ref.items ?? []) {
        const para = paras[ref.paragraphs[0]! - 1]!;
        if (!para.items.some((x) => x.number === i)) return `${ref.law} article ${ref.article} paragraph ${ref.paragraphs[0]} has no item ${i}`;
      }
      return null;
    },
  };
}
