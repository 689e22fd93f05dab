/**
 * @module server/routes/api-v1
 * The citizen-facing JSON API: ask, classify, search and eligibility; the labels the consoles show (meta).
 */
import { Router } from 'express';
import { LOW_CONFIDENCE } from '../../assistant/ask.js';
import type { Answerer, EligibilityChecker, Recogniser, Searcher } from '../../assistant/services.js';
import type { Region } from '../../config/region.js';
import { checkEligibility } from '../../eligibility/check-eligibility.js';
import type { ServiceLog } from '../../stats/service-log.js';
import { askRequestSchema, classifyRequestSchema, searchRequestSchema } from '../../assistant/requests.js';
import { searchResults } from '../../assistant/search-results.js';
import { InputError } from '../../errors.js';
import { parseBody } from '../../http/parse-body.js';
import { TOPIC_LABELS } from '../../vocabulary.js';
import { MAX_MESSAGE_CHARS } from '../../config/limits.js';
import { DECISION_LABELS, MEANS_TEST_LABELS } from '../../eligibility/messages-zh.js';
import { CHANNEL_LABELS, LANGUAGE_LABELS, PRIORITY_LABELS } from '../../handoff/console-labels-zh.js';
import type { ReviewQueue } from '../../upkeep/review-queue.js';
import { unsureAnswer, UPKEEP_REASON_LABELS } from '../../upkeep/upkeep-reasons.js';
import { EDIT_KIND_LABELS } from '../../upkeep/edit-docs.js';

export interface ApiV1Options {
  /** The region with the hardship standard staff set (read per check, so a change applies at once). */
  region?: () => Promise<Region>;
  /** Where eligibility checks are counted for the overview. */
  serviceLog?: ServiceLog;
  /** Where questions the assistant was unsure of go for staff to review (knowledge upkeep). */
  upkeep?: Pick<ReviewQueue, 'signal'>;
}

export function apiV1Routes(lawline: Answerer & Recogniser & Searcher & EligibilityChecker, options: ApiV1Options = {}): Router {
  const router = Router();

  // The labels and the threshold the staff consoles show, from their one definition here (not secret: no login).
  router.get('/meta', (_req, res) => {
    res.json({
      lowConfidence: LOW_CONFIDENCE, maxMessageChars: MAX_MESSAGE_CHARS, intents: Object.fromEntries(lawline.intentLabels), topics: TOPIC_LABELS,
      labels: {
        priority: PRIORITY_LABELS, decision: DECISION_LABELS, meansTest: MEANS_TEST_LABELS, language: LANGUAGE_LABELS, channel: CHANNEL_LABELS,
        upkeepReason: UPKEEP_REASON_LABELS, upkeepEdit: EDIT_KIND_LABELS,
      },
    });
  });

  router.post('/ask', async (req, res) => {
    const { text } = parseBody(askRequestSchema, req.body);
    const result = await lawline.ask(text);
    res.json(result);
    // After the answer is sent, and never failing it (signal logs its own errors).
    if (options.upkeep && unsureAnswer(result)) void options.upkeep.signal({ reason: 'unanswered', question: text, channelId: 'api' });
  });

  router.post('/classify', (req, res) => {
    const { text } = parseBody(classifyRequestSchema, req.body);
    res.json(lawline.classify(text));
  });

  router.post('/search', (req, res) => {
    res.json(searchResults(lawline, parseBody(searchRequestSchema, req.body)));
  });

  router.post('/eligibility', async (req, res) => {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw new InputError('request body must be a JSON object');
    // An invalid input throws an EligibilityInputError, an InputError: the error handler answers 400.
    const result = options.region ? checkEligibility(req.body, await options.region()) : lawline.eligibility(req.body);
    await options.serviceLog?.eligibilityCheck({
      channelId: 'api', conversationId: null, county: result.whereToApply.county, decision: result.decision, meansTest: result.meansTest,
    });
    res.json(result);
  });

  return router;
}
