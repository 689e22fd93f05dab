/**
 * @module cli/json-lines
 * Runs a handler over JSON lines on stdin and writes one JSON line per input line, in input order. A bad line
 * gets an `{"id", "error"}` line naming the line number (and a note on stderr); the other lines still run.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { formatZodIssues } from '../errors.js';

export type LineHandler = (input: Record<string, unknown> & { id: string | number }) => Promise<object> | object;

const lineSchema = z.object({ id: z.union([z.string(), z.number()], { required_error: 'id is required', invalid_type_error: 'id must be a string or a number' }) }).passthrough();

/** Processes every line of `input`; resolves with counts. Blank lines are skipped. */
export async function runJsonLines(
  handler: LineHandler,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
  errors: Writable = process.stderr,
): Promise<{ ok: number; failed: number }> {
  let lineNo = 0;
  let ok = 0;
  let failed = 0;
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of rl) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    let id: string | number | null = null;
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        throw new Error(`not valid JSON (${(err as Error).message})`);
      }
      if (parsed && typeof parsed === 'object' && 'id' in parsed) {
        const maybe = (parsed as { id: unknown }).id;
        if (typeof maybe === 'string' || typeof maybe === 'number') id = maybe;
      }
      const check = lineSchema.safeParse(parsed);
      if (!check.success) throw new Error(formatZodIssues(check.error));
      const result = await handler(check.data as Record<string, unknown> & { id: string | number });
      output.write(`${JSON.stringify({ id: check.data.id, ...result })}\n`);
      ok++;
    } catch (err) {
      const message = `line ${lineNo}: ${(err as Error).message}`;
      output.write(`${JSON.stringify({ id, error: message })}\n`);
      errors.write(`${message}\n`);
      failed++;
    }
  }
  return { ok, failed };
}
