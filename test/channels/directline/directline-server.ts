/**
 * The real lawline server (shared test assistant, a throwaway state directory) on an ephemeral port, with the
 * Direct Line websocket streams attached. Used by the protocol tests and the browser test.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { attachDirectLineSockets, directLineChannelOf, type DirectLineChannel } from '../../../src/channels/directline/index.js';
import { closeApp, createApp } from '../../../src/server/app.js';
import { openLawlineState, type LawlineState } from '../../../src/server/lawline-state.js';
import { testConfig, testLawline } from '../../support/lawline.js';

export interface RunningServer {
  base: string;
  domain: string;
  app: Express;
  state: LawlineState;
  channel: DirectLineChannel;
  stateDir: string;
  close(): Promise<void>;
}

/** Starts the server; pass the `stateDir` of a stopped server to test a restart. */
export async function startServer(stateDir = mkdtempSync(join(tmpdir(), 'lawline-dl-'))): Promise<RunningServer> {
  const state = await openLawlineState(testConfig({ LAWLINE_STATE_DIR: stateDir }));
  const app = await createApp(testLawline(), state);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const closeSockets = attachDirectLineSockets(server, app);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    domain: `${base}/v3/directline`,
    app,
    state,
    channel: directLineChannelOf(app)!,
    stateDir,
    async close() {
      closeSockets();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeApp(app);
      await state.close();
    },
  };
}
