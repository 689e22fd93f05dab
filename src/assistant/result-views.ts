/**
 * @module assistant/result-views
 * What `ask` and `classify` return to the outside, defined once: `POST /api/v1/ask` and `/classify` answer with
 * these, and the CLI's `ask` and `classify` lines carry the same fields (plus the line's `id`). Search has its own
 * shared mapper (search-results.ts).
 */
import type { AskResult } from './ask.js';
import type { Classification } from './classification.js';

/** An answer as every interface shows it. */
export function askView(r: AskResult): AskResult {
  const { answer, direct, faq, citations, cases, guides, confidence, intent, domain, risk, clarification } = r;
  return { answer, direct, faq, citations, cases, guides, confidence, intent, domain, risk, ...(clarification ? { clarification } : {}) };
}

/** A classification as every interface shows it. */
export function classifyView(c: Classification): Classification {
  const { intent, domain, confidence, domainConfidence, risk, entities, alternatives } = c;
  return { intent, domain, confidence, domainConfidence, risk, entities, alternatives };
}
