/**
 * @module staff-data/audit-routes
 * `GET /api/v1/audit?actor=&action=&from=&to=&limit=&offset=` (admin): staff actions from every audit table.
 */
import { Router } from 'express';
import { requireRole } from '../http/require-role.js';
import type { AuditRepository } from '../storage/repositories/audit-repository.js';
import { listAudit } from './audit-log.js';

/** Mount under /api/v1 after `authenticate`. */
export function auditRoutes(repo: AuditRepository): Router {
  const router = Router();
  router.get('/audit', requireRole('admin'), async (req, res) => {
    res.json(await listAudit(repo, req.query));
  });
  return router;
}
