/**
 * @module knowledge/schemas/qa
 * Zod schema of a question-bank entry (knowledge/qa/<topic-slug>/<id>.yaml, one entry per file): the ways
 * citizens ask about one situation, one short answer with the conclusion first, and the provisions behind it
 * down to paragraph (款) and item (项). See ../shared/notes/qa-bank-guide.md and docs/qa-bank.md.
 */
import { z } from 'zod';
import { TOPIC_LABELS } from '../../vocabulary.js';
import { reviewRecordSchema } from './review.js';

const text = z.string().trim().min(1, 'must not be empty');

/** Most answers fit in ~250 characters; beyond this limit it is a guide, not an answer. */
export const QA_ANSWER_MAX = 300;
/** Fewer phrasings than this cannot teach retrieval how people ask. */
export const QA_MIN_QUESTIONS = 5;

/** A provision: law (title without 中华人民共和国), article, and where it matters the paragraphs and items. */
export const qaBasisSchema = z
  .object({
    law: text.refine((s) => !s.startsWith('中华人民共和国'), 'drop the 中华人民共和国 prefix'),
    article: z.number().int().positive(),
    /** 款 numbers (1-based) that carry the rule; omit to cite the whole article. */
    paragraphs: z.array(z.number().int().positive()).min(1).optional(),
    /** 项 numbers within the single paragraph named (e.g. Art. 1079 ¶3 items 1–2). */
    items: z.array(z.number().int().positive()).min(1).optional(),
  })
  .strict()
  .refine((b) => !b.items || b.paragraphs?.length === 1, { message: 'items need exactly one paragraph', path: ['items'] });

/** A figure the answer uses that is not in the cited law, with where it comes from (e.g. the region file). */
export const qaFigureSchema = z.object({ figure: text, source: text }).strict();

export const qaEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case'),
    topic: z.enum(TOPIC_LABELS),
    questions: z.array(text).min(QA_MIN_QUESTIONS, `at least ${QA_MIN_QUESTIONS} phrasings`),
    answer: text.refine((s) => s.length <= QA_ANSWER_MAX, `at most ${QA_ANSWER_MAX} characters; keep the conclusion and the conditions`),
    basis: z.array(qaBasisSchema).min(1),
    guides: z.array(text).default([]),
    cases: z.array(text).default([]),
    figures: z.array(qaFigureSchema).default([]),
    reviewed: reviewRecordSchema,
  })
  .strict();

export type QaBasis = z.infer<typeof qaBasisSchema>;
export type QaEntry = z.infer<typeof qaEntrySchema>;
