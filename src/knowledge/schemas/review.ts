/**
 * @module knowledge/schemas/review
 * The review record every piece of curated legal content carries (guides, cases, question-bank entries): the
 * day a person last read it against the law, and the version of each law it cites as read then. When a
 * cited law moves on, `npm run validate:data` fails until the content is re-read and the record updated
 * (`lawline laws reviewed <file>`).
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const reviewRecordSchema = z
  .object({
    /** The day it was last read against the cited law. */
    on: isoDate,
    /** Law title → the version read (its version date, see knowledge/law-versions.ts versionId). */
    laws: z.record(z.string().min(1), z.string().min(1)),
  })
  .strict();

export type ReviewRecord = z.infer<typeof reviewRecordSchema>;
