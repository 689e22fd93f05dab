/**
 * Runs every scenario in test/fixtures/eligibility-dev.jsonl. The expectations there were written from the
 * statutes (法律援助法, 粤府令第268号), not from this engine's output, so a mismatch is a finding to examine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { checkEligibility } from '../../src/eligibility/check-eligibility.js';
import { matters } from '../../src/eligibility/schema.js';
import { shipped } from './helpers.js';

const FILE = fileURLToPath(new URL('../fixtures/eligibility-dev.jsonl', import.meta.url));

const lineSchema = z
  .object({
    input: z.object({ id: z.string(), matter: z.string() }).passthrough(),
    expected: z.object({
      decision: z.enum(['eligible', 'not_eligible', 'needs_review']),
      meansTest: z.enum(['passed', 'failed', 'exempt', 'verification_waived', 'unknown']).nullable(),
    }),
    note: z.string().optional(),
  })
  .strict();

const rows = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l, i) => {
    const parsed = lineSchema.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`${FILE}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data;
  });

describe('eligibility dev set', () => {
  test('has at least 80 scenarios with unique ids covering every matter and outcome', () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(new Set(rows.map((r) => r.input.id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.input.matter))).toEqual(new Set(matters));
    expect(new Set(rows.map((r) => r.expected.meansTest))).toEqual(
      new Set(['passed', 'failed', 'exempt', 'verification_waived', 'unknown', null]),
    );
  });

  test.each(rows.map((r) => [`${r.input.id} ${r.note ?? ''}`, r] as const))('%s', (_name, row) => {
    const result = checkEligibility(row.input, shipped);
    expect({ decision: result.decision, meansTest: result.meansTest }).toEqual(row.expected);
  });
});
