/**
 * The real app on an ephemeral loopback port over the shared test assistant, with a fresh state database (and second
 * handles on it for seeding and checking), a duty roster and helpers for staff logins and a Direct Line citizen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import type { AccountStore } from '../../src/accounts/account-store.js';
import type { Role } from '../../src/accounts/account-schema.js';
import { closeApp, createApp } from '../../src/server/app.js';
import type { PreapplicationStore } from '../../src/preapplication/preapplication-store.js';
import { openLawlineState, type LawlineState } from '../../src/server/lawline-state.js';
import { testConfig, testLawline } from './lawline.js';

export interface ServerHarness {
  base: string;
  app: Express;
  accounts: AccountStore;
  preapplications: PreapplicationStore;
  state: LawlineState;
  /** A string body is sent as it is (for malformed JSON); anything else as JSON. */
  request(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }>;
  login(username: string, role: Role): Promise<string>;
  close(): Promise<void>;
}

export const DUTY_LAWYER = {
  username: 'duty1', name: '陈值班', licence: '14418201810000001', firm: '清远测试律师事务所',
  topics: ['*'], counties: ['*'], languages: ['mandarin', 'cantonese'], capacity: 3, shifts: 'mon-sun 00:00-24:00',
};

/** `overrides` are extra configuration (e.g. the WECHAT_* variables). */
export async function startServer(overrides: Record<string, string> = {}): Promise<ServerHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'lawline-server-'));
  const lawline = { ...testLawline(), config: testConfig({ LAWLINE_STATE_DIR: dir, ...overrides }) };
  const state = await openLawlineState(lawline.config);
  const app = await createApp(lawline, state);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = state.accounts;
  const h: ServerHarness = {
    base,
    app,
    accounts,
    preapplications: state.preapplications,
    state,
    async request(method, path, body, token) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    async login(username, role) {
      await accounts.addUser({ username, password: `${username}-password`, role });
      const res = await h.request('POST', '/api/v1/auth/login', { username, password: `${username}-password` });
      return res.body.token as string;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeApp(app);
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** A citizen on the real Direct Line endpoints: `say` posts a message and returns the bot's new messages. */
export async function directLineCitizen(h: ServerHarness) {
  const started = await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
  let watermark: string | undefined;
  const auth = { authorization: `Bearer ${token}` };
  const userId = `dl_${conversationId}`;
  const citizen = {
    conversationId,
    /** Activities from the bot (and relayed lawyer messages) since the last read. */
    async read(): Promise<Array<{ type: string; text?: string; name?: string; value?: any; from: { id: string } }>> {
      const res = await fetch(`${h.base}/v3/directline/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, { headers: auth });
      const body = (await res.json()) as { activities: any[]; watermark: string };
      watermark = body.watermark;
      return body.activities.filter((a) => a.from.id !== userId && a.from.role !== 'user');
    },
    async say(text: string) {
      const res = await fetch(`${h.base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, from: { id: userId } }),
      });
      if (res.status !== 200) throw new Error(`directline post: ${res.status} ${await res.text()}`);
      return citizen.read();
    },
  };
  await citizen.read(); // the greeting
  return citizen;
}
