/**
 * @module server/routes/api-v1
 * The citizen-facing JSON API: ask, classify, search and eligibility; the labels the consoles show (meta).
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { isUnsureAnswer, LOW_CONFIDENCE } from '../../assistant/ask.js';
import type { Answerer, EligibilityChecker, Recogniser, Searcher } from '../../assistant/services.js';
import type { Region } from '../../config/region.js';
import { checkEligibility } from '../../eligibility/check-eligibility.js';
import { consultationOutcome, countedTopic, isConsultation, type ServiceLog } from '../../stats/service-log.js';
import { askRequestSchema, classifyRequestSchema, searchRequestSchema } from '../../assistant/requests.js';
import { searchResults } from '../../assistant/search-results.js';
import { InputError } from '../../errors.js';
import { parseBody } from '../../http/parse-body.js';
import { TOPIC_LABELS } from '../../vocabulary.js';
import { MAX_MESSAGE_CHARS } from '../../config/limits.js';
import { staffLabels } from './staff-labels.js';
import type { ReviewQueue } from '../../upkeep/review-queue.js';
import { unsureAnswer } from '../../upkeep/upkeep-reasons.js';

export interface ApiV1Options {
  /** The region with the hardship standard staff set (read per check, so a change applies at once). */
  region?: () => Promise<Region>;
  /** Where eligibility checks are counted for the overview. */
  serviceLog?: ServiceLog;
  /** The region's county-level units, for the consoles' county choice. */
  counties?: ReadonlyArray<{ id: string; name: string; short: string }>;
  /** Where questions the assistant was unsure of go for staff to review (knowledge upkeep). */
  upkeep?: Pick<ReviewQueue, 'signal'>;
}

export function apiV1Routes(lawline: Answerer & Recogniser & Searcher & EligibilityChecker, options: ApiV1Options = {}): Router {
  const router = Router();

  // The labels and the threshold the staff consoles show, from their one definition here (not secret: no login).
  router.get('/meta', (_req, res) => {
    res.json({
      lowConfidence: LOW_CONFIDENCE, maxMessageChars: MAX_MESSAGE_CHARS, intents: Object.fromEntries(lawline.intentLabels), topics: TOPIC_LABELS,
      labels: staffLabels(),
      counties: (options.counties ?? []).map(({ id, name, short }) => ({ id, name, short })),
    });
  });

  router.post('/ask', async (req, res) => {
    const { text } = parseBody(askRequestSchema, req.body);
    const result = await lawline.ask(text);
    // Each call is a consultation of its own (the API keeps no conversation), counted under the channel 'api'.
    if (options.serviceLog && isConsultation(result.intent)) {
      await options.serviceLog.consultation({
        channelId: 'api', conversationId: `ask-${randomUUID()}`, intent: result.intent, topic: countedTopic(result.intent, result.domain),
        county: null, risk: result.risk,
        outcome: consultationOutcome({ handedOff: false, clarified: Boolean(result.clarification), unsure: isUnsureAnswer(result) }),
      });
    }
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
