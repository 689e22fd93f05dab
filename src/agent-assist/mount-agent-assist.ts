/**
 * @module agent-assist/mount-agent-assist
 * Puts the hotline console on an app: the staff API under `/api/v1` and the static page at `/agent`.
 */
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { AccountStore } from '../accounts/account-store.js';
import { authenticate } from '../http/require-role.js';
import type { Lawline } from '../assistant/lawline.js';
import { PATHS } from '../config/paths.js';
import { assistRoutes } from './assist-routes.js';

/** Folder of the console page (index.html, agent.js, agent.css). */
export const AGENT_PAGE_DIR = join(PATHS.publicDir, 'agent');

// The page loads only its own files and talks only to this server; nobody may frame it (clickjacking).
const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Mounts the console; call before the app's 404 handler.
 * @example mountAgentAssist(app, lawline, state.accounts)
 */
export function mountAgentAssist(app: Express, lawline: Lawline, accounts: AccountStore): void {
  app.use('/api/v1', authenticate(accounts), assistRoutes(lawline));
  app.use(
    '/agent',
    (_req, res, next) => {
      res.set(PAGE_HEADERS);
      next();
    },
    express.static(AGENT_PAGE_DIR, { index: 'index.html', maxAge: 0 }),
  );
}
