/**
 * @module accounts/auth-routes
 * `POST /auth/login {username, password}` → `{token, role, expiresAt}`; 401 on bad credentials.
 * `POST /auth/logout` (bearer) revokes that token, so a shared hotline computer cannot reuse it.
 */
import { Router } from 'express';
import type { Logger } from '../logging/logger.js';
import { parseBody } from '../http/parse-body.js';
import { UnauthenticatedError } from '../errors.js';
import { loginRequestSchema } from './account-schema.js';
import type { AccountStore } from './account-store.js';

/** The login route, to mount under `/api/v1`. */
export function authRoutes(store: AccountStore, log: Logger): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { username, password } = parseBody(loginRequestSchema, req.body);
    const issued = await store.login(username, password);
    if (!issued) {
      log.warn('login failed', { username });
      throw new UnauthenticatedError('invalid username or password');
    }
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
