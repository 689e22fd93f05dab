/**
 * @module agent-assist/assist-routes
 * Staff routes of the hotline console, for agents and admins only:
 * `POST /assist {text}` → {@link AssistResult}; `GET /assist/options` → the quick form's choices.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { requireRole } from '../http/require-role.js';
import type { Runtime } from '../assistant/services.js';
import type { AssistServices } from './assist-service.js';
import { questionText } from '../assistant/requests.js';
import { parseBody } from '../http/parse-body.js';
import { assist, assistOptions } from './assist-service.js';

/** Body of `POST /api/v1/assist`; unknown keys are refused so a misspelt field is not silently ignored. */
export const assistRequestSchema = z.object({ text: questionText }).strict();

// Suggestions carry what a caller said: never let a proxy or the browser cache them.
const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

/** The console's API, to mount under `/api/v1` after `authenticate(accounts)`. */
export function assistRoutes(lawline: AssistServices & Pick<Runtime, 'log'>): Router {
  const router = Router();
  const staff = requireRole('agent', 'admin');

  router.post('/assist', staff, async (req, res) => {
    const { text } = parseBody(assistRequestSchema, req.body);
    const result = await assist(lawline, text);
    // Log the classification only; the caller's words may hold personal data.
    lawline.log.debug('assist', { intent: result.intent, domain: result.domain, risk: result.risk });
    noStore(res).json(result);
  });

  router.get('/assist/options', staff, (_req, res) => {
    noStore(res).json(assistOptions(lawline));
  });

  return router;
}
