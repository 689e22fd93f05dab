/**
 * @module staff-data/staff-data-routes
 * The hardship standard staff keep: `GET /api/v1/region/hardship-standard` (admin, supervisor) and `PUT` (admin).
 */
import { Router } from 'express';
import type { Logger } from '../logging/logger.js';
import { parseBody } from '../http/parse-body.js';
import { currentAccount, requireRole } from '../http/require-role.js';
import { hardshipStandardRequestSchema, type HardshipStandards } from './hardship-standard.js';

/** Mount under /api/v1 after `authenticate`. */
export function staffDataRoutes(standards: HardshipStandards, log: Logger): Router {
  const router = Router();
  router.get('/region/hardship-standard', requireRole('admin', 'supervisor'), async (_req, res) => {
    res.json({ standard: await standards.current() });
  });
  router.put('/region/hardship-standard', requireRole('admin'), async (req, res) => {
    const body = parseBody(hardshipStandardRequestSchema, req.body);
    const actor = currentAccount(res).username;
    const { standard, previous } = await standards.set(body, actor);
    log.info('hardship standard set', { actor, year: standard.year, previousYear: previous?.year ?? null });
    res.json({ standard, previous });
  });
  return router;
}
