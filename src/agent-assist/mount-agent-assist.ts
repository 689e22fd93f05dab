/**
 * @module agent-assist/mount-agent-assist
 * Puts the hotline console on an app: the staff API under `/api/v1`, the static page at `/agent` and the staff
 * client modules it imports at `/staff`.
 */
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { AccountStore } from '../accounts/account-store.js';
import { authenticate } from '../http/require-role.js';
import type { Runtime } from '../assistant/services.js';
import type { AssistServices } from './assist-service.js';
import { PATHS } from '../config/paths.js';
import { assistRoutes } from './assist-routes.js';

/** Folder of the console page (index.html, agent.js, agent.css). */
export const AGENT_PAGE_DIR = join(PATHS.publicDir, 'agent');
/** The staff client modules the page imports (shared with the /lawyer console). */
const STAFF_CLIENT_DIR = join(PATHS.publicDir, 'staff');

/**
 * Mounts the console; call before the app's 404 handler.
 * @example mountAgentAssist(app, lawline, state.accounts)
 */
export function mountAgentAssist(app: Express, lawline: AssistServices & Pick<Runtime, 'log'>, accounts: AccountStore): void {
  app.use('/api/v1', authenticate(accounts), assistRoutes(lawline));
  app.use(
    // Its security headers (a strict CSP, no framing) are the server's, as for every staff page.
    '/agent',
    express.static(AGENT_PAGE_DIR, { index: 'index.html', maxAge: 0 }),
  );
  // As fresh as the page that imports them: a new page must not link against an older cached module.
  app.use('/staff', express.static(STAFF_CLIENT_DIR, { maxAge: 0 }));
}
