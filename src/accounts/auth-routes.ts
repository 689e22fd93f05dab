/**
 * @module accounts/auth-routes
 * `POST /auth/login {username, password}` → `{token, role, expiresAt}`; 401 on bad credentials, 429 with
 * Retry-After while the account is locked or the client has failed too often (login-throttle.ts).
 * `POST /auth/logout` (bearer) revokes that token, so a shared hotline computer cannot reuse it.
 */
import { Router } from 'express';
import type { Logger } from '../logging/logger.js';
import { parseBody } from '../http/parse-body.js';
import { TooManyRequestsError, UnauthenticatedError } from '../errors.js';
import { loginRequestSchema } from './account-schema.js';
import { LoginThrottle } from './login-throttle.js';
import type { AccountStore } from './account-store.js';

/** The login route, to mount under `/api/v1`. */
export function authRoutes(store: AccountStore, log: Logger, throttle = new LoginThrottle(), now: () => number = Date.now): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { username, password } = parseBody(loginRequestSchema, req.body);
    const ip = req.ip ?? 'unknown';
    const refusal = throttle.check(username, ip, now());
    if (refusal) {
      log.warn('login refused', { username, ip, reason: refusal.reason });
      res.set('Retry-After', String(Math.ceil(refusal.retryAfterMs / 1000)));
      throw new TooManyRequestsError('too many failed logins, retry later');
    }
    const issued = await store.login(username, password);
    if (!issued) {
      const lock = throttle.failed(username, ip, now());
      log.warn('login failed', { username, ip, ...(lock ? { lockedForMs: lock.lockedForMs } : {}) });
      throw new UnauthenticatedError('invalid username or password');
    }
    throttle.succeeded(username);
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
