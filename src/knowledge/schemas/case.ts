/**
 * @module knowledge/schemas/case
 * Zod schema for typical cases in case-library/<year>/<id>.yaml.
 */
import { z } from 'zod';
import { TOPIC_LABELS } from '../../vocabulary.js';
import { reviewRecordSchema } from './review.js';

/** The 20 topic labels fixed in docs/architecture.md. */
export { TOPIC_LABELS } from '../../vocabulary.js';

export const topicSchema = z.enum(TOPIC_LABELS);

/** A `{law, article}` reference; `law` is the statute title without 中华人民共和国. */
export const lawRefSchema = z
  .object({ law: z.string().min(1), article: z.number().int().positive() })
  .strict();

export const caseSchema = z
  .object({
    /** Stable slug "<year>-<set>-<nn>", also the file name. */
    id: z.string().regex(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*-\d{2}$/),
    /** Library year: the year the case set was published (see yearBasis). */
    year: z.number().int().min(1990).max(2100),
    /**
     * How the year was found: "published" = a publication date printed with the case;
     * "latest-year-in-set" = no date printed, so the latest year mentioned anywhere in the set's texts
     * (a lower bound for the publication year).
     */
    yearBasis: z.enum(['published', 'latest-year-in-set']),
    title: z.string().min(1),
    /** The case name ("孙银山诉南京欧尚超市…案") when the source gives one apart from the title. */
    caseName: z.string().min(1).nullable(),
    /** Publisher and date as printed in the source header, when present. */
    publisher: z.string().min(1).nullable(),
    publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    topic: topicSchema,
    keywords: z.array(z.string().min(1)).min(5).max(10),
    facts: z.string().min(1),
    outcome: z.string().min(1).nullable(),
    reasoning: z.string().min(1).nullable(),
    significance: z.string().min(1).nullable(),
    citedArticles: z.array(lawRefSchema),
    /** Source path relative to the LawRefBook-Laws snapshot. */
    source: z.string().min(1),
    /** When its citations were last read against the law (null: never; an import keeps it while they are unchanged). */
    reviewed: reviewRecordSchema.nullable(),
  })
  .strict();

export type Topic = z.infer<typeof topicSchema>;
export type LawRef = z.infer<typeof lawRefSchema>;
export type Case = z.infer<typeof caseSchema>;
