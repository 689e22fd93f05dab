/**
 * @module handoff/mount-handoff
 * Puts the hand-off module on the express app: the API under /api/v1, the lawyer console at /lawyer, and the
 * one-second tick. Channel adapters join with `handoff.attach(adapter, channelId)`.
 */
import express, { type Express } from 'express';
import type { AccountStore } from '../accounts/account-store.js';
import { authenticate } from '../http/require-role.js';
import type { Recogniser, RegionFacts, Runtime } from '../assistant/services.js';
import type { SqlClient } from '../storage/sql-client.js';
import { handoffRoutes, LAWYER_CONSOLE_DIR } from './handoff-routes.js';
import { createHandoffService, type HandoffService } from './handoff-service.js';

const mounted = new WeakMap<Express, HandoffService>();

/**
 * @example const handoff = await mountHandoff(app, { lawline, sql: state.sql, accounts: state.accounts });
 */
export async function mountHandoff(app: Express, parts: { lawline: Pick<RegionFacts, 'region'> & Pick<Runtime, 'log'> & Pick<Recogniser, 'recognise'>; sql: SqlClient; accounts: AccountStore }): Promise<HandoffService> {
  const { lawline, sql, accounts } = parts;
  const service = await createHandoffService({ sql, region: lawline.region, log: lawline.log, recognise: lawline.recognise });
  app.use('/api/v1', authenticate(accounts), handoffRoutes(service, lawline.log));
  app.use('/lawyer', express.static(LAWYER_CONSOLE_DIR, { maxAge: '10m' }));
  service.start();
  mounted.set(app, service);
  return service;
}

/** The hand-off module mounted on `app` (for tests and tools), if any. */
export function handoffOf(app: Express): HandoffService | undefined {
  return mounted.get(app);
}
