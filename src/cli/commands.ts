/**
 * @module cli/commands
 * The JSON-lines sub-commands of `bin/lawline`: ask, classify, eligibility, search.
 */
import { z } from 'zod';
import type { Answerer, EligibilityChecker, Recogniser, Searcher } from '../assistant/services.js';
import { askRequestSchema, searchRequestSchema } from '../assistant/requests.js';
import { searchResults } from '../assistant/search-results.js';
import { formatZodIssues } from '../errors.js';
import type { LineHandler } from './json-lines.js';

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(formatZodIssues(r.error));
  return r.data;
}

export function lineHandlers(lawline: Answerer & Recogniser & Searcher & EligibilityChecker): Record<string, LineHandler> {
  return {
    ask: async (line) => {
      const { text } = parse(askRequestSchema, line);
      const { answer, direct, faq, citations, cases, guides, confidence, intent, domain, risk } = await lawline.ask(text);
      return { answer, direct, faq, citations, cases, guides, confidence, intent, domain, risk };
    },
    classify: (line) => {
      const { text } = parse(askRequestSchema, line);
      const c = lawline.classify(text);
      return { intent: c.intent, domain: c.domain, confidence: c.confidence, risk: c.risk, entities: c.entities };
    },
    eligibility: (line) => {
      const { id: _id, ...result } = lawline.eligibility(line);
      return result;
    },
    // The same results, in the same shape, as POST /api/v1/search.
    search: (line) => searchResults(lawline, parse(searchRequestSchema, line)),
  };
}
