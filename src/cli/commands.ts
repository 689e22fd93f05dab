/**
 * @module cli/commands
 * The JSON-lines sub-commands of `bin/lawline`: ask, classify, eligibility, search — each line's result in the
 * shape the HTTP API answers with (the assistant's own result; search-results.ts for search), plus the line's id.
 */
import { z } from 'zod';
import type { Answerer, EligibilityChecker, Recogniser, Searcher } from '../assistant/services.js';
import { askRequestSchema, searchRequestSchema } from '../assistant/requests.js';
import { searchResults } from '../assistant/search-results.js';
import { formatZodIssues, InputError } from '../errors.js';
import type { LineHandler } from './json-lines.js';

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(formatZodIssues(r.error));
  return r.data;
}

export function lineHandlers(lawline: Answerer & Recogniser & Searcher & EligibilityChecker): Record<string, LineHandler> {
  return {
    ask: async (line) => {
      const { text } = parse(askRequestSchema, line);
      return lawline.ask(text);
    },
    classify: (line) => {
      const { text } = parse(askRequestSchema, line);
      return lawline.classify(text);
    },
    eligibility: (line) => {
      const { id: _id, ...result } = lawline.eligibility(line);
      return result;
    },
    // The same results, in the same shape, as POST /api/v1/search.
    search: (line) => searchResults(lawline, parse(searchRequestSchema, line)),
  };
}
