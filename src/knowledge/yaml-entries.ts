/**
 * @module knowledge/yaml-entries
 * Reading data kept as one YAML file per entry (guides, question-bank entries): each file parsed and validated,
 * its id equal to its file name and unique. Every problem is collected with its file and field, so one run
 * shows all of them, and the good files still load.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';

export interface YamlEntries<T> { items: Array<{ value: T; file: string }>; problems: string[] }

/** Parses and validates `files` (`full` path, `file` as named in problems) with `schema`. */
export function readYamlEntries<T extends { id: string }>(files: Array<{ full: string; file: string }>, schema: z.ZodType<T, z.ZodTypeDef, unknown>): YamlEntries<T> {
  const items: Array<{ value: T; file: string }> = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { full, file } of files) {
    let raw: unknown;
    try {
      raw = parse(readFileSync(full, 'utf8'));
    } catch (err) {
      problems.push(`${file}: YAML parse error: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      continue;
    }
    const value = result.data;
    const stem = basename(full, extname(full));
    if (value.id !== stem) problems.push(`${file}: id: "${value.id}" must equal the file name "${stem}"`);
    const earlier = seen.get(value.id);
    if (earlier) problems.push(`${file}: id: "${value.id}" already used by ${earlier}`);
    seen.set(value.id, file);
    items.push({ value, file });
  }
  return { items, problems };
}
