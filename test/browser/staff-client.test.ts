/**
 * The staff client shared by the 12348 and duty-lawyer consoles (public/staff/client.js), imported as it is and
 * run in Node over a stub fetch and sessionStorage: the token goes out as a bearer, a refused token ends the
 * session once, a login of a role the console does not keep is not saved, and GET /api/v1/meta is fetched once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createStaffClient, loadMeta, request } from '../../public/staff/client.js';

type Reply = { status: number; body?: unknown };
let calls: { url: string; method: string; headers: Record<string, string>; body?: string }[];
let replies: Reply[];

beforeEach(() => {
  calls = [];
  replies = [];
  const store = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  vi.stubGlobal('fetch', async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
    calls.push({ url, method: init.method, headers: init.headers, body: init.body });
    const r = replies.shift() ?? { status: 200, body: {} };
    return new Response(r.body === undefined ? 'not json' : JSON.stringify(r.body), { status: r.status });
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('staff client', () => {
  it('logs in, keeps the token per console and sends it as a bearer', async () => {
    const expired = vi.fn();
    const client = createStaffClient({ name: 'agent', onExpired: expired });
    replies.push({ status: 200, body: { token: 't1', role: 'agent' } }, { status: 200, body: { ok: 1 } });
    expect((await client.login(' agent7 ', 'pw')).status).toBe(200);
    expect(calls[0]).toMatchObject({ url: '/api/v1/auth/login', method: 'POST', body: JSON.stringify({ username: ' agent7 ', password: 'pw' }) });
    expect(calls[0]!.headers.authorization).toBeUndefined();
    expect(sessionStorage.getItem('lawline.agent.token')).toBe('t1');
    expect(client.session.user).toBe('agent7');
    expect(await client.json('POST', '/assist', { text: 'x' })).toEqual({ ok: 1 });
    expect(calls[1]!.headers).toMatchObject({ authorization: 'Bearer t1', 'content-type': 'application/json' });
    expect(expired).not.toHaveBeenCalled();
  });

  it('does not keep a login of a role the console is not for', async () => {
    const client = createStaffClient({ name: 'lawyer', roles: ['lawyer', 'admin'], onExpired: () => {} });
    replies.push({ status: 200, body: { token: 't2', role: 'agent' } });
    const res = await client.login('agent7', 'pw');
    expect(res.data.role).toBe('agent');
    expect(client.session.token).toBeNull();
  });

  it('ends the session when the server refuses the token, and rejects', async () => {
    const expired = vi.fn();
    const client = createStaffClient({ name: 'lawyer', onExpired: expired });
    client.session.save('old', 'lawyer1');
    replies.push({ status: 401, body: { error: 'token expired' } });
    await expect(client.call('GET', '/handoff/queue')).rejects.toMatchObject({ status: 401, message: 'token expired' });
    expect(expired).toHaveBeenCalledTimes(1);
    expect(client.session.token).toBeNull();
    // Without a token a 401 is just an answer (a wrong password, say).
    replies.push({ status: 401 });
    expect(await client.call('GET', '/handoff/queue')).toEqual({ status: 401, ok: false, data: {} });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('answers other statuses from call, and rejects them from json with the server message', async () => {
    const client = createStaffClient({ name: 'agent', onExpired: () => {} });
    replies.push({ status: 409, body: { error: 'busy' } }, { status: 403, body: { error: 'forbidden' } }, { status: 500 });
    expect(await client.call('POST', '/x')).toEqual({ status: 409, ok: false, data: { error: 'busy' } });
    const refused = await client.json('GET', '/y').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, message: 'forbidden' });
    await expect(request('GET', '/z')).resolves.toEqual({ status: 500, ok: false, data: {} });
  });

  it('fetches GET /api/v1/meta once, and again after a failure', async () => {
    replies.push({ status: 503, body: { error: 'starting' } }, { status: 200, body: { lowConfidence: 0.35, intents: {}, topics: [] } });
    await expect(loadMeta()).rejects.toMatchObject({ status: 503 });
    expect((await loadMeta()).lowConfidence).toBe(0.35);
    expect((await loadMeta()).lowConfidence).toBe(0.35);
    expect(calls.filter((c) => c.url === '/api/v1/meta')).toHaveLength(2);
  });
});
