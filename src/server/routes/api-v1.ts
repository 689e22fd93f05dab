/**
 * @module server/routes/api-v1
 * The citizen-facing JSON API: ask, classify, search and eligibility.
 */
import { Router } from 'express';
import type { Lawline } from '../../assistant/lawline.js';
import type { Region } from '../../config/region.js';
import { checkEligibility } from '../../eligibility/check-eligibility.js';
import type { ServiceLog } from '../../stats/service-log.js';
import { askRequestSchema, classifyRequestSchema, searchRequestSchema } from '../../assistant/requests.js';
import { searchResults } from '../../assistant/search-results.js';
import { InputError } from '../../errors.js';
import { parseBody } from '../../http/parse-body.js';

export interface ApiV1Options {
  /** The region with the hardship standard staff set (read per check, so a change applies at once). */
  region?: () => Promise<Region>;
  /** Where eligibility checks are counted for the overview. */
  serviceLog?: ServiceLog;
}

export function apiV1Routes(lawline: Lawline, options: ApiV1Options = {}): Router {
  const router = Router();

  router.post('/ask', async (req, res) => {
    const { text } = parseBody(askRequestSchema, req.body);
    res.json(await lawline.ask(text));
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
