/**
 * @module tools/bench/fixtures
 * Question texts for the benchmark, read from the held-out dev sets in test/fixtures and cycled to a fixed count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../../config/paths.js';

const lineSchema = z.object({ text: z.string().trim().min(1, 'text must not be empty') }).passthrough();

/** The `text` field of every line of test/fixtures/<name>; throws naming the file, line and field. */
export function readFixtureTexts(name: string): string[] {
  const file = join(REPO_ROOT, 'test', 'fixtures', name);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), no: i + 1 }))
    .filter(({ line }) => line)
    .map(({ line, no }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        throw new Error(`${file} line ${no}: not valid JSON (${(err as Error).message})`);
      }
      const r = lineSchema.safeParse(parsed);
      if (!r.success) throw new Error(`${file} line ${no}: field "text": ${r.error.issues[0]?.message ?? 'invalid'}`);
      return r.data.text;
    });
}

/** `count` texts taken from `texts` in order, starting over at the end. */
export function cycle(texts: string[], count: number): string[] {
  if (texts.length === 0) throw new Error('cannot cycle an empty question set');
  return Array.from({ length: count }, (_, i) => texts[i % texts.length] as string);
}
