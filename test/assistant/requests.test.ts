import { describe, expect, it } from 'vitest';
import { askRequestSchema, MAX_TEXT_LENGTH, searchRequestSchema } from '../../src/assistant/requests.js';
import { formatZodIssues } from '../../src/errors.js';

function error(schema: typeof askRequestSchema | typeof searchRequestSchema, body: unknown): string {
  const r = schema.safeParse(body);
  if (r.success) throw new Error('expected a validation error');
  return formatZodIssues(r.error);
}

describe('request schemas', () => {
  it('accepts a question up to the limit', () => {
    expect(askRequestSchema.parse({ text: '工资' }).text).toBe('工资');
    expect(askRequestSchema.safeParse({ text: '字'.repeat(MAX_TEXT_LENGTH) }).success).toBe(true);
  });

  it('names the field and the problem', () => {
    expect(error(askRequestSchema, {})).toBe('text: text is required');
    expect(error(askRequestSchema, { text: 42 })).toBe('text: text must be a string');
    expect(error(askRequestSchema, { text: '   ' })).toBe('text: text must not be empty');
    expect(error(askRequestSchema, { text: '字'.repeat(MAX_TEXT_LENGTH + 1) })).toBe(`text: text is too long (at most ${MAX_TEXT_LENGTH} characters)`);
  });

  it('search accepts only known kinds and limits 1–50', () => {
    expect(searchRequestSchema.parse({ text: '工资', kind: 'guide', limit: 5 })).toEqual({ text: '工资', kind: 'guide', limit: 5 });
    expect(error(searchRequestSchema, { text: '工资', kind: 'law' })).toMatch(/^kind: /);
    expect(error(searchRequestSchema, { text: '工资', limit: 0 })).toMatch(/^limit: /);
    expect(error(searchRequestSchema, { text: '工资', limit: 51 })).toMatch(/^limit: /);
    expect(error(searchRequestSchema, { text: '工资', limit: 2.5 })).toMatch(/^limit: /);
  });
});
