/**
 * @module http/require-role
 * Express middleware for staff routes: `authenticate(store)` reads the bearer token once per request, and
 * `requireRole(...roles)` answers 401 without a valid token and 403 for a role that may not use the route.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Account, Role } from '../accounts/account-schema.js';
import type { AccountStore } from '../accounts/account-store.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

const ACCOUNT = 'lawlineAccount';

/** Reads `Authorization: Bearer <token>` and remembers the account (or nothing) for {@link requireRole}. */
export function authenticate(store: AccountStore): RequestHandler {
  return function authenticateBearer(req: Request, res: Response, next: NextFunction) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match) return next();
    // Several routers authenticate: the token is looked up once per request.
    if (res.locals[ACCOUNT] !== undefined) return next();
    store.authenticate(match[1]!).then((account) => {
      res.locals[ACCOUNT] = account;
      next();
    }, next);
  };
}

/** The signed-in account of this request (after {@link requireRole} passed). */
export function currentAccount(res: Response): Account {
  const account = res.locals[ACCOUNT] as Account | null | undefined;
  if (!account) throw new UnauthenticatedError('authentication required');
  return account;
}

/**
 * Lets the request through only for a signed-in account with one of `roles`.
 * @example router.get('/preapplications/:ref', requireRole('agent', 'admin'), handler)
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return function checkRole(_req: Request, res: Response, next: NextFunction) {
    const account = res.locals[ACCOUNT] as Account | null | undefined;
    if (!account) {
      res.set('WWW-Authenticate', 'Bearer');
      return next(new UnauthenticatedError('a valid bearer token is required'));
    }
    if (!roles.includes(account.role)) return next(new ForbiddenError(`role "${account.role}" may not use this route`));
    next();
  };
}
