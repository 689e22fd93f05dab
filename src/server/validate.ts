/**
 * @module server/validate
 * Parses a request body with a zod schema, or throws a 400 naming the field.
 */
import type { z } from 'zod';
import { formatZodIssues } from '../errors.js';
import { HttpError } from './http-error.js';

export function parseBody<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'request body must be a JSON object (Content-Type: application/json)');
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, formatZodIssues(result.error));
  return result.data;
}
