/**
 * @module preapplication/preapplication-routes
 * Staff API (agents and admins): read a pre-application with its history, and change its status.
 * Invalid transitions answer 409 and name the allowed next statuses.
 */
import { Router } from 'express';
import { currentAccount, requireRole } from '../http/require-role.js';
import type { Logger } from '../logging/logger.js';
import { parseBody } from '../http/parse-body.js';
import { ConflictError, InputError, NotFoundError } from '../errors.js';
import { statusChangeSchema } from './preapplication-schema.js';
import type { PreapplicationStore } from './preapplication-store.js';
import { REFERENCE_PATTERN } from './reference-number.js';
import { nextStatuses } from './status.js';

function reference(raw: unknown): string {
  const ref = String(raw ?? '').toUpperCase();
  if (!REFERENCE_PATTERN.test(ref)) throw new InputError('ref: expected a reference number like LA-20261126-4821');
  return ref;
}

/** Routes to mount under `/api/v1` after `authenticate(accounts)`. */
export function preapplicationRoutes(store: PreapplicationStore, log: Logger): Router {
  const router = Router();
  const staff = requireRole('agent', 'admin');

  router.get('/preapplications/:ref', staff, async (req, res) => {
    const record = await store.get(reference(req.params.ref));
    if (!record) throw new NotFoundError('pre-application not found');
    res.json(record);
  });

  router.put('/preapplications/:ref/status', staff, async (req, res) => {
    const ref = reference(req.params.ref);
    const { status, note } = parseBody(statusChangeSchema, req.body);
    const actor = currentAccount(res).username;
    const result = await store.changeStatus(ref, status, actor, note);
    if (!result.ok && result.reason === 'not_found') throw new NotFoundError('pre-application not found');
    if (!result.ok) {
      const allowed = nextStatuses(result.from);
      const hint = allowed.length ? `allowed: ${allowed.join(', ')}` : `"${result.from}" is final`;
      throw new ConflictError(`status: cannot change from "${result.from}" to "${status}" (${hint})`);
    }
    log.info('pre-application status changed', { reference: ref, status, actor });
    res.json(result.record);
  });

  return router;
}
