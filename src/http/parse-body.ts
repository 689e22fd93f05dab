/**
 * @module http/parse-body
 * Parses a request body with a zod schema, or throws an InputError (400) naming the field. Lives below the routes
 * and channel endpoints that share it, so none of them reaches up into src/server/.
 */
import type { z } from 'zod';
import { formatZodIssues, InputError } from '../errors.js';

export function parseBody<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError('request body must be a JSON object (Content-Type: application/json)');
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new InputError(formatZodIssues(result.error));
  return result.data;
}
