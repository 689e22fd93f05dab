/**
 * @module read-yaml-file
 * Reads one YAML data file and validates it with a zod schema; any problem becomes a DataFileError naming the
 * file and the field, the way every loader of knowledge/, intents/ and case-library/ reports it.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DataFileError, formatZodIssues } from './errors.js';

export function readYamlFile<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataFileError(file, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new DataFileError(file, formatZodIssues(result.error));
  return result.data;
}
