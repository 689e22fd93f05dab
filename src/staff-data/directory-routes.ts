/**
 * @module staff-data/directory-routes
 * The service directory staff keep: `GET /api/v1/directory` (admin, supervisor) and
 * `PUT /api/v1/directory/offices/:id` (admin; creates or replaces an office).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { parseBody } from '../http/parse-body.js';
import { currentAccount, requireRole } from '../http/require-role.js';
import type { ServiceDirectory } from './service-directory.js';

const anyObject = z.object({}).passthrough();

/** Mount under /api/v1 after `authenticate`. */
export function directoryRoutes(directory: ServiceDirectory, log: Logger): Router {
  const router = Router();
  router.get('/directory', requireRole('admin', 'supervisor'), async (_req, res) => {
    res.json(await directory.list());
  });
  router.put('/directory/offices/:id', requireRole('admin'), async (req, res) => {
    const actor = currentAccount(res).username;
    const { office, previous, created } = await directory.put(String(req.params.id), parseBody(anyObject, req.body), actor);
    log.info('office edited', { actor, id: office.id, created });
    res.status(created ? 201 : 200).json({ office, previous });
  });
  return router;
}
