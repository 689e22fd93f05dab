import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHarness } from '../support/server-harness.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer();
  await h.accounts.addUser({ username: 'agent1', password: 'agent-password', role: 'agent' });
});
afterAll(() => h.close());

describe('POST /api/v1/auth/login', () => {
  it('returns a token, the role and the expiry for good credentials', async () => {
    const res = await h.request('POST', '/api/v1/auth/login', { username: 'agent1', password: 'agent-password' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token: expect.stringMatching(/^[\w-]{40,}$/), role: 'agent', expiresAt: expect.any(String) });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('answers 401 for a wrong password or an unknown user, with the same message', async () => {
    const wrong = await h.request('POST', '/api/v1/auth/login', { username: 'agent1', password: 'not-the-password' });
    const unknown = await h.request('POST', '/api/v1/auth/login', { username: 'ghost', password: 'agent-password' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error).toBe(unknown.body.error);
  });

  it('answers 400 for a body that is not {username, password}', async () => {
    expect((await h.request('POST', '/api/v1/auth/login', { username: 'agent1' })).body.error).toMatch(/password/);
    expect((await h.request('POST', '/api/v1/auth/login', { username: 'agent1', password: 5 })).status).toBe(400);
    expect((await h.request('POST', '/api/v1/auth/login', '[1]')).status).toBe(400);
    expect((await h.request('POST', '/api/v1/auth/login', '{oops')).status).toBe(400);
  });
});

describe('requireRole on staff routes', () => {
  const path = '/api/v1/preapplications/LA-20261126-0001';

  it('answers 401 without a token and with an invalid one', async () => {
    const none = await h.request('GET', path);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await h.request('GET', path, undefined, 'made-up-token')).status).toBe(401);
  });

  it('answers 403 for a role that may not use the route, and lets agents and admins through', async () => {
    const lawyer = await h.login('lawyer1', 'lawyer');
    const admin = await h.login('admin1', 'admin');
    const forbidden = await h.request('GET', path, undefined, lawyer);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatch(/lawyer/);
    expect((await h.request('GET', path, undefined, admin)).status).toBe(404); // through the guard; no such record
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('revokes the token it is called with, and needs a valid one', async () => {
    const token = await h.login('agent-logout', 'agent');
    const path = '/api/v1/preapplications/LA-20261126-0002';
    expect((await h.request('GET', path, undefined, token)).status).toBe(404);
    expect((await h.request('POST', '/api/v1/auth/logout', undefined, token)).status).toBe(200);
    expect((await h.request('GET', path, undefined, token)).status).toBe(401);
    expect((await h.request('POST', '/api/v1/auth/logout', undefined, token)).status).toBe(401);
    expect((await h.request('POST', '/api/v1/auth/logout')).status).toBe(401);
  });
});
