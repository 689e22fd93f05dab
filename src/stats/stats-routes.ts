/**
 * @module stats/stats-routes
 * `GET /api/v1/stats/overview?from=&to=&county=` for admins and supervisors (who may read nothing else).
 */
import { Router } from 'express';
import type { Region } from '../config/region.js';
import { requireRole } from '../http/require-role.js';
import { statsOverview, type OverviewDeps } from './overview.js';
import { overviewQuery } from './overview-query.js';

/** Mount under /api/v1 after `authenticate`. */
export function statsRoutes(deps: OverviewDeps, region: Region): Router {
  const router = Router();
  router.get('/stats/overview', requireRole('admin', 'supervisor'), async (req, res) => {
    res.json(await statsOverview(deps, overviewQuery(req.query, region)));
  });
  return router;
}
