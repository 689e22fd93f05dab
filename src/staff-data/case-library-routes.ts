/**
 * @module staff-data/case-library-routes
 * The case library staff keep: `GET /api/v1/cases` (admin, supervisor), `POST /api/v1/cases` and
 * `PUT /api/v1/cases/:id` (admin).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { parseBody } from '../http/parse-body.js';
import { currentAccount, requireRole } from '../http/require-role.js';
import type { StaffCaseLibrary } from './case-library.js';

const anyObject = z.object({}).passthrough();

/** Mount under /api/v1 after `authenticate`. */
export function caseLibraryRoutes(library: StaffCaseLibrary, log: Logger): Router {
  const router = Router();
  router.get('/cases', requireRole('admin', 'supervisor'), async (_req, res) => {
    res.json(await library.list());
  });
  router.post('/cases', requireRole('admin'), async (req, res) => {
    const actor = currentAccount(res).username;
    const saved = await library.add(parseBody(anyObject, req.body), actor);
    log.info('case added', { actor, id: saved.id, year: saved.year });
    res.status(201).json({ case: saved });
  });
  router.put('/cases/:id', requireRole('admin'), async (req, res) => {
    const actor = currentAccount(res).username;
    const result = await library.update(String(req.params.id), parseBody(anyObject, req.body), actor);
    log.info('case edited', { actor, id: result.case.id });
    res.json(result);
  });
  return router;
}
