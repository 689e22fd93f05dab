/**
 * @module accounts/auth-routes
 * `POST /auth/login {username, password}` → `{token, role, expiresAt}`; 401 on bad credentials, 429 with
 * Retry-After while the account is locked or the client has failed too often (login-throttle.ts).
 * `POST /auth/logout` (bearer) revokes that token, so a shared hotline computer cannot reuse it.
 * Every attempt is audited (login-audit.ts) before it is answered.
 */
import { Router } from 'express';
import type { Logger } from '../logging/logger.js';
import { parseBody } from '../http/parse-body.js';
import { TooManyRequestsError, UnauthenticatedError } from '../errors.js';
import { loginRequestSchema } from './account-schema.js';
import { LoginThrottle } from './login-throttle.js';
import type { AccountStore } from './account-store.js';
import type { LoginAudit } from './login-audit.js';

export interface AuthRouteOptions {
  /** Where login attempts are audited; not audited when omitted. */
  audit?: LoginAudit;
  throttle?: LoginThrottle;
  now?: () => number;
}

/** The login route, to mount under `/api/v1`. */
export function authRoutes(store: AccountStore, log: Logger, { audit, throttle = new LoginThrottle(), now = Date.now }: AuthRouteOptions = {}): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { username, password } = parseBody(loginRequestSchema, req.body);
    const ip = req.ip ?? 'unknown';
    const refusal = throttle.check(username, ip, now());
    if (refusal) {
      log.warn('login refused', { username, ip, reason: refusal.reason });
      await audit?.record({ username, event: 'refused', ip, reason: refusal.reason, retryAfterMs: refusal.retryAfterMs });
      res.set('Retry-After', String(Math.ceil(refusal.retryAfterMs / 1000)));
      throw new TooManyRequestsError('too many failed logins, retry later');
    }
    const issued = await store.login(username, password);
    if (!issued) {
      const lock = throttle.failed(username, ip, now());
      log.warn('login failed', { username, ip, ...(lock ? { lockedForMs: lock.lockedForMs } : {}) });
      await audit?.record(lock ? { username, event: 'locked', ip, lockedForMs: lock.lockedForMs } : { username, event: 'failure', ip });
      throw new UnauthenticatedError('invalid username or password');
    }
    throttle.succeeded(username);
    await audit?.record({ username: issued.account.username, event: 'success', ip });
    log.info('login', { username: issued.account.username, role: issued.account.role });
    res.json({ token: issued.token, role: issued.account.role, expiresAt: issued.expiresAt });
  });
  router.post('/auth/logout', async (req, res) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !(await store.authenticate(token))) throw new UnauthenticatedError('a valid bearer token is required');
    await store.revoke(token);
    res.json({ loggedOut: true });
  });
  return router;
}
