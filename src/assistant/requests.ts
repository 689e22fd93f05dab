/**
 * @module assistant/requests
 * zod schemas of the questions every interface accepts (HTTP bodies and CLI lines share them).
 */
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../config/limits.js';

/** Longest question accepted (config/limits.ts); longer text gets a clear error. */
export const MAX_TEXT_LENGTH = MAX_MESSAGE_CHARS;

export const questionText = z
  .string({ required_error: 'text is required', invalid_type_error: 'text must be a string' })
  .refine((s) => s.trim().length > 0, 'text must not be empty')
  .refine((s) => s.length <= MAX_TEXT_LENGTH, `text is too long (at most ${MAX_TEXT_LENGTH} characters)`);

export const askRequestSchema = z.object({ text: questionText });
export const classifyRequestSchema = askRequestSchema;
export const searchRequestSchema = z.object({
  text: questionText,
  kind: z.enum(['article', 'guide', 'case']).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;
