/**
 * The express app on an ephemeral port over the shared test assistant, with its state database (accounts,
 * pre-applications) in a fresh temp dir given through LAWLINE_STATE_DIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountStore, type AccountStore } from '../../src/accounts/account-store.js';
import type { Role } from '../../src/accounts/account-schema.js';
import { createApp } from '../../src/server/app.js';
import { createPreapplicationStore, type PreapplicationStore } from '../../src/preapplication/preapplication-store.js';
import { openDatabase, type Db } from '../../src/storage/database.js';
import { testConfig, testLawline } from '../support/lawline.js';

export interface HttpHarness {
  base: string;
  /** Second handles on the app's state database, for seeding and checking. */
  accounts: AccountStore;
  preapplications: PreapplicationStore;
  request(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }>;
  addUser(username: string, role: Role): Promise<string>;
  close(): Promise<void>;
}

export async function startHttp(): Promise<HttpHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'lawline-http-'));
  const lawline = { ...testLawline(), config: testConfig({ LAWLINE_STATE_DIR: dir }) };
  const server: Server = createApp(lawline).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const db: Db = openDatabase(dir, 'lawline');
  const accounts = createAccountStore(db);
  const h: HttpHarness = {
    base,
    accounts,
    preapplications: createPreapplicationStore(db),
    async request(method, path, body, token) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      return { status: res.status, body: await res.json(), headers: res.headers };
    },
    async addUser(username, role) {
      await accounts.addUser({ username, password: `${username}-password`, role });
      const res = await h.request('POST', '/api/v1/auth/login', { username, password: `${username}-password` });
      return res.body.token as string;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
