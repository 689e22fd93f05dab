/**
 * The real app on an ephemeral port over the shared test assistant, with its state database (accounts) in a
 * fresh temp dir, and staff users created through the account store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../src/accounts/account-schema.js';
import { closeApp, createApp } from '../../src/server/app.js';
import { openLawlineState, type LawlineState } from '../../src/server/lawline-state.js';
import { testConfig, testLawline } from '../support/lawline.js';

export interface AssistServer {
  base: string;
  state: LawlineState;
  /** Adds a user with password `<username>-password` and returns its login token. */
  addUser(username: string, role: Role): Promise<string>;
  post(path: string, body: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startAssistServer(): Promise<AssistServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lawline-assist-'));
  const lawline = { ...testLawline(), config: testConfig({ LAWLINE_STATE_DIR: dir }) };
  const state = await openLawlineState(lawline.config);
  const app = await createApp(lawline, state);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post: AssistServer['post'] = async (path, body, token) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(base + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: await res.json(), headers: res.headers };
  };
  return {
    base,
    state,
    post,
    async addUser(username, role) {
      const password = `${username}-password`;
      await state.accounts.addUser({ username, password, role });
      const res = await post('/api/v1/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status}`);
      return res.body.token as string;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeApp(app);
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
