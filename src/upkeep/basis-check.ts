/**
 * @module upkeep/basis-check
 * Whether a provision a staff member cites exists in the law in force: the law, the article, and the paragraph
 * (款) when one is named. The workspace asks as the basis is typed; a new entry is refused (400 naming the field)
 * when any of its basis does not resolve.
 */
import { z } from 'zod';
import { articleParagraphs } from '../knowledge/article-structure.js';

/** A basis as staff give it: `{law, article, paragraph?}` (law without the 中华人民共和国 prefix). */
export const basisRefSchema = z.object({
  law: z.string({ required_error: 'required', invalid_type_error: 'expected the law\'s title' }).trim().min(1, 'must not be empty').max(200)
    .refine((s) => !s.startsWith('中华人民共和国'), 'drop the 中华人民共和国 prefix'),
  article: z.coerce.number({ required_error: 'required', invalid_type_error: 'expected an article number' }).int('must be a whole number').positive('must be at least 1'),
  paragraph: z.coerce.number({ invalid_type_error: 'expected a paragraph number' }).int('must be a whole number').positive('must be at least 1').optional(),
}).strict();
export type BasisRef = z.infer<typeof basisRefSchema>;

/** The statutes as the knowledge index holds them (current versions only). */
export interface ArticleLookup {
  findArticle(law: string, article: number): { label: string | null; text: string; version: string | null } | undefined;
}

export type BasisCheck =
  | { ok: true; law: string; article: number; paragraph: number | null; label: string; text: string; version: string | null }
  | { ok: false; law: string; article: number; paragraph: number | null; problem: string };

/** @example checkBasis(lawline.index, { law: '民法典', article: 1245 }) → { ok: true, label: '第一千二百四十五条', … } */
export function checkBasis(articles: ArticleLookup, ref: BasisRef): BasisCheck {
  const base = { law: ref.law, article: ref.article, paragraph: ref.paragraph ?? null };
  const doc = articles.findArticle(ref.law, ref.article);
  if (!doc) return { ...base, ok: false, problem: `${ref.law} has no article ${ref.article} in force (check the title, without 中华人民共和国, and the number)` };
  const paragraphs = articleParagraphs(doc.text);
  if (ref.paragraph !== undefined && !paragraphs[ref.paragraph - 1]) {
    return { ...base, ok: false, problem: `${ref.law} article ${ref.article} has ${paragraphs.length} paragraph(s), not ${ref.paragraph}` };
  }
  const text = ref.paragraph !== undefined ? paragraphs[ref.paragraph - 1]!.text : doc.text;
  return { ...base, ok: true, label: doc.label ?? `第${ref.article}条`, text, version: doc.version };
}
