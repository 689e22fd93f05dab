/**
 * @module upkeep/resolve-request
 * Body of `POST /api/v1/upkeep/:id/resolve`: what a staff member does with a queue item. One shape per action:
 * - `add_phrasing {entryId, question?}` files the question (default: the item's) under an existing entry;
 * - `new_entry {topic, questions, answer, basis: [{law, article, paragraph?}], id?, guides?}` writes an entry (the
 *   item's question is one of its phrasings);
 * - `synonym {synonym: {terms, legal}}` or `synonym {rewrite: {from, to}}` adds a synonym line or a dialect rewrite;
 * - `dismiss {reason}` closes it without an edit.
 */
import { z } from 'zod';
import { TOPIC_LABELS } from '../vocabulary.js';
import { dialectRewriteSchema, synonymEntrySchema } from '../text/lexicon.js';
import { basisRefSchema } from './basis-check.js';

const text = (max: number) => z.string({ required_error: 'required', invalid_type_error: 'expected text' }).trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const resolveRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add_phrasing'), entryId: text(100), question: text(300).optional() }).strict(),
  z.object({
    action: z.literal('new_entry'),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case (a-z, 0-9, -)').max(80).optional(),
    topic: z.enum(TOPIC_LABELS, { errorMap: () => ({ message: `expected one of the topics: ${TOPIC_LABELS.join(', ')}` }) }),
    questions: z.array(text(300), { required_error: 'required', invalid_type_error: 'expected a list of phrasings' }).max(30),
    answer: text(1000),
    basis: z.array(basisRefSchema, { required_error: 'required', invalid_type_error: 'expected a list of {law, article, paragraph?}' }).min(1, 'name at least one provision').max(10),
    guides: z.array(text(100)).max(5).optional(),
  }).strict(),
  // Exactly one of the two: checked where the edit is made (a discriminated union takes plain objects only).
  z.object({ action: z.literal('synonym'), synonym: synonymEntrySchema.strict().optional(), rewrite: dialectRewriteSchema.strict().optional() }).strict(),
  z.object({ action: z.literal('dismiss'), reason: text(500) }).strict(),
], { errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: 'expected add_phrasing, new_entry, synonym or dismiss' } : { message: ctx.defaultError }) });

export type ResolveRequest = z.infer<typeof resolveRequestSchema>;
